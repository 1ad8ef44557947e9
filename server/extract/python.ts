/**
 * Python reader: a nanoGPT-style config, an mmengine config, a training script. Parsed with @lezer/python
 * (error-tolerant, so a half-typed file still yields what it can), then walked statement by statement:
 *
 * - module-level assignments are entries (`beta1 = 0.9` → `['beta1']`), values evaluated with Python's
 *   rules (`5 * 8` is 40, `1e-8` a float) and names bound earlier resolved (the span is then the literal
 *   where the value is written, the place an edit must change);
 * - class bodies are entries under the class name (`Hyperparameters.learning_rate`), and an instance
 *   (`args = Hyperparameters()`) reads them back (`args.learning_rate`);
 * - `dict(...)` and `{...}` nest (`optim_wrapper = dict(optimizer=dict(lr=...))` → `optim_wrapper.optimizer.lr`);
 * - every other call, wherever it is, gives an entry for itself (value: the callee, qualified through
 *   imports) and one per argument below it (`['optimizer1', 'lr']`, positional ones by index);
 * - inside functions and conditional blocks only call arguments are entries: a loop variable is not
 *   configuration, `torch.optim.AdamW(..., lr=lr)` in `main()` is (the `if __name__ == '__main__':` guard
 *   is not a condition: its body is module code). A function body is read when the code
 *   first calls it (`args = get_args()` then holds what it returns), or after the module, as Python runs
 *   functions once the module has bound its names; its parameters hold that call's arguments, else their
 *   defaults (python/parameters.ts), so `make_opt(model, 1e-3)` puts 1e-3 into the `AdamW(...)` it builds;
 * - a dataclass field holds its `field(default=...)`, read through `HfArgumentParser` (python/dataclasses.ts);
 * - argparse options are entries under the option (`['--lr']`, holding the default), and `args.lr` after
 *   `args = parser.parse_args()` is that default; so are absl flags, click options (python/flags.ts) and the
 *   parameters of a function a command-line library runs (`fire.Fire(train)`, python/command-line.ts);
 * - a module-level function computing a learning-rate multiplier (`get_lr(it)`) is an entry holding the
 *   schedule's shape (`trapezoidal`, `cosine`, `linear`), spanning the code that decides it;
 * - each import is an entry `['import']` whose value and callee are the imported name, for detection.
 *
 * Nothing here knows a framework: the ecosystem tables decide what the entries mean.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import type { ConfigEntry, ReadResult } from './entries';
import { fieldDefault } from './python/dataclasses';
import { decoratorOptions } from './python/decorators';
import { calledNames, commandLineFunctions, markDeviceSplits, readEntryDefaults, readOptimizerDefaults,
  readParameterOptions, readTrainingLoop, withTrailingComments } from './python/code-use';
import { evaluate, type EvalContext, type Scope } from './python/evaluate';
import { readArgument, readDictUpdate, readFlagDefinition, readScheduleFunction } from './python/idioms';
import { importBindings } from './python/imports';
import { parseableNumbers } from './python/literals';
import { bindSelf, classInstance, constructor, methodParameters, signatureOf } from './python/instances';
import { localSettings } from './python/local-settings';
import { bindPassedParser, otherProgramOptions } from './python/argparse';
import { bodiesOf } from './python/conditions';
import { bindParameters, parametersOf } from './python/parameters';
import { pushReturned, recordCondition, returnsValue } from './python/branches';
import { emit, emitGiven, type Assigned, type Block, type Reader } from './python/placement';
import { LIMITS, UNKNOWN, type CallSite, type Field, type PyValue } from './python/values';
import { readOverrideStrings } from './python/override-strings';
import { unusedOptimizerConstants } from './python/unused-settings';
import { placeholderLearningRates } from './python/placeholder-lr';
import { assignTargets, bind, isOperand } from './python/targets';

const MAX_ERRORS = 100;
const MAX_NESTING = 100;

function readAssignment(reader: Reader, block: Block, node: SyntaxNode): void {
  const segments: SyntaxNode[][] = [[]];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp') segments.push([]);
    else if (isOperand(child)) segments[segments.length - 1]?.push(child);
  }
  const valueNodes = segments.pop() ?? [];
  if (segments.length === 0 || valueNodes.length === 0) return;
  const ctx: EvalContext = { text: reader.text, scope: block.scope };
  const written: PyValue =
    valueNodes.length === 1 && valueNodes[0]
      ? evaluate(ctx, valueNodes[0])
      : { kind: 'seq', items: valueNodes.map((n) => evaluate(ctx, n)) };
  // A dataclass field holds its default: `lr: float = field(default=5e-5)` is 5e-5.
  const value = block.classFields ? fieldDefault(written, (n) => evaluate(ctx, n)) : written;
  // `LR = flags.DEFINE_float("lr", 1e-3, ...)`: the option is the setting; the name holds the flag (`LR.value`).
  if (readFlagDefinition(reader, value, node.from)) {
    for (const t of segments.flat()) if (t.name === 'VariableName') bind(block, reader.text.slice(t.from, t.to), value);
    return;
  }
  for (const targets of segments) assignTargets(reader, block, node.from, targets, value);
}

function readExpressions(reader: Reader, block: Block, node: SyntaxNode): void {
  const ctx: EvalContext = { text: reader.text, scope: block.scope };
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!isOperand(child)) continue;
    const value = evaluate(ctx, child);
    if (node.name === 'ReturnStatement') pushReturned(block.returns, node, value);
    if (child.name === 'CallExpression' && (readArgument(reader, block, child, value) || readDictUpdate(reader, block, child, value))) continue;
    if (readFlagDefinition(reader, value, node.from)) continue;
    if (value.kind === 'call' || value.kind === 'unknown') emit(reader, block, node.from, value, [], null, { callsOnly: false, supersedes: false });
    // `return {"optimizer": AdamW(...), ...}` (Lightning): the calls inside; a defaults function's dict: its settings.
    else if (value.kind === 'map' || value.kind === 'seq') emitGiven(reader, block, node.from, value, node.name === 'ReturnStatement');
  }
}

function readImport(reader: Reader, block: Block, node: SyntaxNode): void {
  for (const binding of importBindings(reader.text, node)) {
    bind(block, binding.local, { kind: 'symbol', qualified: binding.qualified });
    const { raw, span, qualified } = binding.written;
    if (reader.entries.length >= LIMITS.entries) continue;
    reader.entries.push({ path: ['import'], value: qualified, raw, span, keySpan: null, quoted: false, callee: qualified });
    reader.sites[reader.entries.length - 1] = node.from;
    // `from ..common.optim import SGD as optimizer` in a config binds a setting, as `optimizer = SGD` would.
    if (binding.aliased && block.prefix.length === 0 && !block.callsOnly && reader.entries.length < LIMITS.entries) {
      reader.entries.push({ path: [binding.local], value: qualified, raw, span, keySpan: null, quoted: false });
      reader.sites[reader.entries.length - 1] = node.from;
    }
  }
}

/**
 * A function's body is read once: when it is first called from code being read (`args = get_args()`, which
 * then evaluates to what the body returns, parameters holding that call's arguments), or after the module
 * otherwise (parameters holding their defaults), as Python runs functions after the module has bound its names.
 */
