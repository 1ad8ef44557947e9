/**
 * A hand-written optimizer update in a training script, `def functional_adam(g, m, v, b1_t, b2_t, lr=0.001, b1=0.9,
 * b2=0.999, eps=1e-6)` called as `functional_adam(grads, m, v, b1_t, b2_t)`: the keyword defaults the call leaves
 * are the optimizer's hyperparameters for the run, as a `torch.optim.Adam(lr=...)` call's keywords are, and so are
 * the ones the call passes. Only a function the file calls is read so (a module that only defines one is a library,
 * whose defaults are not a run's, as with an optimizer class, instances.ts). Seen in
 * tinygrad/tinygrad@a9069c1 examples/gradaccum_mnist.py.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './evaluate';
import type { Parameter } from './parameters';
import { record, type Reader } from './placement';
import { LIMITS } from './values';

/** Function names that say they update parameters as an optimizer does: `functional_adam`, `sgd_step`, `adamw`. */
const OPTIMIZER_FUNCTION = /(^|_)(adamw?|sgd|lion|muon|lamb|adagrad|rmsprop|adafactor|nesterov)(_|$)/i;

/**
 * When `name` is an optimizer function, what a call of it binds its parameters to (`scope`): entries
 * `[name, parameter]` holding each literal, the default where the call leaves it, else the one the call passes.
 */
export function readOptimizerDefaults(reader: Reader, node: SyntaxNode, name: string, params: readonly Parameter[],
  scope: Scope): void {
  if (!OPTIMIZER_FUNCTION.test(name)) return;
  const spans = new Map<string, SyntaxNode>();
  for (let c = node.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName') spans.set(reader.text.slice(c.from, c.to), c);
  }
  for (const p of params) {
    const d = scope.names.get(p.name);
    const key = spans.get(p.name);
    if (d?.kind !== 'scalar' || !key || reader.entries.length >= LIMITS.entries) continue;
    const before = reader.entries.length;
    reader.entries.push({ path: [name, p.name], value: d.value, raw: d.raw, span: { ...d.span },
      keySpan: { start: key.from, end: key.to }, quoted: d.quoted });
    record(reader, [name, p.name], before, node.from);
  }
}
