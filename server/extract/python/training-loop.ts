/**
 * The loop that steps the optimizer is the run: in `for i in tqdm.tqdm(range(NUM_BATCHES)): … optim.step()` each
 * pass is one optimizer step, so the loop's bound is the run length in steps, whatever the name that holds it
 * (`NUM_BATCHES`, a `num_batches` parameter, `max_iters`). Only a loop whose own body steps the optimizer counts: an
 * epoch loop around a loop over batches (`for epoch in range(epochs): for batch in loader: … opt.step()`) counts
 * epochs, and a micro-batch loop inside the step (`for _ in range(accum): loss.backward()`) steps nothing.
 * Sources: PyTorch's optimizer API (`optimizer.step()` performs one update, pytorch.org/docs/stable/optim.html);
 * seen in lucidrains/x-transformers@9252ed7 train_enwik8.py and train_with_muon.py.
 */
import type { SyntaxNode } from '@lezer/common';
import { evaluate, type Scope } from './evaluate';
import { record, type Reader } from './placement';
import { LIMITS } from './values';

/** Iterables that wrap another and yield as many items: progress bars, `enumerate`. */
const WRAPPERS = /(^|\.)(tqdm|enumerate|progress_bar|track)$/;
/** Ranges whose last positional argument is the number of passes (`trange` is `tqdm(range(...))`). */
const RANGES = /(^|\.)(range|trange)$/;
/**
 * A call that steps an optimizer: `optimizer.step()`, `opt.step()`, `self.optim.step()`, `scaler.step(optimizer)`;
 * in JAX, Flax NNX's `optimizer.update(model, grads)` and optax's `tx.update(grads, state)` (one update per step,
 * google/flax flax/nnx/training/optimizer.py, google-deepmind/optax), Flax's `state.apply_gradients(grads=grads)`;
 * a training pipeline's `progress(batches)`, which runs forward, backward and the optimizer's step on the next batch
 * (pytorch/torchrec@a48cef7 torchrec/distributed/train_pipeline/train_pipelines.py: each TrainPipeline.progress
 * calls `self._optimizer.step()`).
 */
const OPTIMIZER_STEP = new RegExp('(^|\\.)(optim\\w*|opt|\\w*_opt|\\w*optimi[sz]er\\w*)\\.step$|' +
  '(^|\\.)scaler\\.step$|(^|\\.)(optimizer|opt|optim|tx)\\.update$|(^|\\.)state\\.apply_gradients$|' +
  '(^|\\.)\\w*pipe(line)?\\.progress$', 'i');
/** Statements with a scope or a loop of their own, whose calls are not this loop's own. */
const OWN_SCOPES = new Set([
  'ForStatement', 'WhileStatement', 'FunctionDefinition', 'ClassDefinition', 'LambdaExpression',
]);
/** Bounds read: a literal or a name holding one, never arithmetic (`range(1, n + 1)` is not read). */
const PLAIN = new Set(['Number', 'VariableName', 'MemberExpression', 'CallExpression']);
const MAX_DEPTH = 100;

function text(reader: Reader, node: SyntaxNode): string {
  return reader.text.slice(node.from, node.to).replace(/\s+/g, '');
}

function positional(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.getChild('ArgList')?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.nextSibling?.name === 'AssignOp') return out;
    if (!['(', ')', ',', 'Comment'].includes(child.name)) out.push(child);
  }
  return out;
}

/** The module's functions by name (decorated ones too: `@nnx.jit def train_step(...)`). */
const functionsOf = new WeakMap<Reader, Map<string, SyntaxNode>>();
function moduleFunctions(reader: Reader, node: SyntaxNode): Map<string, SyntaxNode> {
  const known = functionsOf.get(reader);
  if (known) return known;
  let root = node;
  while (root.parent) root = root.parent;
  const out = new Map<string, SyntaxNode>();
  for (let child = root.firstChild; child; child = child.nextSibling) {
    const fn = child.name === 'DecoratedStatement' ? child.getChild('FunctionDefinition') : child;
    const name = fn?.name === 'FunctionDefinition' ? fn.getChild('VariableName') : null;
    if (fn && name) out.set(text(reader, name), fn);
  }
  functionsOf.set(reader, out);
  return out;
}

