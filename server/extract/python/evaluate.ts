/**
 * Evaluates Python expressions as far as a config reader can without running code: literals, tuples,
 * lists, dicts, `dict(...)`, arithmetic on numbers (`5 * 8`, `5e-4 * 1024 / 512`, `1024 * 1024 // 2`),
 * names bound earlier, attributes of config objects (`args.learning_rate`), subscripts, numeric builtins
 * (`max`, `int`), argparse parsers and namespaces (argparse.ts), calls of functions defined in the file
 * (their return value), and every other call kept as structure (`torch.optim.AdamW(...)`).
 * Everything else is `unknown`: never a guess.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import { isArgumentParser, newParser, parserMethod } from './argparse';
import { BUILTINS, asNumber, computed, evalBuiltin } from './builtins';
import { evalDictComprehension } from './comprehensions';
import { conditional } from './conditions';
import { defineFlag, flagAttribute, isFlagDefinition } from './flags';
import { saveHyperparameters } from './instances';
import { attribute, wrappedDict } from './objects';
import { pythonNumber, pythonString } from './literals';
import { LIMITS, UNKNOWN, fieldOf, readsEnvironment, type Field, type PyValue } from './values';

export interface Scope {
  names: Map<string, PyValue>;
  parent: Scope | null;
}

export function lookup(scope: Scope, name: string): PyValue | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const value = s.names.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

export interface EvalContext {
  text: string;
  scope: Scope;
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.from, end: node.to };
}

/** Node names that start with a capital but are not operands. */
const NOT_OPERANDS = new Set(['ArithOp', 'BitOp', 'CompareOp', 'AssignOp', 'LogicOp', 'Comment', 'TypeDef', 'ParamList', 'ArgList', 'PropertyName']);

/**
 * Child nodes that are expressions. Lezer names expression nodes in capitals and keywords, brackets and
 * error markers otherwise; `ConditionalExpression` and comparisons are not in its `Expression` group.
 */
function isOperand(node: SyntaxNode): boolean {
  const first = node.name.charCodeAt(0);
  return first >= 65 && first <= 90 && !NOT_OPERANDS.has(node.name);
}

function operands(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (isOperand(child)) out.push(child);
  return out;
}

/** The next sibling that is not a comment. */
function next(node: SyntaxNode): SyntaxNode | null {
  let sibling = node.nextSibling;
  while (sibling && sibling.name === 'Comment') sibling = sibling.nextSibling;
  return sibling;
}

function arithmetic(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    case '//':
      return b === 0 ? null : Math.floor(a / b);
    case '%':
      // Python's modulo takes the sign of the divisor.
      return b === 0 ? null : a - b * Math.floor(a / b);
    case '**':
      return a === 0 && b < 0 ? null : a ** b;
    default:
      return null;
  }
}

/**
 * `a or b` and `a and b` as Python picks: by the left value's truth when it is known. `opts.seq_len or
 * DEFAULT_SEQUENCE_LENGTH` with an option not given in the file is the default written there, as an argparse
 * option's default is.
 */
function evalLogic(ctx: EvalContext, node: SyntaxNode, op: string, depth: number): PyValue {
  const [leftNode, rightNode] = operands(node);
  if (!leftNode || !rightNode) return { kind: 'unknown', node };
  const left = evaluate(ctx, leftNode, depth + 1);
  if (left.kind === 'scalar') return (op === 'or') === Boolean(left.value) ? left : evaluate(ctx, rightNode, depth + 1);
  return op === 'or' && left.kind === 'unknown' ? evaluate(ctx, rightNode, depth + 1) : { kind: 'unknown', node };
}

