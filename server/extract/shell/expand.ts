/**
 * Parameter expansion and word splitting, keeping where each character was written. A field that
 * comes whole from one literal (`--lr $LR` after `LR=6e-5`, or `--lr 6e-5` itself) gets that literal's
 * span, so hovers and edits land on the number the user typed; a field pieced together from several
 * places (`${PREFIX}_run`) gets the span of the word at its use.
 */
import type { Span } from '../../../core/hyperparams';
import { dividendName, evaluateArithmetic } from './arithmetic';
import type { Part, Word } from './syntax';

/** A run of expanded characters. */
export interface Chunk {
  text: string;
  /** Source written for it: a literal (quotes included), or the expansion that produced it. */
  span: Span;
  /** Source offset of `text[0]` when `text` is the source character for character. */
  offset: number | null;
  quoted: boolean;
  /** Subject to word splitting (an unquoted expansion). */
  split: boolean;
  /** Only a run knows it (`$1`, `$(hostname)`, a variable the script never sets). */
  unknown: boolean;
  /** A boundary between array elements: a field break when split, a space otherwise. */
  boundary: boolean;
  /** For a quotient `$((BATCH / MICRO / GPUS))`: the variable it divides and its literal, when the file writes one. */
  dividend?: Dividend;
}

/** The variable a quotient divides (`BATCH` in `$((BATCH / MICRO / GPUS))`) and the literal it holds. */
export interface Dividend {
  name: string;
  literal: Chunk;
}

/** A variable: one element for a scalar, several for an array. */
export interface Variable {
  elements: Chunk[][];
}

export type Environment = Map<string, Variable>;

/** One word after expansion and splitting. */
export interface Field {
  value: string;
  span: Span;
  /** Source offset of `value[0]` when the value is the source text from there, character for character. */
  offset: number | null;
  quoted: boolean;
  unknown: boolean;
  /** The literal the value's quotient divides (`Chunk.dividend`), when one piece of the field is such a quotient. */
  dividend?: Dividend;
  /**
   * Where each run of `value` was written, when the field is pieced together from several places
   * (`steps=$STEPS`: `steps=` in the command, `2550` where STEPS was set), so a part of it keeps its own literal.
   */
  segments?: Segment[];
}

/** `value.slice(from, to)` came from `span` (exactly from `offset` on, when not null). */
export interface Segment {
  from: number;
  to: number;
  span: Span;
  offset: number | null;
}

const MAX_DEPTH = 16;
const MAX_LENGTH = 100_000;
/**
 * Most chunks one expanded word may hold. `A=$A$A` doubles A on every line: past this the word's value
 * is one unknown chunk (as if only a run knew it), so its size is bounded, never materialised.
 */
const MAX_CHUNKS = 2_048;

function opaque(span: Span, quoted: boolean): Chunk {
  return { text: '', span, offset: null, quoted, split: false, unknown: true, boundary: false };
}

/** A variable's value as stored: past MAX_CHUNKS chunks it is unknown, as `expandWord` makes it. */
export function boundedChunks(chunks: Chunk[], span: Span): Chunk[] {
  return chunks.length > MAX_CHUNKS ? [opaque(span, false)] : chunks;
}

export function boundary(span: Span): Chunk {
  return { text: ' ', span, offset: null, quoted: false, split: false, unknown: false, boundary: true };
}

/** Bash reads a variable as an integer in `$(( ))`. */
function integerOf(variable: Variable | undefined): number | null {
  const chunks = variable?.elements[0];
  if (!chunks || chunks.some((c) => c.unknown)) return null;
  const text = chunks.map((c) => c.text).join('').trim();
  return /^-?[0-9]+$/.test(text) ? parseInt(text, 10) : null;
}

function elementsOf(variable: Variable, index: string | null): Chunk[][] | null {
  if (index === '@' || index === '*') return variable.elements;
  if (index === null) return variable.elements.slice(0, 1);
  if (/^-?[0-9]+$/.test(index.trim())) {
    const i = parseInt(index, 10);
    const element = variable.elements[i < 0 ? variable.elements.length + i : i];
    return element ? [element] : [];
  }
  return null;
}

