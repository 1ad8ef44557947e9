/**
 * Decorators that configure the function below them: click's `@click.option("--lr", default=1e-4)` declares a
 * command-line option filling the parameter `lr` (flags.ts). lezer writes a decorator as bare names beside its
 * arguments, not as a call expression, so it is evaluated here.
 */
import type { SyntaxNode } from '@lezer/common';
import { evalArguments } from './calls';
import { lookup, type EvalContext } from './evaluate';
import { clickOption } from './flags';
import { readOption } from './idioms';
import type { Block, Reader } from './placement';
import type { PyValue } from './values';

/** `@a.b(args)`: the call it makes, named through imports; unknown for a decorator without arguments. */
export function evaluateDecorator(ctx: EvalContext, node: SyntaxNode): PyValue {
  const names = node.getChildren('VariableName');
  const argList = node.getChild('ArgList');
  const first = names[0];
  const last = names[names.length - 1];
  if (!argList || !first || !last) return { kind: 'unknown', node };
  const [head = '', ...rest] = names.map((n) => ctx.text.slice(n.from, n.to));
  const bound = lookup(ctx.scope, head);
  const callee = [bound?.kind === 'symbol' ? bound.qualified : head, ...rest].join('.');
  const { args, kwargs } = evalArguments(ctx, argList, 0);
  return { kind: 'call', callee, calleeSpan: { start: first.from, end: last.to },
    calleeRaw: ctx.text.slice(first.from, last.to), args, kwargs };
}

/**
 * The options a decorated statement's decorators declare, each read as an option entry: the parameters they fill,
 * with their defaults (empty for any other decorator).
 */
export function decoratorOptions(reader: Reader, block: Block, node: SyntaxNode): Map<string, PyValue> {
  const options = new Map<string, PyValue>();
  for (const decorator of node.getChildren('Decorator')) {
    const option = clickOption(evaluateDecorator({ text: reader.text, scope: block.scope }, decorator));
    if (!option) continue;
    readOption(reader, option, decorator.from);
    options.set(option.parameter, option.default);
  }
  return options;
}
