/**
 * The quickest YAML reader, for large files: one pass over the characters of each line, no tokens and no
 * syntax tree, only the entries themselves (a 10 MB config in ~0.1 s, against ~1.5 s to compose it).
 * Large configs are block YAML, mostly a long list of data paths, and this reads exactly that: block
 * mappings and sequences (compact ones included), plain and quoted scalars, flow collections
 * (yaml-scan-flow.ts), literal block scalars (yaml-scan-literal.ts), anchors on scalars and aliases to
 * them, comments and documents. It gives up, returning null, on everything else (anchors on collections,
 * merge keys, tags, explicit keys, folded scalars, escapes, multi-line plain scalars, tabs, odd
 * indentation, anything the full parser would report as an error): yaml.ts then tries the next reader. Differential
 * tests check that it gives the full reader's entries and comments, to the offset, wherever it answers.
 */
import type { ConfigEntry, ReadResult } from './entries';
import { Unsupported, anchorName, comment, emit, emitAlias, isDocumentMarker, isPlainStart, nextLine, startLine, plainKeyName, scanPlain, scanQuoted, skipSpaces, type Cursor, type Target } from './yaml-scan-chars';
import { scanFlow } from './yaml-scan-flow';
import { scanLiteral } from './yaml-scan-literal';
import { MAX_ENTRIES, plainValue } from './yaml-scalars';

interface Block {
  indent: number;
  kind: 'map' | 'seq';
  /** The path and key span that this collection's items inherit. */
  target: Target;
  index: number;
}

interface Key {
  key: true;
  name: string;
  end: number;
  /** Offset after the `:`. */
  next: number;
}

interface Value {
  key: false;
  raw: string;
  value: ConfigEntry['value'];
  end: number;
  quoted: boolean;
}

/** Deeper block nesting than this is left to the fuller readers. */
const MAX_DEPTH = 256;
const ROOT: Target = { path: [], keySpan: null };

/** The file's entries and comments, the first `limit` entries only, or null where the scanner gives up. */
export function scanYaml(text: string, limit = MAX_ENTRIES): ReadResult | null {
  const scanned = scanYamlOrRefuse(text, limit);
  return 'entries' in scanned ? scanned : null;
}

/** Why the scanner gave up (for tests and benchmarks: the caller only needs to know that it did). */
export interface Refusal {
  reason: string;
}

export function scanYamlOrRefuse(text: string, limit = MAX_ENTRIES): ReadResult | Refusal {
  try {
    return scan(text, limit);
  } catch (error) {
    if (error instanceof Unsupported) return { reason: error.message };
    throw error;
  }
}

