/**
 * The learning-rate decay horizon: the step at which the schedule reaches its minimum, where a framework lets
 * it differ from the run length (science.md §8.5). A run-level value like tokens per step, read for the
 * `decay-horizon-mismatch` finding; the prediction itself assumes the decay ends with the run. One entry per
 * framework that has such a setting, with its default when the file is silent, and the source of each.
 */
import type { ExtractedValue } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import type { LineIndex } from './lines';
import type { EntryIndex } from './match';
import { matchesWhole, parsePattern, renderPath } from './keypath';

interface HorizonSpelling {
  /** Whole key paths (a flag, a module global, a top-level key, a dotted YAML path), or patterns with `*` / `**`. */
  keys: string[];
  /**
   * Where the value is the argument of a call that names its unit (OLMo-core's `Duration.tokens(n)`): the unit of each
   * call, by the call's last name (null: optimizer steps); a value under any other call is no horizon.
   */
  calleeUnits?: Readonly<Record<string, ExtractedValue['unit'] | null>>;
  /** The framework's value when the file is silent; absent when the default is the run length itself. */
  default?: { value: number; from: string };
  /** What happens after the horizon, for the finding's message: the lr stays at its floor, climbs back, or is 0. */
  after: 'floor' | 'restart' | 'zero';
  /**
   * Where the written value is the decay's length rather than its end: the keys of the step the decay starts at, the
   * first written with a number (nanotron's lr_decay_starting_step, else lr_warmup_steps), 0 when none is; the
   * horizon is that start plus the length.
   */
  startKeys?: string[];
}

/** By ecosystem id (server/extract/ecosystems). */
const HORIZONS: Readonly<Record<string, HorizonSpelling>> = {
  // get_lr: cosine from warmup_iters to lr_decay_iters, then min_lr (karpathy/nanoGPT@3adf61e1 train.py l.231-242).
  nanogpt: {
    keys: ['lr_decay_iters'],
    default: { value: 600000, from: 'nanoGPT train.py @3adf61e1: lr_decay_iters = 600000' },
    after: 'floor',
  },
  // --lr-decay-iters, None = --train-iters; after it the lr stays at --min-lr (megatron/core OptimizerParamScheduler).
  // `lr_decay_iters` is the same argument in a --yaml-cfg file.
  'megatron-lm': { keys: ['--lr-decay-iters', 'lr_decay_iters'], after: 'floor' },
  // NeoXArgs.lr_decay_iters, None = train_iters; `-` and `_` spellings both accepted (gpt-neox neox_arguments.md).
  'gpt-neox': { keys: ['lr_decay_iters', 'lr-decay-iters'], after: 'floor' },
  // CosineDecay ends at alpha·initial_learning_rate, PolynomialDecay (cycle=False) at end_learning_rate, after
  // decay_steps (tensorflow/models@00d83f37e2de official/modeling/optimization/configs/learning_rate_config.py).
  // TrainerConfig.max_duration is the schedule's length (CosWithWarmup decays over it); a hard_stop ends the run
  // sooner (allenai/OLMo-core src/olmo_core/train/common.py Duration: steps, tokens or epochs).
  'olmo-core': {
    keys: ['**.max_duration[0]'],
    calleeUnits: { steps: null, tokens: 'tokens', epochs: 'epochs' },
    after: 'floor',
  },
  // optax.warmup_cosine_decay_schedule(decay_steps=lr_decay_steps, end_value=end_lr): end_lr after it
  // (young-geng/EasyLM@fe5b2c35 EasyLM/optimizers.py AdamWOptimizerFactory lr_decay_steps = 500000).
  easylm: {
    keys: ['--optimizer.adamw_optimizer.lr_decay_steps'],
    default: { value: 500000, from: 'EasyLM EasyLM/optimizers.py @fe5b2c35: lr_decay_steps = 500000' },
    after: 'floor',
  },
  // learning_rate_schedule_steps (-1, the default: `steps`); past it the lr is 0, "to more accurately measure the
  // fully trained model's performance" (AI-Hypercomputer/maxtext@e591f30c src/maxtext/utils/maxtext_utils.py
  // create_learning_rate_schedule; src/maxtext/configs/base.yml).
  maxtext: { keys: ['learning_rate_schedule_steps'], after: 'zero' },
  // The decay runs lr_decay_steps from lr_decay_starting_step, which defaults to lr_warmup_steps, then stays at
  // min_decay_lr (huggingface/nanotron@2411b022 src/nanotron/helpers.py lr_scheduler_builder): its end is their sum.
  nanotron: {
    keys: ['optimizer.learning_rate_scheduler.lr_decay_steps'],
    startKeys: ['lr_decay_starting_step', 'lr_warmup_steps'].map((k) => `optimizer.learning_rate_scheduler.${k}`),
    after: 'floor',
  },
  'tf-model-garden': {
    keys: ['cosine', 'polynomial'].map((s) => `trainer.optimizer_config.learning_rate.${s}.decay_steps`),
    after: 'floor',
  },
};

