/**
 * A block whose values one optimizer the table found already reads is that optimizer's block, not a second optimizer:
 *
 *     opt_cfg = {"name": "adamw", "lr": 3e-4, "weight_decay": 0.1}
 *     optimizer = torch.optim.AdamW(params, lr=opt_cfg["lr"], weight_decay=opt_cfg["weight_decay"])
 *
 * The call reads `lr` and `weight_decay` at the dict's literals (through the name); the dict's `name` and whatever
 * else it holds belong to the same optimizer, whose class the call itself gives. A block read by several optimizers
 * (an actor's and a critic's call reading one settings dict) stays as it was: nothing says whose its other values are.
 */
import type { ResolvedOptimizer } from '../resolve';
import type { RoleCandidate } from './candidates';

const spanKey = (s: { start: number; end: number }): string => `${s.start}:${s.end}`;

/** Per block (its group path as JSON), the one optimizer that reads some of its literals; several → none. */
export function blocksReadBy(
  resolved: readonly ResolvedOptimizer[],
  candidates: readonly RoleCandidate[],
): Map<string, ResolvedOptimizer> {
  const reader = new Map<string, ResolvedOptimizer>();
  for (const r of resolved) {
    for (const v of Object.values(r.optimizer.hyperparameters)) if (v?.span) reader.set(spanKey(v.span), r);
  }
  const out = new Map<string, ResolvedOptimizer | null>();
  for (const c of candidates) {
    const r = c.context.group === null ? undefined : reader.get(spanKey(c.entry.span));
    if (!r || c.context.group === null) continue;
    const id = JSON.stringify(c.context.group);
    const before = out.get(id);
    out.set(id, before === undefined || before === r ? r : null);
  }
  const one = new Map<string, ResolvedOptimizer>();
  for (const [id, r] of out) if (r) one.set(id, r);
  return one;
}
