/**
 * Bash arithmetic expansion `$(( ... ))` on integers (`$(($GPUS_PER_NODE*$NUM_NODES))`): + - * / % **,
 * unary signs and parentheses, names read as integers. Division truncates toward zero, as in bash.
 * Returns null for anything else (comparisons, assignments, names with no integer value).
 */
const MAX_DEPTH = 64;

type Resolve = (name: string) => number | null;

interface State {
  tokens: string[];
  i: number;
  resolve: Resolve;
  depth: number;
}

function tokenize(expression: string): string[] | null {
  const tokens = expression.match(/\*\*|0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]|\S/g) ?? [];
  return tokens.every((t) => /^(\*\*|0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()])$/.test(t)) ? tokens : null;
}

/** Nesting (parentheses, unary signs, right-associative powers) is bounded; a long flat sum is not. */
function primary(s: State): number | null {
  if (s.depth >= MAX_DEPTH) return null;
  s.depth++;
  const value = atom(s);
  s.depth--;
  return value;
}

function atom(s: State): number | null {
  const t = s.tokens[s.i++];
  if (t === undefined) return null;
  if (t === '(') {
    const v = sum(s);
    return s.tokens[s.i++] === ')' ? v : null;
  }
  if (t === '-' || t === '+') {
    const v = power(s);
    return v === null ? null : t === '-' ? -v : v;
  }
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^[0-9]+$/.test(t)) return /^0[0-7]+$/.test(t) ? parseInt(t, 8) : parseInt(t, 10);
  if (/^[A-Za-z_]/.test(t)) return s.resolve(t);
  return null;
}

function power(s: State): number | null {
  const base = primary(s);
  if (base === null) return null;
  if (s.tokens[s.i] !== '**') return base;
  s.i++;
  if (s.depth >= MAX_DEPTH) return null;
  s.depth++;
  const exponent = power(s);
  s.depth--;
  return exponent === null || exponent < 0 ? null : base ** exponent;
}

function product(s: State): number | null {
  let left = power(s);
  while (left !== null && ['*', '/', '%'].includes(s.tokens[s.i] ?? '')) {
    const op = s.tokens[s.i++];
    const right = power(s);
    if (right === null || (op !== '*' && right === 0)) return null;
    left = op === '*' ? left * right : op === '/' ? Math.trunc(left / right) : left % right;
  }
  return left;
}

function sum(s: State): number | null {
  let left = product(s);
  while (left !== null && (s.tokens[s.i] === '+' || s.tokens[s.i] === '-')) {
    const op = s.tokens[s.i++];
    const right = product(s);
    if (right === null) return null;
    left = op === '+' ? left + right : left - right;
  }
  return left;
}

/**
 * The variable a quotient divides (`BATCH / MICRO / GPUS`, `batch_size/(gpus * nodes)`): the name before the first
 * top-level `/` when it opens the expression; null for anything else.
 */
export function dividendName(expression: string): string | null {
  const tokens = tokenize(expression.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, '$1'));
  const [first, op] = tokens ?? [];
  return first !== undefined && /^[A-Za-z_]/.test(first) && op === '/' ? first : null;
}

/** Evaluates `expression` (already stripped of `$((` and `))`, with `$NAME` written as `NAME`). */
export function evaluateArithmetic(expression: string, resolve: Resolve): number | null {
  const tokens = tokenize(expression.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, '$1'));
  if (!tokens || tokens.length === 0) return null;
  const state: State = { tokens, i: 0, resolve, depth: 0 };
  const value = sum(state);
  return value !== null && state.i === tokens.length && Number.isSafeInteger(value) ? value : null;
}
