/**
 * What the science core predicts for one optimizer, and what it needs to know.
 * The JSON of `optlens predict --json` is exactly `Prediction`.
 */
import type { OptimizerKind, ScheduleKind, WeightDecaySemantics } from './hyperparams';
import type { InitialWeightSource } from './theory/initial-weights';

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
  /** Initial weight RMS (science.md §2.1 θ0, §2.9). */
  theta0Rms: number;
  /** Where θ0 came from (science.md §2.9); absent: a caller's value ('setting'), or 'assumed' when it is 0. */
  theta0Source?: InitialWeightSource;
  /** Muon: the matrix shape m×n. */
  shape: [number, number] | null;
  /** Muon's torch `adjust_lr_fn`. */
  muonAdjustLr: 'original' | 'match_rms_adamw';
  /**
   * The optimizer computes √v + ε in fp16 (true half precision; mixed precision keeps fp32 state): then ε at
   * or below 2^−25 becomes 0 (core/theory/eps-regime.ts `epsVanishes`).
   */
  fp16: boolean;
  /**
   * Spread of the per-coordinate gradient sizes: the standard deviation of ln|g_i| across coordinates
   * (science.md §7.3). Absent: OptLens assumes 1 (core/theory/coordinate-scales.ts) and says so.
   */
  gradientScaleSpread?: number;
}

/** How much Adam's Surge peak depends on the coordinate-size spread (science.md §7.3), when ε matters. */
export interface SurgeSpread {
  /** The spread used, and whether it was assumed (no setting, flag or file comment gave it). */
  value: number;
  assumed: boolean;
  /** The peak batch at a few spreads (null: no Surge at that spread), for surfaces to show the sensitivity. */
  peakBySpread: { spread: number; peakBatch: number | null }[];
}

export type EpsRegime = 'negligible' | 'softsign' | 'sgd-like';

/**
 * One factor of the global batch: the micro-batch, the accumulation steps, the data-parallel size, or the
 * sequence length that converts sequences to tokens. `source` says whether the file writes it.
 */
export interface BatchFactor {
  role: 'micro' | 'accumulation' | 'dataParallel' | 'seqLen';
  value: number;
  source: 'written' | 'default' | 'derived' | 'setting' | 'assumed';
  /** The key as the file spells it, when written (config text: escape it before putting it in Markdown). */
  key: string | null;
  /** True for a factor the batch is divided by (tokens → sequences). */
  divides?: boolean;
}

/** The global batch the Surge predictions use, and how it is formed from what the file says. */
export interface BatchFormation {
  /** Global batch in the unit of the noise scale (samples when none is set); null when unknown. */
  size: number | null;
  unit: 'samples' | 'tokens';
  /** The file writes the global batch itself (`global_batch_size: 512`): the factors are then informative only. */
  globalWritten: boolean;
  /** The global batch key as the file spells it, when written. */
  globalKey: string | null;
  /** The factors whose product is `size` (empty when the file writes the global batch and nothing else). */
  factors: BatchFactor[];
  /**
   * Why `size` is null; `uncounted`: the file writes the batch in a unit no sample count follows from (seconds of
   * audio under SpeechBrain's dynamic batching).
   */
  missing: 'no-batch' | 'no-seq-len' | 'set-at-run-time' | 'uncounted' | null;
}

/**
 * The momentum coefficient a prediction used (β1, or SGD's and Muon's μ), and the filter it drives: the
 * batch multiplier is (1+c)/(1−c) only for an EMA; torch SGD, Nesterov and Lion differ.
 */
export interface MomentumUsed {
  symbol: 'β1' | 'μ';
  value: number;
  filter: 'ema' | 'torch-sgd' | 'nesterov' | 'lion' | 'none';
}

/**
 * A caution or remark about a prediction, as a code with the numbers it needs. Each front end words it
 * (core/prediction-notes.ts gives the shared wording: the editor's never names a CLI flag or a field).
 * Adding one: a member here, its wording and topic in prediction-notes.ts.
 */
