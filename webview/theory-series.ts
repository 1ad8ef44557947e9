/**
 * The theory side of the playground: the curves of the four charts and the headline prediction, all
 * from core/theory (curves.ts for the curves, `predict` for the numbers beside the formulas),
 * so that a curve and the number printed beside it come from the same function.
 */
import type { OptimizerKind } from '../core/hyperparams';
import type { Prediction, PredictionInput } from '../core/prediction';
import { epsRatioOf, gradScaleOf, isAdamKind, isSignKind } from '../core/theory/optimizer-model';
import { etaStarVsBatch, predict, updateRmsVsBeta1, weightRmsAtSteps } from '../core/theory/predict';
import { muonUpdateRms } from '../core/theory/muon';
import { torchSgdFilter } from '../core/theory/momentum';
import { sgdUpdateRms, SIGN_UPDATE_RMS } from '../core/theory/update-rms';
import { recordSteps } from '../core/sim/types';
import { linspace, logspace } from '../core/axes';
import type { PlaygroundParams } from './params';
import { predictionInputOf } from './params';

export const BETA1_AXIS = linspace(0, 0.999, 200);
export const EPS_AXIS = logspace(1e-3, 100, 120);
/** Batch axis of the Surge chart, in units of B_simple. */
export const BATCH_RATIO_AXIS = logspace(1e-3, 1e3, 160);
const TRAJECTORY_POINTS = 160;

export interface TheoryCurves {
  optimizer: OptimizerKind;
  beta1: number;
  steps: number;
  input: PredictionInput;
  prediction: Prediction;
  /** Whether the gradient scale ‖G‖/√N was given (else 1 is assumed: ε and SGD are read in those units). */
  gradScaleKnown: boolean;
  updateRms: { x: Float64Array; y: Float64Array; yLog: boolean };
  weightRms: { x: number[]; y: Float64Array; steady: number | null; tau: number | null };
  surge: { batches: number[]; bSimple: number; curves: { optimizer: OptimizerKind; y: Float64Array }[
    ]; peakBatch: number | null; configuredBatch: number | null };
  eps: { x: Float64Array; y: Float64Array; configuredRatio: number | null; adamFamily: boolean };
}

/** 1-based steps spread over (0, T], always ending at T: the simulator's own record steps, so points and curve meet. */
export function trajectorySteps(steps: number, count = TRAJECTORY_POINTS): number[] {
  return recordSteps(steps, count);
}

/**
 * The science core's input for the playground. Without a measured gradient scale the playground works
 * in units where √(μ²+σ²) = 1 (the simulator draws its gradients in the same units), so that ε and
 * SGD's gradient-unit predictions still have a value; the ε card says the scale was assumed.
 */
export function playgroundInput(params: PlaygroundParams): { input: PredictionInput; gradScaleKnown: boolean } {
  const input = predictionInputOf(params);
  const known = input.gradNorm !== null && input.params !== null;
  return { input: known ? input : { ...input, gradNorm: 1, params: 1 }, gradScaleKnown: known };
}

/** Per-coordinate gradient scale √(μ²+σ²) the simulations use (1 when unknown, see `playgroundInput`). */
export function simulationGradScale(params: PlaygroundParams): number {
  return gradScaleOf(playgroundInput(params).input) ?? 1;
}

/** Update RMS as a function of β1 for the chosen optimizer (science.md §1.1–§1.4). */
function updateRmsCurve(input: PredictionInput): { y: Float64Array; yLog: boolean } {
  const betas = Array.from(BETA1_AXIS);
  if (isAdamKind(input)) return { y: updateRmsVsBeta1(betas, input.snr, epsRatioOf(input) ?? 0), yLog: false };
  if (isSignKind(input)) return { y: Float64Array.from(betas, () => SIGN_UPDATE_RMS), yLog: false };
  if (input.optimizer === 'sgd') {
    // torch SGD's buffer is not an EMA: its RMS grows like 1/(1−μ), so this chart goes logarithmic.
    const scale = gradScaleOf(input) ?? 1;
    return { y: Float64Array.from(betas,
      (b) => sgdUpdateRms(torchSgdFilter(b, input.dampening, input.nesterov), input.snr, scale)), yLog: true };
  }
  const shape = input.shape ?? [32, 32];
  return { y: Float64Array.from(betas, () => muonUpdateRms(shape, input.muonAdjustLr)), yLog: false };
}

/** Everything the charts and formula cards need from the theory for these parameters. */
export function theoryCurves(params: PlaygroundParams): TheoryCurves {
  const { input, gradScaleKnown } = playgroundInput(params);
  // The numbers beside the formulas are the hover's: ε is ignored without a measured scale, as the server does;
  // only SGD, which has no value at all without one, is read at the assumed scale (and its card says so).
  const prediction = predict(gradScaleKnown || input.optimizer === 'sgd' ? input : predictionInputOf(params));
  const steps = input.steps ?? 1;
  const update = updateRmsCurve(input);
  const trajectory = trajectorySteps(steps);
  const weight = weightRmsAtSteps(input, trajectory);
  const bSimple = params.noiseScale;
  const batches = Array.from(BATCH_RATIO_AXIS, (r) => r * bSimple);
  const eta = etaStarVsBatch(input, batches);
  const chosen = input.optimizer;
  const surgeCurves: TheoryCurves['surge']['curves'] = [];
  if (eta) {
    surgeCurves.push({ optimizer: chosen, y: eta.optimizer });
    if (chosen !== 'sgd') surgeCurves.push({ optimizer: 'sgd', y: eta.sgd });
    if (chosen !== 'signsgd') surgeCurves.push({ optimizer: 'signsgd', y: eta.signSgd });
  }
  const adamFamily = isAdamKind(input);
  const scale = gradScaleOf(input) ?? 1;
  const epsY = adamFamily
    ? Float64Array.from(EPS_AXIS, (r) => updateRmsVsBeta1([input.beta1], input.snr, r)[0] ?? Number.NaN)
    : Float64Array.from(EPS_AXIS, () => prediction.updateRms ?? Number.NaN);
  return {
    optimizer: chosen,
    beta1: input.beta1,
    steps,
    input,
    prediction,
    gradScaleKnown,
    updateRms: { x: BETA1_AXIS, ...update },
    weightRms: { x: trajectory, y: weight ?? new Float64Array(0), steady: prediction.weightRms.steady,
      tau: prediction.equilibriumSteps },
    surge: { batches, bSimple, curves: surgeCurves, peakBatch: eta?.peakBatch ?? null,
      configuredBatch: input.batchSize },
    eps: { x: EPS_AXIS, y: epsY, configuredRatio: adamFamily ? input.eps / scale : null, adamFamily },
  };
}
