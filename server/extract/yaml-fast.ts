/**
 * A streaming YAML reader for large files, over the `yaml` package's own Lexer: one pass, no syntax tree,
 * so a 10 MB config is read in a fraction of the time and memory of composing documents. It covers the
 * YAML that configs are written in (block and flow mappings and sequences, plain and quoted scalars,
 * comments, several documents) and gives up, returning null, on anything else (anchors, aliases, tags,
 * explicit keys, block scalars, escapes, multi-line scalars, lexer errors): yaml.ts then reads the file
 * with the full parser. A differential test checks that both readers agree wherever this one answers.
 *
 * yaml.ts no longer uses it: the line scanner (yaml-scan.ts) is ~4× quicker and reads all this does but a
 * few forms, and randomly mutated corpus files showed inputs where this reader's entries or comments
 * differ from the full reader's (a flow list whose `]` is replaced by a space, in detectron2's config).
 * It stays as the bench's peer (bench/extract.bench.ts) until that is fixed or it is removed.
 */
import { CST, Lexer } from 'yaml';
import type { ConfigEntry, ReadResult, ScalarValue } from './entries';
import { MAX_ENTRIES, plainValue, quotedValue } from './yaml-scalars';

type KeySpan = ConfigEntry['keySpan'];

const REFUSED_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** Where the next value goes, and the key that named it (values in a list keep their list's key). */
interface Target {
  path: string[];
  keySpan: KeySpan;
}

interface Block {
  indent: number;
  kind: 'map' | 'seq';
  path: string[];
  keySpan: KeySpan;
  index: number;
}

interface Flow {
  kind: 'map' | 'seq';
  path: string[];
  keySpan: KeySpan;
  index: number;
  key: Target | null;
  /** Whether the current item has content (`[, 2]` is left to the full parser). */
  filled: boolean;
}

interface Scalar {
  value: ScalarValue;
  raw: string;
  start: number;
  end: number;
  column: number;
  quoted: boolean;
}

class Unsupported extends Error {}

const UNSUPPORTED = new Set(['anchor', 'alias', 'tag', 'explicit-key-ind', 'flow-error-end', 'block-scalar-header', 'directive', 'directive-line', 'byte-order-mark', 'error']);

/** The file's entries and comments, the first `limit` entries only, or null where this reader gives up. */
export function readYamlFast(text: string, limit = MAX_ENTRIES): ReadResult | null {
  // Control and break-like characters: the Lexer and the composer disagree on them, so the full parser decides.
  if (REFUSED_CHARACTERS.test(text)) return null;
  const entries: ConfigEntry[] = [];
  const comments: ReadResult['comments'] = [];
  let blocks: Block[] = [];
  let flows: Flow[] = [];
  let pending: Target | null = null;
  let held: Scalar | null = null; // a scalar that may turn out to be a key
  let offset = 0;
  let lineStart = 0;
  let scalarNext = false;

  let keysOnLine = 0;
  // A document has one root collection; content after it has closed is an error for the full parser.
  let rootOpened = false;
  const openRoot = (): void => {
    if (blocks.length > 0) return;
    if (rootOpened) throw new Unsupported('content after the root collection');
    rootOpened = true;
  };
  const top = (): Block | undefined => blocks[blocks.length - 1];
  const emit = (s: Scalar, target: Target): void => {
    if (entries.length >= limit) return;
    entries.push({ path: target.path, value: s.value, raw: s.raw, span: { start: s.start, end: s.end }, keySpan: target.keySpan, quoted: s.quoted });
  };

  const blockKey = (key: Scalar): void => {
    // `a: b: c` is an error the full parser reports; one key per line, after an optional `- `.
    if (++keysOnLine > 1) throw new Unsupported('two keys on a line');
    const c = key.column;
    while (blocks.length > 0 && ((top()?.indent ?? -1) > c || (top()?.kind === 'seq' && top()?.indent === c))) blocks.pop();
    const t = top();
    const name = String(key.value ?? '');
    const keySpan = { start: key.start, end: key.end };
    if (t && t.kind === 'map' && t.indent === c) pending = { path: [...t.path, name], keySpan };
    else {
      // A new mapping opens only under a key or list item waiting for its value (or at the root).
      if (!pending && blocks.length > 0) throw new Unsupported('indentation');
      openRoot();
      const parent = pending ?? { path: [], keySpan: null };
      blocks.push({ indent: c, kind: 'map', path: parent.path, keySpan: parent.keySpan, index: 0 });
      pending = { path: [...parent.path, name], keySpan };
    }
  };

  const flowValue = (s: Scalar): void => {
    const f = flows[flows.length - 1];
    if (!f) return;
    f.filled = true;
    if (f.kind === 'seq') emit(s, { path: [...f.path, String(f.index)], keySpan: f.keySpan });
    else if (f.key !== null) emit(s, f.key);
    else throw new Unsupported('flow map entry without a key');
  };

  /** The held scalar was not a key: it is a value. */
  const releaseValue = (): void => {
    if (!held) return;
    const s = held;
    held = null;
    if (s.raw.includes('\n') || s.raw.includes('\r')) throw new Unsupported('multi-line scalar');
    if (flows.length > 0) return flowValue(s);
    // A document that is a bare scalar, or a value with no key, is left to the full parser.
    if (!pending) throw new Unsupported('value without a key');
    // A value on a later line must be indented past its key's mapping (or its item's sequence).
    const t = top();
    if (t && s.column <= t.indent) throw new Unsupported('value not indented past its key');
    emit(s, pending);
    pending = null;
  };

  try {
    for (const token of new Lexer().lex(text)) {
      if (token === '\x1f') {
        scalarNext = true;
        continue;
      }
      if (token === '\x02') {
        blocks = [];
        flows = [];
        pending = null;
        rootOpened = false;
        continue;
      }
      if (token === '\x18' || token === '\uFEFF') throw new Unsupported(token);
      const start = offset;
      offset += token.length;
      const type = scalarNext ? 'scalar' : CST.tokenType(token);
      scalarNext = false;
      if (type === null || UNSUPPORTED.has(type)) throw new Unsupported(type ?? token);
      switch (type) {
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar': {
          releaseValue();
          const quoted = type !== 'scalar';
          // The lexer passes plain scalars that start with an indicator; the full parser reports them as errors.
          if (!quoted && /^[,[\]{}#&*!|>'"%@`]/.test(token)) throw new Unsupported('indicator at the start of a plain scalar');
          const value = quoted ? quotedValue(token) : plainValue(token);
          if (quoted && value === null) throw new Unsupported('escaped or multi-line quoted scalar');
          held = { value, raw: token, start, end: offset, column: start - lineStart, quoted };
          break;
        }
        case 'map-value-ind': {
          if (!held) throw new Unsupported('empty key');
          const key = held;
          held = null;
          if (key.raw.includes('\n')) throw new Unsupported('multi-line key');
          const f = flows[flows.length - 1];
          if (f) {
            if (f.kind !== 'map' || f.key !== null) throw new Unsupported('pair in a flow sequence');
            f.key = { path: [...f.path, String(key.value ?? '')], keySpan: { start: key.start, end: key.end } };
            f.filled = true;
          } else blockKey(key);
          break;
        }
        case 'seq-item-ind': {
          releaseValue();
          if (flows.length > 0) throw new Unsupported('- in flow');
          const c = start - lineStart;
          while (blocks.length > 0 && (top()?.indent ?? -1) > c) blocks.pop();
          const t = top();
          if (t && t.kind === 'seq' && t.indent === c) t.index++;
          else {
            if (!pending && blocks.length > 0) throw new Unsupported('indentation');
            openRoot();
            blocks.push({ indent: c, kind: 'seq', path: pending?.path ?? [], keySpan: pending?.keySpan ?? null, index: 0 });
          }
          const seq = top();
          pending = seq ? { path: [...seq.path, String(seq.index)], keySpan: seq.keySpan } : null;
          break;
        }
        case 'flow-map-start':
        case 'flow-seq-start': {
          releaseValue();
          const parent = flows[flows.length - 1];
          const target: Target | null = parent
            ? parent.kind === 'seq'
              ? { path: [...parent.path, String(parent.index)], keySpan: parent.keySpan }
              : parent.key
            : (pending ?? (blocks.length === 0 ? { path: [], keySpan: null } : null));
          if (target === null) throw new Unsupported('flow collection as a key');
          if (parent) parent.filled = true;
          flows.push({ kind: type === 'flow-map-start' ? 'map' : 'seq', path: target.path, keySpan: target.keySpan, index: 0, key: null, filled: false });
          break;
        }
        case 'flow-map-end':
        case 'flow-seq-end': {
          releaseValue();
          const closed = flows.pop();
          if (!closed || closed.kind !== (type === 'flow-map-end' ? 'map' : 'seq')) throw new Unsupported('mismatched bracket');
          if (flows.length === 0) pending = null;
          break;
        }
        case 'comma': {
          releaseValue();
          const f = flows[flows.length - 1];
          if (!f) throw new Unsupported('comma outside flow');
          if (!f.filled) throw new Unsupported('empty flow item');
          f.filled = false;
          f.index++;
          f.key = null;
          break;
        }
        case 'comment':
          comments.push({ text: token, span: { start, end: offset } });
          break;
        case 'newline':
          if (flows.length === 0) releaseValue();
          lineStart = offset;
          keysOnLine = 0;
          break;
        case 'doc-start':
        case 'doc-end':
          releaseValue();
          blocks = [];
          pending = null;
          rootOpened = false;
          break;
        case 'space':
        case 'doc-mode':
          break;
        default:
          throw new Unsupported(type);
      }
    }
    releaseValue();
    if (flows.length > 0) throw new Unsupported('unclosed flow collection');
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  return offset === text.length ? { entries, errors: [], comments } : null;
}