function readFunction(reader: Reader, block: Block, node: SyntaxNode, options?: Map<string, PyValue>): void {
  const name = node.getChild('VariableName');
  const body = node.getChild('Body');
  if (name && block.prefix.length === 0 && !block.callsOnly) readScheduleFunction(reader, node, name);
  if (!body) {
    if (name) bind(block, reader.text.slice(name.from, name.to), UNKNOWN);
    return;
  }
  // A method does not see its class body's names; any other function sees its enclosing scope.
  const parent = block.classFields && block.scope.parent ? block.scope.parent : block.scope;
  const scope: Scope = { names: new Map(), parent };
  // A method's defaults (`def __init__(self, lr=1e-3)` in an optimizer class) are a library's, not this run's.
  // A command-line option declared on the function (`@click.option("--lr", default=1e-4)`) fills its parameter.
  const declared = parametersOf({ text: reader.text, scope: block.scope }, node.getChild('ParamList'))
    .map((p) => (options?.has(p.name) ? { ...p, default: options.get(p.name) ?? null } : p));
  const method = name ? reader.text.slice(name.from, name.to) : '';
  const params = block.classFields ? methodParameters(declared, method, block.instance, reader.text, node) : declared;
  if (!block.classFields && reader.commandLine?.has(method)) readParameterOptions(reader, node, declared);
  if (!block.classFields && block.depth === 0 && name) readEntryDefaults(reader, block.scope, node, method, declared);
  let state: 'unread' | 'reading' | 'read' = 'unread';
  let result: PyValue = UNKNOWN;
  const run = (site: CallSite | null): PyValue => {
    if (state !== 'unread') return state === 'read' ? result : UNKNOWN;
    state = 'reading';
    bindParameters(scope, params, site);
    bindPassedParser(reader, scope.names, params.map((p) => p.name), reader.text.slice(body.from, body.to),
      { start: node.from, end: node.from });
    if (site) readOptimizerDefaults(reader, node, [...block.prefix, method], params, scope);
    if (block.classFields) bindSelf(scope, params, block.instance);
    const returns: PyValue[] = [];
    const inner: Block = { scope, prefix: [], callsOnly: true, classFields: null, assigned: null,
      depth: block.depth + 1, returns, configWrites: true, branches: { next: 1 }, returnsConfig: returnsValue(body),
      ...(site?.fromModule === true ? { settings: localSettings(reader.text, body) } : {}) };
    if (name) inner.configuration = `${reader.text.slice(name.from, name.to)}()`;
    if (block.classFields && block.instance?.config === true) inner.configSelf = true;
    readBody(reader, inner, body);
    result = returns.length === 1 ? (returns[0] ?? UNKNOWN) : UNKNOWN;
    state = 'read';
    return result;
  };
  if (name) bind(block, reader.text.slice(name.from, name.to), { kind: 'function', call: run });
  // A module function without parameters is a recipe (`def llama3_8b() -> Config:`): read before the other functions.
  const recipe = block.depth === 0 && !block.classFields && declared.length === 0;
  (recipe && reader.recipes ? reader.recipes : reader.deferred).push(() => run(null));
}

