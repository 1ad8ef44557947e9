/** One reader per format; each turns text into `ConfigEntry` rows (entries.ts) and never throws. */
import type { ConfigFormat } from '../../core/analysis';
import type { ReadResult } from './entries';
import { readGin } from './gin';
import { readIni } from './ini';
import { readJson } from './json';
import { readPython } from './python';
import { readShell } from './shell';
import { readToml } from './toml';
import { readYaml } from './yaml';
import { withEmbeddedCommands } from './yaml-commands';
import { withTrailingComments } from './trailing-comments';

/** A setting's trailing comment becomes its help text (`batch_size: 64 # Total training batch size`), as in Python. */
function withComments(text: string, result: ReadResult): ReadResult {
  return { ...result, entries: withTrailingComments(text, result.comments, result.entries) };
}

const READERS: Record<ConfigFormat, ((text: string) => ReadResult) | null> = {
  // Commands written in a YAML file (`run: |`, `script:`, `args:`) are read as the shell scripts they are.
  yaml: (text) => withComments(text, withEmbeddedCommands(text, readYaml(text))),
  json: readJson,
  toml: (text) => withComments(text, readToml(text)),
  python: readPython,
  shell: readShell,
  gin: readGin,
  ini: (text) => withComments(text, readIni(text)),
};

/** Brackets deeper than this are skipped when a reader's recursion overflows the stack on them. */
const MAX_BRACKET_DEPTH = 1_000;

/**
 * The text as the readers see it, same length so every offset stays the editor's: a leading byte-order
 * mark is a blank (JSON parsers reject it; editors hide it), and in YAML a lone CR is a line break as
 * YAML 1.2 says (the `yaml` package reads only LF and CRLF).
 */
function normalised(text: string, format: ConfigFormat): string {
  let out = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (format === 'yaml' && out.includes('\r')) out = out.replace(/\r(?!\n)/g, '\n');
  return out;
}

/**
 * `text` with every bracket pair nested deeper than `maxDepth` blanked (newlines kept), and where the
 * first one starts; null when nothing is that deep. Quoted strings are skipped (`"`, `'`, with `\`
 * escapes in double quotes), so brackets inside them do not count.
 */
export function flattenDeepNesting(text: string, maxDepth = MAX_BRACKET_DEPTH): { text: string; at: number } | null {
  const chars = text.split('');
  let depth = 0;
  let at = -1;
  let blankFrom = -1;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (blankFrom < 0 && (c === '"' || c === "'")) {
      let j = i + 1;
      while (j < chars.length && chars[j] !== c && chars[j] !== '\n') j += c === '"' && chars[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (depth > maxDepth && blankFrom < 0) {
        blankFrom = i;
        if (at < 0) at = i;
      }
    } else if (c === ']' || c === '}') {
      depth--;
      if (blankFrom >= 0 && depth === maxDepth) {
        for (let k = blankFrom; k <= i; k++) if (chars[k] !== '\n') chars[k] = ' ';
        blankFrom = -1;
      }
    }
  }
  if (blankFrom >= 0) for (let k = blankFrom; k < chars.length; k++) if (chars[k] !== '\n') chars[k] = ' ';
  return at < 0 ? null : { text: chars.join(''), at };
}

function overflowed(result: ReadResult | Error): boolean {
  const messages = result instanceof Error ? [result.message] : result.errors.map((e) => e.message);
  return messages.some((m) => /call stack/i.test(m));
}

/**
 * Runs the format's reader; a reader bug becomes a read error on the whole file, never an exception.
 * A file nested too deep for a reader's recursion (10⁵ brackets) is read again with the deep part blanked,
 * so the rest of the file still counts.
 */
export function readFile(text: string, format: ConfigFormat): ReadResult {
  const reader = READERS[format];
  if (!reader) return { entries: [], errors: [{ message: `no ${format} reader`, span: { start: 0, end: 0 } }], comments: [] };
  const attempt = (input: string): ReadResult | Error => {
    try {
      return reader(input);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const seen = normalised(text, format);
  let result = attempt(seen);
  if (overflowed(result)) {
    const flat = flattenDeepNesting(seen);
    const again = flat ? attempt(flat.text) : result;
    if (flat && !(again instanceof Error) && !overflowed(again)) {
      const message = `nested deeper than ${MAX_BRACKET_DEPTH} brackets: OptLens skipped what is inside and read the rest`;
      return { ...again, errors: [{ message, span: { start: flat.at, end: flat.at + 1 } }, ...again.errors] };
    }
    result = again;
  }
  if (!(result instanceof Error)) return result;
  return { entries: [], errors: [{ message: `could not read this ${format} file: ${result.message}`, span: { start: 0, end: Math.min(text.length, 1) } }], comments: [] };
}