function scan(text: string, limit: number): ReadResult {
  const entries: ConfigEntry[] = [];
  const comments: ReadResult['comments'] = [];
  let blocks: Block[] = [];
  // What the next node fills: the document root, a key written without its value yet, or a `-` item.
  let pending: Target | null = ROOT;
  const cursor: Cursor = { text, lineStart: 0, lineEnd: 0, end: 0, entries, comments, limit, anchors: new Map(),
    aliased: 0 };

  const top = (): Block | undefined => blocks[blocks.length - 1];
  /** After a value: only spaces and a comment may follow on the line. */
  const lineTail = (at: number): void => {
    const i = skipSpaces(text, at, cursor.end);
    if (i === cursor.end) return;
    if (text.charCodeAt(i) !== 0x23 || i === at) throw new Unsupported('content after a value');
    comment(cursor, i);
  };
  const newItem = (seq: Block): Target =>
    ({ path: [...seq.target.path, String(seq.index)], keySpan: seq.target.keySpan });

  /**
   * A node starting at `at` (column `col`) that fills `target`. `block` says whether a block collection
   * may open here (at the start of a line or after `- `), not after `key: `.
   */
  const node = (at: number, col: number, target: Target, block: boolean): void => {
    const end = cursor.end;
    if (at === end) {
      pending = target;
      return;
    }
    const c = text.charCodeAt(at);
    if (c === 0x23) {
      comment(cursor, at);
      pending = target;
      return;
    }
    if (c === 0x2d && isSeqDash(text, at, end)) {
      if (!block) throw new Unsupported('a sequence after a key on its line');
      // `- - - ...` recurses once per dash: bounded here, not by the call stack.
      if (blocks.length > MAX_DEPTH) throw new Unsupported('deep nesting');
      const seq: Block = { indent: col, kind: 'seq', target, index: 0 };
      blocks.push(seq);
      const i = skipSpaces(text, at + 1, end);
      node(i, col + (i - at), newItem(seq), true);
      return;
    }
    if (c === 0x5b || c === 0x7b) {
      // Lines inside the collection must be indented past the enclosing block (yaml's Lexer, indentNext).
      lineTail(scanFlow(cursor, at, target, (top()?.indent ?? -1) + 1));
      pending = null;
      return;
    }
    if (c === 0x26 || c === 0x2a) {
      anchorOrAlias(at, target);
      return;
    }
    // `key: |` or `- |`: a block scalar on the line of its key or dash (alone on a line, or at the root, is left to the
    // full reader).
    if (c === 0x7c && blocks.length > 0 && skipSpaces(text, cursor.lineStart, at) !== at) {
      const s = scanLiteral(cursor, at, top()?.indent ?? -1);
      emit(cursor, s.raw, s.value, s.start, s.end, target, false);
      pending = null;
      return;
    }
    const s = scalarOrKey(at);
    if (s.key) {
      if (!block) throw new Unsupported('two keys on a line');
      blocks.push({ indent: col, kind: 'map', target, index: 0 });
      value(s.next, col, { path: [...target.path, s.name], keySpan: { start: at, end: s.end } });
      return;
    }
    emit(cursor, s.raw, s.value, at, s.end, target, s.quoted);
    lineTail(s.end);
    pending = null;
  };

  /** `&name scalar` (an anchored scalar, on its line) or `*name` (an alias to one), filling `target`. */
  const anchorOrAlias = (at: number, target: Target): void => {
    const nameEnd = anchorName(cursor, at, false);
    if (text.charCodeAt(at) === 0x2a) {
      emitAlias(cursor, at, nameEnd, target);
      lineTail(nameEnd);
    } else {
      const i = skipSpaces(text, nameEnd, cursor.end);
      if (i === nameEnd || i === cursor.end) throw new Unsupported('anchor on a collection or an empty node');
      const s = scalarOrKey(i);
      if (s.key) throw new Unsupported('anchor on a key');
      emit(cursor, s.raw, s.value, i, s.end, target, s.quoted);
      cursor.anchors.set(text.slice(at + 1, nameEnd),
        { raw: s.raw, value: s.value, start: i, end: s.end, quoted: s.quoted });
      lineTail(s.end);
    }
    pending = null;
  };

  /** The scalar at `at`, or the key it is when a `:` and a space (or the line's end) follow it. */
  const scalarOrKey = (at: number): Key | Value => {
    const c = text.charCodeAt(at);
    const end = cursor.end;
    if (c === 0x22 || c === 0x27) {
      const q = scanQuoted(cursor, at);
      if (q.end >= end || text.charCodeAt(q.end) !== 0x3a) return {
        key: false, raw: q.raw, value: q.value, end: q.end, quoted: true };
      if (q.end + 1 < end && text.charCodeAt(q.end + 1) !== 0x20) throw new Unsupported('a quoted key glued to its value');
      return { key: true, name: q.value, end: q.end, next: q.end + 1 };
    }
    if (!isPlainStart(c, at + 1 < end ? text.charCodeAt(at + 1) : 0x20)) throw new Unsupported('indicator at the start of a scalar');
    const p = scanPlain(text, at, end, false);
    const raw = text.slice(at, p.end);
    if (!p.key) return { key: false, raw, value: plainValue(raw), end: p.end, quoted: false };
    // The full parser refuses implicit keys over 1024 characters.
    if (p.end - at > 1000) throw new Unsupported('long key');
    const name = plainKeyName(raw);
    if (name === '<<') throw new Unsupported('merge key');
    return { key: true, name, end: p.end, next: p.stop + 1 };
  };

  /** The value of a key, after its `:`. */
  const value = (colon: number, col: number, target: Target): void => {
    const i = skipSpaces(text, colon, cursor.end);
    node(i, col + (i - colon), target, false);
  };

  /** A line inside the open collections: a new item of a sequence or a new key of a mapping. */
  const continueBlock = (at: number, col: number): void => {
    const dash = text.charCodeAt(at) === 0x2d && isSeqDash(text, at, cursor.end);
    while (blocks.length > 0 && (top()?.indent ?? -1) > col) blocks.pop();
    // A sequence written at its key's column ends at the next key of that mapping.
    const last = top();
    if (!dash && last?.kind === 'seq' && last.indent === col) blocks.pop();
    const t = top();
    if (!t || t.indent !== col) throw new Unsupported('indentation');
    if (t.kind === 'seq') {
      if (!dash) throw new Unsupported('a key where an item belongs');
      t.index++;
      const i = skipSpaces(text, at + 1, cursor.end);
      node(i, col + (i - at), newItem(t), true);
      return;
    }
    const key = dash ? null : scalarOrKey(at);
    if (!key?.key) throw new Unsupported('a scalar where a key belongs');
    value(key.next, col, { path: [...t.target.path, key.name], keySpan: { start: at, end: key.end } });
  };

  startLine(cursor, 0);
  do {
    const at = skipSpaces(text, cursor.lineStart, cursor.end);
    const col = at - cursor.lineStart;
    if (at < cursor.end) {
      const c = text.charCodeAt(at);
      if (c === 0x23) comment(cursor, at);
      else if (col === 0 && isDocumentMarker(text, at, cursor.end)) {
        lineTail(at + 3);
        blocks = [];
        pending = ROOT;
        cursor.anchors.clear();
        cursor.aliased = 0;
      } else if (pending !== null && col > (top()?.indent ?? -1)) node(at, col, pending, true);
      else if (pending !== null && top()?.kind === 'map' && top()?.indent === col && c === 0x2d && isSeqDash(text, at, cursor.end)) {
        // `key:` then `- item` at the key's own column: the sequence is the key's value.
        const seq: Block = { indent: col, kind: 'seq', target: pending, index: 0 };
        blocks.push(seq);
        const i = skipSpaces(text, at + 1, cursor.end);
        node(i, col + (i - at), newItem(seq), true);
      } else {
        // A key left without a value has none (the framework default); anything else continues a collection.
        pending = null;
        if (blocks.length === 0) throw new Unsupported('content after the root node');
        continueBlock(at, col);
      }
    }
  } while (nextLine(cursor));
  return { entries, errors: [], comments };
}

/** A `-` that opens a sequence item: followed by a space or the line's end. */
function isSeqDash(text: string, at: number, end: number): boolean {
  return at + 1 === end || text.charCodeAt(at + 1) === 0x20;
}
