/**
 * The shell syntax a launch script uses to pass hyperparameters, as a tree of words with exact source
 * spans: simple commands, variable assignments (`LR=6e-5`, `GPT_ARGS=( ... )`), quotes, escapes, line
 * continuations, comments, `$VAR`/`${VAR:-default}`/`${ARR[@]}`/`$((...))` expansions and here-documents.
 * Control flow (`if`, `for`, functions) is read as the commands inside it, in source order, and so is a script
 * passed as one quoted string to a shell or to `eval` (`srun ... bash -c "torchrun train.py --lr 1e-4"`).
 */
import type { Span } from '../../../core/hyperparams';
import { commentAloneOnLine, continuesWithFlag } from './commented-flags';
import { MAX_DEPTH, ch, isContinuation, readWord, skipContinuation, type Lexer, type Part, type Word } from './words';

export type { Part, Word } from './words';

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
  /** Where the body is written (the lines between the command and the delimiter). */
  body: Span;
  /** The delimiter is quoted (`<<'EOF'`): the body is literal text, no `$VAR` in it is expanded. */
  literal: boolean;
}

/**
 * The reserved words of a branch, in source order among the commands: `if` and `elif` (their command is the
 * condition), `then`, `else`, `fi`; `case` (its command is `case WORD in`), each arm's `pattern`, the `;;` that ends
 * an arm (also `;&`, `;;&`) and `esac`.
 */
export type Keyword = 'if' | 'elif' | 'then' | 'else' | 'fi' | 'case' | 'pattern' | ';;' | 'esac';

export interface Command {
  assignments: Assignment[];
  words: Word[];
  hereDocs: HereDoc[];
  /** The commands of a script given as a quoted string (`bash -c '...'`, `eval "..."`); empty when none. */
  inline: Command[];
  /** Set on a branch's reserved word; `if`, `elif` and `case` keep their words (the condition, the subject). */
  keyword?: Keyword;
  /** For `pattern`: the arm's patterns (`"8B"|"8b")` has two) and where they are written. */
  patterns?: Word[];
  span?: Span;
}

export interface Script {
  commands: Command[];
  comments: { text: string; span: Span }[];
  errors: { message: string; span: Span }[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
/** A shell program (`bash`, `/bin/sh`), whose `-c` option takes the script to run as its next word. */
const SHELL = /^(?:\S*\/)?(?:ba|z|da|k)?sh$/;
/** A cluster of one-letter options (`-c`, `-lc`, `-xec`): the script follows when `c` is in it. */
const OPTION_CLUSTER = /^-[A-Za-z]+$/;
/** Builtins whose arguments may be assignments. */
const DECLARATIONS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);

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
    rest.push({ ...first, text: first.text.slice(cut), span: { start: first.span.start + cut, end: first.span.end },
      offset: first.offset + cut });
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

/** The word holding the script a command runs: the one after a shell's `-c`, or `eval`'s only argument. */
function scriptWord(words: Word[]): Word | null {
  const texts = words.map(wordText);
  if (texts[0] === 'eval') return words.length === 2 ? (words[1] ?? null) : null;
  const shell = texts.findIndex((t) => t !== null && SHELL.test(t));
  if (shell < 0) return null;
  for (let i = shell + 1; i < words.length; i++) {
    const option = texts[i];
    if (option === null || !option.startsWith('-')) return null;
    if (OPTION_CLUSTER.test(option) && option.includes('c')) return words[i + 1] ?? null;
  }
  return null;
}

/**
 * The commands of a script written as one quoted string, read from the source between its quotes so that every
 * value keeps its exact span. The text is read as the inner shell reads it: for a double-quoted string, escapes
 * such as `\"` are literal quotes there too, and `$VAR` is the caller's variable either way.
 */
function inlineScript(lx: Lexer, words: Word[]): Command[] {
  const word = scriptWord(words);
  if (!word || lx.depth >= MAX_DEPTH || !word.parts.every((p) => p.quoted)) return [];
  const { start, end } = word.span;
  const quote = lx.text[start];
  if ((quote !== '"' && quote !== "'") || end - start < 2 || lx.text[end - 1] !== quote) return [];
  return readCommands({ ...lx, pos: start + 1, end: end - 1, depth: lx.depth + 1, comments: [], errors: [] });
}

interface PendingHereDoc {
  delimiter: string;
  stripTabs: boolean;
  literal: boolean;
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
      doc.command.hereDocs.push({ commands: readCommands(body), body: { start: bodyStart, end: bodyEnd },
        literal: doc.literal });
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
      pending.push({ delimiter: text, stripTabs, literal: delimiter.parts.some((p) => p.quoted), command });
    }
    return;
  } else {
    while ('<>&|'.includes(ch(lx)) && ch(lx) !== '') lx.pos++;
  }
  skipBlanks(lx, false);
  readWord(lx);
}

