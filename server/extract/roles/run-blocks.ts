/**
 * Blocks of a name OptLens does not know that are each one run's settings, so that each is a configuration of its
 * own (roles/infer.ts gives every such group an optimizer) instead of lending its values to one run:
 *
 * - a block that names its optimizer directly (FuxiCTR's `DCNv2_test: {optimizer: adam, learning_rate: ...}`);
 * - sibling blocks of the same shape, each writing the same role keys with a learning rate among them, at the top level
 *   or in a training block (RL Zoo's hyperparameter files: one block per environment, `CartPole-v1: {learning_rate:
 *   ..., batch_size: ...}`; `hyperparams: {HalfCheetah: {...}, Hopper: {...}}`), the way
 *   a list of experiments or a stream of YAML documents holds several runs. A single run's sections (`model:`,
 *   `data:`, `optimizer:`) write different role keys, so they stay one run;
 * - alike settings containers one name holds in several functions (MuJoCo Playground's `rl_config =
 *   config_dict.create(...)` in its PPO, vision-PPO and SAC config functions), the first in the file the main run.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { ConfigEntry } from '../entries';
import { entriesAt, entriesBeside, type EntryIndex } from '../match';
import { frameworkValue } from '../values';
import { keyContext, normaliseWord, type KeyContext } from './context';
import { isKnownOptimizerName } from './known-names';
import { MODEL_PART_WORDS, ROLE_WORDS } from './vocabulary';

/** Keys that name a run's optimizer directly inside its block. */
const RUN_OPTIMIZER_KEYS: readonly string[] = ['optimizer', 'optim', 'optimizer_name', 'optimizer_type', 'learner'];
const INDEX = /^\d+$/;
const NUL = '\u0000';

/** The value of a key written beside `entry` (in the same block), or null. */
export function siblingValueOf(index: EntryIndex, format: ConfigFormat, entry: ConfigEntry): (key: string) => unknown {
  return (key) => {
    const sibling = entriesBeside(index, entry, key)[0];
    return sibling ? frameworkValue(sibling, format) : null;
  };
}

/**
 * Where a block of runs may sit: in a block OptLens does not know, or in a training block (`hyperparams:` around one
 * block per task), never in an optimizer, schedule or model block, nor in a model's own block (`actor`, `critic`).
 */
const mayBeRun = (ctx: KeyContext): boolean => (ctx.kind === 'other' || ctx.kind === 'training') && ctx.group === null;

/** Calls that only hold settings (ml_collections' `config_dict.create`, `ConfigDict`, `dict`, `EasyDict`). */
const CONTAINERS = /(^|\.)(create|ConfigDict|FrozenConfigDict|dict|EasyDict|SimpleNamespace|OrderedDict)$/;

/**
 * A keyword of a settings container assigned to one name in several functions (`rl_config = config_dict.create(
 * learning_rate=...)` in each of a file's config functions, which the Python reader places at `rl_config`,
 * `rl_config#2`, ...): each is one function's settings, like a block of its own.
 */
function placedAgain(index: EntryIndex, e: ConfigEntry): boolean {
  if (e.callee === undefined || !CONTAINERS.test(e.callee)) return false;
  const block = e.path.slice(0, -1);
  const own = block[block.length - 1] ?? '';
  const base = own.replace(/#\d+$/, '');
  const has = (name: string): boolean => entriesAt(index, [...block.slice(0, -1), name]).length > 0;
  return own !== base ? has(base) : has(`${base}#2`);
}

const LR: ReadonlySet<string> = new Set(['lr']);
/**
 * Roles only a whole run writes: alike blocks that each size a run (RL Zoo's per-environment `n_timesteps`,
 * `batch_size`) are runs whatever their names; alike blocks named for a model's part and writing only an optimizer's
 * settings (`unet:` and `text_encoder:` each with `learning_rate` and `lr_warmup_steps`) are one run's parameter
 * groups.
 */
const RUN_LEVEL: ReadonlySet<string> = new Set(['steps', 'microBatchSize', 'globalBatchSize']);

/** Whether a block's own name (`text_encoder`, `unet`, `VisionTower`) is a model part's (MODEL_PART_WORDS). */
function namesPart(block: string): boolean {
  const own = block.slice(block.lastIndexOf(NUL) + 1);
  const words = own.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-. ]+/);
  return words.some((w) => MODEL_PART_WORDS.has(w));
}

