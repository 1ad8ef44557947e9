/**
 * The shell syntax a launch script uses to pass hyperparameters, as a tree of words with exact source
 * spans: simple commands, variable assignments (`LR=6e-5`, `GPT_ARGS=( ... )`), quotes, escapes, line
 * continuations, comments, `$VAR`/`${VAR:-default}`/`${ARR[@]}`/`$((...))` expansions and here-documents.
 * Control flow (`if`, `for`, functions) is read as the commands inside it, in source order.
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
  /** Command substitution and anything else whose value only a run knows. */
  | { kind: 'opaque'; span: Span; quoted: boolean };

export interface Word {
  parts: Part[];
  span: Span;
}

export interface Assignment {
  name: string;
  nameSpan: Span;
  append: boolean;
  /** `NAME=word`; null for `NAME=( ... )`. */
  value: Word | null;
  /** `NAME=( ... )`: the elements. */
  elements: Word[] | null;
}

export interface HereDoc {
  /** The body, read as commands (a launch command or a list of flags stored with `read`). */
  commands: Command[];
}

export interface Command {
  assignments: Assignment[];
  words: Word[];
  hereDocs: HereDoc[];
}

export interface Script {
  commands: Command[];
  comments: { text: string; span: Span }[];
  errors: { message: string; span: Span }[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
/** Builtins whose arguments may be assignments. */
const DECLARATIONS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);
const METACHARS = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);
const MAX_DEPTH = 32;

interface Lexer {
  text: string;
  pos: number;
  end: number;
  depth: number;
  comments: Script['comments'];
  errors: Script['errors'];
}

function ch(lx: Lexer, offset = 0): string {
  const i = lx.pos + offset;
  return i < lx.end ? (lx.text[i] ?? '') : '';
}

function isContinuation(lx: Lexer): boolean {
  return ch(lx) === '\\' && (ch(lx, 1) === '\n' || (ch(lx, 1) === '\r' && ch(lx, 2) === '\n'));
}

