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
import { asNumber, computed } from './builtins';
import { evalCall } from './calls';
import { evalDictComprehension } from './comprehensions';
import { conditional } from './conditions';
import { flagAttribute } from './flags';
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

export function spanOf(node: SyntaxNode): Span {
  return { start: node.from, end: node.to };
}

/** Node names that start with a capital but are not operands. */
const NOT_OPERANDS = new Set(['ArithOp', 'BitOp', 'CompareOp', 'AssignOp', 'LogicOp', 'Comment', 'TypeDef', 'ParamList', 'ArgList', 'PropertyName']);

/**
 * Child nodes that are expressions. Lezer names expression nodes in capitals and keywords, brackets and
 * error markers otherwise; `ConditionalExpression` and comparisons are not in its `Expression` group.
 */
export function isOperand(node: SyntaxNode): boolean {
  const first = node.name.charCodeAt(0);
  return first >= 65 && first <= 90 && !NOT_OPERANDS.has(node.name);
}

function operands(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (isOperand(child)) out.push(child);
  return out;
}

/** The next sibling that is not a comment. */
export function next(node: SyntaxNode): SyntaxNode | null {
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
export function attributeOf(ctx: EvalContext, node: SyntaxNode, target: PyValue, property: SyntaxNode): PyValue {
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
        const bound = value.node ? ctx.text.slice(value.node.from, value.node.to) : '';
        if (value.unbound || readsEnvironment(bound)) return value;
        // Arithmetic the run completes (`lr = args.lr * world_size / 256`) is shown as written, at the name's use.
        const arithmetic = value.node?.name === 'BinaryExpression' ? bound : '';
        return arithmetic !== '' && arithmetic.length <= 120
          ? { kind: 'unknown', node, arithmetic } : { kind: 'unknown', node };
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