/** torch.optim.lr_scheduler.CosineAnnealingLR's T_max: past it the cosine climbs back to the peak (it is periodic). */
const COSINE_ANNEALING = /(^|\.)CosineAnnealingLR$/;

function written(entry: ConfigEntry, lines: LineIndex, unit: ExtractedValue['unit'] | null): ExtractedValue | null {
  // A horizon of 0 or below is the framework's "the run length" (MaxText's -1), no horizon of its own.
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value) || entry.value <= 0) return null;
  const value: ExtractedValue = {
    value: entry.value, raw: entry.raw, key: renderPath(entry.origin ?? entry.path),
    line: lines.lineAt(entry.span.start), span: { ...entry.span }, source: 'written',
  };
  if (unit) value.unit = unit;
  return value;
}

/** The unit a horizon entry counts in (null: steps), or undefined when it is no horizon of this spelling. */
function unitOf(spec: HorizonSpelling, entry: ConfigEntry): ExtractedValue['unit'] | null | undefined {
  if (!spec.calleeUnits) return null;
  const call = (entry.callee ?? '').split('.').pop()?.toLowerCase() ?? '';
  return Object.hasOwn(spec.calleeUnits, call) ? spec.calleeUnits[call] : undefined;
}

function matches(spec: HorizonSpelling, entry: ConfigEntry, same: (a: string, b: string) => boolean): boolean {
  const key = entry.path.length === 1 ? entry.path[0] ?? '' : renderPath(entry.path);
  return spec.keys.some((k) => (k.includes('*') ? matchesWhole(parsePattern(k), entry.path) : same(k, key)));
}

export interface DecayHorizon {
  /** The step the decay ends at (for a length written from a start: the sum, with the length's literal and line). */
  value: ExtractedValue;
  after: HorizonSpelling['after'];
  /** The step a written length starts from (`startKeys`), with the key it was read from (null: none written, 0). */
  start?: { value: number; key: string | null };
}

/** The first start key written with a number ≥ 0, or a start at 0. */
function startOf(index: EntryIndex, keys: readonly string[], same: (a: string, b: string) => boolean):
  NonNullable<DecayHorizon['start']> {
  for (const key of keys) {
    const entry = index.entries.find((e) => same(renderPath(e.path), key));
    if (typeof entry?.value === 'number' && Number.isFinite(entry.value) && entry.value >= 0) {
      return { value: entry.value, key: renderPath(entry.path) };
    }
  }
  return { value: 0, key: null };
}

/** The file's decay horizon (the last written value wins, as in the framework), its default, or null. */
export function readDecayHorizon(index: EntryIndex, ecosystem: string, lines: LineIndex): DecayHorizon | null {
  const spec = HORIZONS[ecosystem];
  const same = (a: string, b: string) => (index.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  let found: ConfigEntry | undefined;
  let unit: ExtractedValue['unit'] | null = null;
  let after: HorizonSpelling['after'] = spec?.after ?? 'restart';
  for (const entry of index.entries) {
    if (spec) {
      const entryUnit = matches(spec, entry, same) ? unitOf(spec, entry) : undefined;
      if (entryUnit === undefined) continue;
      found = entry;
      unit = entryUnit;
      after = spec.after;
    } else if (entry.path[entry.path.length - 1] === 'T_max' && COSINE_ANNEALING.test(entry.callee ?? '')) {
      found = entry;
    }
  }
  const value = found ? written(found, lines, unit) : null;
  if (value && spec?.startKeys && typeof value.value === 'number') {
    const start = startOf(index, spec.startKeys, same);
    return { value: { ...value, value: start.value + value.value }, after, start };
  }
  if (value) return { value, after };
  if (!spec?.default) return null;
  return {
    value: { value: spec.default.value, raw: null, key: null, line: null, span: null, source: 'default', defaultFrom: spec.default.from },
    after: spec.after,
  };
}