function evalBinary(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const logic = node.getChild('or') ?? node.getChild('and');
  if (logic) return evalLogic(ctx, node, ctx.text.slice(logic.from, logic.to), depth);
  const [leftNode, rightNode] = operands(node);
  const opNode = node.getChild('ArithOp');
  if (!leftNode || !rightNode || !opNode) return { kind: 'unknown', node };
  const left = evaluate(ctx, leftNode, depth + 1);
  const right = evaluate(ctx, rightNode, depth + 1);
  if (left.kind !== 'scalar' || right.kind !== 'scalar') return { kind: 'unknown', node };
  const op = ctx.text.slice(opNode.from, opNode.to);
  if (typeof left.value === 'string' && typeof right.value === 'string') {
    return op === '+' ? computed(ctx, node, left.value + right.value, [left, right]) : { kind: 'unknown', node };
  }
  const a = asNumber(left.value);
  const b = asNumber(right.value);
  if (a === null || b === null) return { kind: 'unknown', node };
  const result = arithmetic(op, a, b);
  return result === null ? { kind: 'unknown', node } : computed(ctx, node, result, [left, right]);
}

function evalUnary(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const operand = operands(node)[0];
  const op = node.firstChild ? ctx.text.slice(node.firstChild.from, node.firstChild.to) : '';
  if (!operand) return { kind: 'unknown', node };
  const inner = evaluate(ctx, operand, depth + 1);
  if (inner.kind !== 'scalar') return { kind: 'unknown', node };
  if (op === 'not') return computed(ctx, node, !inner.value, [inner]);
  const n = asNumber(inner.value);
  if (n === null) return { kind: 'unknown', node };
  if (op === '-') return computed(ctx, node, -n, [inner]);
  if (op === '+') return computed(ctx, node, n, [inner]);
  return { kind: 'unknown', node };
}

function evalString(ctx: EvalContext, node: SyntaxNode): PyValue {
  const parts = node.name === 'ContinuedString' ? node.getChildren('String') : [node];
  if (node.name === 'ContinuedString' && node.getChild('FormatString')) return { kind: 'unknown', node };
  let value = '';
  for (const part of parts) {
    const decoded = pythonString(ctx.text.slice(part.from, part.to));
    if (decoded === null) return { kind: 'unknown', node };
    value += decoded;
  }
  return { kind: 'scalar', value, raw: ctx.text.slice(node.from, node.to), span: spanOf(node), quoted: true };
}

function evalSequence(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  if (node.getChild('*')) return { kind: 'unknown', node };
  return { kind: 'seq', items: operands(node).map((item) => evaluate(ctx, item, depth + 1)) };
}

/** Dict keys become path segments; only string and number keys can be written as one. */
function keyText(value: PyValue): string | null {
  if (value.kind !== 'scalar') return null;
  if (typeof value.value === 'string' || typeof value.value === 'number') return String(value.value);
  return null;
}

function evalDict(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const fields: Field[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === '**') {
      const spreadNode = next(child);
      const spread = spreadNode ? evaluate(ctx, spreadNode, depth + 1) : UNKNOWN;
      if (!spreadNode || spread.kind !== 'map') return { kind: 'unknown', node };
      fields.push(...spread.fields);
      child = spreadNode;
      continue;
    }
    if (!isOperand(child)) continue;
    const colon = next(child);
    const valueNode = colon?.name === ':' ? next(colon) : null;
    if (!valueNode) return { kind: 'unknown', node };
    const key = keyText(evaluate(ctx, child, depth + 1));
    if (key !== null) fields.push({ key, keySpan: spanOf(child), value: evaluate(ctx, valueNode, depth + 1) });
    child = valueNode;
  }
  return { kind: 'map', fields };
}

function evalSubscript(ctx: EvalContext, node: SyntaxNode, target: PyValue, depth: number): PyValue {
  const indexNodes = operands(node).slice(1);
  if (indexNodes.length !== 1 || node.getChild(':') || !indexNodes[0]) return { kind: 'unknown', node };
  const index = evaluate(ctx, indexNodes[0], depth + 1);
  if (index.kind !== 'scalar') return { kind: 'unknown', node };
  if (target.kind === 'seq' && typeof index.value === 'number' && Number.isInteger(index.value)) {
    const i = index.value < 0 ? target.items.length + index.value : index.value;
    return target.items[i] ?? { kind: 'unknown', node };
  }
  // A config object wrapping a dict (`OmegaConf.create({...})["optim"]`) reads its keys as the dict does.
  const dict = target.kind === 'map' ? target : target.kind === 'call' ? wrappedDict(target) : null;
  if (dict) {
    const key = keyText(index);
    return (key !== null ? fieldOf(dict.fields, key) : undefined) ?? { kind: 'unknown', node };
  }
  return { kind: 'unknown', node };
}