export type PredictionNote =
  | { code: 'beta2-short-memory'; beta2: number }
  | { code: 'sgd-momentum-gain'; gain: number }
  | { code: 'sgd-needs-grad-scale' }
  | { code: 'muon-needs-shape' }
  | { code: 'muon-newton-schulz'; ratio: number; ideal: number; atSnrZero: boolean }
  | { code: 'coupled-l2'; optimizer: 'sgd' | 'adam' | 'other' }
  | { code: 'muon-no-weight-rms' }
  | { code: 'no-weight-decay'; noDecay: boolean; eta: number; steps: number | null; atEnd: number | null }
  | { code: 'sign-mean-field'; snr: number }
  | { code: 'weight-rms-at-end-not-evaluated'; steps: number; tau: number | null }
  | { code: 'tau-near-momentum-memory'; tau: number; memory: number }
  | { code: 'run-shorter-than-bias-correction'; steps: number }
  | { code: 'surge-needs-noise-scale' }
  | { code: 'snr-implied-by-batch'; batch: number; noiseScale: number; implied: number; snr: number }
  | { code: 'surge-needs-batch' }
  | { code: 'surge-ignores-eps' }
  | { code: 'surge-beta2-short' }
  | { code: 'muon-ignores-hessian-alignment' }
  | { code: 'muon-no-surge' }
  | { code: 'surge-spread'; spread: number; assumed: boolean; peakAtZero: number | null; peak: number | null }
  | { code: 'fp16-eps-zero'; eps: number }
  | { code: 'tau-longer-than-run'; tau: number; steps: number }
  | { code: 'out-of-range'; field: string };

export type NoteCode = PredictionNote['code'];

/**
 * Every number the front ends show for one optimizer. Fields are added one per line; a front end that
 * does not know a field ignores it. Everything here is computed once per analysis (server/analyze.ts)
 * and carried to hovers, hints, diagnostics, quick fixes, the status bar, the playground, reports and the CLI.
 */
export interface Prediction {
  /** RMS of one step's update direction (per coordinate; SGDM in gradient units), before the learning rate. */
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
  /** Momentum's batch multiplier (1+β1)/(1−β1), or its torch-SGD equivalent, from the configured coefficient. */
  effectiveBatchMultiplier: number | null;
  /** The coefficient and filter behind `effectiveBatchMultiplier`; null without momentum. */
  momentum: MomentumUsed | null;
  /** The global batch and how it was formed (the server fills `factors`; `predict` alone knows only the size). */
  batch: BatchFormation;
  /** The initial weight RMS θ0 the weight-RMS predictions start from, and where it came from (science.md §2.9). */
  initialWeightRms: { value: number; source: InitialWeightSource };
  surge: {
    /** Batch size past which η* starts to fall (same unit as the batch); null when there is no Surge. */
    threshold: number | null;
    /** The threshold as a multiple of B_simple (0.0588 at β1 = 0.9): known before any noise scale is. */
    thresholdRatio: number | null;
    /** Batch size at which η*(B) peaks; null when it keeps rising. */
    peakBatch: number | null;
    /** η*(B) at the configured batch divided by its maximum over B. */
    etaStarRelative: number | null;
    /** ΔL(B)/ΔL_max at the configured batch (science.md §3.3). */
    lossDecreaseRelative: number | null;
    /** Adam with ε that matters: the coordinate-size spread behind the numbers above; absent otherwise. */
    spread?: SurgeSpread;
  };
  /** `fp16Underflow` is null when ε is set at run time (the stand-in's answer is no answer). */
  epsRegime: { ratio: number | null; regime: EpsRegime | null; fp16Underflow: boolean | null };
  /** science.md section behind each number above, keyed by the field's dotted path. */
  sources: Record<string, string>;
  /** Cautions from science.md §6 that apply to these settings, as codes (core/prediction-notes.ts words them). */
  notes: PredictionNote[];
  /**
   * The dotted paths of the numbers above that a value set at run time leaves unknown (`weightRms.steady` when the lr
   * is `get_lr()`): null there because the file cannot say, not because the theory has nothing to say.
   */
  unknownAtRunTime?: string[];
}