type NodeQuestion = (reader: Reader, node: SyntaxNode) => boolean;

/**
 * A question about a node of the file answered once per node (by its offset): module functions are asked about from
 * each loop that calls them, and a file may hold thousands of such loops.
 */
function oncePerNode(answer: NodeQuestion): NodeQuestion {
  const known = new WeakMap<Reader, Map<number, boolean>>();
  return (reader, node) => {
    let answers = known.get(reader);
    if (!answers) known.set(reader, (answers = new Map<number, boolean>()));
    let a = answers.get(node.from);
    if (a === undefined) answers.set(node.from, (a = answer(reader, node)));
    return a;
  };
}

/** Whether a generator's loop body yields, read once per loop (`yields`). */
const bodyYields = oncePerNode((_reader, body) => yields(body));

/** Whether `node` (not inside a nested function) yields: a generator's body. */
function yields(node: SyntaxNode, depth = 0): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'YieldStatement' || child.name === 'YieldExpression') return true;
    if (depth < MAX_DEPTH && !OWN_SCOPES.has(child.name) && yields(child, depth + 1)) return true;
  }
  return false;
}

/**
 * The argument of a generator's call that bounds its passes: `dataset(1000, 16)` of `def dataset(steps, batch_size):
 * for _ in range(steps): ... yield x, y` yields `steps` batches, so the loop over it passes 1000 times.
 */
function generatorBound(reader: Reader, call: SyntaxNode, fn: SyntaxNode): SyntaxNode | null {
  const params = (fn.getChild('ParamList')?.getChildren('VariableName') ?? []).map((p) => text(reader, p));
  for (const loop of fn.getChild('Body')?.getChildren('ForStatement') ?? []) {
    const range = loop.getChild('in')?.nextSibling;
    const body = loop.getChild('Body');
    if (range?.name !== 'CallExpression' || !RANGES.test(text(reader, range.firstChild ?? range)) || !body) continue;
    // `range(n)`, `range(start, n)`: the last argument is the bound; of three, it is the step (`range(0, n, batch)`).
    const args = positional(range);
    const last = args.length === 1 || args.length === 2 ? args[args.length - 1] : undefined;
    const at = last?.name === 'VariableName' ? params.indexOf(text(reader, last)) : -1;
    if (at < 0 || !bodyYields(reader, body)) continue;
    return argumentFor(reader, call, params[at] ?? '', at);
  }
  return null;
}

/** The argument a call gives the parameter `name` (at position `at`): by position, else by keyword. */
function argumentFor(reader: Reader, call: SyntaxNode, name: string, at: number): SyntaxNode | null {
  const byPosition = positional(call)[at];
  if (byPosition) return byPosition;
  for (let child = call.getChild('ArgList')?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.name === 'VariableName' && child.nextSibling?.name === 'AssignOp' && text(reader, child) === name) {
      return child.nextSibling.nextSibling;
    }
  }
  return null;
}

/**
 * The node counting the loop's passes: `N` in `tqdm(range(N))`, `range(0, N)`, `trange(N)`, a generator's bound
 * (`generatorBound`); null otherwise.
 */
function boundOf(reader: Reader, iterable: SyntaxNode | null): SyntaxNode | null {
  let node = iterable;
  for (let depth = 0; node?.name === 'CallExpression' && depth < MAX_DEPTH; depth++) {
    const callee = text(reader, node.firstChild ?? node);
    const args = positional(node);
    if (RANGES.test(callee)) return args.length === 1 || args.length === 2 ? (args[args.length - 1] ?? null) : null;
    const generator = node.firstChild?.name === 'VariableName' ? moduleFunctions(reader, node).get(callee) : undefined;
    if (generator) return generatorBound(reader, node, generator);
    if (!WRAPPERS.test(callee)) return null;
    node = args[0] ?? null;
  }
  return null;
}

/**
 * Whether a module function's own body steps the optimizer, read once per function: a file of many loops calling
 * one long `train_step` reads its body once, not once per loop.
 */
const bodyStepsOptimizer = oncePerNode((reader, body) => stepsOptimizer(reader, body, 0, false));

