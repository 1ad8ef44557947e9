/**
 * The result of analysing one config file: what `optlens analyze --json` prints per file,
 * what the language server computes per document version, and what the playground binds to.
 */
import type { ExtractedOptimizer, Finding } from './hyperparams';
import type { Prediction, PredictionInput } from './prediction';
import type { Recipe } from './recipe';
import type { ScheduleFloor } from './schedule-floor';

export type ConfigFormat = 'yaml' | 'json' | 'toml' | 'python' | 'shell' | 'gin' | 'ini';

export interface OptimizerAnalysis extends ExtractedOptimizer {
  /** The full input the theory was run with (extracted values, defaults and settings). */
  predictionInput: PredictionInput | null;
  predictions: Prediction | null;
  /** The recipe numbers (science.md §8), computed with the prediction; null when nothing is predicted. */
  recipe: Recipe | null;
  /**
   * Where the schedule's floor was read (the run's `min_lr`, …, or the framework's default), beside the prediction
   * input's `minLrRatio` that it became; null when the file gives none. Absent when nothing is predicted.
   */
  scheduleFloor?: ScheduleFloor | null;
}

export interface FileAnalysis {
  path: string;
  format: ConfigFormat;
  /** Ecosystem id from the ecosystem tables (`axolotl`, `deepspeed`, …) or `generic`. */
  ecosystem: string;
  /** How the ecosystem was recognised (see `EcosystemEvidence`). */
  ecosystemEvidence: EcosystemEvidence;
  /** Where the content nearly ties (`close`): the framework's score and the others that scored nearly as high. */
  ecosystemNearTie?: NearTie;
  /** The ecosystem's name as people write it (`LLaMA-Factory`); absent: the id. */
  ecosystemName?: string;
  /** What the ecosystem guess rests on: the keys, values, calls, file name or comment that decided. */
  ecosystemSignals?: EcosystemSignal[];
  optimizers: OptimizerAnalysis[];
  findings: Finding[];
  /** The settings the analysis used: the editor's or the CLI's, with the file's `# optlens:` comments over them. */
  settings?: AnalysisSettings;
}

/**
 * How the ecosystem was recognised: `content` (its keys, values or calls), `close` (the content nearly ties between
 * frameworks and nothing else decides: a guess), `filename` (the file name decided between close candidates: a guess),
 * or `none` (generic extraction).
 */
export type EcosystemEvidence = 'content' | 'close' | 'filename' | 'none';

/** A near tie of the detection scores: the framework chosen scored `score`, the rivals nearly as much. */
export interface NearTie {
  score: number;
  rivals: { id: string; name: string; score: number }[];
}

/** One piece of evidence for the ecosystem: a key path or `path: value` pattern, a call, the file name, a comment. */
export interface EcosystemSignal {
  kind: 'key' | 'value' | 'call' | 'file-name' | 'comment';
  /** The table's pattern that matched (`finetuning_type`, `optimizer.type: Adam*`, `trl.SFTConfig`). */
  text: string;
}

/** Settings that a file cannot say (from VS Code settings, CLI flags, or `# optlens:` comments). */
export interface AnalysisSettings {
  /** Data-parallel world size, for the global batch. */
  worldSize?: number;
  /** B_simple, in `noiseScaleUnit`. */
  noiseScale?: number;
  noiseScaleUnit?: 'samples' | 'tokens';
  /** Where the noise scale came from: the editor setting (or a CLI flag), or a `# optlens:` comment in the file. */
  noiseScaleSource?: 'setting' | 'comment';
  params?: number;
  gradNorm?: number;
  /** Spread of per-coordinate gradient sizes, σ of ln|g_i| (science.md §7.3); absent: assumed 1. */
  gradientScaleSpread?: number;
  /** Signal-to-noise ratio assumed for predictions (science.md §0); default 0. */
  snr?: number;
  /** Training set size in samples (science.md §8.1's N_data). */
  datasetSize?: number;
  /** Training tokens D for the whole run (science.md §8.1–8.2). */
  tokens?: number;
  /** Initial weight RMS θ0 (science.md §2.9), and whether the editor setting or the file's comment gave it. */
  initialWeightRms?: number;
  initialWeightRmsSource?: 'setting' | 'comment';
}
