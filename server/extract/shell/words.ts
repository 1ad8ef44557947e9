/**
 * Shell words: the characters of one word with their sources — literal text (quoted or not), `$VAR`,
 * `${VAR:-default}`, `${ARR[@]}`, `$((...))`, and opaque command substitutions — read by a small lexer
 * that keeps exact offsets. Used by syntax.ts, which splits a script into commands.
 */
import type { Span } from '../../../core/hyperparams';

export type Part =
  /**
   * Literal characters. `offset` is where `text[0]` sits in the source when `text` equals the source
   * character for character (no escapes or line continuations inside), so a piece of it has an exact span.
   */
  | { kind: 'text'; text: string; span: Span; quoted: boolean; offset: number | null }
  /** `$NAME`, `${NAME}`, `${NAME[@]}`, `${NAME:-word}`; `op` is the operator after the name, if any. */
  | { kind: 'var'; name: string; index: string | null; op: string | null; operand: Word | null; span: Span; quoted: boolean }
  | { kind: 'arith'; expression: string; span: Span; quoted: boolean }
  /**
   * Command substitution and anything else whose value only a run knows; `quotient`: the division a substitution
   * prints (`$(python3 -c "print(${A}/${B})")`), whose dividend says what it divides (roles/quotients.ts).
   */
  | { kind: 'opaque'; span: Span; quoted: boolean; quotient?: string };

export interface Word {
  parts: Part[];
  span: Span;
}

/** Characters that end an unquoted word. */
const METACHARS = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);
/** Bounds nested `${...}` operands and here-documents. */
export const MAX_DEPTH = 32;

/** A position in `text[0, end)`, and where comments and recovered errors are collected. */
export interface Lexer {
  text: string;
  pos: number;
  end: number;
  depth: number;
  comments: { text: string; span: Span }[];
  errors: { message: string; span: Span }[];
}

export function ch(lx: Lexer, offset = 0): string {
  const i = lx.pos + offset;
  return i < lx.end ? (lx.text[i] ?? '') : '';
}

export function isContinuation(lx: Lexer): boolean {
  return ch(lx) === '\\' && (ch(lx, 1) === '\n' || (ch(lx, 1) === '\r' && ch(lx, 2) === '\n'));
}

export function skipContinuation(lx: Lexer): void {
  lx.pos += ch(lx, 1) === '\r' ? 3 : 2;
}