function skipContinuation(lx: Lexer): void {
  lx.pos += ch(lx, 1) === '\r' ? 3 : 2;
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
    parts.push({ kind: 'opaque', span: { start, end: lx.pos }, quoted });
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
  const flush = (): void => {
    if (buf !== '' || lx.pos === bufStart) parts.push({ kind: 'text', text: buf, span: { start: bufStart, end: lx.pos }, quoted: true, offset: exact ? bufStart : null });
    buf = '';
    exact = true;
  };
  while (lx.pos < lx.end && ch(lx) !== '"') {
    const c = ch(lx);
    if (c === '\\' && '$`"\\\n'.includes(ch(lx, 1)) && ch(lx, 1) !== '') {
      if (ch(lx, 1) !== '\n') buf += ch(lx, 1);
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
  if (ch(lx) !== '"') lx.errors.push({ message: 'unterminated quote', span: { start, end: lx.end } });
  else lx.pos++;
}

function readBacktick(lx: Lexer, parts: Part[], quoted: boolean): void {
  const start = lx.pos;
  let i = start + 1;
  while (i < lx.end && lx.text[i] !== '`') i += lx.text[i] === '\\' ? 2 : 1;
  lx.pos = Math.min(i + 1, lx.end);
  parts.push({ kind: 'opaque', span: { start, end: lx.pos }, quoted });
}

/** Reads one word at `lx.pos` (after blanks); `inBraces` lets `}`-delimited operands contain blanks. */
function readWord(lx: Lexer, inBraces = false): Word | null {
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
      skipContinuation(lx);
      exact = false;
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

function wordText(word: Word): string | null {
  let out = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return null;
    out += part.text;
  }
  return out;
}

function skipBlanks(lx: Lexer, newlines: boolean): void {
  for (;;) {
    const c = ch(lx);
    if (c === ' ' || c === '\t' || (newlines && (c === '\n' || c === '\r'))) lx.pos++;
    else if (isContinuation(lx)) skipContinuation(lx);
    else if (newlines && c === '#') readComment(lx);
    else return;
  }
}

function readComment(lx: Lexer): void {
  const start = lx.pos;
  let end = lx.text.indexOf('\n', start);
  if (end < 0 || end > lx.end) end = lx.end;
  if (lx.text[end - 1] === '\r') end--;
  lx.comments.push({ text: lx.text.slice(start, end), span: { start, end } });
  lx.pos = end;
}

/** `NAME=( elements )`, with `lx.pos` on the `(`. */
function readArray(lx: Lexer): Word[] {
  const elements: Word[] = [];
  lx.pos++;
  for (;;) {
    skipBlanks(lx, true);
    if (lx.pos >= lx.end) {
      lx.errors.push({ message: 'unterminated array', span: { start: lx.end, end: lx.end } });
      return elements;
    }
    if (ch(lx) === ')') {
      lx.pos++;
      return elements;
    }
    const word = readWord(lx);
    if (word) elements.push(word);
    else lx.pos++;
  }
}

/** Splits `NAME=rest` off a word whose first part is unquoted text; null when it is not an assignment. */
function asAssignment(word: Word): { name: string; nameSpan: Span; append: boolean; value: Word } | null {
  const first = word.parts[0];
  if (!first || first.kind !== 'text' || first.quoted) return null;
  const match = ASSIGNMENT.exec(first.text);
  if (!match || first.offset === null) return null;
  const name = match[1] ?? '';
  const cut = match[0].length;
  const rest: Part[] = [];
  if (cut < first.text.length) {
    rest.push({ ...first, text: first.text.slice(cut), span: { start: first.span.start + cut, end: first.span.end }, offset: first.offset + cut });
  }
  rest.push(...word.parts.slice(1));
  const valueStart = first.span.start + cut;
  return {
    name,
    nameSpan: { start: first.span.start, end: first.span.start + name.length },
    append: match[2] === '+',
    value: { parts: rest, span: { start: valueStart, end: Math.max(valueStart, word.span.end) } },
  };
}

interface PendingHereDoc {
  delimiter: string;
  stripTabs: boolean;
  command: Command;
}

function readHereDocBodies(lx: Lexer, pending: PendingHereDoc[]): void {
  for (const doc of pending) {
    const bodyStart = lx.pos;
    let bodyEnd = lx.end;
    while (lx.pos < lx.end) {
      let lineEnd = lx.text.indexOf('\n', lx.pos);
      if (lineEnd < 0 || lineEnd > lx.end) lineEnd = lx.end;
      let line = lx.text.slice(lx.pos, lineEnd).replace(/\r$/, '');
      if (doc.stripTabs) line = line.replace(/^\t+/, '');
      const lineStart = lx.pos;
      lx.pos = Math.min(lineEnd + 1, lx.end);
      if (line === doc.delimiter) {
        bodyEnd = lineStart;
        break;
      }
    }
    if (lx.depth < MAX_DEPTH) {
      const body: Lexer = { ...lx, pos: bodyStart, end: bodyEnd, depth: lx.depth + 1 };
      doc.command.hereDocs.push({ commands: readCommands(body) });
    }
  }
  pending.length = 0;
}

function readRedirection(lx: Lexer, command: Command, pending: PendingHereDoc[]): void {
  if (lx.text.startsWith('<<<', lx.pos)) {
    lx.pos += 3;
  } else if (lx.text.startsWith('<<', lx.pos)) {
    lx.pos += 2;
    const stripTabs = ch(lx) === '-';
    if (stripTabs) lx.pos++;
    skipBlanks(lx, false);
    const delimiter = readWord(lx);
    if (delimiter) {
      const text = delimiter.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      pending.push({ delimiter: text, stripTabs, command });
    }
    return;
  } else {
    while ('<>&|'.includes(ch(lx)) && ch(lx) !== '') lx.pos++;
  }
  skipBlanks(lx, false);
  readWord(lx);
}

function readCommands(lx: Lexer): Command[] {
  const commands: Command[] = [];
  const pending: PendingHereDoc[] = [];
  let current: Command = { assignments: [], words: [], hereDocs: [] };
  const finish = (): void => {
    if (current.words.length > 0 || current.assignments.length > 0) commands.push(current);
    current = { assignments: [], words: [], hereDocs: [] };
  };
  while (lx.pos < lx.end) {
    const c = ch(lx);
    if (c === ' ' || c === '\t' || c === '\r') lx.pos++;
    else if (isContinuation(lx)) skipContinuation(lx);
    else if (c === '\n') {
      lx.pos++;
      readHereDocBodies(lx, pending);
      finish();
    } else if (c === '#') readComment(lx);
    else if (c === '<' || c === '>' || (c === '&' && ch(lx, 1) === '>')) readRedirection(lx, current, pending);
    else if (';&|()'.includes(c)) {
      lx.pos++;
      finish();
    } else {
      const word = readWord(lx);
      if (!word) {
        lx.pos++;
        continue;
      }
      const head = current.words[0] ? wordText(current.words[0]) : null;
      const assignment = current.words.length === 0 || (head !== null && DECLARATIONS.has(head)) ? asAssignment(word) : null;
      if (!assignment) current.words.push(word);
      else if (assignment.value.parts.length === 0 && ch(lx) === '(') {
        current.assignments.push({ ...assignment, value: null, elements: readArray(lx) });
      } else current.assignments.push({ ...assignment, elements: null });
    }
  }
  readHereDocBodies(lx, pending);
  finish();
  return commands;
}

/** Reads a whole script (or the part `[start, end)` of a text). */
export function parseScript(text: string): Script {
  const lx: Lexer = { text, pos: 0, end: text.length, depth: 0, comments: [], errors: [] };
  const commands = readCommands(lx);
  return { commands, comments: lx.comments, errors: lx.errors };
}
