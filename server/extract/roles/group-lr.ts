/**
 * The learning rate of one parameter group or model, named for its part: `matrix_lr`, `decoupled_lr`,
 * `actor_learning_rate` (the part before), and `lr_mp`, `lr_vision_backbone`, `lr_wav2vec` (the part after: nanoVLM's
 * TrainConfig, huggingface/nanoVLM@4e0c096 models/config.py, whose three rates train.py gives three AdamW parameter
 * groups; SpeechBrain's `lr_wav2vec`, speechbrain/speechbrain recipes). The part names its optimizer or group.
 * A name whose part says "schedule" (`lr_warmup_steps`, `lr_decay_rate`, `scheduler_decay_lr`, the lr a cosine decays
 * to) is a schedule's value, not a group's learning rate.
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import type { KeyContext } from './context';
import { DECOY_WORDS } from './decoys';
import { GROUP_LR, GROUP_LR_AFTER, MODEL_PART_WORDS, NOT_A_GROUP, NOT_A_PART, ROLE_WORDS, type RoleWord } from
  './vocabulary';

/** A schedule's words: any of them after `lr_` makes it a schedule's value (`lr_warmup_steps`, `lr_decay_rate`). */
const SCHEDULE_PARTS: ReadonlySet<string> = new Set([
  'warmup', 'warm', 'decay', 'min', 'max', 'end', 'final', 'init', 'initial', 'start', 'peak', 'base', 'target',
  'mult', 'multiplier', 'scale', 'scaling', 'scaler', 'factor', 'gamma', 'ratio', 'frac', 'fraction', 'rate',
  'step', 'steps', 'iter', 'iters', 'iterations', 'epoch', 'epochs', 'samples', 'tokens', 'sched', 'scheduler',
  'schedule', 'policy', 'type', 'patience', 'milestones', 'cooldown', 'cycle', 'restart', 'power', 'drop', 'anneal',
  'annealing', 'plateau', 'threshold', 'freq', 'interval', 'period', 'lambda', 'mode', 'range', 'bound', 'lower',
  'upper', 'low', 'high', 'finder', 'noise', 'floor', 'cur', 'current', 'last', 'default',
  'rampup', 'ramp', 'hold', 'stable', 'exp', 'linear', 'cosine', 'constant', 'poly', 'sqrt', 'eval', 'test',
]);
const SCHEDULE_HEAD = /^(sched|scheduler|schedule|lr_scheduler)(_|$)/;
/** The last word of `<part>_lr` that makes it a schedule's value (`policy_lr` is an RL policy's own rate). */
const SCHEDULE_LAST: ReadonlySet<string> = new Set(['min', 'max', 'end', 'final', 'warmup', 'init', 'start', 'decay']);

export interface GroupLr {
  /** The part the learning rate is for (`matrix`, `vision backbone`). */
  part: string;
}

/**
 * `<part>_lr` / `lr_<part>`: the part, or null when the name is no group's learning rate. After `lr_` the part must
 * be a model's part (`lr_vision_backbone`, `lr_wav2vec`) or a name the file writes elsewhere (`inFile`: a key or a
 * key's prefix), as a modifier of the rate (`lr_shrink`, `lr_mul`, `lr_alpha`) names no parameters.
 */
export function groupLrPart(name: string, inFile?: (part: string) => boolean): GroupLr | null {
  if (DECOY_WORDS.has(name)) return null;
  const before = GROUP_LR.exec(name)?.[1];
  if (before !== undefined) {
    const last = before.split('_').pop() ?? '';
    if (NOT_A_GROUP.has(before) || SCHEDULE_LAST.has(last) || SCHEDULE_HEAD.test(before)) return null;
    return { part: before.replace(/_/g, ' ') };
  }
  const after = GROUP_LR_AFTER.exec(name)?.[2];
  if (after === undefined || NOT_A_GROUP.has(after)) return null;
  const words = after.split('_');
  if (words.some((w) => SCHEDULE_PARTS.has(w) || NOT_A_PART.has(w))) return null;
  // A numbered part (`te1`, `te2`: the text encoders of SDXL) is its part's word.
  if (!words.some((w) => MODEL_PART_WORDS.has(w.replace(/\d+$/, ''))) && inFile?.(after) !== true) return null;
  return { part: after.replace(/_/g, ' ') };
}

