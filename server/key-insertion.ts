/**
 * Writing a hyperparameter the file does not write: the key, in the framework's preferred spelling
 * (the first spelling in its ecosystem table), inserted next to a sibling key of the same block, in that
 * sibling's indentation and the format's syntax. Where the table has no simple spelling or the block has
 * no sibling to sit beside, there is no insertion: the caller says so rather than guessing a place.
 */
import type { ConfigFormat, FileAnalysis } from '../core/analysis';
import type { HyperparameterName } from '../core/hyperparams';
import { type EditOutcome, INTEGER_NAMES } from './edits';
import { ECOSYSTEMS, GENERIC } from './extract/ecosystems';
import type { EcosystemTable, KeySpelling } from './extract/ecosystems/types';
import type { ConfigEntry, ReadResult } from './extract/entries';
import { configEntries } from './extract';
import { lineIndex } from './extract/lines';
import { indexEntries } from './extract/match';
import { readFile } from './extract/readers';
import { type ResolvedOptimizer, resolveOptimizers } from './extract/resolve';
import { formatNumberLike, formatStringLike } from './number-style';

interface KeyToWrite {
  /** Key segments, relative to the block (or absolute for run-level spellings). */
  segments: string[];
  /** For a list-valued key (`betas`): the hyperparameter at each index, written together. */
  elements?: HyperparameterName[];
}

/**
 * The spelling to write: the first plain key (no wildcard, default unit, not inside a positional argument), or the
 * first list element (`{ key: 'betas', index: 0 }`) when every index of that list belongs to some hyperparameter, so
 * the whole list can be written (`betas=(0.8, 0.999)`).
 */
function keyToWrite(spellings: Partial<Record<HyperparameterName, KeySpelling[]>>, name: HyperparameterName):
  KeyToWrite | null {
  const split = (key: string) => (key.startsWith('-') ? [key] : key.split('.'));
  // A positional argument or a list element (`1`, a parameter group's `0.0.betas`) is no place for a new key.
  const positional = (key: string) => split(key).some((segment) => /^\d+$/.test(segment));
  for (const s of spellings[name] ?? []) {
    if (typeof s === 'string') {
      if (!/[*[\]]/.test(s) && !positional(s)) return { segments: split(s) };
      continue;
    }
    if (!('index' in s) || /[*[\]]/.test(s.key) || positional(s.key)) continue;
    const elements: HyperparameterName[] = [];
    for (const [other, list] of Object.entries(spellings) as [HyperparameterName, KeySpelling[]][]) {
      for (const o of list) if (typeof o !== 'string' && 'index' in o && o.key === s.key) elements[o.index] = other;
    }
    if (elements.length > 0 && [...elements.keys()].every((i) => elements[i] !== undefined)) return {
      segments: split(s.key), elements };
  }
  return null;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((p, i) => path[i] === p);

/** Start of the line holding `offset`, and the text from there to `offset`. */
function lineBefore(text: string, offset: number): { start: number; before: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { start, before: text.slice(start, offset) };
}

/** Offset just past the end of the line holding `offset` (after its newline, or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** A sibling the new key can sit beside: a scalar child of the block whose key starts its own line (block style). */
function lineSibling(text: string, children: readonly ConfigEntry[]): ConfigEntry | null {
  for (let i = children.length - 1; i >= 0; i--) {
    const e = children[i];
    if (!e.keySpan) continue;
    const { before } = lineBefore(text, e.keySpan.start);
    if (/^\s*$/.test(before) && nextLineStart(text, e.keySpan.start) >= e.span.end) return e;
  }
  return null;
}

function insertLineAfter(text: string, sibling: ConfigEntry, line: string): EditOutcome {
  const { before } = lineBefore(text, sibling.keySpan!.start);
  const at = nextLineStart(text, sibling.span.end);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  return { replacements: [{ span: { start: at, end: at }, newText: `${lead}${before}${line}${lead === '' ? eol : ''}` }] };
}

/**
 * True when the entry's value is written right after its key (`lr: 1`, `lr = 1`, `lr=1`, `--lr 1`,
 * `lr : float = 1`), not resolved from elsewhere (Python `lr=args.lr` reports the class attribute's span,
 * shell `--lr $LR` the variable's): only such an entry marks where its block is written.
 */
function writtenInPlace(text: string, e: ConfigEntry): boolean {
  if (!e.keySpan || e.keySpan.end > e.span.start) return false;
  const between = text.slice(e.keySpan.end, e.span.start);
  // Trimmed first, so the pattern has no two quantifiers over the same characters: linear on any text
  // (`lr:` + 1,000 spaces + `!!float` took 80 s with blanks on both sides of the type).
  return !between.includes('\n') && /^(?::[\w.[\], |]*)?[:=]?$/.test(between.trim());
}

/** Offset of the first character after `from` that is neither blank nor in a `#` comment. */
function skipBlanksAndComments(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] !== '#') return i;
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? text.length : nl;
  }
}

