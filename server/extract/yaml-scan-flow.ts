/**
 * Flow collections for the line scanner (yaml-scan.ts): `[0.9, 0.95]`, `{lr: 1e-4, betas: [0.9, 0.99]}`,
 * on one line or several (torchtune's file lists, gpt-neox's JSON-like configs). Items separated by one
 * comma each (a trailing comma is allowed), keys followed by `: `, comments and line breaks between
 * items, scalar anchors and aliases; anything else (a scalar over several lines, `[a: 1]`, `{a}`,
 * `[, a]`, JSON-style `"a":1`, a line not indented past the enclosing block) throws `Unsupported`.
 */
import { anchorName, comment, emit, emitAlias, isDocumentMarker, isPlainStart, nextLine, plainKeyName, scanPlain, scanQuoted, skipSpaces, Unsupported, type Anchored, type Cursor, type Target } from './yaml-scan-chars';
import { plainValue } from './yaml-scalars';

const MAX_DEPTH = 64;

/**
 * Spaces, comments and line breaks inside a flow collection, up to the next token. A new line must be
 * indented at least `minIndent`, or be the outermost collection's closing bracket one column less, and
 * must not be a document marker: yaml's Lexer ends the collection with an error otherwise.
 */
function flowSpace(cur: Cursor, at: number, minIndent: number, depth: number): number {
  const { text } = cur;
  let i = at;
  for (;;) {
    i = skipSpaces(text, i, cur.end);
    if (i < cur.end) {
      if (text.charCodeAt(i) !== 0x23) return i;
      if (i > cur.lineStart && text.charCodeAt(i - 1) !== 0x20) throw new Unsupported('# glued to a token');
      comment(cur, i);
      i = cur.end;
      continue;
    }
    if (!nextLine(cur)) throw new Unsupported('unclosed flow collection');
    i = skipSpaces(text, cur.lineStart, cur.end);
    if (i === cur.end || text.charCodeAt(i) === 0x23) continue;
    const indent = i - cur.lineStart;
    if (indent === 0 && isDocumentMarker(text, i, cur.end)) throw new Unsupported('document marker inside a flow collection');
    const c = text.charCodeAt(i);
    const closing = depth === 0 && indent === minIndent - 1 && (c === 0x5d || c === 0x7d);
    if (indent < minIndent && !closing) throw new Unsupported('flow collection not indented enough');
  }
}

/**
 * The flow collection opening at `at` (a `[` or `{`), its scalars emitted; returns the offset after it,
 * on the line where it closes (the cursor has moved there).
 */
export function scanFlow(cur: Cursor, at: number, target: Target, minIndent: number, depth = 0): number {
  if (depth > MAX_DEPTH) throw new Unsupported('deep flow nesting');
  const seq = cur.text.charCodeAt(at) === 0x5b;
  const close = seq ? 0x5d : 0x7d;
  let index = 0;
  let filled = false;
  let i = at + 1;
  for (;;) {
    i = flowSpace(cur, i, minIndent, depth);
    const c = cur.text.charCodeAt(i);
    if (c === close) return i + 1;
    if (c === 0x2c) {
      if (!filled) throw new Unsupported('empty flow item');
      filled = false;
      index++;
      i++;
      continue;
    }
    if (filled) throw new Unsupported('two flow items without a comma');
    if (seq) i = flowNode(cur, i, { path: [...target.path, String(index)], keySpan: target.keySpan }, minIndent, depth);
    else i = flowPair(cur, i, target, minIndent, depth);
    filled = true;
  }
}

/** `key: value` inside `{}`; an empty value gives no entry, as in the full reader. */
function flowPair(cur: Cursor, at: number, map: Target, minIndent: number, depth: number): number {
  const { text } = cur;
  const c = text.charCodeAt(at);
  let name: string;
  let keyEnd: number;
  let colon: number;
  if (c === 0x22 || c === 0x27) {
    const q = scanQuoted(cur, at);
    name = q.value;
    keyEnd = q.end;
    colon = q.end;
  } else {
    if (!isPlainStart(c, at + 1 < cur.end ? text.charCodeAt(at + 1) : 0x20)) throw new Unsupported('flow key');
    const p = scanPlain(text, at, cur.end, true);
    if (!p.key) throw new Unsupported('flow key without a value');
    name = plainKeyName(text.slice(at, p.end));
    keyEnd = p.end;
    colon = p.stop;
  }
  if (text.charCodeAt(colon) !== 0x3a || text.charCodeAt(colon + 1) !== 0x20) throw new Unsupported('flow key without ": "');
  if (name === '<<') throw new Unsupported('merge key');
  const i = skipSpaces(text, colon + 1, cur.end);
  // A value on the next line is left to the fuller readers.
  if (i === cur.end) throw new Unsupported('flow value on the next line');
  const n = text.charCodeAt(i);
  if (n === 0x2c || n === 0x7d) return i;
  if (n === 0x23) throw new Unsupported('comment after a flow key');
  return flowNode(cur, i, { path: [...map.path, name], keySpan: { start: at, end: keyEnd } }, minIndent, depth);
}

/** A scalar or nested collection inside a flow collection; returns the offset after it. */
function flowNode(cur: Cursor, at: number, target: Target, minIndent: number, depth: number): number {
  const { text } = cur;
  const c = text.charCodeAt(at);
  if (c === 0x5b || c === 0x7b) return scanFlow(cur, at, target, minIndent, depth + 1);
  if (c === 0x2a) {
    const nameEnd = anchorName(cur, at, true);
    emitAlias(cur, at, nameEnd, target);
    return nameEnd;
  }
  let anchor: string | null = null;
  let i = at;
  if (c === 0x26) {
    const nameEnd = anchorName(cur, at, true);
    anchor = text.slice(at + 1, nameEnd);
    i = skipSpaces(text, nameEnd, cur.end);
    if (i === nameEnd) throw new Unsupported('anchor without its node');
  }
  const s = flowScalar(cur, i);
  emit(cur, s.raw, s.value, s.start, s.end, target, s.quoted);
  if (anchor !== null) cur.anchors.set(anchor, s);
  return s.end;
}

/** A quoted or plain scalar inside a flow collection (a collection or an empty node throws). */
function flowScalar(cur: Cursor, at: number): Anchored {
  const { text } = cur;
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    const q = scanQuoted(cur, at);
    return { raw: q.raw, value: q.value, start: at, end: q.end, quoted: true };
  }
  if (!isPlainStart(c, at + 1 < cur.end ? text.charCodeAt(at + 1) : 0x20)) throw new Unsupported('flow scalar');
  const p = scanPlain(text, at, cur.end, true);
  if (p.key) throw new Unsupported('a pair where a value belongs');
  const raw = text.slice(at, p.end);
  return { raw, value: plainValue(raw), start: at, end: p.end, quoted: false };
}