/**
 * Whether a loop's own body steps the optimizer, read once per loop: each accumulation loop inside a training loop asks
 * about the loop around it, and one training loop may hold thousands of them.
 */
const loopStepsOptimizer = oncePerNode((reader, body) => stepsOptimizer(reader, body));

/**
 * Whether `body` itself (not a nested loop, function or class) calls an optimizer's `step`, or calls a function of
 * the module whose own body does (`loss = train_step(model, optimizer, x, y)`).
 */
function stepsOptimizer(reader: Reader, body: SyntaxNode, depth = 0, follow = true): boolean {
  for (let child = body.firstChild; child; child = child.nextSibling) {
    if (OWN_SCOPES.has(child.name) || depth > MAX_DEPTH) continue;
    if (child.name === 'CallExpression' && child.firstChild) {
      const callee = text(reader, child.firstChild);
      if (OPTIMIZER_STEP.test(callee)) return true;
      const fn = follow && child.firstChild.name === 'VariableName' ? moduleFunctions(reader, child).get(callee) : null;
      const fnBody = fn?.getChild('Body');
      if (fnBody && bodyStepsOptimizer(reader, fnBody)) return true;
    }
    if (stepsOptimizer(reader, child, depth + 1, follow)) return true;
  }
  return false;
}

/**
 * A loop whose body steps the optimizer: its bound, where the file writes it, is an entry marked `trainingLoop`,
 * under the name that holds it (`['NUM_BATCHES']`) or `['range']` for a literal. A `for` loop over a range, or a
 * `while` loop counting up to a bound (`while self.step < self.train_num_steps: … self.opt.step(); self.step += 1`,
 * lucidrains/denoising-diffusion-pytorch@faed4db Trainer.train; `while global_step < max_steps:`). A `for` loop over a
 * range inside such a loop whose body runs the backward pass and steps nothing (`for _ in range(accum):
 * loss.backward()`) accumulates gradients: its bound is an entry marked `accumulationLoop` (readAccumulationLoop).
 */
export function readTrainingLoop(reader: Reader, scope: Scope, node: SyntaxNode): void {
  const body = node.getChild('Body');
  if (node.name === 'WhileStatement') {
    const bound = whileBound(reader, node);
    if (bound && body && stepsOptimizer(reader, body)) pushBound(reader, scope, bound, node, 'trainingLoop');
    return;
  }
  let iterable: SyntaxNode | null = null;
  let child = node.getChild('in')?.nextSibling ?? null;
  for (; child && child.name !== 'Body'; child = child.nextSibling) if (child.name !== ':') iterable = child;
  const bound = boundOf(reader, iterable);
  if (!bound || !body || !PLAIN.has(bound.name) || !stepsOptimizer(reader, body)) return;
  if (pushBound(reader, scope, bound, node, 'trainingLoop')) readGeneratorArguments(reader, scope, iterable, bound, node.from);
}

/** A `for` loop over a range inside the training loop, running the backward pass and stepping nothing. */
export function readAccumulationLoop(reader: Reader, scope: Scope, node: SyntaxNode): void {
  const body = node.getChild('Body');
  const range = node.name === 'ForStatement' ? node.getChild('in')?.nextSibling ?? null : null;
  if (range?.name !== 'CallExpression' || !RANGES.test(text(reader, range.firstChild ?? range)) || !body) return;
  const bound = boundOf(reader, range);
  if (!bound || !PLAIN.has(bound.name) || !runsBackward(reader, body) || stepsOptimizer(reader, body)) return;
  if (insideTrainingLoop(reader, node)) pushBound(reader, scope, bound, node, 'accumulationLoop');
}

/** The bound's value as an entry marked `marker`; false when the bound is no number the file writes. */
function pushBound(reader: Reader, scope: Scope, bound: SyntaxNode, node: SyntaxNode,
  marker: 'trainingLoop' | 'accumulationLoop'): boolean {
  const value = evaluate({ text: reader.text, scope }, bound);
  if (value.kind !== 'scalar' || typeof value.value !== 'number' || reader.entries.length >= LIMITS.entries) return false;
  const path = value.origin ?? ['range'];
  const before = reader.entries.length;
  reader.entries.push({ path, value: value.value, raw: value.raw, span: { ...value.span }, keySpan: null,
    quoted: false, trainingLoop: true, ...(marker === 'accumulationLoop' ? { accumulationLoop: true } : {}),
    ...(value.origin ? { origin: value.origin } : {}),
    ...(value.computed === true ? { computed: true } : {}) });
  record(reader, path, before, node.from);
  return true;
}

