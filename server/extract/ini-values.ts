/**
 * INI values as the code that reads them with Python's `configparser` sees them. configparser itself returns
 * strings; training code reads numbers with `getfloat`/`getint` (Python's `float()`: `3e-4`, `1e-8`, `1_000`),
 * flags with `getboolean` (`yes`/`no`, `true`/`false`, `on`/`off`, `1`/`0`, any case), and list-looking values
 * (`[0.9, 0.95]`, `(0.9, 0.999)`) with `ast.literal_eval` or `json.loads`: those are read element by element,
 * as the YAML reader reads a flow list, so that β1 and β2 are found at their own literals.
 * (cpython Lib/configparser.py: `RawConfigParser.BOOLEAN_STATES`, `_get_conv(..., float)`.)
 */
import type { Span } from '../../core/hyperparams';
import type { ScalarValue } from './entries';
import { topLevelParts } from './list-parts';

export interface IniLiteral {
  value: ScalarValue;
  raw: string;
  span: Span;
  quoted: boolean;
}

/** What Python's float() accepts in decimal (underscores between digits, as PEP 515 allows). */
const FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
/** configparser's BOOLEAN_STATES less `1` and `0`, which are numbers first. */
const BOOLEAN: Record<string, boolean> = { yes: true, true: true, on: true, no: false, false: false, off: false };
/** Words `ast.literal_eval` or `json.loads` give a non-string for, inside a list. */
const LIST_WORDS: Record<string, boolean | null> = {
  True: true, False: false, None: null, true: true, false: false, null: null,
};

function trimmedSpan(text: string, start: number): { text: string; start: number } {
  const lead = text.length - text.trimStart().length;
  return { text: text.trim(), start: start + lead };
}

/** A whole option value (no list): a number, a flag, a quoted string without its quotes, or the text as written. */
export function iniScalar(source: string, start: number): IniLiteral {
  const { text, start: at } = trimmedSpan(source, start);
  const span = { start: at, end: at + text.length };
  if (FLOAT.test(text)) return { value: Number(text.replace(/_/g, '')), raw: text, span, quoted: false };
  const flag = BOOLEAN[text.toLowerCase()];
  if (flag !== undefined) return { value: flag, raw: text, span, quoted: false };
  const quoted = quotedText(text);
  if (quoted !== null) return { value: quoted, raw: text, span, quoted: true };
  // configparser joins a continued value's lines stripped, without the comment lines (blanked in `source`).
  const value = text.includes('\n') ? text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n') : text;
  return { value, raw: text, span, quoted: false };
}

/** The inside of a one-line `"…"` or `'…'` (code strips such quotes, or literal_eval reads them), else null. */
function quotedText(text: string): string | null {
  if (text.length < 2 || text.includes('\n')) return null;
  const q = text[0];
  if ((q !== '"' && q !== "'") || text[text.length - 1] !== q) return null;
  const inner = text.slice(1, -1);
  return inner.includes(q) ? null : inner;
}

/** One element of a Python or JSON list: a number, True/False/None (true/false/null), a quoted string; else null. */
function listElement(source: string, start: number): IniLiteral | null {
  const { text, start: at } = trimmedSpan(source, start);
  if (text === '') return null;
  const span = { start: at, end: at + text.length };
  if (FLOAT.test(text)) return { value: Number(text.replace(/_/g, '')), raw: text, span, quoted: false };
  const word = LIST_WORDS[text];
  if (word !== undefined) return { value: word, raw: text, span, quoted: false };
  const quoted = quotedText(text);
  return quoted === null ? null : { value: quoted, raw: text, span, quoted: true };
}

/**
 * The elements of a `[...]` or `(...)` value, each as `elementOf` reads its text (so an element can be an
 * interpolation); null when the value is not such a list. An element that is neither a scalar nor a reference
 * (a nested list, an expression) is left out, keeping the others' indices.
 */
export function iniList<T>(source: string, start: number,
  elementOf: (text: string, at: number, plain: IniLiteral | null) => T | null): (T | null)[] | null {
  const { text, start: at } = trimmedSpan(source, start);
  const open = text[0];
  const close = open === '[' ? ']' : open === '(' ? ')' : '';
  if (!close || text[text.length - 1] !== close) return null;
  const parts = topLevelParts(text.slice(1, -1));
  if (!parts) return null;
  return parts.map((part) => elementOf(part.text, at + 1 + part.at, listElement(part.text, at + 1 + part.at)));
}

/** A whole value that is one interpolation: BasicInterpolation's `%(name)s`, ExtendedInterpolation's `${name}`,
 * `${section:name}`. The names as written (configparser lower-cases the option name before looking it up). */
export function interpolationOf(text: string): { section: string | null; option: string } | null {
  const basic = /^%\(([^)]+)\)s$/.exec(text.trim());
  if (basic) return { section: null, option: basic[1] ?? '' };
  const extended = /^\$\{(?:([^:{}]+):)?([^:{}]+)\}$/.exec(text.trim());
  if (extended) return { section: extended[1] ?? null, option: extended[2] ?? '' };
  return null;
}
