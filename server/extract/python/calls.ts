/**
 * Calls in the Python evaluator: the callee's name through imports and aliases, the arguments (keywords, `*args`,
 * `**kwargs` spreads), and what a call gives: a function or class defined in the file run on them, a builtin's number,
 * `functools.partial`, `getattr(torch.optim, name)`, argparse and absl flags, a functional setter, or a call the reader
 * keeps as written (`torch.optim.AdamW(...)`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import { isArgumentParser, newParser, parserMethod } from './argparse';
import { BUILTINS, evalBuiltin } from './builtins';
import { attributeOf, evaluate, isOperand, lookup, next, spanOf, type EvalContext } from './evaluate';
import { defineFlag, isFlagDefinition } from './flags';
import { ownClassDefaults, saveHyperparameters } from './instances';
import { UNKNOWN, passedOn, type Field, type PyValue } from './values';

interface Callee {
  name: string;
  /** Where the name is written, when not the whole callee: the class inside `L(torch.optim.SGD)`. */
  written?: { raw: string; span: Span };
}

/**
 * The callee's name, qualified through imports (`optim.AdamW` → `torch.optim.AdamW` after `import torch.optim
 * as optim`). A call of a call that wraps one class (`LazyCall(torch.optim.SGD)(lr=...)`, detectron2's lazy
 * configs) is named by the class it builds, written where that class is.
 */
function calleeName(ctx: EvalContext, node: SyntaxNode, depth: number, known?: PyValue): Callee {
  const written = ctx.text.slice(node.from, node.to).replace(/\s+/g, '');
  if (node.name === 'CallExpression') {
    const inner = evaluate(ctx, node, depth + 1);
    // A class looked up by name (`getattr(torch.optim, "AdamW")(...)`).
    if (inner.kind === 'symbol') return inner.use ? { name: inner.qualified, written: inner.use } : { name: inner.qualified };
    const [only] = inner.kind === 'call' && inner.args.length === 1 && inner.kwargs.length === 0 ? inner.args : [];
    if (only?.kind === 'symbol') return only.use ? { name: only.qualified, written: only.use } : { name: only.qualified };
    if (only?.kind === 'class') return { name: only.name };
    return { name: written };
  }
  if (node.name !== 'VariableName' && node.name !== 'MemberExpression') return { name: written };
  const value = known ?? evaluate(ctx, node, depth + 1);
  // A class chosen into a name (`optimizer_cls = torch.optim.AdamW`, then `optimizer_cls(...)`) is named where it
  // is written, the place an edit must change.
  if (value.kind === 'symbol') return node.name === 'VariableName' && value.use ? { name: value.qualified, written: value.use } :
    { name: value.qualified };
  if (value.kind === 'class') return { name: value.name };
  return { name: written };
}

/** A functional setter's name: `with_<setting>` or `set_<setting>` (a leading underscore for a private helper). */
const SETTER = /^_?(?:with|set)_([a-z][a-z0-9_]*)$/;

interface Arguments {
  args: PyValue[];
  kwargs: Field[];
  complete: boolean;
}

export function evalArguments(ctx: EvalContext, argList: SyntaxNode, depth: number): Arguments {
  const out: Arguments = { args: [], kwargs: [], complete: true };
  for (let child = argList.firstChild; child; child = child.nextSibling) {
    if (child.name === '**' || child.name === '*') {
      const spreadNode = next(child);
      const spread = spreadNode ? evaluate(ctx, spreadNode, depth + 1) : UNKNOWN;
      if (child.name === '**' && spread.kind === 'map') out.kwargs.push(...spread.fields);
      else if (child.name === '*' && spread.kind === 'seq') out.args.push(...spread.items);
      else out.complete = false;
      if (!spreadNode) break;
      child = spreadNode;
      continue;
    }
    if (!isOperand(child)) continue;
    const op = next(child);
    const valueNode = op?.name === 'AssignOp' ? next(op) : null;
    if (child.name === 'VariableName' && valueNode) {
      const key = ctx.text.slice(child.from, child.to);
      out.kwargs.push({ key, keySpan: spanOf(child), value: evaluate(ctx, valueNode, depth + 1) });
      child = valueNode;
      continue;
    }
    out.args.push(evaluate(ctx, child, depth + 1));
  }
  return out;
}

/**
 * `getattr(torch.optim, "AdamW")`, the name a string the file writes (`getattr(torch.optim, OPTIMIZER)`): the module's
 * member, named where the string is written, the literal an edit must change; null when the name is not written.
 */
function getattrOf(args: PyValue[]): PyValue | null {
  const [module, name] = args;
  if (args.length !== 2 || module?.kind !== 'symbol' || name?.kind !== 'scalar' || typeof name.value !== 'string') {
    return null;
  }
  if (!/^[A-Za-z_]\w*$/.test(name.value)) return null;
  return { kind: 'symbol', qualified: `${module.qualified}.${name.value}`, use: { raw: name.raw, span: name.span } };
}

/** `functools.partial(...)`, imported or written bare. */
const PARTIAL = /^(functools\.)?partial$/;
/** The calls `partial` made: calling one later is that call. */
const PARTIALS = new WeakSet<PyValue>();

/**
 * `partial(torch.optim.AdamW, lr=1e-4)`: the call it binds, with its arguments, where the class is written
 * (Hydra's `_partial_`, Lightning and timm code build optimizers this way); null for any other call.
 */
