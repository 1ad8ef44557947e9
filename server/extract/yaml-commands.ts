/**
 * Shell commands written inside a YAML file: SkyPilot's and dstack's `run: |` block, a CI job's `script:` list, a
 * Kubernetes container's `command:`/`args:`. They are read by the shell reader at their real offsets, so a launch
 * command's flags (`--learning_rate 1e-4`) and overrides (`trainer.policy.optimizer_config.lr=1e-6`) count as they do
 * in a launch script. The shell reader is given the file with everything but those strings blanked (newlines kept),
 * so every span it reports is the file's own.
 */
import type { ConfigEntry, ReadResult } from './entries';
import { readShell } from './shell';

/** Keys whose string value is a command line or a script. */
const SCRIPT_KEYS: ReadonlySet<string> = new Set(['run', 'script', 'scripts', 'commands', 'cmd', 'entrypoint']);
/** Keys whose list is one command's argv (Kubernetes `command: [python, train.py]`, `args: ["--lr", "1e-4"]`). */
const ARGV_KEYS: ReadonlySet<string> = new Set(['command', 'args']);
const INDEX = /^\d+$/;
/** A string with no option or override in it holds nothing the shell reader would read. */
const MAY_HOLD_VALUES = /--?[A-Za-z]|[A-Za-z_][\w.]*=/;

/** The lengths of the command keys above: a key of another length is none of them, lower-cased or not. */
const KEY_LENGTHS = { min: 3, max: 10 };

/** The command key an entry's string belongs to, and whether it is one element of an argv list. */
function commandKey(entry: ConfigEntry): { key: string; argv: boolean } | null {
  const path = entry.path;
  const last = path[path.length - 1] ?? '';
  const indexed = INDEX.test(last);
  const written = indexed ? path[path.length - 2] ?? '' : last;
  if (written.length < KEY_LENGTHS.min || written.length > KEY_LENGTHS.max) return null;
  const key = written.toLowerCase();
  if (ARGV_KEYS.has(key)) return { key, argv: indexed };
  return SCRIPT_KEYS.has(key) ? { key, argv: false } : null;
}

/** The part of the file an entry's string is written in: a block scalar's lines, a quoted string's inside. */
function writtenRange(entry: ConfigEntry): { start: number; end: number; folded: boolean } | null {
  const { raw, span } = entry;
  if (raw.startsWith('|') || raw.startsWith('>')) {
    const body = raw.indexOf('\n');
    return body < 0 ? null : { start: span.start + body + 1, end: span.end, folded: raw.startsWith('>') };
  }
  if (entry.quoted) return raw.includes('\\') ? null : { start: span.start + 1, end: span.end - 1, folded: false };
  return { start: span.start, end: span.end, folded: false };
}

/**
 * The YAML entries plus those of the shell commands its command keys hold; the YAML result unchanged when there are
 * none.
 */
export function withEmbeddedCommands(text: string, result: ReadResult): ReadResult {
  const holds = (e: ConfigEntry): boolean => typeof e.value === 'string' && MAY_HOLD_VALUES.test(e.value);
  // One pass over the entries: only strings and numbers under a command key are looked at again.
  const keyed: { entry: ConfigEntry; key: { key: string; argv: boolean } }[] = [];
  for (const entry of result.entries) {
    const key = typeof entry.value === 'string' || typeof entry.value === 'number' ? commandKey(entry) : null;
    if (key !== null) keyed.push({ entry, key });
  }
  // An argv list is read whole when one element holds an option: its values (`"2e-5"`) are elements of their own.
  const argvLists = new Set(keyed.filter(({ entry, key }) => key.argv && holds(entry))
    .map(({ entry }) => entry.path.slice(0, -1).join('\u0000')));
  const found = keyed.flatMap(({ entry, key }) => {
    const read = key.argv ? argvLists.has(entry.path.slice(0, -1).join('\u0000')) : holds(entry);
    const range = read ? writtenRange(entry) : null;
    return range ? [{ entry, argv: key.argv, range }] : [];
  });
  if (found.length === 0) return result;
  const chars = text.replace(/[^\n]/g, ' ').split('');
  let previous = null as { parent: string; end: number } | null;
  for (const { entry, argv, range } of found) {
    for (let i = range.start; i < range.end; i++) {
      const c = text[i] ?? ' ';
      // A folded block (`>`) joins its lines with spaces: one command, as YAML reads it.
      chars[i] = range.folded && c === '\n' && i < range.end - 1 ? ' ' : c;
    }
    // The elements of a container's argv lists (`command:` then `args:`) are one command: the line breaks between
    // them are spaces. A list that starts a command without its program (`args:` alone) gets a stand-in program
    // word where its list marker is, so its first option is read as an option.
    const parent = entry.path.slice(0, -2).join('\u0000');
    if (argv && previous?.parent === parent) {
      for (let i = previous.end; i < range.start; i++) if (chars[i] === '\n') chars[i] = ' ';
    } else if (argv && String(entry.value).startsWith('-') && chars[range.start - 2] === ' ') {
      chars[range.start - 2] = '_';
    }
    previous = argv ? { parent, end: range.end } : null;
  }
  const commands = readShell(chars.join(''));
  return { ...result, entries: [...result.entries, ...commands.entries] };
}
