/**
 * Parameter groups written in a declarative file as a list of maps inside an optimizer's block, each naming its
 * parameters and overriding some of the optimizer's values: RT-DETR, D-FINE and DEIM write
 * `optimizer: {type: AdamW, lr: 0.0004, params: [{params: '^(?=.*backbone)(?!.*norm).*$', lr: 0.0002}, ...]}` and
 * their solver hands the list to torch as parameter groups (lyuwenyu/RT-DETR rtdetrv2_pytorch/src/core/yaml_utils.py
 * get_optim_params; Peterande/D-FINE@4a1f73a src/core/yaml_utils.py), where a group's missing keys take the
 * optimizer's (torch/optim/optimizer.py `Optimizer.add_param_group`). As for a Python call's list (param-groups.ts),
 * a group with a learning rate of its own is an optimizer of its own in the extraction, with the optimizer's values
 * and the group's own written ones over them, so its learning rate is shown at its line and predicted.
 */
import type { ExtractedValue, HyperparameterName } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import { entriesAt, normaliseSpelling } from './match';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from './resolve';
import { copyValues } from './value-copies';

/** Groups looked at per optimizer: a list written out by hand is short. */
const MAX_GROUPS = 32;
/** What a group may write for itself, by torch's parameter-group keys. */
const GROUP_KEYS: readonly { key: string; name: HyperparameterName; index?: number }[] = [
  { key: 'lr', name: 'lr' },
  { key: 'weight_decay', name: 'weightDecay' },
  { key: 'betas', name: 'beta1', index: 0 },
  { key: 'betas', name: 'beta2', index: 1 },
  { key: 'eps', name: 'eps' },
  { key: 'momentum', name: 'momentum' },
];
/** The key that names a group's parameters (a module name, a regular expression, a list of names). */
const PARAMS_KEY = 'params';

/** The groups of one list (`optimizer.params`): the element indices whose map names its parameters. */
function groupsOf(ctx: ResolveContext, list: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < MAX_GROUPS; i++) {
    if (entriesAt(ctx.index, [...list, String(i), PARAMS_KEY]).length > 0) out.push(String(i));
  }
  return out;
}

/** The values group `at` writes itself. */
function ownValues(ctx: ResolveContext, at: readonly string[]): Partial<Record<HyperparameterName, ExtractedValue>> {
  const out: Partial<Record<HyperparameterName, ExtractedValue>> = {};
  for (const { key, name, index } of GROUP_KEYS) {
    const path = index === undefined ? [...at, key] : [...at, key, String(index)];
    const entry: ConfigEntry | undefined = entriesAt(ctx.index, path)[0];
    if (!entry) continue;
    const spelling = normaliseSpelling(index === undefined ? key : { key, index });
    const value = writtenValue(ctx, name, entry, spelling, index !== undefined);
    if (value && typeof value.value === 'number') out[name] = value;
  }
  return out;
}

/** Adds an optimizer for each listed parameter group of a declarative optimizer block that sets its own lr. */
export function listParamGroups(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): ResolvedOptimizer[] {
  if (ctx.format !== 'yaml' && ctx.format !== 'json' && ctx.format !== 'toml') return [...resolved];
  const out: ResolvedOptimizer[] = [];
  for (const r of resolved) {
    out.push(r);
    if (r.prefix.length === 0 || r.optimizer.span === null) continue;
    const list = [...r.prefix, PARAMS_KEY];
    const withLr = groupsOf(ctx, list).map((i) => ({ i, own: ownValues(ctx, [...list, i]) }))
      .filter((g) => g.own.lr !== undefined);
    for (const g of withLr) {
      const hyperparameters = copyValues({ ...r.optimizer.hyperparameters, ...g.own });
      const n = Number(g.i) + 1;
      out.push({
        ...r,
        prefix: [...list, g.i],
        optimizer: {
          ...r.optimizer, hyperparameters,
          appliesTo: `parameter group ${n} of the block's \`${PARAMS_KEY}\` list ` +
            '(its own learning rate; each is predicted)',
        },
      });
    }
  }
  return out;
}