function readClass(reader: Reader, block: Block, node: SyntaxNode): void {
  const nameNode = node.getChild('VariableName');
  const body = node.getChild('Body');
  if (!nameNode || !body) return;
  const name = reader.text.slice(nameNode.from, nameNode.to);
  const fields: Field[] = [];
  const inner: Block = {
    scope: { names: new Map(), parent: block.scope },
    prefix: [...block.prefix, name],
    callsOnly: block.callsOnly,
    classFields: fields,
    assigned: null,
    depth: block.depth + 1,
    instance: classInstance(reader.text, node),
  };
  readBody(reader, inner, body);
  const construct = inner.instance && constructor(inner.scope, inner.instance, reader.deferred, fields);
  const signature = signatureOf(inner.instance);
  bind(block, name, { kind: 'class', name, fields, ...(construct ? { construct } : {}), ...signature });
}

/**
 * What an `except` handler assigned (in `handler`, its own scope) joins the statement's names, except a name the `try`
 * body assigned: the body is the run's path and the handler its fallback should the body fail, so the body's value
 * holds (`parser = configargparse.ArgumentParser()` with `argparse.ArgumentParser()` as the fallback stays a parser).
 */
function keepFallback(scope: Scope, handler: Scope, own: Map<string, Assigned>, assigned: Map<string, Assigned>): void {
  for (const [name, { count }] of own) {
    if (assigned.has(name)) continue;
    assigned.set(name, { count, boundBefore: scope.names.has(name) });
    scope.names.set(name, handler.names.get(name) ?? UNKNOWN);
  }
}

/**
 * A name assigned in a conditional block keeps its value afterwards only when it was new and assigned
 * once (`if __name__ == '__main__': lr = 3e-4`); otherwise which value holds depends on the run.
 */
