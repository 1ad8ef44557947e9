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
/** A call that steps an optimizer: `optimizer.step()`, `opt.step()`, `self.optim.step()`, `scaler.step(optimizer)`. */
const OPTIMIZER_STEP = /(^|\.)(optim\w*|opt|\w*_opt|\w*optimi[sz]er\w*)\.step$|(^|\.)scaler\.step$/i;
/** Statements with a scope or a loop of their own, whose calls are not this loop's own. */
const OWN_SCOPES = new Set(['ForStatement', 'WhileStatement', 'FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);
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

/** The node counting the loop's passes: `N` in `tqdm(range(N))`, `range(0, N)`, `trange(N)`; null otherwise. */
function boundOf(reader: Reader, iterable: SyntaxNode | null): SyntaxNode | null {
  let node = iterable;
  for (let depth = 0; node?.name === 'CallExpression' && depth < MAX_DEPTH; depth++) {
    const callee = text(reader, node.firstChild ?? node);
    const args = positional(node);
    if (RANGES.test(callee)) return args.length === 1 || args.length === 2 ? (args[args.length - 1] ?? null) : null;
    if (!WRAPPERS.test(callee)) return null;
    node = args[0] ?? null;
  }
  return null;
}

/** Whether `body` itself (not a nested loop, function or class) calls an optimizer's `step`. */
function stepsOptimizer(reader: Reader, body: SyntaxNode, depth = 0): boolean {
  for (let child = body.firstChild; child; child = child.nextSibling) {
    if (OWN_SCOPES.has(child.name) || depth > MAX_DEPTH) continue;
    if (child.name === 'CallExpression' && child.firstChild && OPTIMIZER_STEP.test(text(reader, child.firstChild))) {
      return true;
    }
    if (stepsOptimizer(reader, child, depth + 1)) return true;
  }
  return false;
}

/**
 * A `for` loop whose body steps the optimizer: its bound, where the file writes it, is an entry marked
 * `trainingLoop`, under the name that holds it (`['NUM_BATCHES']`) or `['range']` for a literal.
 */
export function readTrainingLoop(reader: Reader, scope: Scope, node: SyntaxNode): void {
  const body = node.getChild('Body');
  let iterable: SyntaxNode | null = null;
  for (let child = node.getChild('in')?.nextSibling ?? null; child && child.name !== 'Body'; child = child.nextSibling) {
    if (child.name !== ':') iterable = child;
  }
  const bound = boundOf(reader, iterable);
  if (!bound || !body || !PLAIN.has(bound.name) || !stepsOptimizer(reader, body)) return;
  const value = evaluate({ text: reader.text, scope }, bound);
  if (value.kind !== 'scalar' || typeof value.value !== 'number' || reader.entries.length >= LIMITS.entries) return;
  const path = value.origin ?? ['range'];
  const before = reader.entries.length;
  reader.entries.push({ path, value: value.value, raw: value.raw, span: { ...value.span }, keySpan: null,
    quoted: false, trainingLoop: true, ...(value.origin ? { origin: value.origin } : {}),
    ...(value.computed === true ? { computed: true } : {}) });
  record(reader, path, before, node.from);
}
