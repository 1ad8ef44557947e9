/**
 * Writing a number the way a file already writes it: an edit that turns `3e-4` into `0.0002` or
 * `"1e-8"` into `1e-08` would be correct and still unwelcome. The style is read from the literal being
 * replaced (scientific or plain, dot in the mantissa, e/E, explicit exponent sign, zero-padded
 * exponent, quotes, Python underscores); values are written with the fewest significant digits that
 * round-trip.
 */
import type { ConfigFormat } from '../core/analysis';

interface NumberStyle {
  scientific: boolean;
  /** Scientific: the mantissa has a dot (`1.0e-8`). Plain: the literal has a dot (`2.0`). */
  dot: boolean;
  upperE: boolean;
  /** `1e+3` rather than `1e3`. */
  plusSign: boolean;
  /** Width of the exponent digits (`1e-08` → 2). */
  exponentWidth: number;
  quote: string;
  underscores: boolean;
}

const SCIENTIFIC = /^([+-]?)(\d[\d_]*)?(\.\d*)?[eE]([+-]?)(\d+)$/;
const PLAIN = /^[+-]?(\d[\d_]*)?(\.\d*)?$/;

/** Splits surrounding quotes off a literal: `"1e-8"` → ['"', '1e-8']. */
function unquote(raw: string): [string, string] {
  const first = raw[0];
  if (raw.length >= 2 && (first === '"' || first === "'") && raw.endsWith(first)) return [first, raw.slice(1, -1)];
  return ['', raw];
}

/** True when `raw` (quotes aside) is a plain numeric literal rather than an expression or a word. */
export function isNumericLiteral(raw: string): boolean {
  const body = unquote(raw)[1].trim();
  return body !== '' && body !== '.' && (SCIENTIFIC.test(body) || PLAIN.test(body));
}

function readStyle(raw: string | null): NumberStyle {
  const [quote, body] = raw === null ? ['', ''] : unquote(raw.trim());
  const sci = SCIENTIFIC.exec(body);
  if (sci) {
    return {
      scientific: true,
      dot: sci[3] !== undefined,
      upperE: body.includes('E'),
      plusSign: sci[4] === '+',
      exponentWidth: sci[5].startsWith('0') ? sci[5].length : 1,
      quote,
      underscores: false,
    };
  }
  // Expressions such as `6e-4 * 8` or `3 * 2**10`: take the exponent style of their first number.
  const exponentInside = /\d[eE][+-]?\d/.test(body);
  return {
    scientific: exponentInside,
    dot: body.includes('.'),
    upperE: exponentInside && /\d[E]/.test(body),
    plusSign: false,
    exponentWidth: 1,
    quote,
    underscores: /\d_\d/.test(body),
  };
}

/** Shortest round-tripping mantissa and its power of ten (value = mantissa × 10^exponent). */
function shortestExponential(value: number): { mantissa: string; exponent: number } {
  const [m, e] = value.toExponential().split('e');
  return { mantissa: m, exponent: Number(e) };
}

/** String() writes an exponent from here up; a plain literal this large is written in scientific form instead. */
const POSITIONAL_LIMIT = 1e21;

/** Plain positional notation without an exponent, round-tripping (`1e-7` → `0.0000001`), for |value| < 1e21. */
function positional(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const { mantissa, exponent } = shortestExponential(Math.abs(value));
  const digits = mantissa.replace('.', '');
  return `${value < 0 ? '-' : ''}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

function withUnderscores(integerText: string): string {
  return integerText.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

/**
 * `value` written in the style of `raw` (the literal it replaces), valid in `format`, so that the format's
 * loader reads back exactly `value`. In YAML a scientific literal always gets a dot in the mantissa and a
 * sign in the exponent (`1.0e-8`, `1.5e+0`): PyYAML (YAML 1.1) reads `1e-8` and `1.5e0` as strings.
 * An `integer` (a step or batch count) is written as whole digits, whatever the style: `5.0e+3` would be
 * a float to the framework's loader.
 */
export function formatNumberLike(raw: string | null, value: number, format: ConfigFormat, integer = false): string {
  const style = readStyle(raw);
  if (integer && Number.isSafeInteger(value)) return format === 'json' ? String(value) : `${style.quote}${value}${style.quote}`;
  // A plain literal keeps its style at its own magnitude (0.000003 → 0.000004), but 0.1 → 1e-8 goes
  // scientific rather than 0.00000001: nobody writes small values that way unless they already did.
  const rawValue = raw === null ? NaN : Math.abs(Number(unquote(raw.trim())[1]));
  const tinyNow = value !== 0 && Math.abs(value) < 1e-4 && !(rawValue < 1e-4 && rawValue > 0);
  const hugeNew = (raw === null && Math.abs(value) >= 1e7) || Math.abs(value) >= POSITIONAL_LIMIT;
  let text: string;
  if (style.scientific || tinyNow || hugeNew) {
    const { mantissa, exponent } = shortestExponential(value);
    const needsDot = style.dot || format === 'yaml';
    const m = needsDot && !mantissa.includes('.') ? `${mantissa}.0` : mantissa;
    const expDigits = String(Math.abs(exponent)).padStart(style.exponentWidth, '0');
    const expSign = exponent < 0 ? '-' : style.plusSign || format === 'yaml' ? '+' : '';
    text = `${m}${style.upperE ? 'E' : 'e'}${expSign}${expDigits}`;
  } else {
    text = positional(value);
    if (style.dot && !text.includes('.')) text += '.0';
    if (style.underscores && format === 'python' && !text.includes('.')) text = withUnderscores(text);
  }
  // JSON has no quoted numbers to keep, and a number must stay a number there.
  return format === 'json' ? text : `${style.quote}${text}${style.quote}`;
}

/** A string value written like `raw` (same quotes), quoting where the format needs it. */
export function formatStringLike(raw: string | null, value: string, format: ConfigFormat): string {
  const [quote] = raw === null ? [''] : unquote(raw.trim());
  const q = quote || (format === 'json' || format === 'toml' || format === 'python' ? '"' : '');
  if (q === '"') return JSON.stringify(value);
  if (q === "'") return `'${value.replace(/'/g, format === 'yaml' ? "''" : "\\'")}'`;
  return value;
}
