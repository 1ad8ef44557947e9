/**
 * Parameter groups of one optimizer call (`AdamW([dict(params=embed, lr=0.3), dict(params=head, lr=1/320)],
 * betas=(0.8, 0.95))`): PyTorch gives each group its own values where the group writes them, and the call's
 * keywords (then the class defaults) where it does not. When two or more groups write a learning rate of their own, or
 * a later group writes one the first does not, each group is an optimizer of its own in the extraction, so every
 * written learning rate is shown at its line and predicted, and each says which group it is. The group keys are the
 * table's own spellings of the first group (`0.0.lr`, `0.0.betas[0]`): the list is the call's first argument, its
 * element `i` is group `i + 1`.
 * Source: pytorch torch/optim/optimizer.py `Optimizer.add_param_group` (a group's missing keys take `defaults`).
 */
import { HYPERPARAMETER_NAMES, type ExtractedValue, type HyperparameterName } from '../../core/hyperparams';
import type { KeySpelling, OptimizerScope } from './ecosystems/types';
import { findSpelling, normaliseSpelling } from './match';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from './resolve';
import { copyValues } from './value-copies';

/** Groups looked at per call: a list written out by hand is short; a generated one is not read group by group. */
const MAX_GROUPS = 32;
const FIRST_GROUP = /^0\.0\./;

function keyOf(spelling: KeySpelling): string {
  return typeof spelling === 'string' ? spelling : spelling.key;
}

type GroupSpellings = Partial<Record<HyperparameterName, KeySpelling[]>>;

/** Per scope, its group spellings by group: the same for every call of a file, so moved once, not per call. */
const movedSpellings = new WeakMap<OptimizerScope, Map<number, GroupSpellings>>();

/** The table's spellings of the first group's values, moved to group `i` (0-based). */
function groupSpellings(scope: OptimizerScope, i: number): GroupSpellings {
  let groups = movedSpellings.get(scope);
  if (!groups) {
    groups = new Map();
    movedSpellings.set(scope, groups);
  }
  let out = groups.get(i);
  if (!out) {
    out = moveSpellings(scope, i);
    groups.set(i, out);
  }
  return out;
}

function moveSpellings(scope: OptimizerScope, i: number): GroupSpellings {
  const out: GroupSpellings = {};
  for (const name of HYPERPARAMETER_NAMES) {
    const moved = (scope.hyperparameters[name] ?? []).filter((s) => FIRST_GROUP.test(keyOf(s))).map((s) => {
      const key = keyOf(s).replace(FIRST_GROUP, `0.${i}.`);
      return typeof s === 'string' ? key : { ...s, key };
    });
    if (moved.length > 0) out[name] = moved;
  }
  return out;
}

/** The values group `i` writes itself. */
function ownValues(ctx: ResolveContext, r: ResolvedOptimizer, i: number): Partial<Record<HyperparameterName,
  ExtractedValue>> {
  const out: Partial<Record<HyperparameterName, ExtractedValue>> = {};
  for (const [name, spellings] of Object.entries(groupSpellings(r.scope, i)) as [HyperparameterName, KeySpelling[]][]) {
    for (const written of spellings) {
      const spelling = normaliseSpelling(written);
      const match = findSpelling(ctx.index, r.prefix, spelling);
      const value = match ? writtenValue(ctx, name, match.entry, spelling, match.element) : null;
      if (value) {
        out[name] = value;
        break;
      }
    }
  }
  return out;
}

function sameSpan(a: ExtractedValue | undefined, b: ExtractedValue | undefined): boolean {
  const x = a?.span;
  const y = b?.span;
  return x !== undefined && x !== null && y !== undefined && y !== null && x.start === y.start && x.end === y.end;
}

/**
 * Splits each call whose parameter-group list gives two or more groups a learning rate of their own into one
 * optimizer per such group; the first keeps the call's place and says how many groups there are.
 */
export function splitParamGroups(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): ResolvedOptimizer[] {
  const out: ResolvedOptimizer[] = [];
  for (const r of resolved) {
    out.push(r);
    if (r.scope.callees === undefined || Object.keys(groupSpellings(r.scope, 0)).length === 0) continue;
    const groups: { i: number; own: Partial<Record<HyperparameterName, ExtractedValue>> }[] = [];
    for (let i = 0; i < MAX_GROUPS; i++) groups.push({ i, own: ownValues(ctx, r, i) });
    const withLr = groups.filter((g) => g.own.lr !== undefined);
    // One group with a learning rate of its own after a first group without one (DETR's backbone group, `{"params":
    // backbone, "lr": args.lr_backbone}` after the rest, facebookresearch/detr@29901c5 main.py) is two learning rates
    // too: the first group takes the call's.
    if (withLr.length === 0 || (withLr.length === 1 && withLr[0]?.i === 0)) continue;
    const first = groups[0]?.own ?? {};
    // What the call's keywords give every group: the values read for the optimizer that are not group 1's own.
    const shared: Partial<Record<HyperparameterName, ExtractedValue>> = {};
    for (const name of HYPERPARAMETER_NAMES) {
      const v = r.optimizer.hyperparameters[name];
      if (v && !sameSpan(v, first[name])) shared[name] = v;
    }
    const numbers = withLr.map((g) => g.i + 1).join(', ');
    const label = (n: number): string =>
      `parameter group ${n} (groups ${numbers} of the call's list set learning rates of their own; each is predicted)`;
    for (const g of withLr) {
      const hyperparameters = copyValues({ ...shared, ...g.own });
      if (g.i === 0) {
        // A group's own value wins over the call's keyword, as in PyTorch.
        Object.assign(r.optimizer.hyperparameters, g.own);
        r.optimizer.appliesTo = label(1);
        continue;
      }
      out.push({
        ...r,
        prefix: [...r.prefix, '0', String(g.i)],
        optimizer: { ...r.optimizer, hyperparameters, appliesTo: label(g.i + 1) },
      });
    }
    // The first group without a learning rate of its own takes the call's (or the class default): it is the optimizer
    // as the call wrote it; say so where the first group is not one of the split ones.
    if (withLr[0]?.i !== 0) r.optimizer.appliesTo = 'the parameter groups without a learning rate of their own';
  }
  return out;
}
