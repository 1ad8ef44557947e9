/**
 * Numbers in the Python evaluator: a computed scalar (bounded: no infinities, no huge strings), Python's
 * bool-as-int arithmetic, and the numeric builtins a config uses (`int(0.01 * max_iters)`, `max(100, warmup)`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { EvalContext } from './evaluate';
import { LIMITS, type PyValue, type Scalar } from './values';

export function computed(ctx: EvalContext, node: SyntaxNode, value: number | string | boolean | null,
  operands: readonly Scalar[] = []): PyValue {
  if (typeof value === 'number' && !Number.isFinite(value)) return { kind: 'unknown', node };
  if (typeof value === 'string' && value.length > LIMITS.stringLength) return { kind: 'unknown', node };
  const out: Scalar = { kind: 'scalar', value, raw: ctx.text.slice(node.from, node.to),
    span: { start: node.from, end: node.to }, quoted: false };
  if (operands.some(isSetting)) out.computed = true;
  return out;
}

/** A scalar that is another setting of the file (bound to a name, or computed from one), not a bare literal. */
function isSetting(s: Scalar): boolean {
  return s.origin !== undefined || s.computed === true;
}

/** Python treats booleans as the integers 0 and 1 in arithmetic. */
export function asNumber(value: Scalar['value']): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/**
 * Python builtins are not configuration: they evaluate when their arguments are numbers
 * (`int(0.01 * max_iters)`, `max(100, warmup)`) and are otherwise unknown, never call entries.
 */
export const BUILTINS = new Set([
  'abs', 'all', 'any', 'bool', 'dict', 'enumerate', 'eval', 'exec', 'filter', 'float', 'format', 'getattr',
  'globals', 'hasattr', 'int', 'isinstance', 'iter', 'len', 'list', 'locals', 'map', 'max', 'min', 'next',
  'open', 'print', 'range', 'repr', 'round', 'set', 'setattr', 'sorted', 'str', 'sum', 'super', 'tuple',
  'type', 'vars', 'zip',
]);

export function evalBuiltin(ctx: EvalContext, node: SyntaxNode, callee: string, args: PyValue[], plain: boolean):
  PyValue {
  const numbers: number[] = [];
  for (const arg of args) {
    if (arg.kind !== 'scalar') return { kind: 'unknown', node };
    const n = typeof arg.value === 'string' && (callee === 'float' || callee === 'int') ? Number(arg.value.trim()) : asNumber(arg.value);
    if (n === null || Number.isNaN(n) || (typeof arg.value === 'string' && arg.value.trim() === '')) return { kind: 'unknown', node };
    numbers.push(n);
  }
  const [first] = numbers;
  const scalars = args.filter((a): a is Scalar => a.kind === 'scalar');
  if (!plain || first === undefined) return { kind: 'unknown', node };
  // `float(args.lr)` of a default written `"3e-4"`, `int(BATCH)`: the same number, still at the literal that writes it.
  const [operand] = scalars;
  const same = numbers.length === 1 && operand !== undefined && (callee === 'float' || (callee === 'int' && Number.isInteger(first)));
  if (same) return { ...operand, value: first };
  switch (callee) {
    case 'float':
      return numbers.length === 1 ? computed(ctx, node, first, scalars) : { kind: 'unknown', node };
    case 'int':
      return numbers.length === 1 ? computed(ctx, node, Math.trunc(first), scalars) : { kind: 'unknown', node };
    case 'abs':
      return numbers.length === 1 ? computed(ctx, node, Math.abs(first), scalars) : { kind: 'unknown', node };
    case 'round':
      // Python rounds halves to even; a config's round(x) of a non-half value agrees with Math.round.
      return numbers.length === 1 && Math.abs(first % 1) !== 0.5 ? computed(ctx, node, Math.round(first), scalars) : { kind: 'unknown', node };
    case 'max':
      return numbers.length > 1 ? computed(ctx, node, Math.max(...numbers), scalars) : { kind: 'unknown', node };
    case 'min':
      return numbers.length > 1 ? computed(ctx, node, Math.min(...numbers), scalars) : { kind: 'unknown', node };
    default:
      return { kind: 'unknown', node };
  }
}
