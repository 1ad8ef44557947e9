/**
 * Python assignment targets (`lr = …`, `cfg.optim.lr = …`, `cfg['lr'] = …`, `a, b = …`): the key path each writes,
 * the name it binds in the block's scope, the attribute it patches on a config object, and the entry it emits.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import { writesOptions } from './branches';
import { evaluate } from './evaluate';
import { emit, type Block, type Reader } from './placement';
import { UNKNOWN, stampOrigin, type Field, type PyValue } from './values';

/** Deeper attribute chains are read as their text (`a.b.…` past this many parts). */
const MAX_NESTING = 100;

export function spanOf(node: SyntaxNode): Span {
  return { start: node.from, end: node.to };
}

export function isOperand(node: SyntaxNode): boolean {
  const first = node.name.charCodeAt(0);
  return first >= 65 && first <= 90 && node.name !== 'Comment' && node.name !== 'TypeDef' && node.name !== 'AssignOp';
}

export function bind(block: Block, name: string, value: PyValue): void {
  if (block.assigned) {
    const seen = block.assigned.get(name);
    if (seen) seen.count++;
    else {
      const before = block.scope.names.get(name);
      block.assigned.set(name, { count: 1, boundBefore: block.scope.names.has(name),
        ...(before?.kind === 'function' ? { functionBefore: before } : {}) });
    }
  }
  block.scope.names.set(name, value);
}

/**
 * The key path an assignment target writes: `lr` → `['lr']`, `optimizer.lr` → `['optimizer', 'lr']`,
 * `cfg['lr']` → `['cfg', 'lr']` (LazyConfig and Config overrides), anything else its text.
 */
function targetPath(reader: Reader, node: SyntaxNode, depth = 0): string[] {
  const text = reader.text.slice(node.from, node.to).replace(/\s+/g, '');
  if (node.name === 'VariableName') return [text];
  const object = node.firstChild;
  if (node.name !== 'MemberExpression' || !object || depth > MAX_NESTING) return [text];
  const property = node.getChild('PropertyName');
  if (property) return [...targetPath(reader, object, depth + 1), reader.text.slice(property.from, property.to)];
  const index = evaluate({ text: reader.text, scope: { names: new Map(), parent: null } }, node.getChild('[')?.nextSibling ?? object);
  if (index.kind === 'scalar' && (typeof index.value === 'string' || typeof index.value === 'number')) {
    return [...targetPath(reader, object, depth + 1), String(index.value)];
  }
  return [text];
}

/**
 * `optimizer.lr = 0.02` on a config object bound to a name: later reads of `optimizer.lr` see it; so do reads of
 * `config.input.batch_size` after `config.input = dict()` then `config.input.batch_size = 4096` (ml_collections).
 */
function assignAttribute(block: Block, path: string[], keySpan: Span, value: PyValue): void {
  const [name, ...keys] = path;
  const key = keys.pop();
  if (name === undefined || key === undefined || keys.length > MAX_NESTING) return;
  let target: PyValue | undefined = block.scope.names.get(name);
  // An object loaded from another file (`train = get_config("common/train.py").train`, `from ..common.train import
  // train`) is patched: its written attributes are read back (`500 / train.max_iter`), the others still name it.
  if (target?.kind === 'symbol') {
    target = { kind: 'map', fields: [], of: target };
    block.scope.names.set(name, target);
  }
  for (const inner of keys) {
    if (target?.kind !== 'map' && target?.kind !== 'call') return;
    const fields: Field[] = target.kind === 'map' ? target.fields : target.kwargs;
    target = [...fields].reverse().find((f) => f.key === inner)?.value;
  }
  if (target?.kind === 'map') target.fields.push({ key, keySpan, value });
  else if (target?.kind === 'call') target.kwargs.push({ key, keySpan, value });
}

function assignTarget(reader: Reader, block: Block, site: number, target: SyntaxNode, value: PyValue): void {
  if (target.name === 'TupleExpression' || target.name === 'ArrayExpression' || target.name === 'ParenthesizedExpression') {
    const elements: SyntaxNode[] = [];
    for (let child = target.firstChild; child; child = child.nextSibling) if (isOperand(child)) elements.push(child);
    assignTargets(reader, block, site, elements, value);
    return;
  }
  const path = targetPath(reader, target);
  const name = path.join('.');
  stampOrigin(value, [...block.prefix, ...path]);
  if (target.name === 'VariableName') bind(block, name, value);
  else assignAttribute(block, path, spanOf(target), value);
  if (block.classFields && target.name === 'VariableName') block.classFields.push({ key: name, keySpan: spanOf(target), value });
  const supersedes = !block.callsOnly && !block.assigned;
  // `self.lr = lr` stores an argument; `config.lr = 1e-3` (or `config = {...}`) in a config function writes a setting,
  // and so does `batch_size = 256` at the top of the function the module runs (python/local-settings.ts).
  const local = target.name === 'VariableName' && value.kind === 'scalar' && block.settings?.has(name) === true;
  const setting = target.name === 'MemberExpression' ? path.length >= 2 : value.kind === 'map' || local;
  // In a config class's method, `self.train.batch_size = 100` fills the configuration `self` is: the path below it.
  const ofSelf = block.configSelf === true && path[0] === 'self' && path.length >= 3 && isWritten(value);
  const configWrite = block.configWrites === true && (path[0] !== 'self' || ofSelf) && setting &&
    !writesOptions(block.scope, path);
  // Several recipe functions in one file are several configurations: each function's writes are its own. The entry
  // point's settings are the script's, as its module constants are. A config class's methods all fill one object.
  const own = configWrite && block.configuration !== undefined && !local && !ofSelf;
  const at = ofSelf ? path.slice(1) : own && block.configuration !== undefined ?
    [block.configuration, ...block.prefix, ...path] : [...block.prefix, ...path];
  emit(reader, block, site, value, at, spanOf(target), { callsOnly: block.callsOnly && !configWrite, supersedes });
}

/** A value the file writes (a literal, a list of them, a dict), not one passed in (`self.lr = lr`). */
function isWritten(value: PyValue): boolean {
  if (value.kind === 'seq') return value.items.every(isWritten);
  return value.kind === 'scalar' || value.kind === 'map';
}

/** `a, b = 1, 2` and `(a, b) = t`: element-wise when the value is a sequence of the same length. */
export function assignTargets(reader: Reader, block: Block, site: number, targets: SyntaxNode[], value: PyValue): void {
  if (targets.length === 1 && targets[0]) {
    assignTarget(reader, block, site, targets[0], value);
    return;
  }
  const items = value.kind === 'seq' && value.items.length === targets.length ? value.items : null;
  targets.forEach((target, i) => assignTarget(reader, block, site, target, items?.[i] ?? UNKNOWN));
}