/** Reserved words that stand alone (a command follows them); `if`, `elif` and `case` start the command they head. */
const ALONE: ReadonlySet<string> = new Set(['then', 'else', 'fi', 'esac']);

/** A case arm's patterns, `(a|b)` or `a|b)`, with `lx.pos` on the first; `lx.pos` ends after the `)`. */
function readPatterns(lx: Lexer): Word[] {
  const patterns: Word[] = [];
  if (ch(lx) === '(') lx.pos++;
  while (lx.pos < lx.end) {
    skipBlanks(lx, false);
    const word = readWord(lx);
    if (word) patterns.push(word);
    skipBlanks(lx, false);
    const c = ch(lx);
    lx.pos++;
    if (c !== '|') break;
  }
  return patterns;
}

function readCommands(lx: Lexer): Command[] {
  const commands: Command[] = [];
  const pending: PendingHereDoc[] = [];
  /** Open `case`s, innermost last: true while the next word is an arm's pattern (or `esac`). */
  const cases: boolean[] = [];
  let current: Command = { assignments: [], words: [], hereDocs: [], inline: [] };
  const finish = (): void => {
    if (current.words.length > 0 || current.assignments.length > 0) {
      current.inline = inlineScript(lx, current.words);
      commands.push(current);
    }
    current = { assignments: [], words: [], hereDocs: [], inline: [] };
  };
  const mark = (keyword: Keyword, span: Span, patterns?: Word[]): void => {
    finish();
    commands.push({ assignments: [], words: [], hereDocs: [], inline: [], keyword, span,
      ...(patterns ? { patterns } : {}) });
  };
  while (lx.pos < lx.end) {
    const c = ch(lx);
    if (cases[cases.length - 1] === true) {
      skipBlanks(lx, true);
      const start = lx.pos;
      if (lx.pos >= lx.end) break;
      const save = lx.pos;
      const word = readWord(lx);
      if (word && wordText(word) === 'esac') {
        cases.pop();
        mark('esac', word.span);
        continue;
      }
      lx.pos = save;
      cases[cases.length - 1] = false;
      const patterns = readPatterns(lx);
      mark('pattern', { start, end: lx.pos }, patterns);
      continue;
    }
    if (c === ';' && cases.length > 0 && (ch(lx, 1) === ';' || ch(lx, 1) === '&')) {
      const start = lx.pos;
      lx.pos += ch(lx, 2) === '&' ? 3 : 2;
      mark(';;', { start, end: lx.pos });
      cases[cases.length - 1] = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') lx.pos++;
    else if (isContinuation(lx)) skipContinuation(lx);
    else if (c === '\n') {
      lx.pos++;
      readHereDocBodies(lx, pending);
      finish();
    } else if (c === '#') {
      // A comment line between a continued command's flags does not end it (shell/commented-flags.ts).
      const inCommand = current.words.length > 0 && commentAloneOnLine(lx);
      readComment(lx);
      if (inCommand) continuesWithFlag(lx);
    } else if (c === '<' || c === '>' || (c === '&' && ch(lx, 1) === '>')) readRedirection(lx, current, pending);
    else if (';&|()'.includes(c)) {
      lx.pos++;
      finish();
    } else {
      const word = readWord(lx);
      if (!word) {
        lx.pos++;
        continue;
      }
      // A reserved word is one unquoted word (`"if"` is a command named if).
      const reserved = word.parts.length === 1 && word.parts[0]?.kind === 'text' && !word.parts[0].quoted;
      const text = reserved && current.words.length === 0 && current.assignments.length === 0 ? wordText(word) : null;
      if (text !== null && ALONE.has(text)) {
        if (text === 'esac') cases.pop();
        mark(text as Keyword, word.span);
        continue;
      }
      if (text === 'if' || text === 'elif' || text === 'case') {
        current.keyword = text;
        current.span = word.span;
      }
      const head = current.words[0] ? wordText(current.words[0]) : null;
      if (current.keyword === 'case' && current.words.length === 2 && wordText(word) === 'in') {
        current.words.push(word);
        finish();
        cases.push(true);
        continue;
      }
      const assignment = current.words.length === 0 ||
        (head !== null && DECLARATIONS.has(head)) ? asAssignment(word) : null;
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
