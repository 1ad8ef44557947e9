/**
 * Branches of a Python config function, as the reader sees them: whether a function returns what it builds (then a
 * lone `if` in it is an alternative configuration), and the condition of each branch as written, recorded as an
 * entry so the alternative can say which branch it is (roles/branches.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { lookup, type Scope } from './evaluate';
import type { Reader } from './placement';
import { LIMITS, type PyValue } from './values';

/** Whether a function body ends by returning a value (`return config`), outside any condition. */
export function returnsValue(body: SyntaxNode): boolean {
  for (let child = body.lastChild; child; child = child.prevSibling) {
    if (child.name === 'ReturnStatement') return (child.firstChild?.nextSibling ?? null) !== null;
  }
  return false;
}

/**
 * A branch's condition as written (`if config.mode == 'runlocal'`, `else`, `case "lora"`), an entry
 * `[configuration, '(condition)']` so what the branch configures can say which branch it is.
 */
export function recordCondition(reader: Reader, configuration: string, body: SyntaxNode): void {
  let start = body.parent?.name === 'MatchClause' ? body.parent : body.prevSibling;
  while (start && !/^(if|elif|else)$/.test(start.name) && start.prevSibling) start = start.prevSibling;
  if (!start || reader.entries.length >= LIMITS.entries) return;
  const raw = reader.text.slice(start.from, body.from).replace(/\s+/g, ' ').replace(/\s*:\s*$/, '').trim();
  const span = { start: start.from, end: start.from + Math.max(1, raw.length) };
  reader.entries.push({ path: [configuration, '(condition)'], value: raw, raw, span, keySpan: null, quoted: false });
  reader.sites[reader.entries.length - 1] = start.from;
}

/** The tuples `pushReturned` builds, and the `return` statement each function's last returned value came from. */
const tuples = new WeakSet<PyValue>();
const lastStatement = new WeakMap<PyValue[], number>();

/**
 * Records what a `return` statement gives, one operand at a time: `return model, loader` returns one tuple, so the
 * caller's `model, loader = build()` unpacks it element-wise, each name bound to the object the function made.
 */
export function pushReturned(returns: PyValue[] | undefined, node: SyntaxNode, value: PyValue): void {
  if (!returns) return;
  const last = returns[returns.length - 1];
  if (last !== undefined && lastStatement.get(returns) === node.from) {
    const items = tuples.has(last) && last.kind === 'seq' ? [...last.items, value] : [last, value];
    const tuple: PyValue = { kind: 'seq', items };
    tuples.add(tuple);
    returns[returns.length - 1] = tuple;
  } else returns.push(value);
  lastStatement.set(returns, node.from);
}

/**
 * Whether an attribute write goes to the parsed command-line options (`args.grad_accum_steps = max(1,
 * args.grad_accum_steps)` after `args = parser.parse_args()`): it adjusts an option, whose default is the setting,
 * and is no configuration the function writes.
 */
export function writesOptions(scope: Scope, path: readonly string[]): boolean {
  const object = path.length >= 2 ? lookup(scope, path[0] ?? '') : undefined;
  return object?.kind === 'call' && object.callee === 'argparse.Namespace';
}
