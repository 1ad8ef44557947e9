/**
 * The no-decay parameter group: `[{'params': decay, 'weight_decay': wd}, {'params': nodecay, 'weight_decay': 0.0}]`
 * (nanoGPT's and llm.c's configure_optimizers, Hugging Face scripts' `no_decay` list) keeps biases and norms out of
 * weight decay with a group at 0 beside a group that sets λ. PyTorch applies each group's own value
 * (torch/optim/optimizer.py Optimizer.add_param_group), so the run's λ is the other group's: the 0 is no value of the
 * optimizer's weight decay, wherever the list is passed (`AdamW(optim_groups)`, `add_param_group(optim_groups[1])`).
 */
import type { EntryIndex } from '../match';

const GROUP = /^\d+$/;

/** `a` and `b` name the same key in two different groups of one list (`groups.0.weight_decay`, `groups.1.…`). */
function otherGroup(a: readonly string[], b: readonly string[]): boolean {
  const at = a.length - 2;
  if (at < 0 || b.length !== a.length || !GROUP.test(a[at] ?? '') || !GROUP.test(b[at] ?? '') || a[at] === b[at])
    return false;
  return a.every((s, i) => i === at || s === b[i]);
}

/** Where a weight decay of 0 sits in a group beside one that decays (a number, or a name set at run time). */
export function noDecayGroupSpans(index: EntryIndex): Set<number> {
  const out = new Set<number>();
  const entries = index.byName.get('weight_decay') ?? [];
  for (const e of entries) {
    if (e.value !== 0) continue;
    const decayed = entries.some((s) => s.value !== 0 && otherGroup(e.path, s.path));
    if (decayed) out.add(e.span.start);
  }
  return out;
}