function readCompound(reader: Reader, block: Block, node: SyntaxNode): void {
  const assigned = new Map<string, Assigned>();
  if (node.name === 'WhileStatement') readTrainingLoop(reader, block.scope, node);
  if (node.name === 'ForStatement') {
    readTrainingLoop(reader, block.scope, node);
    for (let child = node.firstChild; child && child.name !== 'in'; child = child.nextSibling) {
      if (child.name === 'VariableName') block.scope.names.set(reader.text.slice(child.from, child.to), UNKNOWN);
    }
  }
  // An `if` chain whose test the file decides (`args.optim == "adamw"` with that option's default) runs one arm; a
  // config function's arms stay alternative configurations (roles/branches.ts).
  const bodies = bodiesOf({ text: reader.text, scope: block.scope }, node, block.returnsConfig !== true);
  // In a config function, each branch of an `if`/`elif`/`else` chain or a `match` (`if peft_scheme is None:
  // recipe.optim.config.lr = 5e-6` / `elif ...: ... = 1e-4`) writes an alternative configuration of its own, and so
  // does a lone `if runlocal:` (a debug run's batch and length) in a function returning what it builds: what the
  // function writes outside any condition stays the main configuration (roles/branches.ts). A loop configures nothing.
  const alternatives = (node.name === 'IfStatement' && (bodies.length >= 2 || block.returnsConfig === true)) ||
    node.name === 'MatchStatement';
  for (const { body, conditional, fallback } of bodies) {
    // An `except` handler binds in a scope of its own: what it assigns holds afterwards only where the `try` body
    // assigned nothing of that name (keepFallback).
    const scope: Scope = fallback ? { names: new Map(), parent: block.scope } : block.scope;
    const own = fallback ? new Map<string, Assigned>() : assigned;
    const inner: Block = { ...block, scope, callsOnly: block.callsOnly || conditional, assigned: own,
      depth: block.depth + 1, configWrites: block.configWrites === true && !conditional };
    const alternative = conditional && alternatives;
    if (alternative && block.configWrites === true && block.configuration !== undefined && block.branches) {
      inner.configWrites = true;
      inner.configuration = `${block.configuration.replace(/\[branch \d+\]$/, '')}[branch ${block.branches.next++}]`;
    }
    const before = reader.entries.length;
    readBody(reader, inner, body);
    const branch = inner.configuration;
    if (branch !== undefined && branch !== block.configuration &&
      reader.entries.slice(before).some((e) => e.path[0] === branch)) recordCondition(reader, branch, body);
    if (fallback) keepFallback(block.scope, scope, own, assigned);
  }
  for (const [name, { count, boundBefore, functionBefore }] of assigned) {
    // A function the file defines, rebound in a branch only the run decides (`if os.environ.get("TESTING"):
    // get_dataloaders = mocked_dataloaders`), stays the one its calls read: the value before the branch, as a shell
    // variable's is; its body is read with each call's arguments, not its defaults.
    if (boundBefore || count > 1) block.scope.names.set(name, functionBefore ?? UNKNOWN);
    const outer = block.assigned?.get(name);
    if (outer) outer.count += count;
    else block.assigned?.set(name, { count, boundBefore });
  }
}

