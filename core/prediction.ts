/**
 * What the science core predicts for one optimizer, and what it needs to know.
 * The JSON of `optlens predict --json` is exactly `Prediction`.
 */
import type { OptimizerKind, ScheduleKind, WeightDecaySemantics } from './hyperparams';

/** Everything the theory can use; null means unknown (the prediction that needs it is null too). */
export interface PredictionInput {
  optimizer: OptimizerKind;
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  weightDecaySemantics: WeightDecaySemantics;
  /** SGD momentum μ (torch: buf = μ·buf + (1 − dampening)·g). */
  momentum: number;
  dampening: number;
  nesterov: boolean;
  steps: number | null;
  warmupSteps: number;
  schedule: ScheduleKind;
  /** WSD: length of the final decay phase, in steps. */
  decaySteps: number | null;
  /** Final lr as a fraction of the peak (cosine, linear, WSD); absent = 0. */
  minLrRatio?: number;
  /** SNR = ‖μ‖²/‖σ‖² of a minibatch gradient (science.md §0); 0 = pure noise. */
  snr: number;
  /** Global batch size, in the same unit as `noiseScale`. */
  batchSize: number | null;
  /** B_simple (science.md §3.1, §4), same unit as `batchSize`. */
  noiseScale: number | null;
  /** Hessian alignment ρ (science.md §3.1); 0 = diagonal. */
  hessianAlignment: number;
  /** Minibatch gradient norm ‖G‖ (science.md §1.3), with `params` gives the per-coordinate scale. */
  gradNorm: number | null;
  params: number | null;
  /** Initial weight RMS (science.md §2.1 θ0). */
  theta0Rms: number;
  /** Muon: the matrix shape m×n. */
  shape: [number, number] | null;
  /** Muon's torch `adjust_lr_fn`. */
  muonAdjustLr: 'original' | 'match_rms_adamw';
  /** Training in fp16 (ε below its smallest subnormal becomes 0). */
  fp16: boolean;
}

export type EpsRegime = 'negligible' | 'softsign' | 'sgd-like';

export interface Prediction {
  /** RMS of one step's update direction (per coordinate; SGDM in gradient units). */
  updateRms: number | null;
  weightRms: {
    /** Equilibrium weight RMS (t → ∞ at the peak learning rate). */
    steady: number | null;
    /** At the end of the run under the schedule (science.md §2.4). */
    atEnd: number | null;
    /** The seed article's mean-field value, shown beside the better estimate for sign-type optimizers. */
    meanField: number | null;
  };
  /** τ = 1/(decay per step) in steps at the peak learning rate; null without decoupled decay. */
  equilibriumSteps: number | null;
  /** τ as a fraction of the run (> 1: equilibrium is never reached). */
  equilibriumFraction: number | null;
  /** Momentum's batch multiplier (1+β1)/(1−β1), or its torch-SGD equivalent. */
  effectiveBatchMultiplier: number | null;
  surge: {
    /** Batch size past which η* starts to fall (same unit as the batch); null when there is no Surge. */
    threshold: number | null;
    /** Batch size at which η*(B) peaks; null when it keeps rising. */
    peakBatch: number | null;
    /** η*(B) at the configured batch divided by its maximum over B. */
    etaStarRelative: number | null;
    /** ΔL(B)/ΔL_max at the configured batch (science.md §3.3). */
    lossDecreaseRelative: number | null;
  };
  epsRegime: { ratio: number | null; regime: EpsRegime | null; fp16Underflow: boolean };
  /** science.md section behind each number above, keyed by the field's dotted path. */
  sources: Record<string, string>;
  /** Cautions from science.md §6 that apply to these settings, in plain words. */
  notes: string[];
}
