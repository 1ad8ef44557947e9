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
  /** What happens after the horizon, for the finding's message. */
  after: 'floor' | 'restart';
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
  'tf-model-garden': {
    keys: ['cosine', 'polynomial'].map((s) => `trainer.optimizer_config.learning_rate.${s}.decay_steps`),
    after: 'floor',
  },
};

/** torch.optim.lr_scheduler.CosineAnnealingLR's T_max: past it the cosine climbs back to the peak (it is periodic). */
const COSINE_ANNEALING = /(^|\.)CosineAnnealingLR$/;

function written(entry: ConfigEntry, lines: LineIndex, unit: ExtractedValue['unit'] | null): ExtractedValue | null {
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) return null;
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
  value: ExtractedValue;
  after: HorizonSpelling['after'];
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
  if (value) return { value, after };
  if (!spec?.default) return null;
  return {
    value: { value: spec.default.value, raw: null, key: null, line: null, span: null, source: 'default', defaultFrom: spec.default.from },
    after: spec.after,
  };
}
