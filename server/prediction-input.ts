/**
 * From what a file says to what the theory needs: one `PredictionInput` per optimizer, made of the
 * extracted values (written, default or derived), the science core's defaults for anything still
 * unknown, and the settings a file cannot say (noise scale, world size, gradient norm, SNR).
 * Batches are converted into the noise scale's unit, since B/B_simple is only meaningful in one unit.
 */
import type { AnalysisSettings } from '../core/analysis';
import type { ExtractedOptimizer, ExtractedValue, OptimizerKind, ScheduleKind } from '../core/hyperparams';
import type { BatchFactor, BatchFormation, PredictionInput } from '../core/prediction';
import { initialWeightRmsOf } from '../core/theory/initial-weights';
import { defaultPredictionInput } from '../core/theory/predict';
import type { Extraction } from './extract/extraction';
import { floorOf, floorRatio } from './extract/schedule-floor';

const NUMBER_TEXT = /^\s*[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * The number a value stands for. A numeric string (PyYAML's `'1e-8'`) still counts: the finding
 * about the string is the extractor's; the prediction shows what the author meant.
 */
export function numericValue(value: ExtractedValue | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value.value === 'number') return Number.isFinite(value.value) ? value.value : null;
  if (typeof value.value === 'string' && NUMBER_TEXT.test(value.value)) return Number(value.value);
  return null;
}

/** A count of optimizer steps, converting token-denominated lengths; null for epochs, durations and sentinels. */
function stepsValue(value: ExtractedValue | undefined, tokensPerStep: number | null): number | null {
  const n = numericValue(value);
  if (n === null || n < 0) return null;
  // The theory counts whole steps; a token budget becomes the steps it takes at this batch.
  if (value?.unit === undefined) return Math.round(n);
  if (value.unit === 'tokens' && tokensPerStep !== null && tokensPerStep > 0) return Math.round(n / tokensPerStep);
  return null;
}

export interface BatchInUnit {
  /** Global batch in the noise scale's unit (samples when no noise scale is set). */
  value: number | null;
}

/** A batch in samples or tokens; one cut by audio duration (`seconds`) says nothing of how many samples it holds. */
function countable(value: ExtractedValue | undefined): boolean {
  return value?.unit === undefined || value.unit === 'samples' || value.unit === 'tokens';
}

const SOURCE_OF = (v: ExtractedValue | undefined): BatchFactor['source'] => v?.source ?? 'assumed';

/**
 * The global batch, in the unit of the noise scale, and the factors it is formed from. A written or derived
 * `globalBatchSize` is used as is; otherwise micro × accumulation × data-parallel size (size 1 when nothing
 * says otherwise, marked assumed: it can only underestimate the batch and so never raises a false Surge warning).
 */
export function batchFormation(opt: ExtractedOptimizer, settings: AnalysisSettings): BatchFormation {
  const hp = opt.hyperparameters;
  const seqLen = numericValue(hp.seqLen);
  const micro = countable(hp.microBatchSize) ? numericValue(hp.microBatchSize) : null;
  const accum = numericValue(hp.gradAccum);
  let batch = countable(hp.globalBatchSize) ? numericValue(hp.globalBatchSize) : null;
  let unit: 'samples' | 'tokens' = hp.globalBatchSize?.unit === 'tokens' ? 'tokens' : 'samples';
  const globalWritten = hp.globalBatchSize?.source === 'written' && batch !== null;
  const factors: BatchFactor[] = [];
  const factor = (role: BatchFactor['role'], value: number, v: ExtractedValue | undefined, source = SOURCE_OF(v)) =>
    factors.push({ role, value, source, key: v?.source === 'written' ? v.key : null });
  if (batch !== null && !globalWritten && micro !== null && accum !== null) {
    // Derived by the extractor as micro × accumulation × data-parallel size: show the three factors.
    const dpFrom = hp.globalBatchSize?.derivedFrom?.[2];
    factor('micro', micro, hp.microBatchSize);
    factor('accumulation', accum, hp.gradAccum);
    const dp = batch / (micro * accum);
    if (dpFrom !== undefined) factors.push({ role: 'dataParallel', value: dp, source: dpFrom === 'worldSize' ? 'setting' : 'written', key: dpFrom === 'worldSize' ? null : dpFrom });
  } else if (batch === null) {
    if (micro === null) {
      const missing = countable(hp.microBatchSize) ? 'no-batch' : 'uncounted';
      return { size: null, unit: 'samples', globalWritten: false, globalKey: null, factors: [], missing };
    }
    const world = settings.worldSize ?? 1;
    batch = micro * (accum ?? 1) * world;
    unit = hp.microBatchSize?.unit === 'tokens' ? 'tokens' : 'samples';
    factor('micro', micro, hp.microBatchSize);
    factor('accumulation', accum ?? 1, hp.gradAccum);
    factors.push({ role: 'dataParallel', value: world, source: settings.worldSize === undefined ? 'assumed' : 'setting', key: null });
  }
  const globalKey = globalWritten ? hp.globalBatchSize?.key ?? null : null;
  const wanted = settings.noiseScaleUnit ?? 'samples';
  const base = { unit: wanted, globalWritten, globalKey };
  if (unit === wanted) return { ...base, size: batch, factors, missing: null };
  if (seqLen === null || seqLen <= 0) return { ...base, size: null, factors, missing: 'no-seq-len' };
  factor('seqLen', seqLen, hp.seqLen);
  if (unit === 'tokens') factors[factors.length - 1].divides = true;
  return { ...base, size: unit === 'samples' ? batch * seqLen : batch / seqLen, factors, missing: null };
}

/** The global batch in the noise scale's unit (see `batchFormation` for how it is formed). */
export function globalBatch(opt: ExtractedOptimizer, settings: AnalysisSettings): BatchInUnit {
  return { value: batchFormation(opt, settings).size };
}

function tokensPerStepOf(extraction: Extraction): number | null {
  return extraction.tokensPerStep ? numericValue(extraction.tokensPerStep) : null;
}

/**
 * The theory's input for one optimizer; null when OptLens cannot model the optimizer. Values the theory
 * rejects (β outside [0,1)) are passed through: `predict` refuses them and the analysis says why.
 */
export function predictionInputFor(
  opt: ExtractedOptimizer,
  kind: OptimizerKind,
  schedule: ScheduleKind | null,
  extraction: Extraction,
  settings: AnalysisSettings,
): PredictionInput {
  const hp = opt.hyperparameters;
  const input = defaultPredictionInput({ optimizer: kind });
  const set = <K extends 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'momentum'>(key: K, value: ExtractedValue | undefined) => {
    const n = numericValue(value);
    if (n !== null) input[key] = n;
  };
  set('lr', hp.lr);
  set('beta1', hp.beta1);
  set('beta2', hp.beta2);
  set('eps', hp.eps);
  set('weightDecay', hp.weightDecay);
  set('momentum', hp.momentum);
  input.weightDecaySemantics = opt.weightDecaySemantics;
  const tokensPerStep = tokensPerStepOf(extraction);
  const steps = stepsValue(hp.steps, tokensPerStep);
  input.steps = steps !== null && steps >= 1 ? steps : null;
  input.warmupSteps = stepsValue(hp.warmupSteps, tokensPerStep) ?? 0;
  if (schedule !== null) input.schedule = schedule;
  // The floor the decay ends at, as a fraction of this optimizer's peak lr: every surface reads it from here.
  const floor = floorRatio(floorOf(extraction.scheduleFloor, hp.lr?.key), input.lr);
  if (floor !== null) input.minLrRatio = floor;
  input.batchSize = globalBatch(opt, settings).value;
  input.noiseScale = settings.noiseScale ?? null;
  input.gradNorm = settings.gradNorm ?? null;
  if (settings.gradientScaleSpread !== undefined) input.gradientScaleSpread = settings.gradientScaleSpread;
  input.params = settings.params ?? null;
  input.snr = settings.snr ?? 0;
  // science.md §2.9: fine-tuning starts from trained weights (comment, setting, else the fine-tuning table, else 0).
  const theta0 = initialWeightRmsOf({
    [settings.initialWeightRmsSource ?? 'setting']: settings.initialWeightRms, ecosystem: extraction.ecosystem,
  });
  input.theta0Rms = theta0.value;
  input.theta0Source = theta0.source;
  // ε meets √v in fp16 only under true half precision (optimizer-state-precision.ts): the one rule's input.
  input.fp16 = extraction.optimizerState?.arithmetic === 'fp16';
  return input;
}
