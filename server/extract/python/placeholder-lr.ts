/**
 * A learning rate of 0 given to an optimizer's constructor in a script that sets the learning rate of the optimizer's
 * parameter groups itself while it runs (facebookresearch/barlowtwins@8e8d284 main.py: `optimizer = LARS(parameters,
 * lr=0, ...)`, then `adjust_learning_rate` writes `optimizer.param_groups[0]['lr'] = lr * args.learning_rate_weights`
 * every step; `for g in optimizer.param_groups: g['lr'] = lr` does the same): the 0 is a placeholder no step runs
 * with, so it is no entry, and the learning rate is read from what the script names it by.
 */
import type { ConfigEntry } from '../entries';

/** `x.param_groups[0]['lr'] = …`, or `g['lr'] = …` after `for g in x.param_groups:`. */
const SETS_GROUP_LR = /\.param_groups\s*\[[^\]\n]*\]\s*\[\s*['"]lr['"]\s*\]\s*=[^=]|for\s+(\w+)\s+in\s+[\w.]*param_groups\s*:[^]{0,400}?\b\1\s*\[\s*['"]lr['"]\s*\]\s*=[^=]/;

/** Indices of the constructor learning rates of 0 that the run overwrites (see above). */
export function placeholderLearningRates(text: string, entries: readonly ConfigEntry[]): number[] {
  if (!text.includes('param_groups') || !SETS_GROUP_LR.test(text)) return [];
  const out: number[] = [];
  entries.forEach((e, i) => {
    if (e.callee !== undefined && e.path[e.path.length - 1] === 'lr' && e.value === 0) out.push(i);
  });
  return out;
}