function expandVariable(part: Extract<Part, { kind: 'var' }>, env: Environment, depth: number): Chunk[] {
  const variable = env.get(part.name);
  const isSet = variable !== undefined && variable.elements.length > 0;
  const isEmpty = !isSet || variable.elements.every((e) => e.every((c) => c.text === '' && !c.unknown));
  const op = part.op;
  if (op !== null) {
    const useOperand = op === ':-' || op === ':=' ? isEmpty : op === '-' || op === '=' ? !isSet : op === ':+' ? !isEmpty : op === '+' ? isSet : null;
    if (useOperand === null || !part.operand) return [opaque(part.span, part.quoted)];
    if (!useOperand) return op.endsWith('+') ? [] : expandVariable({ ...part, op: null }, env, depth);
    // A literal default (`${CKPT:-"checkpoints/run"}`) is one literal, quotes included, as an assignment's is.
    const chunks = isLiteral(part.operand) ? assignedChunks(part.operand, env) : expandWord(
      part.operand, env, depth + 1);
    if (op.endsWith('=')) env.set(part.name, { elements: [chunks] });
    return chunks.map((c) => ({ ...c, quoted: c.quoted || part.quoted, split: c.split || !part.quoted }));
  }
  // A variable the script never sets, beside a `DEFAULT_<name>` it does: the script it sources to run sets the name
  // from that default unless the environment does (NVlabs/VILA@36f6adc scripts/setups/train.sh:
  // `GRADIENT_ACCUMULATION_STEPS=${GRADIENT_ACCUMULATION_STEPS:-$DEFAULT_GRADIENT_ACCUMULATION_STEPS}`, sourced by
  // launchers that write DEFAULT_GRADIENT_ACCUMULATION_STEPS=2 and pass $GRADIENT_ACCUMULATION_STEPS on).
  const assigned = variable ?? env.get(`DEFAULT_${part.name}`);
  if (!assigned) return [opaque(part.span, part.quoted)];
  const elements = elementsOf(assigned, part.index);
  if (!elements || elements.reduce((n, e) => n + e.length, 0) > MAX_CHUNKS) return [opaque(part.span, part.quoted)];
  const out: Chunk[] = [];
  elements.forEach((element, i) => {
    // "${ARR[@]}" keeps each element a field of its own; "${ARR[*]}" joins them with spaces.
    if (i > 0) out.push({ ...boundary(part.span), split: !(part.quoted && part.index === '*') });
    for (const c of element) out.push(
      { text: c.text, span: c.span, offset: c.offset, quoted: c.quoted, split: !part.quoted, unknown: c.unknown,
        boundary: c.boundary, ...(c.dividend ? { dividend: c.dividend } : {}) });
  });
  return out;
}

/** The variable a quotient divides, when it holds one literal integer. */
function dividendOf(expression: string, env: Environment): Dividend | undefined {
  const name = dividendName(expression);
  const chunks = name === null ? undefined : env.get(name)?.elements[0];
  const [only] = chunks ?? [];
  if (name === null || chunks?.length !== 1 || !only || only.unknown || integerOf(env.get(name)) === null) {
    return undefined;
  }
  return { name, literal: only };
}

/** Expands a word's parameters and arithmetic; splitting is left to `fieldsOf`. */
export function expandWord(word: Word, env: Environment, depth = 0): Chunk[] {
  if (depth > MAX_DEPTH) return [opaque(word.span, false)];
  const out: Chunk[] = [];
  let length = 0;
  for (const part of word.parts) {
    if (out.length > MAX_CHUNKS || length > MAX_LENGTH) return [opaque(word.span, false)];
    switch (part.kind) {
      case 'text':
        out.push({ text: part.text, span: part.span, offset: part.offset, quoted: part.quoted, split: false,
          unknown: false, boundary: false });
        break;
      case 'var':
        for (const chunk of expandVariable(part, env, depth)) {
          out.push(chunk);
          length += chunk.text.length;
        }
        break;
      case 'arith': {
        const value = evaluateArithmetic(part.expression, (name) => integerOf(env.get(name)));
        const chunk: Chunk = value === null ? opaque(part.span, part.quoted) : { text: String(value), span: part.span,
          offset: null, quoted: part.quoted, split: !part.quoted, unknown: false, boundary: false };
        const dividend = dividendOf(part.expression, env);
        out.push(dividend ? { ...chunk, dividend } : chunk);
        break;
      }
      case 'opaque': {
        const dividend = part.quotient === undefined ? undefined : dividendOf(part.quotient, env);
        out.push(dividend ? { ...opaque(part.span, part.quoted), dividend } : opaque(part.span, part.quoted));
        break;
      }
    }
  }
  return out.length > MAX_CHUNKS || length > MAX_LENGTH ? [opaque(word.span, false)] : out;
}

/** True when the word is written out in full (no expansion), so its own span, quotes included, is the literal. */
export function isLiteral(word: Word): boolean {
  return word.parts.every((p) => p.kind === 'text');
}