/**
 * Whether a value can be a part's learning rate: a number (or its text), not a word (`get_lr` holding a schedule's
 * shape, `cosine`, names a function); after `lr_`, a rate below 1, as a group's rate is (a count or a factor is not).
 */
export function holdsGroupLr(name: string, value: unknown): boolean {
  if (typeof value !== 'number' && typeof value !== 'string') return false;
  // A name, dotted too (`learning_rate_schedules.product_learning_rate`, a gin configurable), is a function's.
  if (typeof value === 'string' && /^[A-Za-z_][\w.-]*$/.test(value.trim())) return false;
  if (!GROUP_LR_AFTER.test(name) || GROUP_LR.test(name)) return true;
  const n = typeof value === 'number' ? value : Number(value.replace(/_/g, ''));
  return Number.isFinite(n) && n > 0 && n < 1;
}

/** The context of a group's learning rate: its own group, beside the block's optimizer, when none is around it. */
export function groupContext(ctx: KeyContext, entry: ConfigEntry, part: string): KeyContext {
  return { ...ctx, group: ctx.group ?? [...entry.path.slice(0, -1), `(${part.replace(/ /g, '_')})`] };
}

/**
 * A file's key segments, lower-cased: as a set, and, once a prefix is asked for, sorted, so that those starting with
 * the prefix lie together.
 */
interface Segments {
  all: ReadonlySet<string>;
  sorted?: readonly string[];
}

const segmentsOf = new WeakMap<EntryIndex, Segments>();

function segments(index: EntryIndex): Segments {
  let out = segmentsOf.get(index);
  if (out === undefined) {
    const all = new Set<string>();
    // A segment at the same place as in the entry before (its block, mostly) is already in.
    let previous: readonly string[] = [];
    for (const e of index.entries) {
      for (let i = 0; i < e.path.length; i++) if (e.path[i] !== previous[i]) all.add((e.path[i] ?? '').toLowerCase());
      previous = e.path;
    }
    out = { all };
    segmentsOf.set(index, out);
  }
  return out;
}

/** The position of the first of `sorted` not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the file names `part` apart from `name`: a key or a block (`generator:` beside `lr_generator`) or a key's
 * prefix (`generator_betas`), each lower-cased. A lookup, not a scan of the file's names: a file writes many `lr_<x>`.
 */
export function partInFile(index: EntryIndex, name: string): (part: string) => boolean {
  const seen = segments(index);
  return (part) => {
    if (part !== name && seen.all.has(part)) return true;
    const sorted = (seen.sorted ??= [...seen.all].sort());
    const prefix = `${part}_`;
    for (let i = lowerBound(sorted, prefix); sorted[i]?.startsWith(prefix) === true; i++) {
      if (sorted[i] !== name) return true;
    }
    return false;
  };
}

/** The settings a model part's prefix can own (its learning rate is `groupLrPart`'s). */
const PART_ROLES: ReadonlySet<string> = new Set(['beta1', 'beta2', 'eps', 'weightDecay', 'momentum']);

/**
 * `<part>_<setting>` whose part ends in a model's part (`transformer_weight_decay`, `obs_encoder_weight_decay`): that
 * part's parameter group's own setting, in the group its learning rate would form. real-stanford/diffusion_policy
 * (diffusion_transformer_hybrid_image_policy.py get_optimizer) gives the transformer's and the observation encoder's
 * parameters each its own λ in one AdamW. Only a word that names its role wherever it appears (`weight_decay`, not
 * `eps`) counts, and the part's last word must be a model's part: `encoder_layer_norm_eps` is no group's ε.
 */
export function partSetting(name: string): { part: string; word: RoleWord } | null {
  for (let at = name.indexOf('_'); at > 0; at = name.indexOf('_', at + 1)) {
    const word = ROLE_WORDS.get(name.slice(at + 1));
    if (word === undefined || !word.specific || !PART_ROLES.has(word.role)) continue;
    const part = name.slice(0, at);
    const last = part.split('_').pop() ?? '';
    if (!MODEL_PART_WORDS.has(last) || NOT_A_GROUP.has(part)) return null;
    return { part, word };
  }
  return null;
}
