/**
 * The recipe questions answered from a config (science.md §8): the AdamW timescale in transferable units,
 * the config beside published scaling laws, Muon's conventions, and weight decay over the schedule.
 * One `Recipe` per optimizer, computed once with the prediction and shown by every surface
 * (`optlens analyze --json` prints it as `recipe`).
 */
import type { ScalingLawFact } from './theory/recipe/scaling-laws';
import type { MuonConversion, MuonConvention } from './theory/recipe/muon-conventions';
import type { TimescaleVerdict } from './theory/recipe/timescale';
import type { WeightDecayOverRun } from './theory/recipe/decay-over-run';
import type { BatchScalingCheck } from './theory/recipe/reference-recipes';

/** What the recipe needs beyond `PredictionInput`; null = the file, settings and comments do not say. */
export interface RecipeContext {
  /** Global batch in samples (sequences). */
  batchSamples: number | null;
  /** Tokens per optimizer step (global batch × sequence length). */
  tokensPerStep: number | null;
  /** Passes over the data, when the file gives the run length in epochs. */
  epochs: number | null;
  /** Training set size in samples (setting or `# optlens: dataset-size=`), or derived from steps × batch / epochs. */
  datasetSamples: number | null;
  /** Training tokens D (setting, comment, or steps × tokens per step). */
  tokens: number | null;
  /** Trained parameters N (setting or `# optlens: params=`). */
  params: number | null;
  /** Where each of the above came from, in words, for hovers and reports. */
  provenance: Partial<Record<'epochs' | 'datasetSamples' | 'tokens' | 'params', string>>;
}

export interface TimescaleRecipe {
  /** τ_iter = 1/(decay per step at the peak lr), in steps. */
  tauIter: number | null;
  /** τ_epoch = τ_iter·B/N_data, in epochs. */
  tauEpoch: number | null;
  /** τ_EMA = τ_iter/S = B/(ηλD), as a fraction of the run. */
  tauEma: number | null;
  tokensPerParameter: number | null;
  /** Power Lines' optimal τ_EMA at this tokens-per-parameter ratio. */
  tauEmaOptimal: number | null;
  /** Which guideline applies: the epoch band (multi-epoch) or Power Lines' fit (single epoch, N and D known). */
  guideline: 'epochs' | 'power-lines' | null;
  verdict: TimescaleVerdict | null;
  /** The λ that puts the config at the guideline's recommended value; null when it already is or cannot say. */
  recommendedWeightDecay: number | null;
  /** What is missing for the numbers that are null, in words. */
  missing: string[];
}

export interface ScalingLawComparison extends ScalingLawFact {
  lr: number;
  batchTokens: number;
  /** The config's lr over the law's (null when the config's lr is unknown). */
  lrRatio: number | null;
  /** The config's tokens per step over the law's. */
  batchRatio: number | null;
  /** The law's inputs: compute C (FLOPs), or N and D. */
  inputs: string;
}

export interface MuonRecipe {
  /** d_out × d_in of the matrix the conversion is for. */
  shape: [number, number];
  /** The convention this implementation uses, when OptLens knows it. */
  inUse: MuonConvention | null;
  /** Each convention's lr and λ for the step torch's Muon takes (science.md §8.3), as Compare Optimizers gives. */
  conversions: MuonConversion[];
  /**
   * The fraction of an orthogonal update torch's 5 Newton–Schulz steps deliver at SNR 0 (science.md §3.5), which
   * every conversion's update RMS includes: shown so that the model behind the lr is stated.
   */
  newtonSchulzGain: number;
}

export interface Recipe {
  timescale: TimescaleRecipe;
  scalingLaws: ScalingLawComparison[];
  /** Why the scaling laws are empty, when they are. */
  scalingLawsMissing: string[];
  muon: MuonRecipe | null;
  weightDecayOverRun: WeightDecayOverRun | null;
  /** The lr against the reference recipe of the same size, scaled linearly or with √ of the batch ratio. */
  batchScaling: BatchScalingCheck | null;
  /** science.md section and paper behind each part. */
  sources: Record<string, string>;
  /** What the numbers were computed from beyond the prediction input (the playground moves it with its controls). */
  context: RecipeContext;
  /**
   * The dotted paths of the parts that a value set at run time leaves unknown (`batchScaling.followsARule` when the lr
   * is `get_lr()`): null there (a list: the items that depend on it left out) because the file cannot say.
   */
  unknownAtRunTime?: string[];
}