/** `target.property`, where `node` is the member expression and `target` its object's value. */
function attributeOf(ctx: EvalContext, node: SyntaxNode, target: PyValue, property: SyntaxNode): PyValue {
  const name = ctx.text.slice(property.from, property.to);
  const flag = flagAttribute(ctx.scope, target, name);
  if (flag) return flag.kind === 'unknown' ? { kind: 'unknown', node } : flag;
  const found = attribute(target, name, { raw: ctx.text.slice(node.from, node.to), span: spanOf(node) });
  return found.kind === 'unknown' ? { kind: 'unknown', node } : found;
}

function evalMember(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const objectNode = node.firstChild;
  if (!objectNode) return { kind: 'unknown', node };
  const target = evaluate(ctx, objectNode, depth + 1);
  if (node.getChild('[')) return evalSubscript(ctx, node, target, depth);
  const property = node.getChild('PropertyName');
  return property ? attributeOf(ctx, node, target, property) : { kind: 'unknown', node };
}

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

function evalCall(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
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
  if (local?.kind === 'function') return local.call({ args, kwargs, complete, fromModule: ctx.scope.parent === null });
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

/** Evaluates one expression node. */
export function evaluate(ctx: EvalContext, node: SyntaxNode, depth = 0): PyValue {
  if (depth > LIMITS.depth) return { kind: 'unknown', node };
  switch (node.name) {
    case 'Number': {
      const raw = ctx.text.slice(node.from, node.to);
      const value = pythonNumber(raw);
      return value === null ? { kind: 'unknown', node } : { kind: 'scalar', value, raw, span: spanOf(node), quoted: false };
    }
    case 'String':
    case 'ContinuedString':
      return evalString(ctx, node);
    case 'Boolean': {
      const raw = ctx.text.slice(node.from, node.to);
      return { kind: 'scalar', value: raw === 'True', raw, span: spanOf(node), quoted: false };
    }
    case 'None':
      return { kind: 'scalar', value: null, raw: 'None', span: spanOf(node), quoted: false };
    case 'ParenthesizedExpression': {
      const inner = operands(node)[0];
      return inner ? evaluate(ctx, inner, depth + 1) : { kind: 'unknown', node };
    }
    case 'TupleExpression':
    case 'ArrayExpression':
      return evalSequence(ctx, node, depth);
    case 'DictionaryExpression':
      return evalDict(ctx, node, depth);
    case 'DictionaryComprehensionExpression':
      return evalDictComprehension(ctx, node, depth);
    case 'UnaryExpression':
      return evalUnary(ctx, node, depth);
    case 'BinaryExpression':
      return evalBinary(ctx, node, depth);
    case 'VariableName': {
      const name = ctx.text.slice(node.from, node.to);
      const value = lookup(ctx.scope, name);
      // A name bound to something unknown (a parameter) stays unknown; one never bound (`LR`, or `lr = LR`) is set
      // when the script runs.
      if (value === undefined) return { kind: 'unknown', unbound: { raw: name, span: spanOf(node) } };
      // One bound to a read of the environment (`lr = float(os.environ.get("LR", "3e-4"))`) is that read, where it is
      // written, so the hint names the variable the run sets.
      if (value.kind === 'unknown') {
        return value.unbound || (value.node && readsEnvironment(ctx.text.slice(value.node.from, value.node.to)))
          ? value : { kind: 'unknown', node };
      }
      return value.kind === 'symbol' ? { ...value, use: value.use ?? { raw: name, span: spanOf(node) } } : value;
    }
    case 'MemberExpression':
      return evalMember(ctx, node, depth);
    case 'CallExpression':
      return evalCall(ctx, node, depth);
    case 'ConditionalExpression':
      return conditional(ctx, node, depth);
    default:
      return { kind: 'unknown', node };
  }
}
