/**
 * The playground's parameters: the contract's `PlaygroundParams` (core/webview-messages.ts), the
 * defaults shown before any config is bound, and their conversion to the science core's input.
 */
import type { PredictionInput } from '../core/prediction';
import { defaultPredictionInput } from '../core/theory/input';
import type { PlaygroundParams } from '../core/webview-messages';

export type { PlaygroundParams };

/** AdamW with the blog case of science.md §2.2 and a Surge-prone batch: what the playground opens on. */
export const DEFAULT_PARAMS: PlaygroundParams = {
  optimizer: 'adamw',
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-8,
  weightDecay: 0.1,
  batchSize: 512,
  noiseScale: 1000,
  snr: 0,
  steps: 20000,
  schedule: 'cosine',
  warmupSteps: 0,
};

/**
 * The science core's input for these parameters: the bound config's input (`params.base`, the server's) with the
 * controls' values on top, so that what no control shows (Nesterov, dampening, fp16, Muon's shape, WSD decay
 * steps, the final lr ratio) is kept and the playground predicts what the hover predicts. When the user switches
 * to another optimizer, that family's defaults replace the bound optimizer's own settings; run-level facts stay.
 * The β1 control is the momentum coefficient of every optimizer (SGD's and Muon's `momentum` too).
 */
export function predictionInputOf(params: PlaygroundParams): PredictionInput {
  const base = params.base;
  const start: PredictionInput = base && base.optimizer === params.optimizer
    ? { ...base }
    : defaultPredictionInput({
      optimizer: params.optimizer,
      ...(base ? { fp16: base.fp16, decaySteps: base.decaySteps,
        ...(base.minLrRatio !== undefined ? { minLrRatio: base.minLrRatio } : {}) } : {}),
    });
  const steps = Math.max(1, Math.round(params.steps));
  const input: PredictionInput = {
    ...start,
    lr: params.lr,
    beta2: params.beta2,
    eps: params.eps,
    weightDecay: params.weightDecay,
    steps,
    warmupSteps: Math.max(0, Math.min(Math.round(params.warmupSteps ?? 0), steps)),
    schedule: params.schedule,
    snr: params.snr,
    batchSize: params.batchSize,
    noiseScale: params.noiseScale,
  };
  if (params.optimizer === 'sgd' || params.optimizer === 'muon') input.momentum = params.beta1;
  else input.beta1 = params.beta1;
  if (params.weightDecaySemantics) input.weightDecaySemantics = params.weightDecaySemantics;
  if (params.hessianAlignment !== undefined) input.hessianAlignment = params.hessianAlignment;
  if (params.theta0Rms !== undefined) input.theta0Rms = params.theta0Rms;
  if (params.gradNorm !== undefined && params.params !== undefined) {
    input.gradNorm = params.gradNorm;
    input.params = params.params;
  }
  // Muon's update RMS needs a matrix: the file's when it says, else a small square one the playground can show.
  if (params.optimizer === 'muon' && input.shape === null) input.shape = [32, 32];
  return input;
}
