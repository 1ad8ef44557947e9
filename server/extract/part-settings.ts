/**
 * Settings of one model part written beside the optimizer's own in its block: `optimizer: {transformer_weight_decay:
 * 1.0e-3, obs_encoder_weight_decay: 1.0e-6, learning_rate: 1.0e-4}`. The program builds one optimizer whose
 * parameter groups take each part's value (real-stanford/diffusion_policy diffusion_transformer_hybrid_image_policy.py
 * get_optimizer: the transformer's groups get `transformer_weight_decay`, the observation encoder's parameters
 * `obs_encoder_weight_decay`, one AdamW with the block's learning rate and betas). Role inference gives the
 * optimizer the first of them (roles/group-lr.ts `partSetting`); each other part's value is a parameter group of
 * its own here, with the optimizer's values and the part's over them, so its value is shown at its line and predicted.
 */
import type { HyperparameterName } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import { normaliseSpelling } from './match';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from './resolve';
import { partSetting } from './roles/group-lr';
import { normaliseWord } from './roles/context';
import { copyValues } from './value-copies';

/** Part groups made per optimizer: a block names a few parts. */
const MAX_PARTS = 16;

/** Adds a parameter group for each part setting in an optimizer's block that the optimizer did not take. */
export function partSettingGroups(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): ResolvedOptimizer[] {
  const byBlock = new Map<string, ResolvedOptimizer>();
  for (const r of resolved) if (r.prefix.length > 0) byBlock.set(JSON.stringify(r.prefix), r);
  if (byBlock.size === 0) return [...resolved];
  const parts = new Map<ResolvedOptimizer, { part: string; role: HyperparameterName; entry: ConfigEntry }[]>();
  for (const [lower, entries] of ctx.index.byName) {
    const setting = partSetting(normaliseWord(lower));
    if (setting === null || setting.word.role === 'optimizer') continue;
    const role = setting.word.role;
    for (const entry of entries) {
      const r = byBlock.get(JSON.stringify(entry.path.slice(0, -1)));
      const taken = r?.optimizer.hyperparameters[role];
      // Only beside the optimizer's own value of the role, written from another literal.
      if (!r || taken?.source !== 'written' || taken.span === null || taken.span.start === entry.span.start) continue;
      const list = parts.get(r) ?? [];
      if (list.length < MAX_PARTS) list.push({ part: setting.part, role, entry });
      parts.set(r, list);
    }
  }
  const out: ResolvedOptimizer[] = [];
  for (const r of resolved) {
    out.push(r);
    for (const { part, role, entry } of parts.get(r) ?? []) {
      const value = writtenValue(ctx, role, entry, normaliseSpelling(entry.path[entry.path.length - 1] ?? ''), false);
      if (value === null || typeof value.value !== 'number') continue;
      const label = part.replace(/_/g, ' ');
      out.push({
        ...r,
        prefix: [...r.prefix, `(${part})`],
        optimizer: {
          ...r.optimizer,
          hyperparameters: { ...copyValues(r.optimizer.hyperparameters), [role]: value },
          appliesTo: `the ${label} parameters: a parameter group of the block's optimizer with a setting of its own`,
        },
      });
    }
  }
  return out;
}
