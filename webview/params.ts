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
 * The science core's input for these parameters. The β1 control is the momentum coefficient of every
 * optimizer (SGD's and Muon's `momentum` too), so one slider moves every family.
 */
export function predictionInputOf(params: PlaygroundParams): PredictionInput {
  return defaultPredictionInput({
    optimizer: params.optimizer,
    lr: params.lr,
    beta1: params.beta1,
    beta2: params.beta2,
    eps: params.eps,
    weightDecay: params.weightDecay,
    momentum: params.beta1,
    nesterov: false,
    steps: Math.max(1, Math.round(params.steps)),
    warmupSteps: Math.max(0, Math.min(Math.round(params.warmupSteps ?? 0), Math.round(params.steps))),
    schedule: params.schedule,
    snr: params.snr,
    batchSize: params.batchSize,
    noiseScale: params.noiseScale,
    ...(params.weightDecaySemantics ? { weightDecaySemantics: params.weightDecaySemantics } : {}),
    ...(params.hessianAlignment !== undefined ? { hessianAlignment: params.hessianAlignment } : {}),
    ...(params.theta0Rms !== undefined ? { theta0Rms: params.theta0Rms } : {}),
    ...(params.gradNorm !== undefined && params.params !== undefined ? { gradNorm: params.gradNorm, params: params.params } : {}),
    ...(params.optimizer === 'muon' ? { shape: [32, 32] as [number, number] } : {}),
  });
}
