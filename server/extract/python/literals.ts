/**
 * Python literal tokens to values, by Python's own rules (the language reference, "Literals"):
 * `1e-8` is a float, `1_000` an int, `0x10` 16, `'a' 'b'` one string. Tokens come from @lezer/python,
 * which has already decided where each literal starts and ends; this module only decodes them.
 */

const RADIX: Record<string, { radix: number; digits: RegExp }> = {
  x: { radix: 16, digits: /^[0-9a-fA-F]+$/ },
  o: { radix: 8, digits: /^[0-7]+$/ },
  b: { radix: 2, digits: /^[01]+$/ },
};

/** Value of a `Number` token, or null for complex literals (`1j`), which no optimizer takes. */
export function pythonNumber(raw: string): number | null {
  const text = raw.replace(/_/g, '');
  if (/[jJ]$/.test(text)) return null;
  const prefixed = /^0([xXoObB])(.+)$/.exec(text);
  if (prefixed) {
    const base = RADIX[(prefixed[1] ?? 'x').toLowerCase()];
    const digits = prefixed[2] ?? '';
    return base && base.digits.test(digits) ? parseInt(digits, base.radix) : null;
  }
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

/** `1.e-5`, `2.E3`: a float whose exponent follows the dot. */
const DOT_EXPONENT = /(?<![\w.])(\d[\d_]*)\.([eE])([+-]?)(\d[\d_]*)(?![\w.])/g;
/** `0.`, `10.`: a float with nothing after the dot. */
const TRAILING_DOT = /(?<![\w.])(\d[\d_]*)\.(?![\w.])/g;

/**
 * The text @lezer/python parses, as long as the file. Python floats with nothing after the dot (`0.`, `1.`) or an
 * exponent right after it (`1.e-5`) are valid Python ("Floating-point literals" in the language reference) but not in
 * @lezer/python's grammar, which reads `1.` as an attribute access with the name missing (a syntax error, and the
 * value lost: `weight_decay=0.` was not read) and `1.e-5` as `(1).e - 5`. Each becomes a number of the same length
 * that the grammar reads as one token (`0.` → `00`, `10.` → `010`, `1.e-5` → `1e-05`); every value and span is still
 * read from the file's own text, so `raw` stays `1.` and a fix replaces exactly what is written. Inside strings and
 * comments the change is invisible: they stay strings and comments of the same length.
 */
export function parseableNumbers(text: string): string {
  if (!text.includes('.')) return text;
  return text
    .replace(DOT_EXPONENT, (_m, digits: string, e: string, sign: string, exp: string) => `${digits}${e}${sign}0${exp}`)
    .replace(TRAILING_DOT, (_m, digits: string) => `0${digits}`);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes the backslash escapes of a non-raw string body. Unknown escapes stay as written, as in Python. */
function unescape(body: string): string {
  return body.replace(
    /\\(\r\n|\n|\r|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/gs,
    (whole: string, esc: string) => {
      if (esc === '\n' || esc === '\r' || esc === '\r\n') return '';
      const simple = SIMPLE_ESCAPES[esc];
      if (simple !== undefined) return simple;
      const head = esc[0] ?? '';
      if (head === 'x' || head === 'u' || head === 'U') {
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      if (/^[0-7]+$/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
      return whole;
    },
  );
}

/**
 * Value of one `String` token (prefix, quotes and body), or null when it is not a plain literal
 * (an f-string has its own node and never reaches here; an unterminated token from a broken file does).
 */
export function pythonString(raw: string): string | null {
  const match = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(raw);
  if (!match) return null;
  const prefix = (match[1] ?? '').toLowerCase();
  const quote = match[2] ?? '';
  const start = match[0].length;
  if (raw.length < start + quote.length || !raw.endsWith(quote)) return null;
  const body = raw.slice(start, raw.length - quote.length);
  return prefix.includes('r') ? body : unescape(body);
}
