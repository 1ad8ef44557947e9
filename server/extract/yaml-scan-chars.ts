/**
 * The pieces the line scanner (yaml-scan.ts) is built from: the cursor over lines, spaces, plain and
 * quoted scalars on one line, anchor and alias names, and the entries they become. Each piece either reads
 * its construct exactly as the `yaml` package does or throws `Unsupported`, which sends the whole file to
 * the full reader.
 */
import type { ConfigEntry } from './entries';
import { MAX_ALIAS_ENTRIES, plainValue, quotedValue } from './yaml-scalars';

/** Thrown on any construct the scanner does not read exactly; caught once, in scanYaml. */
export class Unsupported extends Error {}

/** Where the next value goes, and the key that named it (values in a list keep their list's key). */
export interface Target {
  path: string[];
  keySpan: ConfigEntry['keySpan'];
}

/** The text, the current line, and what has been read so far. */
export interface Cursor {
  text: string;
  lineStart: number;
  /** Offset of the line's `\n`, or the text's length on the last line. */
  lineEnd: number;
  /** End of the line's content: before its `\r\n` or `\n`. */
  end: number;
  entries: ConfigEntry[];
  comments: { text: string; span: { start: number; end: number } }[];
  /** How many entries to keep (the first ones, in document order). */
  limit: number;
  /** This document's anchored scalars, by name; a later anchor of the same name replaces an earlier one. */
  anchors: Map<string, Anchored>;
  /** Entries written through aliases so far. */
  aliased: number;
}

/** A scalar with an anchor (`&name 0.1`): what an alias (`*name`) to it reads. */
export interface Anchored {
  raw: string;
  value: ConfigEntry['value'];
  start: number;
  end: number;
  quoted: boolean;
}

/**
 * The end of the anchor or alias name after the `&` or `*` at `at`. Names are kept to letters, digits and
 * `_ . -`, ending at a space, the line's end or (in flow) an indicator; anything else is left to the full reader.
 */
export function anchorName(cur: Cursor, at: number, flow: boolean): number {
  const { text, end } = cur;
  let i = at + 1;
  while (i < end && /[A-Za-z0-9_.-]/.test(text[i] ?? '')) i++;
  if (i === at + 1) throw new Unsupported('empty anchor name');
  if (i < end && text.charCodeAt(i) !== SPACE && !(flow && isFlowIndicator(text.charCodeAt(i)))) throw new Unsupported('anchor name');
  return i;
}

/** An alias: the anchored scalar's literal and value, at the alias's key path. */
export function emitAlias(cur: Cursor, at: number, nameEnd: number, target: Target): void {
  const anchored = cur.anchors.get(cur.text.slice(at + 1, nameEnd));
  // An alias to a collection or to no anchor of this document: the full reader resolves or reports it.
  if (!anchored) throw new Unsupported('alias to an unknown anchor');
  if (++cur.aliased >= MAX_ALIAS_ENTRIES) throw new Unsupported('many aliases');
  emit(cur, anchored.raw, anchored.value, anchored.start, anchored.end, target, anchored.quoted);
}

/** Puts the cursor on the line that starts at `lineStart`. */
export function startLine(cur: Cursor, lineStart: number): void {
  const nl = cur.text.indexOf('\n', lineStart);
  cur.lineStart = lineStart;
  cur.lineEnd = nl === -1 ? cur.text.length : nl;
  // Only `\r\n` ends a line: a `\r` before the end of the text is content (and refused), as in yaml's Lexer.
  cur.end = nl !== -1 && cur.lineEnd > lineStart &&
    cur.text.charCodeAt(cur.lineEnd - 1) === 0x0d ? cur.lineEnd - 1 : cur.lineEnd;
}

/** Moves to the next line; false after the last one. */
export function nextLine(cur: Cursor): boolean {
  if (cur.lineEnd >= cur.text.length) return false;
  startLine(cur, cur.lineEnd + 1);
  return true;
}

/** A comment from `at` to the end of the line. */
export function comment(cur: Cursor, at: number): void {
  cur.comments.push({ text: cur.text.slice(at, cur.end), span: { start: at, end: cur.end } });
}

