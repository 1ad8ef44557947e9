/**
 * The vocabulary shared by every part of OptLens: hyperparameter names, optimizer kinds,
 * schedules, weight-decay semantics, and what an extractor reports about a value.
 * Pure types and constant tables; no I/O.
 */

/** Hyperparameter names exactly as they appear in `optlens analyze --json`. */
export const HYPERPARAMETER_NAMES = [
  'lr',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
  'momentum',
  'microBatchSize',
  'gradAccum',
  'globalBatchSize',
  'seqLen',
  'steps',
  'warmupSteps',
  'schedule',
] as const;
export type HyperparameterName = (typeof HYPERPARAMETER_NAMES)[number];

/** Optimizer families the science core knows (science.md §0). */
export const OPTIMIZER_KINDS = ['adamw', 'adam', 'sgd', 'signsgd', 'signsgdm', 'lion', 'muon'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

/** Named learning-rate schedules (science.md §2.4 evaluates any of them in O(T)). */
export const SCHEDULE_KINDS = ['constant', 'cosine', 'linear', 'wsd', 'inverse-sqrt'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/**
 * How an implementation applies weight decay λ at step t (science.md §0, §2):
 * - `lr`:         θ ← θ(1 − lr_t·λ)          torch AdamW, optax adamw, torch Muon
 * - `lr-ratio`:   θ ← θ(1 − λ·lr_t/lr_0)     Composer / llm-foundry decoupled optimizers
 * - `lr-squared`: θ ← θ(1 − lr_t²·λ)         modded-nanogpt's Adam
 * - `coupled-l2`: g ← g + λθ                  torch Adam(weight_decay=λ): §2 does not apply
 * - `none`:       no weight decay
 */
export type WeightDecaySemantics = 'lr' | 'lr-ratio' | 'lr-squared' | 'coupled-l2' | 'none';

/** Where a value came from. */
export type ValueSource = 'written' | 'default' | 'derived';

/**
 * A value the file leaves to the run: a call or a name the script evaluates (`get_lr()`, `LR`), an environment
 * variable (`$LR`), an interpolation or template filled in when the config is loaded (`${oc.env:LR}`, `{{ lr }}`),
 * or a word the launcher replaces (DeepSpeed's `auto`). OptLens cannot know it: it is never an error, never replaced
 * by a default, and the predictions that need it are unknown.
 */
export interface RuntimeValue {
  kind: 'call' | 'name' | 'expression' | 'environment' | 'interpolation' | 'template' | 'placeholder';
  /** The expression as written (`get_lr()`, `$LR`, `${oc.env:LR}`). */
  expression: string;
}

/** Half-open range of UTF-16 offsets into a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** One hyperparameter as the framework will use it. */
export interface ExtractedValue {
  /** The value the framework uses: a number after parsing, or a string ('cosine', 'auto', '1e-8' kept by PyYAML). */
  value: number | string | boolean;
  /** Literal text as written, or null for defaults and derived values. */
  raw: string | null;
  /** Key (or flag, or call argument) as written, dotted path for nested keys; null for defaults. */
  key: string | null;
  /** 1-based line of the value literal, or null. */
  line: number | null;
  /** Offsets of the value literal in the document, or null. */
  span: Span | null;
  source: ValueSource;
  /** For defaults: the framework file and version the default comes from. */
  defaultFrom?: string;
  /** For derived values: the inputs, by name (hyperparameters or settings such as `worldSize`). */
  derivedFrom?: string[];
  /**
   * Present only when not the default unit (samples for batches, optimizer steps for steps). `fraction` is a
   * warmup written as a share of the run (`warmup_ratio: 0.1`) whose run length in steps is not known; `seconds` a
   * batch cut by total audio duration (SpeechBrain's dynamic batching), not a count of samples.
   */
  unit?: 'tokens' | 'epochs' | 'duration' | 'sentinel' | 'samples' | 'fraction' | 'seconds';
  /** For written values: how extraction found it, for hovers and `--json`. */
  via?: Provenance;
  /** A value known only when the run starts: `value` holds its expression, which is not the number the run uses. */
  runtime?: RuntimeValue;
}

/**
 * How a written value was found: an ecosystem table's spelling (`table`), or the shared role vocabulary
 * matched against any key (`role`), with how sure that match is given its context.
 */
export interface Provenance {
  rule: 'table' | 'role';
  /** The key path as read (`optim_config.wd`, `--actor.adam.lr`, `SFTConfig(learning_rate=)`). */
  keyPath: string;
  confidence: 'high' | 'medium' | 'low';
  /** Why, in plain words (`a weight-decay name inside an optimizer block`). */
  reason: string;
  /**
   * The interpolation the value was read through (`${variables.lr}`), written at `keyPath`; the value, its line and
   * its key are the literal's it names.
   */
  through?: string;
  /**
   * The value is computed in the file from other settings (`max_iters = max_step * accum`) rather than written as a
   * literal: a literal of the same role (`max_step = 715256 * 2`) is read before it.
   */
  computed?: boolean;
  /**
   * A learning rate the script scales before the optimizer gets it (`lr = BASE_LR * BATCH_SIZE / 256`): the arithmetic
   * as written, and whether a factor is known only at run time. Not at run time: this value is the product (its
   * `derivedFrom` names the literals). At run time: this value is the written base, not the learning rate the run uses.
   */
  scaled?: { expression: string; runTime: boolean };
}

export type Hyperparameters = Partial<Record<HyperparameterName, ExtractedValue>>;

/** One optimizer found in a file (a file may hold several: Muon for matrices + AdamW for the rest). */
export interface ExtractedOptimizer {
  /** Name as the framework spells it (`adamw_torch_fused`, `AdamW`, `muon`). */
  name: string;
  /** Family the science core knows, or null when OptLens cannot model it. */
  kind: OptimizerKind | null;
  /** The implementation that will run (`torch.optim.AdamW`, `deepspeed.ops.adam.FusedAdam`). */
  implementation: string;
  /** 1-based line of the optimizer's name or block, or null when implied by the framework. */
  line: number | null;
  span: Span | null;
  weightDecaySemantics: WeightDecaySemantics;
  /** Which parameters it updates when the file says (`matrices`, `embeddings and heads`). */
  appliesTo?: string;
  /** How the name was found, when role inference (not an ecosystem table) found it. */
  nameVia?: Provenance;
  hyperparameters: Hyperparameters;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement inside the analysed document. */
export interface TextReplacement {
  span: Span;
  newText: string;
}

/** A quick fix, computed where the finding is made, applied by the server or the CLI. */
export interface Fix {
  title: string;
  replacements: TextReplacement[];
  /** The fix the editor should offer first. */
  isPreferred?: boolean;
}

export interface Finding {
  /** Stable, kebab-case code; the README's diagnostics table lists every one. */
  code: string;
  severity: Severity;
  message: string;
  line: number | null;
  span: Span | null;
  /** Index into `optimizers` when the finding concerns one optimizer. */
  optimizerIndex?: number;
  fixes?: Fix[];
}