/** `while step < N:` / `while step <= N:` / `while N > step:`: the plain bound `N`, else null. */
function whileBound(reader: Reader, node: SyntaxNode): SyntaxNode | null {
  const test = node.getChild('while')?.nextSibling;
  if (test?.name !== 'BinaryExpression') return null;
  const left = test.firstChild;
  const op = left?.nextSibling;
  const right = op?.nextSibling;
  if (!left || !op || !right || op.name !== 'CompareOp') return null;
  const written = text(reader, op);
  const bound = written === '<' || written === '<=' ? right : written === '>' || written === '>=' ? left : null;
  const counter = bound === right ? left : right;
  const counts = counter.name === 'VariableName' || counter.name === 'MemberExpression';
  return bound && counts && PLAIN.has(bound.name) && bound.name !== 'CallExpression' ? bound : null;
}

/** A backward pass: `loss.backward()`, `accelerator.backward(loss)`, `scaler.scale(loss).backward()`. */
const BACKWARD = /(^|\.)backward$/;

/** Whether `body` itself (not a nested loop, function or class) runs a backward pass. */
function runsBackward(reader: Reader, body: SyntaxNode, depth = 0): boolean {
  for (let child = body.firstChild; child; child = child.nextSibling) {
    if (OWN_SCOPES.has(child.name) || depth > MAX_DEPTH) continue;
    if (child.name === 'CallExpression' && child.firstChild && BACKWARD.test(text(reader, child.firstChild))) return true;
    if (runsBackward(reader, child, depth + 1)) return true;
  }
  return false;
}

/** Whether the loop nearest around `node` (within its function) steps the optimizer in its own body. */
function insideTrainingLoop(reader: Reader, node: SyntaxNode): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.name === 'FunctionDefinition' || up.name === 'ClassDefinition' || up.name === 'LambdaExpression') return false;
    if (up.name !== 'ForStatement' && up.name !== 'WhileStatement') continue;
    const body = up.getChild('Body');
    return body !== null && loopStepsOptimizer(reader, body);
  }
  return false;
}

/**
 * The other arguments of the generator the training loop draws its batches from (`dataset(1000, 16)` of
 * `def dataset(steps, batch_size)`) are the run's data settings: each number is an entry under the generator and the
 * parameter it fills (`['dataset', 'batch_size']`), so its name says its role, where the generator's name says what
 * block it is (a `dataset` or `loader` is the training data, as a `dataset:` block is).
 */
function readGeneratorArguments(reader: Reader, scope: Scope, iterable: SyntaxNode | null, bound: SyntaxNode,
  site: number): void {
  let call = iterable;
  for (let depth = 0; call?.name === 'CallExpression' && depth < MAX_DEPTH; depth++) {
    const callee = text(reader, call.firstChild ?? call);
    const fn = call.firstChild?.name === 'VariableName' ? moduleFunctions(reader, call).get(callee) : undefined;
    if (fn) {
      const params = (fn.getChild('ParamList')?.getChildren('VariableName') ?? []).map((p) => text(reader, p));
      params.forEach((param, i) => {
        const arg = argumentFor(reader, call ?? fn, param, i);
        const value = arg && arg !== bound ? evaluate({ text: reader.text, scope }, arg) : null;
        if (value?.kind !== 'scalar' || typeof value.value !== 'number') return;
        if (reader.entries.length >= LIMITS.entries) return;
        const path = [callee, param];
        const before = reader.entries.length;
        reader.entries.push({ path, value: value.value, raw: value.raw, span: { ...value.span }, keySpan: null,
          quoted: false, callee, ...(value.origin ? { origin: value.origin } : {}) });
        record(reader, path, before, site);
      });
      return;
    }
    if (!WRAPPERS.test(callee)) return;
    call = positional(call)[0] ?? null;
  }
}
