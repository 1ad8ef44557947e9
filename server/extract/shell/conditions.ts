/**
 * The condition of an `if`/`elif` when the file decides it: a `test`, `[ ... ]` or `[[ ... ]]` comparing values the
 * file writes (`DEBUG=0` … `if [[ $DEBUG -eq 1 ]]` is false), so the branch it selects is the one the script runs as
 * written. Anything else (a command's exit status, `&&`, a value only the run knows) is undecided: null.
 */
import type { Span } from '../../../core/hyperparams';
import { fieldsOf, isLiteral, type Environment, type Field } from './expand';
import type { Word } from './syntax';

/** What decided a condition: the value of a variable the file writes, where its literal is. */
export interface Decider {
  value: string;
  span: Span;
}

const INTEGER = /^-?[0-9]+$/;
const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
};

function textOf(word: Word | undefined): string | null {
  if (!word || !isLiteral(word)) return null;
  return word.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

function evaluate(operands: Field[]): boolean | null {
  const [a, b, c] = operands.map((f) => f.value);
  if (operands.length === 1) return (a ?? '') !== '';
  if (operands.length === 2) return a === '-z' ? b === '' : a === '-n' ? b !== '' : null;
  if (operands.length !== 3 || a === undefined || b === undefined || c === undefined) return null;
  if (b === '=' || b === '==') return a === c;
  if (b === '!=') return a !== c;
  const compare = COMPARE[b];
  if (!compare) return null;
  return INTEGER.test(a.trim()) && INTEGER.test(c.trim()) ? compare(Number(a), Number(c)) : null;
}

/**
 * The value of `if`'s condition (the words after `if`/`elif`) with the variables as they are, and the variable that
 * decided it; null when the file does not decide it.
 */
export function conditionValue(
  words: readonly Word[], env: Environment,
): { value: boolean; by: Decider | null } | null {
  let rest = words.slice(1);
  let negate = false;
  if (textOf(rest[0]) === '!') {
    negate = true;
    rest = rest.slice(1);
  }
  const open = textOf(rest[0]);
  const close = textOf(rest[rest.length - 1]);
  let inner: Word[];
  if ((open === '[' && close === ']') || (open === '[[' && close === ']]')) inner = rest.slice(1, -1);
  else if (open === 'test') inner = rest.slice(1);
  else return null;
  const operands: Field[] = [];
  for (const word of inner) {
    const fields = fieldsOf(word, env);
    // An unquoted empty expansion is no operand in bash, which changes the test: left undecided.
    if (fields.length !== 1 || fields[0]?.unknown !== false) return null;
    operands.push(fields[0]);
  }
  const value = evaluate(operands);
  if (value === null) return null;
  const fromVariable = inner.findIndex((w) => !isLiteral(w));
  const field = fromVariable >= 0 ? operands[fromVariable] : undefined;
  return { value: value !== negate, by: field ? { value: field.value, span: field.span } : null };
}
