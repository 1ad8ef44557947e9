/**
 * Batch arithmetic: global batch = micro-batch × accumulation × data-parallel size (science.md uses
 * the global batch B), and tokens per step = global batch × sequence length. A value derived here is
 * marked `derived` with its inputs; the data-parallel size comes from the file when a table knows
 * where it is written, else from the `worldSize` setting.
 */
import type { ExtractedValue, Hyperparameters } from '../../core/hyperparams';
import type { BatchArithmetic } from './ecosystems/types';
import { findSpelling, normaliseSpelling, type EntryIndex } from './match';
import type { ConfigFormat } from '../../core/analysis';
import { frameworkValue } from './values';
import { sentinelReplacedBy } from './warmup-sentinel';

function numeric(v: ExtractedValue | undefined): number | null {
  return v && typeof v.value === 'number' && Number.isFinite(v.value) && v.value > 0 && !v.unit ? v.value : null;
}

function derived(value: number, from: string[]): ExtractedValue {
  return { value, raw: null, key: null, line: null, span: null, source: 'derived', derivedFrom: from };
}

/** The data-parallel size: written in the file (a positive integer), else the setting, else unknown. */
export function dataParallelSize(
  index: EntryIndex, format: ConfigFormat, batch: BatchArithmetic, worldSize: number | undefined): {
    value: number; from: string } | null {
  for (const key of batch.dataParallelKeys ?? []) {
    const match = findSpelling(index, [], normaliseSpelling(key));
    const v = match ? frameworkValue(match.entry, format) : null;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return { value: v, from: key };
  }
  return worldSize !== undefined && Number.isInteger(worldSize) && worldSize >= 1 ? { value: worldSize, from: 'worldSize' } : null;
}

/**
 * Fills the global batch, or the accumulation, from the other two and the data-parallel size, when the file
 * leaves one of them out. Written values are never replaced; an accumulation that would not be a whole
 * number is not derived (the inputs disagree, and guessing would hide it).
 */
export function deriveBatch(hps: Hyperparameters, batch: BatchArithmetic, dp: { value: number; from: string } | null):
  void {
  const micro = numeric(hps.microBatchSize);
  const accum = numeric(hps.gradAccum);
  const global = numeric(hps.globalBatchSize);
  const globalWritten = hps.globalBatchSize?.source === 'written';
  if (hps.microBatchSize?.unit === 'tokens') {
    // A micro-batch counted in tokens (OpenNMT-py's `batch_type: tokens`) forms a global batch in tokens; nothing is
    // derived across units.
    const tokens = typeof hps.microBatchSize.value === 'number' && hps.microBatchSize.value > 0
      ? hps.microBatchSize.value : null;
    if (globalWritten || tokens === null || accum === null || dp === null || batch.gradAccumIsTotal) return;
    hps.globalBatchSize = { ...derived(tokens * accum * dp.value, ['microBatchSize', 'gradAccum', dp.from]), unit: 'tokens' };
    return;
  }
  if (batch.gradAccumIsTotal) {
    if (!globalWritten && micro !== null && accum !== null) hps.globalBatchSize = derived(micro * accum, ['microBatchSize', 'gradAccum']);
    return;
  }
  if (dp === null) return;
  if (!globalWritten && micro !== null && accum !== null && hps.gradAccum?.source !== 'default') {
    hps.globalBatchSize = derived(micro * accum * dp.value, ['microBatchSize', 'gradAccum', dp.from]);
    return;
  }
  if (globalWritten && global !== null && micro !== null && hps.gradAccum?.source !== 'written') {
    const k = global / (micro * dp.value);
    if (Number.isInteger(k) && k >= 1) hps.gradAccum = derived(k, ['globalBatchSize', 'microBatchSize', dp.from]);
    return;
  }
  if (!globalWritten && micro !== null && accum !== null) {
    hps.globalBatchSize = derived(micro * accum * dp.value, ['microBatchSize', 'gradAccum', dp.from]);
    return;
  }
  if (globalWritten && global !== null && accum !== null && micro === null) {
    const m = global / (accum * dp.value);
    if (Number.isInteger(m) && m >= 1) hps.microBatchSize = derived(m, ['globalBatchSize', 'gradAccum', dp.from]);
  }
}

/**
 * A warmup written as a share of the run (`warmup_ratio: 0.1`, `--lr-warmup-fraction .001`) becomes steps when the
 * run length in optimizer steps is known: ⌈fraction × steps⌉, as transformers' `get_warmup_steps` rounds
 * (`math.ceil(num_training_steps * self.warmup_ratio)`). Otherwise (a run in epochs or samples) the fraction stays,
 * with its unit, so nothing reads it as a step count and nothing guesses the steps. A written step count is found
 * before the fraction by the tables, so it is never replaced here.
 */
export function deriveWarmup(hps: Hyperparameters, of: { value: number; from: string } | null): void {
  const warmup = hps.warmupSteps;
  if (warmup?.unit !== 'fraction' || typeof warmup.value !== 'number') return;
  const fraction = warmup.value;
  const steps = numeric(hps.steps);
  const run = of ?? (steps === null ? null : { value: steps, from: 'steps' });
  if (run === null || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    // A fraction that replaced a sentinel -1 and cannot become steps leaves the sentinel as written.
    const sentinel = sentinelReplacedBy(warmup);
    if (sentinel) hps.warmupSteps = sentinel;
    return;
  }
  // Rounded to 12 digits first: a fraction written as `500 / max_iter` times max_iter is 500.00000000000006, not 501.
  const warmupSteps = Math.ceil(Number((fraction * run.value).toPrecision(12)));
  const share = warmup.key ?? (warmup.source === 'default' ? 'the default warmup fraction' : 'warmup fraction');
  hps.warmupSteps = derived(warmupSteps, [share, run.from]);
}

/** The run length a warmup fraction is a share of, where the table names one other than the steps (Megatron). */
export function warmupFractionOf(index: EntryIndex, format: ConfigFormat, keys: readonly string[] | undefined):
  { value: number; from: string } | null {
  for (const key of keys ?? []) {
    const match = findSpelling(index, [], normaliseSpelling(key));
    const v = match ? frameworkValue(match.entry, format) : null;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return { value: v, from: key };
  }
  return null;
}

/** Tokens per optimizer step = global batch (sequences) × sequence length; the batch itself when counted in tokens. */
export function tokensPerStep(hps: Hyperparameters, batch: BatchArithmetic): ExtractedValue | null {
  const g = hps.globalBatchSize;
  // A global batch counted in tokens (OLMo-core's global_batch_size, OpenNMT-py's batch_type: tokens) is the answer.
  if (g?.unit === 'tokens' && typeof g.value === 'number' && Number.isFinite(g.value) && g.value > 0) {
    return derived(g.value, ['globalBatchSize']);
  }
  const global = numeric(g);
  if (global === null) return null;
  if (batch.unit === 'tokens') return derived(global, ['globalBatchSize']);
  const seq = numeric(hps.seqLen);
  return seq === null ? null : derived(global * seq, ['globalBatchSize', 'seqLen']);
}