function partialOf(calleeNode: SyntaxNode, callee: string, args: PyValue[], kwargs: Field[]): PyValue | null {
  const [target, ...rest] = args;
  if (!PARTIAL.test(callee) || (target?.kind !== 'symbol' && target?.kind !== 'class')) return null;
  const call: PyValue = {
    kind: 'call',
    callee: target.kind === 'symbol' ? target.qualified : target.name,
    calleeSpan: target.kind === 'symbol' && target.use ? target.use.span : spanOf(calleeNode),
    calleeRaw: target.kind === 'symbol' ? target.use?.raw ?? target.qualified : target.name,
    args: rest,
    kwargs,
    ...(target.kind === 'class' ? { classFields: target.fields } : {}),
  };
  PARTIALS.add(call);
  return call;
}

export function evalCall(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const calleeNode = node.firstChild;
  const argList = node.getChild('ArgList');
  if (!calleeNode || !argList) return { kind: 'unknown', node };
  if (argList.getChild('for')) return { kind: 'unknown', node };
  // A method call's object is evaluated once, for both its name and argparse: evaluating it twice per
  // call made `f().g().g()…` cost 2ⁿ.
  const method = calleeNode.name === 'MemberExpression' && !calleeNode.getChild('[') ? calleeNode.getChild('PropertyName') : null;
  const object = method && calleeNode.firstChild ? evaluate(ctx, calleeNode.firstChild, depth + 2) : null;
  const named = calleeName(ctx, calleeNode, depth,
    method && object ? attributeOf(ctx, calleeNode, object, method) : undefined);
  const callee = named.name;
  const { args, kwargs, complete } = evalArguments(ctx, argList, depth);
  if (callee === 'dict' && lookup(ctx.scope, 'dict') === undefined) {
    const base = args[0];
    if (!complete || args.length > 1 || (base && base.kind !== 'map')) return { kind: 'unknown', node };
    return { kind: 'map', fields: [...(base?.kind === 'map' ? base.fields : []), ...kwargs], callee: 'dict' };
  }
  const member = callee === 'getattr' && lookup(ctx.scope, callee) === undefined ? getattrOf(args) : null;
  if (member) return member;
  // `tuple(cfg["betas"])`, `list(...)` of a sequence the file writes: that sequence, element by element.
  const [only] = args;
  if ((callee === 'tuple' || callee === 'list') && lookup(ctx.scope, callee) === undefined && args.length === 1 &&
    kwargs.length === 0 && only?.kind === 'seq') return only;
  if (BUILTINS.has(callee) && lookup(ctx.scope, callee) === undefined) return evalBuiltin(
    ctx, node, callee, args, kwargs.length === 0 && complete);
  const bound = partialOf(calleeNode, callee, args, kwargs);
  if (bound) return bound;
  const local = lookup(ctx.scope, ctx.text.slice(calleeNode.from, calleeNode.to));
  // Calling a partial (`optimizer_fn(model.parameters())`) builds what it binds: the same call, read once.
  if (local?.kind === 'call' && PARTIALS.has(local)) return local;
  if (local?.kind === 'function') {
    for (const a of [...args, ...kwargs.map((k) => k.value)]) if (a.kind === 'call') passedOn.add(a);
    return local.call({ args, kwargs, complete, fromModule: ctx.scope.parent === null });
  }
  if (local?.kind === 'class') local.construct?.({ args, kwargs, complete });
  if (method && object && ctx.text.slice(method.from, method.to) === 'save_hyperparameters') {
    saveHyperparameters(object, args, ctx.scope);
  }
  // A setter from elsewhere, `_with_global_batch_size(cfg, 1024)` or `set_lr(opt, 0.1)`, returns its first argument
  // with the setting it names: the value is that object, patched. A method of an object built by a call
  // (`TrainerConfig(...).with_callback("name", cb)`) has that object as its receiver, not its first argument.
  const onObject = object !== null && (object.kind === 'call' || object.kind === 'map');
  const setter = onObject ? null : SETTER.exec(callee.split('.').pop() ?? '');
  const [patched, setting] = args;
  if (setter?.[1] && args.length === 2 && kwargs.length === 0 && complete && patched && setting) {
    return { kind: 'map', fields: [{ key: setter[1], keySpan: spanOf(calleeNode), value: setting }], of: patched };
  }
  const call: Extract<PyValue, { kind: 'call' }> = {
    kind: 'call',
    callee,
    calleeSpan: named.written?.span ?? spanOf(calleeNode),
    calleeRaw: named.written?.raw ?? ctx.text.slice(calleeNode.from, calleeNode.to),
    args,
    kwargs,
    ...(local?.kind === 'class' ? { classFields: local.fields } : {}),
    ...(local?.kind === 'class' && local.signature
      ? { classDefaults: ownClassDefaults(local.signature, { args, kwargs, complete }) } : {}),
    ...(complete ? {} : { open: true as const }),
  };
  if (isArgumentParser(callee)) return newParser(call);
  if (isFlagDefinition(callee)) return defineFlag(ctx.scope, call) ?? call;
  if (method && object) {
    const returned = parserMethod(object, ctx.text.slice(method.from, method.to), call);
    if (returned) return returned;
    // A method chained on a call written inline (`SFTConfig(...).merge(overrides)`, `TrainerConfig(...)
    // .with_callback(...)`) configures that object further: the value is the object, the method one more of its fields.
    // A copy: the object may be a function's result that other calls of it share.
    if (object.kind === 'call' && !object.parser && calleeNode.firstChild?.name === 'CallExpression') {
      const name = ctx.text.slice(method.from, method.to);
      const applied: PyValue = { ...call, callee: `${object.callee}.${name}` };
      return { ...object, kwargs: [...object.kwargs, { key: name, keySpan: spanOf(method), value: applied }] };
    }
  }
  return call;
}
