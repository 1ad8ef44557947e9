/**
 * A JSON config a launch script writes with a here-document (Megatron-DeepSpeed's `cat <<EOT > $DS_CONFIG` holding
 * `{"train_batch_size": $GLOBAL_BATCH_SIZE, "optimizer": {...}}`), or a YAML one (`cat > train.yaml <<EOF` holding
 * `learning_rate: 1.0e-4` for `llamafactory-cli train train.yaml`): it is read as the config it is, every value
 * at the line where its literal is written. The script's variables in it are expanded as the shell expands them
 * (not when the delimiter is quoted, `<<'EOT'`): a variable the file sets to one literal is that literal, at its
 * assignment's line; one only the run knows is a value set at run time, at its use.
 */
import type { Span } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { readJson } from '../json';
import { readYaml } from '../yaml';
import type { Environment } from './expand';

/** A run of the expanded text: where it is in the expanded text and where it was written. */
interface Piece {
  from: number;
  to: number;
  /** Where the characters are written in the body (a `$VAR` for an expansion). */
  at: Span;
  /** For an expansion: the literal it expands to (null: only the run knows it), and the expression. */
  expansion?: { literal: Span | null; expression: string };
}

/** Bounds a body read as JSON: larger here-documents are left as commands. */
const MAX_BODY = 1_000_000;
const EXPANSION = /^(?:\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{[^}]*\}|\$\(\([^)]*\)\))/;

/** The value of a variable that the file sets to one literal (`GLOBAL_BATCH_SIZE=32`). */
function literalOf(env: Environment, name: string): { text: string; span: Span } | null {
  const elements = env.get(name)?.elements;
  const [chunk, ...rest] = elements?.length === 1 ? elements[0] ?? [] : [];
  return chunk && rest.length === 0 && !chunk.unknown ? { text: chunk.text, span: chunk.span } : null;
}

/** The body with its expansions done, and where each run of it came from. */
function expand(text: string, body: Span, literal: boolean, env: Environment): { text: string; pieces: Piece[] } {
  const source = text.slice(body.start, body.end);
  if (literal) return { text: source, pieces: [{ from: 0, to: source.length, at: { ...body } }] };
  const pieces: Piece[] = [];
  let out = '';
  let verbatim = 0;
  let inString = false;
  const flush = (end: number): void => {
    if (end > verbatim) {
      pieces.push({ from: out.length, to: out.length + end - verbatim,
        at: { start: body.start + verbatim, end: body.start + end } });
      out += source.slice(verbatim, end);
    }
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '"') inString = !inString;
    else if (c === '$') {
      const m = EXPANSION.exec(source.slice(i, i + 256));
      if (!m) continue;
      flush(i);
      const name = m[1] ?? m[2];
      const value = name === undefined ? null : literalOf(env, name);
      // Outside a JSON string, a value only the run knows stands as a string, so the rest of the JSON still reads.
      const replacement = value ? value.text : inString ? m[0] : JSON.stringify(m[0]);
      pieces.push({ from: out.length, to: out.length + replacement.length,
        at: { start: body.start + i, end: body.start + i + m[0].length },
        expansion: { literal: value ? value.span : null, expression: m[0] } });
      out += replacement;
      i += m[0].length - 1;
      verbatim = i + 1;
    }
  }
  flush(source.length);
  return { text: out, pieces };
}

/** The source of `[start, end)` of the expanded text, or null when it is not written in one place. */
function sourceOf(pieces: readonly Piece[], start: number, end: number): { span: Span; piece: Piece } | null {
  const piece = pieces.find((p) => p.from <= start && end <= p.to);
  if (!piece) return null;
  if (piece.expansion) {
    if (piece.from !== start || piece.to !== end) return null;
    return { span: piece.expansion.literal ?? piece.at, piece };
  }
  const shift = piece.at.start - piece.from;
  return { span: { start: start + shift, end: end + shift }, piece };
}

/** Where a value pieced together from several places (`"run_$NAME"`) is written: at its use, in the body. */
function useOf(pieces: readonly Piece[], start: number, end: number): Span {
  const first = pieces.find((p) => p.from <= start && start < p.to);
  const last = pieces.find((p) => p.from < end && end <= p.to);
  const at = (p: Piece | undefined, n: number, edge: 'start' | 'end'): number =>
    !p ? 0 : p.expansion ? p.at[edge] : p.at.start + n - p.from;
  return { start: at(first, start, 'start'), end: at(last, end, 'end') };
}

/**
 * The entries of a here-document body that is one JSON object (whitespace around it), or null when it is not
 * (a script, a Python snippet, JSON that does not parse).
 */
export function hereDocJson(text: string, body: Span, literal: boolean, env: Environment): ConfigEntry[] | null {
  if (body.end - body.start > MAX_BODY) return null;
  const raw = text.slice(body.start, body.end).trim();
  if (!raw.startsWith('{') || !raw.endsWith('}')) return null;
  const expanded = expand(text, body, literal, env);
  const read = readJson(expanded.text);
  if (read.errors.length > 0 || read.entries.length === 0) return null;
  return located(text, expanded, read.entries);
}

/** A YAML mapping's key line (`learning_rate: 1.0e-4`, `model:`). */
const YAML_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*[ \t]*:(?:[ \t]|$)/;

/** Whether the body's first line that is not blank or a comment is a YAML key. */
function startsAsYaml(body: string): boolean {
  for (const line of body.split('\n', 200)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    return YAML_KEY.test(line);
  }
  return false;
}

/**
 * The entries of a here-document body that is a YAML mapping (its first line `key: value` or `key:`), or null when
 * it is not (a script, a Python snippet, YAML that does not parse).
 */
export function hereDocYaml(text: string, body: Span, literal: boolean, env: Environment): ConfigEntry[] | null {
  if (body.end - body.start > MAX_BODY || !startsAsYaml(text.slice(body.start, body.end))) return null;
  const expanded = expand(text, body, literal, env);
  const read = readYaml(expanded.text);
  if (read.errors.length > 0 || read.entries.length === 0) return null;
  return located(text, expanded, read.entries);
}

/** Entries read from the expanded body, each at the place in the script where its literal is written. */
function located(text: string, expanded: { text: string; pieces: Piece[] }, entries: readonly ConfigEntry[]):
  ConfigEntry[] {
  return entries.map((e) => {
    const found = sourceOf(expanded.pieces, e.span.start, e.span.end);
    const span = found?.span ?? useOf(expanded.pieces, e.span.start, e.span.end);
    const key = e.keySpan && sourceOf(expanded.pieces, e.keySpan.start, e.keySpan.end);
    const entry: ConfigEntry = { ...e, span, raw: text.slice(span.start, span.end),
      keySpan: key ? key.span : e.keySpan && useOf(expanded.pieces, e.keySpan.start, e.keySpan.end) };
    const expansion = found?.piece.expansion;
    if (expansion && expansion.literal === null) {
      entry.value = expansion.expression;
      entry.quoted = false;
      entry.runtime = { kind: 'environment', expression: expansion.expression };
    }
    return entry;
  });
}
