/**
 * A hand-written optimizer update in a training script, `def functional_adam(g, m, v, b1_t, b2_t, lr=0.001, b1=0.9,
 * b2=0.999, eps=1e-6)` called as `functional_adam(grads, m, v, b1_t, b2_t)`: the keyword defaults the call leaves
 * are the optimizer's hyperparameters for the run, as a `torch.optim.Adam(lr=...)` call's keywords are, and so are
 * the ones the call passes. Only a function the file calls is read so (a module that only defines one is a library,
 * whose defaults are not a run's, as with an optimizer class, instances.ts). Seen in
 * tinygrad/tinygrad@a9069c1 examples/gradaccum_mnist.py.
 *
 * Any other function or class the file calls gives one setting so: a sequence length its call leaves to the signature
 * (`def distributed_data_generator(pattern, batch_size, seq_len=1024)` called as `distributed_data_generator(pattern,
 * batch_size)`: every batch is 1024 tokens long), a value the file writes that nothing else states (KellerJordan/
 * modded-nanogpt's optimization-track records).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './evaluate';
import type { Parameter } from './parameters';
import { record, type Reader } from './placement';
import { LIMITS } from './values';
import { normaliseWord } from '../roles/context';
import { ROLE_WORDS } from '../roles/vocabulary';

/** Function names that say they update parameters as an optimizer does: `functional_adam`, `sgd_step`, `adamw`. */
const OPTIMIZER_FUNCTION = /(^|_)(adamw?|sgd|lion|muon|lamb|adagrad|rmsprop|adafactor|nesterov)(_|$)/i;

/**
 * When `named` (`[function]`, or `[Class, method]`) is an optimizer function, what a call of it binds its parameters to
 * (`scope`): entries `[name, parameter]` holding each literal, the default where the call leaves it, else the one the
 * call passes. For another function or a class's `__init__` (`[Class]`), only a sequence-length parameter the call
 * leaves, at its default.
 */
export function readOptimizerDefaults(reader: Reader, node: SyntaxNode, named: readonly string[],
  params: readonly Parameter[], scope: Scope): void {
  const [only] = named;
  const optimizer = named.length === 1 && only !== undefined && OPTIMIZER_FUNCTION.test(only);
  const name = named.filter((n) => n !== '__init__').join('.');
  const spans = new Map<string, SyntaxNode>();
  for (let c = node.getChild('ParamList')?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName') spans.set(reader.text.slice(c.from, c.to), c);
  }
  for (const p of params) {
    const d = scope.names.get(p.name);
    const key = spans.get(p.name);
    if (d?.kind !== 'scalar' || !key || reader.entries.length >= LIMITS.entries) continue;
    // Any other function or class the file calls: only a sequence length the call leaves to the signature.
    if (!optimizer && (d !== p.default || ROLE_WORDS.get(normaliseWord(p.name))?.role !== 'seqLen')) continue;
    const before = reader.entries.length;
    reader.entries.push({ path: [name, p.name], value: d.value, raw: d.raw, span: { ...d.span },
      keySpan: { start: key.from, end: key.to }, quoted: d.quoted });
    record(reader, [name, p.name], before, node.from);
  }
}