/** `---` or `...` at column 0, alone or before a space. */
export function isDocumentMarker(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 0x2d && c !== 0x2e) return false;
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return false;
  return at + 3 === end || text.charCodeAt(at + 3) === 0x20;
}

/** Adds an entry; past the limit the rest of the file is still checked, as the full reader still parses it. */
export function emit(cur: Cursor, raw: string, value: ConfigEntry['value'], start: number, end: number, target: Target, quoted: boolean): void {
  if (cur.entries.length >= cur.limit) return;
  cur.entries.push({ path: target.path, value, raw, span: { start, end }, keySpan: target.keySpan, quoted });
}

const SPACE = 0x20;
const COLON = 0x3a;
const HASH = 0x23;

export function skipSpaces(text: string, at: number, end: number): number {
  let i = at;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** Characters the scanner refuses anywhere outside comments: tabs, control and break-like characters, BOMs. */
export function refused(c: number): boolean {
  if (c < 0x20) return true;
  if (c < 0x7f) return false;
  return c <= 0x9f || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0xfffe || c === 0xffff ||
    (c >= 0xd800 && c <= 0xdfff);
}

/** `[ ] { } ,`: they end a plain scalar inside a flow collection. */
export function isFlowIndicator(c: number): boolean {
  return c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c;
}

/**
 * Whether a plain scalar may start with `c` (followed by `next`, a space at the end of the line): not an
 * indicator (`, [ ] { } # & * ! | > ' " % @` and backquote), nor `- ? :` before a space.
 */
export function isPlainStart(c: number, next: number): boolean {
  if (refused(c) || c === SPACE) return false;
  if (c === 0x2d || c === 0x3f || c === COLON) return next !== SPACE && !refused(next);
  return !(isFlowIndicator(c) || c === HASH || c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e ||
    c === 0x27 || c === 0x22 || c === 0x25 || c === 0x40 || c === 0x60);
}

export interface Plain {
  /** End of the scalar, trailing spaces excluded. */
  end: number;
  /** Where scanning stopped: the line's end, a comment's `#`, a key's `:` or (in flow) an indicator. */
  stop: number;
  /** The scalar is a key: it stopped at a `:` followed by a space or the end of the line (or, in flow, an indicator).
   * */
  key: boolean;
}

/** A plain scalar from `at` (whose first character the caller checked) to where the line or an indicator ends it. */
export function scanPlain(text: string, at: number, end: number, flow: boolean): Plain {
  let last = at;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) continue;
    if (c === COLON) {
      const n = i + 1 < end ? text.charCodeAt(i + 1) : SPACE;
      if (n === SPACE || (flow && isFlowIndicator(n))) return { end: last, stop: i, key: true };
    } else if (c === HASH) {
      if (text.charCodeAt(i - 1) === SPACE) return { end: last, stop: i, key: false };
    } else if (flow && isFlowIndicator(c)) return { end: last, stop: i, key: false };
    else if (refused(c)) throw new Unsupported('character the scanner does not read');
    last = i + 1;
  }
  return { end: last, stop: end, key: false };
}

/** A mapping key's name as the full reader writes it in a path: the scalar's value as a string. */
export function plainKeyName(raw: string): string {
  return String(plainValue(raw) ?? '');
}

/** A quoted scalar closed on its line, without escapes: its value and where it ends. */
export function scanQuoted(cur: Cursor, at: number): { raw: string; value: string; end: number } {
  const { text, end } = cur;
  const q = text.charCodeAt(at);
  let i = at + 1;
  for (;;) {
    if (i >= end) throw new Unsupported('quoted scalar over several lines');
    const c = text.charCodeAt(i);
    if (c === q) {
      // `''` inside single quotes is an escaped quote.
      if (q === 0x27 && i + 1 < end && text.charCodeAt(i + 1) === 0x27) {
        i += 2;
        continue;
      }
      break;
    }
    if (refused(c)) throw new Unsupported('character the scanner does not read');
    i++;
  }
  const raw = text.slice(at, i + 1);
  const value = quotedValue(raw);
  if (value === null) throw new Unsupported('escaped quoted scalar');
  return { raw, value, end: i + 1 };
}
