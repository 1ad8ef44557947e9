/**
 * The quick fixes of a Surge warning (science.md §3.2), ranked by how little each one changes the run,
 * and each titled with what it costs, so that no drastic change hides behind a short title:
 *  1. β1 down to the largest value without Surge at this batch (preferred: one coefficient, the batch and
 *     data throughput stay; the cost is a shorter momentum memory and a larger update RMS, §1.1);
 *  2. the learning rate scaled by η*(B)/η*_max (§3.2): the batch stays past the Surge, but at the lr that
 *     is optimal there if the current one was tuned near the peak batch;
 *  3. the batch down to the threshold: removes the Surge, but every step sees fewer samples.
 */
import type { OptimizerAnalysis } from '../core/analysis';
import { formatSignificant } from '../core/format-number';
import type { Fix, TextReplacement } from '../core/hyperparams';
import type { Prediction, PredictionInput } from '../core/prediction';
import { predict } from '../core/theory/predict';
import type { FindingContext } from './prediction-findings';
import { numericValue } from './prediction-input';

const s3 = (n: number) => formatSignificant(n);

function fixOf(title: string, replacements: TextReplacement[] | null, isPreferred = false): Fix[] {
  return replacements && replacements.length > 0 ? [
    { title, replacements, ...(isPreferred ? { isPreferred } : {}) }] : [];
}

/** Momentum memory 1/(1−β1) in steps, as people count it. */
const memory = (beta1: number) => formatSignificant(1 / (1 - beta1), 2);

function beta1Fix(input: PredictionInput, index: number, clearBeta1: number | null, ctx: FindingContext): Fix[] {
  if (clearBeta1 === null || clearBeta1 >= input.beta1) return [];
  const before = predict({ ...input, steps: null }).updateRms;
  const after = predict({ ...input, beta1: clearBeta1, steps: null }).updateRms;
  const rms = before !== null && after !== null ? `, update RMS ${s3(before)} → ${s3(after)}` : '';
  return fixOf(
    `Set β1 ${input.beta1} → ${clearBeta1}, the largest without Surge at this batch ` +
      `(costs: momentum averages ~${memory(clearBeta1)} steps instead of ~${memory(input.beta1)}${rms})`,
    ctx.edit(index, 'beta1', clearBeta1),
    true,
  );
}

function lrFix(input: PredictionInput, p: Prediction, index: number, ctx: FindingContext): Fix[] {
  const relative = p.surge.etaStarRelative;
  if (relative === null || !(relative > 0) || relative > 0.99) return [];
  const lr = Number((input.lr * relative).toPrecision(3));
  return fixOf(
    `Lower lr ${s3(input.lr)} → ${s3(lr)} (×${s3(relative)}, the optimal lr at this batch relative to its peak; ` +
      'costs nothing if lr was tuned near the peak batch, but the batch stays past Surge)',
    ctx.edit(index, 'lr', lr),
  );
}

/** Lowers whichever batch literal the file writes (global, else accumulation, else micro) by `factor`. */
function batchFix(opt: OptimizerAnalysis, index: number, factor: number, ctx: FindingContext): Fix[] {
  const hp = opt.hyperparameters;
  for (const name of ['globalBatchSize', 'gradAccum', 'microBatchSize'] as const) {
    const value = numericValue(hp[name]);
    if (!hp[name]?.span || value === null) continue;
    const lowered = Math.floor(value * factor);
    if (lowered < 1) continue;
    const cut = value / lowered;
    return fixOf(
      `Lower ${hp[name]?.key ?? name} ${value} → ${lowered}, to the Surge threshold ` +
        `(cuts the global batch ${s3(cut)}×: fewer samples per step, ${s3(cut)}× more steps for the same data)`,
      ctx.edit(index, name, lowered),
    );
  }
  return [];
}

/** The Surge warning's fixes, best first. `clearBeta1` is the largest β1 without Surge at this batch (null: none). */
export function surgeFixes(
  opt: OptimizerAnalysis, index: number, input: PredictionInput & { batchSize: number }, p: Prediction,
  threshold: number, clearBeta1: number | null, ctx: FindingContext,
): Fix[] {
  return [
    ...beta1Fix(input, index, clearBeta1, ctx),
    ...lrFix(input, p, index, ctx),
    ...batchFix(opt, index, threshold / input.batchSize, ctx),
  ];
}