function readStatement(reader: Reader, block: Block, node: SyntaxNode): void {
  switch (node.name) {
    case 'AssignStatement':
      readAssignment(reader, block, node);
      return;
    case 'UpdateStatement': {
      const target = node.firstChild;
      if (target?.name === 'VariableName') bind(block, reader.text.slice(target.from, target.to), UNKNOWN);
      return;
    }
    case 'ExpressionStatement':
    case 'ReturnStatement':
      readExpressions(reader, block, node);
      return;
    case 'ImportStatement':
      readImport(reader, block, node);
      return;
    case 'StatementGroup':
      readBody(reader, block, node);
      return;
    case 'FunctionDefinition':
      readFunction(reader, block, node);
      return;
    case 'ClassDefinition':
      readClass(reader, block, node);
      return;
    case 'DecoratedStatement': {
      const options = decoratorOptions(reader, block, node);
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'FunctionDefinition') readFunction(reader, block, child, options);
        else readStatement(reader, block, child);
      }
      return;
    }
    case 'IfStatement': {
      // `if __name__ == '__main__':` is how a script runs: its body is as unconditional as the module's.
      const test = node.getChild('if')?.nextSibling;
      const body = node.getChild('Body');
      if (test && body && /^__name__\s*==\s*(['"])__main__\1$/.test(reader.text.slice(test.from, test.to))) readBody(reader, block, body);
      else readCompound(reader, block, node);
      return;
    }
    case 'ForStatement':
    case 'WhileStatement':
    case 'TryStatement':
    case 'WithStatement':
    case 'MatchStatement':
      readCompound(reader, block, node);
      return;
    default:
      return;
  }
}

function readBody(reader: Reader, block: Block, body: SyntaxNode): void {
  if (block.depth > MAX_NESTING) return;
  for (let child = body.firstChild; child; child = child.nextSibling) readStatement(reader, block, child);
}

/** Comments (numbers in them are never values) and syntax errors, in one pass over the tree. */
function commentsAndErrors(text: string, tree: ReturnType<typeof parser.parse>): Pick<ReadResult, 'comments' | 'errors'> {
  const comments: ReadResult['comments'] = [];
  const errors: ReadResult['errors'] = [];
  tree.iterate({
    enter(node) {
      if (node.name === 'Comment') comments.push({ text: text.slice(node.from, node.to), span: { start: node.from, end: node.to } });
      else if (node.type.isError && errors.length < MAX_ERRORS) {
        const end = Math.min(Math.max(node.to, node.from + 1), text.length);
        errors.push({ message: 'Python syntax error', span: { start: Math.min(node.from, end), end } });
      }
    },
  });
  return { comments, errors };
}

export function readPython(text: string): ReadResult {
  // Parsed with `1.` and `1.e-5` made readable to the grammar; every node is read from the file's own text.
  const tree = parser.parse(parseableNumbers(text));
  const reader: Reader = { text, entries: [], sites: [], deferred: [], recipes: [], emitted: new Set(),
    roots: new Map(), superseded: new Set(), renames: new Map(), commandLine: commandLineFunctions(text, tree) };
  let called: ReadonlySet<string> | undefined;
  reader.called = () => (called ??= calledNames(text, tree));
  const module: Block = { scope: { names: new Map(), parent: null }, prefix: [], callsOnly: false, classFields: null,
    assigned: null, depth: 0 };
  readBody(reader, module, tree.topNode);
  // Latest first: a helper defined above the functions that call it is read from their calls, with arguments.
  // Recipes first, as the file defines them: a helper several recipes call (`def _base(*, seq_len)` from `def small():
  // return _base(seq_len=2048)` and `def large(): ...`) is read with the first recipe's arguments, the main run's.
  for (const run of reader.recipes ?? []) run();
  for (let run = reader.deferred.pop(); run; run = reader.deferred.pop()) run();
  // Hydra overrides a launcher writes as strings (`"++policy.lr=1e-5"`): python/override-strings.ts.
  readOverrideStrings(reader, tree);
  // The options of a parser for another program (data preparation beside training) are not the run's.
  for (const i of otherProgramOptions(reader.parserOptions ?? [])) reader.superseded.add(i);
  // A module constant of an optimizer setting the script never reads configures nothing (python/unused-settings.ts).
  for (const i of unusedOptimizerConstants(text, tree, reader.entries)) reader.superseded.add(i);
  // A constructor's lr of 0 the run overwrites in the parameter groups is a placeholder (python/placeholder-lr.ts).
  for (const i of placeholderLearningRates(text, reader.entries)) reader.superseded.add(i);
  const order = reader.entries.map((_, i) => i).filter((i) => !reader.superseded.has(i)).sort(
    (a, b) => (reader.sites[a] ?? 0) - (reader.sites[b] ?? 0) || a - b);
  const entries = order.map((i) => reader.entries[i]).filter((e): e is ConfigEntry => e !== undefined);
  const read = commentsAndErrors(text, tree);
  return { entries: withTrailingComments(text, read.comments, markDeviceSplits(text, tree, entries)), ...read };
}