/**
 * The value a variable assignment stores: a literal word is one chunk spanning the whole literal
 * (`LR="6e-5"` points at `"6e-5"`), anything else the chunks of its expansion.
 */
export function assignedChunks(word: Word, env: Environment): Chunk[] {
  if (!isLiteral(word)) return expandWord(word, env);
  // A quoted string of flags cut by line continuations (`ARGS=" \<newline> --lr 1e-4 \<newline> ..."`) keeps one
  // chunk per line, each exact, so every flag's value gets its own line and literal.
  if (word.parts.length > 1 && word.parts.every((p) => p.kind === 'text' && p.offset !== null)) return expandWord(word, env);
  const text = word.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  const [only] = word.parts;
  const offset = word.parts.length === 1 && only?.kind === 'text' ? only.offset : null;
  const quoted = word.parts.some((p) => p.kind === 'text' && p.quoted);
  return [{ text, span: word.span, offset, quoted, split: false, unknown: false, boundary: false }];
}

interface Piece {
  chunk: Chunk;
  from: number;
  to: number;
}

/** Where one piece was written: the whole chunk's source, or its exact characters. */
function pieceSource({ chunk, from, to }: Piece): { span: Span; offset: number | null } {
  if (from === 0 && to === chunk.text.length) {
    const exact = chunk.offset !== null && chunk.span.start === chunk.offset &&
      chunk.span.end === chunk.offset + chunk.text.length;
    return { span: chunk.span, offset: exact ? chunk.offset : null };
  }
  if (chunk.offset !== null) {
    return { span: { start: chunk.offset + from, end: chunk.offset + to }, offset: chunk.offset + from };
  }
  return { span: chunk.span, offset: null };
}

function segmentsOf(pieces: Piece[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const p of pieces) {
    const length = p.to - p.from;
    if (length > 0 && !p.chunk.unknown) out.push({ from: at, to: at + length, ...pieceSource(p) });
    at += length;
  }
  return out;
}

function finish(pieces: Piece[], use: Span, literal: boolean): Field {
  const field = piecedField(pieces, use, literal);
  const dividends = pieces.flatMap((p) => (p.chunk.dividend ? [p.chunk.dividend] : []));
  return dividends.length === 1 && dividends[0] ? { ...field, dividend: dividends[0] } : field;
}

function piecedField(pieces: Piece[], use: Span, literal: boolean): Field {
  const value = pieces.map((p) => p.chunk.text.slice(p.from, p.to)).join('');
  const unknown = pieces.some((p) => p.chunk.unknown);
  const quoted = pieces.some((p) => p.chunk.quoted);
  const [only] = pieces;
  if (literal || pieces.length !== 1 || !only) {
    // A literal's value maps onto its source even inside quotes: `"--lr=1e-4"` has an exact `1e-4`.
    const offset = pieces.length === 1 && only && only.chunk.offset !== null &&
      only.from === 0 ? only.chunk.offset : null;
    const field: Field = { value, span: use, offset: literal ? offset : null, quoted, unknown };
    if (!literal && pieces.length > 1) field.segments = segmentsOf(pieces);
    return field;
  }
  return { value, ...pieceSource(only), quoted, unknown };
}

/**
 * Splits expanded chunks into fields, as bash does with the default IFS: unquoted expansions split at
 * blanks, array elements (`${ARR[@]}`) are fields of their own, quoted text never splits.
 */
export function fieldsOf(word: Word, env: Environment): Field[] {
  const chunks = expandWord(word, env);
  const literal = isLiteral(word);
  const fields: Field[] = [];
  let pieces: Piece[] = [];
  let length = 0;
  let started = false;
  const close = (): void => {
    if (started) fields.push(finish(pieces, word.span, literal));
    pieces = [];
    started = false;
  };
  for (const chunk of chunks) {
    length += chunk.text.length;
    if (length > MAX_LENGTH) break;
    if (chunk.boundary && chunk.split) {
      close();
      continue;
    }
    if (!chunk.split || chunk.unknown) {
      pieces.push({ chunk, from: 0, to: chunk.text.length });
      started = true;
      continue;
    }
    const re = /[^ \t\n]+/g;
    let last = 0;
    for (let m = re.exec(chunk.text); m; m = re.exec(chunk.text)) {
      if (m.index > last) close();
      pieces.push({ chunk, from: m.index, to: m.index + m[0].length });
      started = true;
      last = m.index + m[0].length;
    }
    if (last < chunk.text.length) close();
  }
  close();
  return fields;
}