/** One argument of `expr` arithmetic: an integer, a variable, or an operator (`*` and parentheses escaped). */
const EXPR_OPERAND = /^(?:[0-9]+|"?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?)$/;
const EXPR_OPERATOR = /^(?:[-+/%]|\\\*|'\*'|"\*"|\\\(|\\\)|'\('|'\)')$/;

/**
 * `$(expr 16 / $N)`: the arithmetic of a command substitution running `expr`, written as the expression `$(( ))`
 * reads (`16 / $N`), or null for any other command. Each operand and operator is an argument of its own, as `expr`
 * needs (`expr 16/2` prints `16/2`); whether every operand is known is decided where the expression is evaluated.
 */
export function exprArithmetic(command: string): string | null {
  const args = command.trim().split(/[ \t]+/);
  if (args[0] !== 'expr' || args.length < 4) return null;
  const out: string[] = [];
  for (const arg of args.slice(1)) {
    if (EXPR_OPERAND.test(arg)) out.push(arg.replace(/"/g, ''));
    else if (EXPR_OPERATOR.test(arg)) out.push(arg.replace(/[\\'"]/g, ''));
    else return null;
  }
  return out.join(' ');
}

/**
 * The division a command substitution prints with a float arithmetic `$(( ))` lacks: `python3 -c "print(A/B)"`,
 * `echo "A / B" | bc -l`, `awk "BEGIN {print A/B}"`. Its value is a fraction only the run computes; the expression is
 * kept for its dividend. Null for any other command, or for a printed expression that is not a quotient of names and
 * numbers.
 */
export function printedQuotient(command: string): string | null {
  const c = command.trim();
  const printed = pythonPrinted(c) ?? bcPrinted(c) ?? awkPrinted(c);
  if (printed === null || !printed.includes('/')) return null;
  return /^[\s$\w{}.+\-*/()]+$/.test(printed) ? printed : null;
}

/** The text inside one pair of matching quotes that is all of `text`, or null. */
function quotedBody(text: string): string | null {
  const t = text.trim();
  const q = t[0];
  return (q === '"' || q === "'") && t.length > 1 && t.endsWith(q) ? t.slice(1, -1).trim() : null;
}

/** `python3 -c "print(EXPR)"` → EXPR. */
function pythonPrinted(c: string): string | null {
  const head = /^python[0-9.]*[ \t]+-c[ \t]/.exec(c);
  const body = head ? quotedBody(c.slice(head[0].length)) : null;
  return body?.startsWith('print(') && body.endsWith(')') ? body.slice(6, -1) : null;
}

/** `echo "scale=4; EXPR" | bc -l` → EXPR. */
function bcPrinted(c: string): string | null {
  const [echo, bc, ...more] = c.split('|');
  if (echo === undefined || bc === undefined || more.length > 0 || !/^bc(?:[ \t]+-l)?$/.test(bc.trim())) return null;
  const e = echo.trim();
  const body = e.startsWith('echo ') ? quotedBody(e.slice(5)) : null;
  return body === null ? null : body.replace(/^scale=\d+;/, '').trim();
}

/** `awk "BEGIN {print EXPR}"` → EXPR. */
function awkPrinted(c: string): string | null {
  const body = c.startsWith('awk ') ? quotedBody(c.slice(4)) : null;
  if (!body?.startsWith('BEGIN')) return null;
  const block = body.slice(5).trim();
  if (!block.startsWith('{') || !block.endsWith('}')) return null;
  const statement = block.slice(1, -1).trim().replace(/;$/, '').trim();
  return statement.startsWith('print ') ? statement.slice(6).trim() : null;
}

/** Index of the character closing a bracket opened just before `from`, honouring quotes and nesting. */
function findClose(text: string, from: number, end: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const q = text.indexOf("'", i + 1);
      i = q < 0 || q >= end ? end : q;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

function readSingleQuoted(lx: Lexer, parts: Part[], quotedAnsi: boolean): void {
  lx.pos += quotedAnsi ? 2 : 1;
  const bodyStart = lx.pos;
  let close = lx.text.indexOf("'", bodyStart);
  if (quotedAnsi) {
    while (close > 0 && close < lx.end && lx.text[close - 1] === '\\') close = lx.text.indexOf("'", close + 1);
  }
  if (close < 0 || close >= lx.end) {
    lx.errors.push({ message: 'unterminated quote', span: { start: bodyStart - 1, end: lx.end } });
    close = lx.end;
  }
  const body = lx.text.slice(bodyStart, close);
  const text = quotedAnsi ? body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c) : body;
  parts.push({ kind: 'text', text, span: { start: bodyStart, end: close }, quoted: true, offset: text === body ? bodyStart : null });
  lx.pos = Math.min(close + 1, lx.end);
}

/** `$...` at `lx.pos`. */
function readDollar(lx: Lexer, parts: Part[], quoted: boolean): void {
  const start = lx.pos;
  const next = ch(lx, 1);
  if (next === '(' && ch(lx, 2) === '(') {
    const close = findClose(lx.text, start + 3, lx.end, '(', ')');
    const ok = close >= 0 && lx.text[close + 1] === ')';
    const end = ok ? close + 2 : lx.end;
    parts.push({ kind: 'arith', expression: lx.text.slice(start + 3, ok ? close : lx.end), span: { start, end }, quoted });
    lx.pos = end;
    return;
  }
  if (next === '(') {
    const close = findClose(lx.text, start + 2, lx.end, '(', ')');
    lx.pos = close < 0 ? lx.end : close + 1;
    const command = close < 0 ? null : lx.text.slice(start + 2, close);
    const expression = command === null ? null : exprArithmetic(command);
    const quotient = command === null || expression !== null ? null : printedQuotient(command);
    const span = { start, end: lx.pos };
    parts.push(expression !== null ? { kind: 'arith', expression, span, quoted } :
      quotient !== null ? { kind: 'opaque', span, quoted, quotient } : { kind: 'opaque', span, quoted });
    return;
  }
  if (next === '{') {
    const close = findClose(lx.text, start + 2, lx.end, '{', '}');
    lx.pos = close < 0 ? lx.end : close + 1;
    parts.push(braceExpansion(lx, start, close < 0 ? lx.end : close, quoted));
    return;
  }
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(lx.text.slice(start + 1, Math.min(lx.end, start + 256)));
  if (!name) {
    parts.push({ kind: 'text', text: '$', span: { start, end: start + 1 }, quoted, offset: start });
    lx.pos = start + 1;
    return;
  }
  lx.pos = start + 1 + name[0].length;
  parts.push({ kind: 'var', name: name[0], index: null, op: null, operand: null, span: { start, end: lx.pos }, quoted });
}

/** `${NAME[index]op operand}` between `start` (`$`) and `close` (`}`). */
function braceExpansion(lx: Lexer, start: number, close: number, quoted: boolean): Part {
  const span = { start, end: Math.min(close + 1, lx.end) };
  const inner = lx.text.slice(start + 2, close);
  const match = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!])(?:\[([^\]]*)\])?(:?[-=+?]|#{1,2}|%{1,2}|\/{1,2}|:|\^{1,2}|,{1,2})?/.exec(inner);
  if (!match || (inner.startsWith('#') && inner.length > 1) || inner.startsWith('!')) return { kind: 'opaque', span, quoted };
  const op = match[3] ?? null;
  let operand: Word | null = null;
  if (op !== null && lx.depth < MAX_DEPTH) {
    const sub: Lexer = { ...lx, pos: start + 2 + match[0].length, end: close, depth: lx.depth + 1 };
    operand = readWord(sub, true) ?? { parts: [], span: { start: sub.pos, end: sub.pos } };
  } else if (match[0].length !== inner.length) {
    return { kind: 'opaque', span, quoted };
  }
  return { kind: 'var', name: match[1] ?? '', index: match[2] ?? null, op, operand, span, quoted };
}

function readDoubleQuoted(lx: Lexer, parts: Part[]): void {
  const start = lx.pos;
  lx.pos++;
  let buf = '';
  let bufStart = lx.pos;
  let exact = true;
  const before = parts.length;
  const flush = (): void => {
    if (buf !== '') parts.push({ kind: 'text', text: buf, span: { start: bufStart, end: lx.pos }, quoted: true, offset: exact ? bufStart : null });
    buf = '';
    exact = true;
  };
  while (lx.pos < lx.end && ch(lx) !== '"') {
    const c = ch(lx);
    if (isContinuation(lx)) {
      // A line continuation inside quotes (`OPTS=" \<newline> --lr 1e-4 \<newline> ..."`) is removed; the text on
      // each side is still the source character for character, so each keeps its own exact offset.
      flush();
      skipContinuation(lx);
      bufStart = lx.pos;
    } else if (c === '\\' && '$`"\\'.includes(ch(lx, 1)) && ch(lx, 1) !== '') {
      buf += ch(lx, 1);
      exact = false;
      lx.pos += 2;
    } else if (c === '$' || c === '`') {
      flush();
      if (c === '$') readDollar(lx, parts, true);
      else readBacktick(lx, parts, true);
      bufStart = lx.pos;
    } else {
      buf += c;
      lx.pos++;
    }
  }
  flush();
  // `""` is an empty word, not no word.
  if (parts.length === before) parts.push({ kind: 'text', text: '', span: { start: start + 1, end: lx.pos }, quoted: true, offset: start + 1 });
  if (ch(lx) !== '"') lx.errors.push({ message: 'unterminated quote', span: { start, end: lx.end } });
  else lx.pos++;
}

function readBacktick(lx: Lexer, parts: Part[], quoted: boolean): void {
  const start = lx.pos;
  let i = start + 1;
  while (i < lx.end && lx.text[i] !== '`') i += lx.text[i] === '\\' ? 2 : 1;
  lx.pos = Math.min(i + 1, lx.end);
  const expression = i < lx.end ? exprArithmetic(lx.text.slice(start + 1, i)) : null;
  parts.push(expression === null ? { kind: 'opaque', span: { start, end: lx.pos }, quoted } :
    { kind: 'arith', expression, span: { start, end: lx.pos }, quoted });
}

/** Reads one word at `lx.pos` (after blanks); `inBraces` lets `}`-delimited operands contain blanks. */
export function readWord(lx: Lexer, inBraces = false): Word | null {
  const start = lx.pos;
  const parts: Part[] = [];
  let buf = '';
  let bufStart = lx.pos;
  let exact = true;
  const flush = (): void => {
    if (buf !== '') parts.push({ kind: 'text', text: buf, span: { start: bufStart, end: lx.pos }, quoted: false, offset: exact ? bufStart : null });
    buf = '';
    exact = true;
  };
  while (lx.pos < lx.end) {
    const c = ch(lx);
    if (isContinuation(lx)) {
      flush();
      skipContinuation(lx);
      bufStart = lx.pos;
      continue;
    }
    if (!inBraces && METACHARS.has(c)) break;
    if (c === '\\') {
      buf += ch(lx, 1);
      exact = false;
      lx.pos = Math.min(lx.pos + 2, lx.end);
    } else if (c === "'" || (c === '$' && ch(lx, 1) === "'")) {
      flush();
      readSingleQuoted(lx, parts, c === '$');
      bufStart = lx.pos;
    } else if (c === '"') {
      flush();
      readDoubleQuoted(lx, parts);
      bufStart = lx.pos;
    } else if (c === '$') {
      flush();
      readDollar(lx, parts, false);
      bufStart = lx.pos;
    } else if (c === '`') {
      flush();
      readBacktick(lx, parts, false);
      bufStart = lx.pos;
    } else {
      buf += c;
      lx.pos++;
    }
  }
  flush();
  return lx.pos === start ? null : { parts, span: { start, end: lx.pos } };
}
