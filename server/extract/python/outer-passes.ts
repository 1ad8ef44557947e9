/**
 * A loop that steps the optimizer is the run only when nothing repeats it: inside an epoch loop (`for epoch in
 * range(epochs): … for i in range(train_iters): opt.step()`), or in a function the file calls once per epoch
 * (`def update(): for i in range(train_pi_iters): pi_optimizer.step()` called from `for epoch in range(epochs):`,
 * openai/spinningup@038665d spinup/algos/pytorch/ppo/ppo.py), its bound counts the steps of one pass, and the run is
 * that many steps per epoch, not that many in all. An outer loop counts passes when its variable or its bound says so
 * (`epoch`, `iteration`, `update`, `round`, `episode`); a loop over configurations or seeds (`for seed in seeds:`)
 * starts whole runs, each as long as the inner loop.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Reader } from './placement';

/** A loop variable or bound that counts passes of the run. */
const OUTER_PASS = /epoch|\bep\b|iter(ation)?s?\b|updates?\b|rounds?\b|episodes?\b|cycles?\b/i;
const LOOPS = new Set(['ForStatement', 'WhileStatement']);

/** The text of a loop's head: a `for` loop's variable and iterable, a `while` loop's condition. */
function head(reader: Reader, loop: SyntaxNode): string {
  const body = loop.getChild('Body');
  return reader.text.slice(loop.from, body ? body.from : loop.to);
}

function countsPasses(reader: Reader, loop: SyntaxNode): boolean {
  return OUTER_PASS.test(head(reader, loop).replace(/^(for|while)\s+/, ''));
}

/** Per reader: the names of the functions the file calls inside a loop that counts passes, found in one walk. */
const calledPerPass = new WeakMap<Reader, Set<string>>();

function functionsCalledPerPass(reader: Reader, node: SyntaxNode): Set<string> {
  const known = calledPerPass.get(reader);
  if (known) return known;
  let root = node;
  while (root.parent) root = root.parent;
  const out = new Set<string>();
  // Ends of the pass-counting loops the walk is inside, innermost last.
  const open: number[] = [];
  const cursor = root.cursor();
  do {
    while (open.length > 0 && cursor.from >= (open[open.length - 1] ?? 0)) open.pop();
    if (LOOPS.has(cursor.name) && countsPasses(reader, cursor.node)) open.push(cursor.to);
    else if (open.length > 0 && cursor.name === 'CallExpression') {
      const callee = cursor.node.firstChild;
      if (callee?.name === 'VariableName') out.add(reader.text.slice(callee.from, callee.to));
    }
  } while (cursor.next());
  calledPerPass.set(reader, out);
  return out;
}

/** Whether `loop` runs once per pass of an outer loop, around it or around a call of the function holding it. */
export function runsPerOuterPass(reader: Reader, loop: SyntaxNode): boolean {
  for (let up = loop.parent; up; up = up.parent) {
    if (LOOPS.has(up.name) && countsPasses(reader, up)) return true;
    if (up.name !== 'FunctionDefinition') continue;
    const name = up.getChild('VariableName');
    if (name && functionsCalledPerPass(reader, loop).has(reader.text.slice(name.from, name.to))) return true;
  }
  return false;
}