/** A Python keyword argument or variable name. */
const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether `key` can be written in `format` where the insertion would put it: a flag (`--lr`) only on a
 * command line, a plain key only in a config file, and in Python only a name; a keyword goes into a call
 * only when it is one of that call's own arguments (`inBlock`): `torch.optim.AdamW(...)` takes no
 * `max_steps`, and `, --max-steps=5000` there is a syntax error.
 */
function writable(format: ConfigFormat, key: string, intoCall: boolean, inBlock: boolean): boolean {
  if (format === 'shell') return key.startsWith('-');
  if (key.startsWith('-')) return false;
  if (format === 'python') return PYTHON_NAME.test(key) && (!intoCall || inBlock);
  return true;
}

function insertion(format: ConfigFormat, text: string, all: readonly ConfigEntry[], key: string, valueText: string,
  inBlock: boolean): EditOutcome | null {
  const children = all.filter((e) => writtenInPlace(text, e));
  if (children.length === 0) return null;
  const last = children[children.length - 1];
  if (format !== 'python' && format !== 'shell' && !writable(format, key, false, inBlock)) return null;
  switch (format) {
    case 'yaml': {
      const sibling = lineSibling(text, children);
      if (!sibling) return null;
      // In a flow mapping written one key per line (gpt-neox's JSON-like YAML) the new key needs a comma and the
      // sibling's quotes.
      // A loop, not `(?:\s|#[^\n]*)*`: that pattern backtracks exponentially on a comment of many `#`.
      const next = text[skipBlanksAndComments(text, sibling.span.end)];
      if (next === ',' || next === '}') {
        const quote = /^["']/.test(text.slice(sibling.keySpan!.start)) ? text[sibling.keySpan!.start] : '';
        const indent = lineBefore(text, sibling.keySpan!.start).before;
        return { replacements: [{ span: { start: sibling.span.end, end: sibling.span.end }, newText: `,\n${indent}${quote}${key}${quote}: ${valueText}` }] };
      }
      return insertLineAfter(text, sibling, `${key}: ${valueText}`);
    }
    case 'toml': {
      // Only beside a key written plainly in its table; `a.b = 1` at the root has another parent.
      const sibling = lineSibling(text, children.filter((c) => c.keySpan && !text.slice(c.keySpan.start, c.keySpan.end).includes('.')));
      return sibling ? insertLineAfter(text, sibling, `${key} = ${valueText}`) : null;
    }
    case 'json': {
      const sibling = lineSibling(text, children);
      const indent = sibling ? lineBefore(text, sibling.keySpan!.start).before : '';
      const anchor = sibling ?? last;
      return { replacements: [{ span: { start: anchor.span.end, end: anchor.span.end }, newText: `,${sibling ? '\n' + indent : ' '}${JSON.stringify(key)}: ${valueText}` }] };
    }
    case 'python': {
      if (last.callee !== undefined) {
        if (!writable(format, key, true, inBlock)) return null;
        return { replacements: [{ span: { start: last.span.end, end: last.span.end }, newText: `, ${key}=${valueText}` }] };
      }
      const sibling = lineSibling(text, children);
      return sibling && writable(format, key, false, inBlock) ? insertLineAfter(text, sibling, `${key} = ${valueText}`) : null;
    }
    case 'shell':
      if (!writable(format, key, false, inBlock)) return null;
      return { replacements: [{ span: { start: last.span.end, end: last.span.end }, newText: ` ${key} ${valueText}` }] };
    case 'ini': {
      // Beside a key written in this section; a key the section inherits from [DEFAULT] is written in DEFAULT.
      const own = children.filter((c) => !c.inherited);
      const sibling = lineSibling(text, own);
      return sibling ? insertLineAfter(text, sibling, `${key} = ${valueText}`) : null;
    }
    case 'gin':
      // A gin binding names its configurable (`adafactor.Adafactor.decay_rate = ...`): OptLens does not write new ones.
      return null;
  }
}

/**
 * The file's entries and optimizer blocks. One analysis may ask for several insertions (a fix per
 * optimizer, each Surge fix), so the last text's structure is kept rather than re-read each time.
 */
let lastStructure: { text: string; format: ConfigFormat; table: EcosystemTable; read: ReadResult; optimizers:
  ResolvedOptimizer[] } | null = null;

function structureOf(text: string, format: ConfigFormat, table: EcosystemTable): {
  read: ReadResult; optimizers: ResolvedOptimizer[] } {
  if (lastStructure && lastStructure.text === text && lastStructure.format === format &&
    lastStructure.table === table) return lastStructure;
  const raw = readFile(text, format);
  // As extraction reads them (a run file's config block from its root), less the values read through an
  // interpolation: their span is the literal's, elsewhere in the file, not a place beside their siblings.
  const read = { ...raw, entries: configEntries(raw.entries, format).filter((e) => !e.through) };
  const index = indexEntries(read.entries, table.caseInsensitiveKeys ?? false);
  const optimizers = resolveOptimizers({ format, table, index, lines: lineIndex(text) });
  lastStructure = { text, format, table, read, optimizers };
  return lastStructure;
}

/** A list literal holding `value` at `name`'s index and the current values of its companions (β2 beside β1). */
function listText(analysis: FileAnalysis, optimizerIndex: number, elements: HyperparameterName[],
  name: HyperparameterName, value: number | string): string | null {
  const hps = analysis.optimizers[optimizerIndex]?.hyperparameters ?? {};
  const items: string[] = [];
  for (const element of elements) {
    const v = element === name ? value : hps[element]?.value;
    if (typeof v !== 'number') return null;
    items.push(formatNumberLike(null, v, analysis.format));
  }
  if (analysis.format === 'shell') return null;
  return analysis.format === 'python' ? `(${items.join(', ')})` : `[${items.join(', ')}]`;
}

/** The insertion that writes `name = value` for optimizer `optimizerIndex`, or null where there is no safe place. */
export function insertionFor(analysis: FileAnalysis, text: string, optimizerIndex: number, name: HyperparameterName,
  value: number | string): EditOutcome | null {
  const table: EcosystemTable = ECOSYSTEMS.find((t) => t.id === analysis.ecosystem) ?? GENERIC;
  const { read, optimizers } = structureOf(text, analysis.format, table);
  const resolved = optimizers[optimizerIndex];
  if (!resolved) return null;
  const inBlockSpelling = keyToWrite(resolved.scope.hyperparameters, name);
  const spelling = inBlockSpelling ?? keyToWrite(table.run, name);
  if (!spelling) return null;
  const parent = [...(inBlockSpelling ? resolved.prefix : []), ...spelling.segments.slice(0, -1)];
  const key = spelling.segments[spelling.segments.length - 1];
  const children = read.entries.filter((e) => e.path.length === parent.length + 1 && startsWith(e.path, parent)).sort(
    (a, b) => a.span.start - b.span.start);
  const valueText = spelling.elements
    ? listText(analysis, optimizerIndex, spelling.elements, name, value)
    : typeof value === 'number' ? formatNumberLike(null, value, analysis.format, INTEGER_NAMES.has(name)) : formatStringLike(null, value, analysis.format);
  if (valueText === null) return null;
  // Beside this optimizer's own values first: in a script, the last global may come after the optimizer is built.
  const own = new Set(Object.values(analysis.optimizers[optimizerIndex]?.hyperparameters ?? {}).map(
    (v) => v?.span?.start));
  const related = children.filter((c) => own.has(c.span.start));
  const inBlock = spelling === inBlockSpelling;
  return (related.length > 0 ? insertion(analysis.format, text, related, key, valueText, inBlock) : null)
    ?? insertion(analysis.format, text, children, key, valueText, inBlock);
}
