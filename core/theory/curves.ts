/**
 * The theory curves the playground draws, each the same function `predict` evaluates at one point
 * (so a curve and the number beside it cannot disagree). All return typed arrays aligned with the
 * x values passed in; all are cheap enough to redraw inside a frame while a slider moves.
 */
import type { PredictionInput } from '../prediction';
import { emaFilter, noiseFactor } from './momentum';
import { DEFAULT_GRADIENT_SCALE_SPREAD } from './coordinate-scales';
import { epsRatioOf, surgeModelOf, weightRmsAtStepsOf } from './optimizer-model';
import { etaStarCurve, surgePeakBatch, type SurgeModel } from './surge';
import { adamUpdateRmsAt } from './adam-finite-t';
import { adamUpdateRms } from './update-rms';

/**
 * Adam's steady-state update RMS as a function of β1 (science.md §1.1, with §1.3's ε factor when
 * `epsRatio` = ε/(‖G‖/√N) is given): √((SNR + k)/(SNR + 1))/(1 + ε/scale), k = (1−β1)/(1+β1).
 */
export function updateRmsVsBeta1(beta1s: readonly number[], snr: number, epsRatio = 0): Float64Array {
  return Float64Array.from(beta1s, (beta1) => adamUpdateRms({ beta1, snr, epsRatio }));
}

/**
 * Adam's update RMS over the first steps (science.md §1.2: bias correction, and the exact finite-t moments of
 * m̂/√v̂, which depend on β2): 1 at t = 1, decaying to the §1.1 value. `steps` are 1-based step counts.
 */
export function updateRmsVsStep(
  beta1: number, beta2: number, steps: readonly number[], snr: number, epsRatio = 0,
): Float64Array {
  return Float64Array.from(steps, (step) => adamUpdateRmsAt(beta1, beta2, snr, step, epsRatio));
}

/**
 * Weight RMS at the given 1-based steps under the input's schedule and weight-decay semantics
 * (science.md §2.4, by the O(T) forward recursion; §2.5 for sign-type updates). null where §2 does
 * not apply (coupled L2, Muon, SGD without a gradient scale) or without a step count.
 */
export function weightRmsAtSteps(input: PredictionInput, steps: readonly number[]): Float64Array | null {
  return weightRmsAtStepsOf(input, steps);
}

export interface EtaStarCurves {
  /** η*(B)/η*_max for the input's optimizer (science.md §3.2; sign types with §3.6 b). */
  optimizer: Float64Array;
  /** Plain SGD beside it: η_max/(1 + B_noise/B), no Surge. */
  sgd: Float64Array;
  /** SignSGD beside it (k = 1, same ρ): Surge iff ρ > 1. */
  signSgd: Float64Array;
  /** The optimizer's Surge peak, or null when η* keeps rising with B. */
  peakBatch: number | null;
}

/**
 * η*(B)/η*_max over `batches` for the input's optimizer, with SGD and SignSGD at the same Hessian
 * alignment beside it (science.md §3.2). null without a noise scale. Each curve is normalized to
 * its own maximum, so the shapes compare and the peak reads 1.
 */
export function etaStarVsBatch(input: PredictionInput, batches: readonly number[]): EtaStarCurves | null {
  const s = input.noiseScale;
  if (s === null) return null;
  const model = surgeModelOf(input);
  const rho = input.hessianAlignment;
  return {
    optimizer: etaStarCurve(model, batches, s),
    sgd: etaStarCurve({ family: 'linear', k: 1, rho }, batches, s),
    signSgd: etaStarCurve({ family: 'sign', k: 1, rho }, batches, s),
    peakBatch: surgePeakBatch(model, s),
  };
}

/**
 * The ε effect on Adam's Surge peak (science.md §3.4, PyTorch's ε placement, see surge.ts): the
 * peak batch for each ε in units of the true gradient coordinate ḡ (§3.6's unit; e = (ε/ḡ)²), null
 * where ε has removed the Surge. β1 and ρ are the input's; null without a noise scale.
 */
export function surgePeakVsEps(input: PredictionInput, epsOverGrad: readonly number[]): (number | null)[] | null {
  const s = input.noiseScale;
  if (s === null) return null;
  const k = noiseFactor(emaFilter(input.beta1));
  const spread = input.gradientScaleSpread ?? DEFAULT_GRADIENT_SCALE_SPREAD;
  return epsOverGrad.map((v) => surgePeakBatch({ family: 'adam', k, rho: input.hessianAlignment, e: v * v, spread }, s));
}

/**
 * η*(B)/η*_max for Adam at several ε/ḡ (science.md §3.4: ε lifts the peak, and as ε/ḡ → ∞ the curve
 * takes SGD's form), one curve per value, aligned with `batches`. null without a noise scale.
 */
export function etaStarVsBatchForEps(
  input: PredictionInput, batches: readonly number[], epsOverGrad: readonly number[]): Float64Array[] | null {
  const s = input.noiseScale;
  if (s === null) return null;
  const k = noiseFactor(emaFilter(input.beta1));
  return epsOverGrad.map((v) => {
    const model: SurgeModel = { family: 'adam', k, rho: input.hessianAlignment, e: v * v, spread: input.gradientScaleSpread ?? DEFAULT_GRADIENT_SCALE_SPREAD };
    return etaStarCurve(model, batches, s);
  });
}

/**
 * The input's ε in units of ḡ (for marking it on the ε curves): ε/(‖G‖/√N)·√(1 + B_simple/B), since
 * the measured minibatch scale is ḡ·√(1 + B_simple/B). null when any of those is unknown.
 */
export function inputEpsOverGrad(input: PredictionInput): number | null {
  const ratio = epsRatioOf(input);
  if (ratio === null || input.batchSize === null || input.noiseScale === null) return null;
  return ratio * Math.sqrt(1 + input.noiseScale / input.batchSize);
}
