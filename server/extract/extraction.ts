/**
 * What `extract()` returns for one file: the optimizers and their hyperparameters as the framework will
 * use them, the traps found while reading, and what the file says about the run that is not a
 * hyperparameter (fp16, settings in `# optlens:` comments, tokens per step).
 */
import type { AnalysisSettings, ConfigFormat, EcosystemEvidence, EcosystemSignal, NearTie } from '../../core/analysis';
import type { ExtractedOptimizer, ExtractedValue, Finding, ScheduleKind, Span } from '../../core/hyperparams';
import type { DecayHorizon } from './decay-horizon';
import type { OptimizerStatePrecision } from './optimizer-state-precision';
import type { ScheduleFloors } from './schedule-floor';

export interface ReadError {
  message: string;
  span: Span;
  /** 1-based line of the error's start. */
  line: number;
}

export interface EcosystemCandidate {
  id: string;
  score: number;
}

export interface Extraction {
  format: ConfigFormat;
  /** Ecosystem id (`axolotl`, `deepspeed`, …) or `generic`. */
  ecosystem: string;
  /** `content`: keys/imports say so; `close`: they nearly tie and nothing else decides (a guess); `filename`: only the
   * name decided between close candidates; `none`: generic rules. */
  ecosystemEvidence: EcosystemEvidence;
  /** For `close`: the frameworks that scored nearly as high. */
  ecosystemNearTie?: NearTie;
  /** The best-scoring ecosystems, best first, for hovers that say why (and how unsure) the guess is. */
  ecosystemCandidates: EcosystemCandidate[];
  /** The evidence for the ecosystem: the keys, values and calls that matched, the file name, or a comment. */
  ecosystemSignals: EcosystemSignal[];
  optimizers: ExtractedOptimizer[];
  /** Per optimizer (same index): the written schedule mapped to the science core's kinds, or null if unknown. */
  scheduleKinds: (ScheduleKind | null)[];
  /** Run-level derived values (same for every optimizer): tokens per optimizer step = global batch × sequence length.
   * */
  tokensPerStep: ExtractedValue | null;
  /** The lr schedule's decay horizon where the framework lets it differ from the run length; optional for old callers.
   * */
  decayHorizon?: DecayHorizon | null;
  /** The lrs the schedule decays to (nanoGPT `min_lr`, a group's own `--decoupled-min-lr`), written or default. */
  scheduleFloor?: ScheduleFloors | null;
  /** Whether the file turns fp16 training on (null: it does not say). */
  fp16: { value: boolean; key: string; line: number | null; span: Span } | null;
  /** The type the optimizer computes √v + ε in, from the precision switches (null: not known); optional for old
   * callers. */
  optimizerState?: OptimizerStatePrecision | null;
  /** Extraction traps (PyYAML exponents, ignored keys, string betas, coupled L2, fp16 ε, β out of range). */
  findings: Finding[];
  readErrors: ReadError[];
  comments: { text: string; span: Span }[];
  /** Settings written in the file as `# optlens: noise-scale=1e5 world-size=8 params=1.3e9`. */
  settings: AnalysisSettings;
}

export interface ExtractOptions {
  /** VS Code language id, when known; decides the format before the file name does. */
  languageId?: string;
  /** Data-parallel world size (from a setting or `--world-size`); a value in the file takes precedence. */
  worldSize?: number;
}
