/**
 * Scalar values as the `yaml` package's YAML 1.2 core schema resolves them, for the line scanner
 * (yaml-scan.ts) that reads literals without composing documents. Anything these cannot
 * resolve exactly (escapes, line breaks) is answered with null, and the reader hands the file on.
 */
import type { ScalarValue } from './entries';

/**
 * Every YAML reader keeps the first this many entries of a file, in document order, and no more: a large
 * file costs memory linear in its size up to here, and bounded past it.
 */
export const MAX_ENTRIES = 1_000_000;
/** Entries reached through aliases, per document, are capped apart ("billion laughs"). */
export const MAX_ALIAS_ENTRIES = 100_000;

// yaml/dist/schema/core: null, bool, int (oct, dec, hex), float, exponential float, .inf/.nan.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Every core-schema literal that is not a string starts with one of these (or is empty). */
const MAYBE_TYPED = /^[-+.0-9~nNtTfF]/;
/** The longest core-schema literal that starts with a letter (`false`). */
const LONGEST_WORD = 5;

/** The value of a plain (unquoted) scalar. */
export function plainValue(s: string): ScalarValue {
  // Most scalars of a large config are paths and names (keys too): cheap tests rule out every typed form.
  if (s.length > 0 && !MAYBE_TYPED.test(s)) return s;
  if (s.length > LONGEST_WORD && /^[a-zA-Z]/.test(s)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  if (INT.test(s) || FLOAT.test(s)) return Number(s);
  if (INF_NAN.test(s)) return s.includes('nan') || s.includes('NaN') || s.includes('NAN') ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  return s;
}

/** A quoted scalar (quotes included) without escapes or line breaks, or null for the full parser. */
export function quotedValue(source: string): string | null {
  if (source.length < 2 || source.includes('\n') || source.includes('\r')) return null;
  const q = source[0];
  if (source[source.length - 1] !== q) return null;
  const inner = source.slice(1, -1);
  if (q === '"') return inner.includes('\\') ? null : inner;
  return inner.replace(/''/g, "'");
}