/** Whether the block at `parent` (joined by NUL) names an optimizer: its blocks are then that optimizer's groups. */
function namesOptimizer(index: EntryIndex, parent: string): boolean {
  const block = parent === '' ? [] : parent.split(NUL);
  return RUN_OPTIMIZER_KEYS.some((k) => {
    const v = entriesAt(index, [...block, k])[0]?.value;
    return typeof v === 'string' && isKnownOptimizerName(v);
  });
}

/** Per index: the paths (joined by NUL) of the blocks that are runs among alike siblings. */
const siblingRunsOf = new WeakMap<EntryIndex, ReadonlySet<string>>();

/**
 * The blocks under a parent that holds at least two blocks writing the same role keys, a learning rate and a run-level
 * role among them (`RUN_LEVEL`), and names no optimizer itself:
 * every block of that parent that writes a role key is then a run (one that writes a few keys fewer is still one of
 * the file's runs, not the others' shared settings). List elements are left to roles/phases.ts (stages of one run).
 */
function siblingRuns(index: EntryIndex): ReadonlySet<string> {
  const cached = siblingRunsOf.get(index);
  if (cached) return cached;
  const keysOf = new Map<string, { parent: string; keys: Set<string> }>();
  for (const [lower, entries] of index.byName) {
    const name = normaliseWord(lower);
    if (!ROLE_WORDS.has(name)) continue;
    for (const e of entries) {
      const block = e.path.slice(0, -1);
      const own = block[block.length - 1];
      if (own === undefined || INDEX.test(own)) continue;
      if ((e.callee !== undefined || e.origin !== undefined) && !placedAgain(index, e)) continue;
      if (!mayBeRun(keyContext(e))) continue;
      const id = block.join(NUL);
      const b = keysOf.get(id) ?? { parent: block.slice(0, -1).join(NUL), keys: new Set<string>() };
      b.keys.add(name);
      keysOf.set(id, b);
    }
  }
  const shapes = new Map<string, number>();
  const shape = (b: { parent: string; keys: Set<string> }): string => `${b.parent}|${[...b.keys].sort().join(',')}`;
  const has = (b: { keys: Set<string> }, roles: ReadonlySet<string>): boolean =>
    [...b.keys].some((k) => roles.has(ROLE_WORDS.get(k)?.role ?? ''));
  for (const [id, b] of keysOf) {
    if (!has(b, LR) || namesOptimizer(index, b.parent) || (!has(b, RUN_LEVEL) && namesPart(id))) continue;
    shapes.set(shape(b), (shapes.get(shape(b)) ?? 0) + 1);
  }
  const parents = new Set<string>();
  for (const [s, n] of shapes) if (n >= 2) parents.add(s.slice(0, s.lastIndexOf('|')));
  const out = new Set<string>();
  for (const [id, b] of keysOf) if (parents.has(b.parent)) out.add(id);
  siblingRunsOf.set(index, out);
  return out;
}

/**
 * The context of a role key in a run block (the block is its group, read as a training block), else `ctx` as it was.
 * A decoy block around a block that names its optimizer still wins; an evaluation name of the block itself does not
 * (FuxiCTR's `_test`: the experiment on the test dataset).
 */
export function asRunBlock(index: EntryIndex, format: ConfigFormat, entry: ConfigEntry, ctx: KeyContext): KeyContext {
  if (entry.path.length < 2 || (entry.callee !== undefined && !placedAgain(index, entry))) return ctx;
  const block = entry.path.slice(0, -1);
  if (mayBeRun(ctx) && siblingRuns(index).has(block.join(NUL))) return { kind: 'training', group: block };
  if (ctx.kind !== 'other' && ctx.kind !== 'decoy') return ctx;
  const sibling = siblingValueOf(index, format, entry);
  const named = RUN_OPTIMIZER_KEYS.some((k) => {
    const v = sibling(k);
    return typeof v === 'string' && isKnownOptimizerName(v);
  });
  if (!named) return ctx;
  if (ctx.kind === 'decoy') {
    const { origin: _origin, ...rest } = entry;
    if (keyContext({ ...rest, path: block }).kind === 'decoy') return ctx;
  }
  return { kind: 'training', group: block };
}
