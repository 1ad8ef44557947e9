/**
 * What OptLens knows about one training framework, as data. Extraction (server/extract/resolve.ts)
 * matches a reader's flat `ConfigEntry` list against these tables; no table looks at source text,
 * and no code outside the tables names a framework's keys.
 *
 * ## Adding a table (one module per ecosystem under server/extract/ecosystems/)
 * 1. Create `server/extract/ecosystems/<id>.ts` default-exporting an `EcosystemTable`
 *    (`export const myTable: EcosystemTable = {...}; export default myTable;`).
 * 2. `detect`: the keys (or Python imports/callees, or shell flags) whose presence makes this
 *    ecosystem likely, weighted; `fileNames` is only a tiebreak. Prefer keys no other framework uses.
 * 3. `optimizers`: one `OptimizerScope` per place an optimizer can be written. A block scope says
 *    where its keys live (`at: 'optimizer.params'`); `at: '*'`-style wildcards, or `callees` for
 *    Python calls, make each match a separate optimizer (Muon + AdamW in one file).
 * 4. `run`: spellings that live outside the optimizer block (batch, steps, schedule, and hyperparameters
 *    some frameworks write at the top level, like gpt-neox's `weight_decay`); they apply to every optimizer
 *    unless its own block writes the value.
 * 5. Every default carries `from`: the framework file and version it was read from.
 * 6. Register the table in server/extract/ecosystems/index.ts (the list order is the tiebreak order).
 * 7. Add a corpus-style fixture to test/server/extract/ and check the table with `npx vitest run test/server/extract`.
 *
 * ## Key patterns
 * A `KeyPattern` is a dotted key path as printed in `optlens analyze` (`optimizer.params.betas[0]`):
 * segments split on `.`, `[i]` is the list index `i`. A segment `*` matches exactly one segment, a
 * segment containing `*` is a glob on one segment (`optim*`), `**` matches zero or more segments.
 * Matching is exact on case unless the table sets `caseInsensitiveKeys`. Shell flags are one segment
 * (`--adam-beta1`); Python module globals are one segment (`learning_rate`), class attributes two
 * (`Hyperparameters.learning_rate`), call keywords are relative to the call (see `OptimizerScope.callees`).
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { HyperparameterName, OptimizerKind, ScheduleKind, WeightDecaySemantics } from '../../../core/hyperparams';
import type { ScheduleFactory } from './optax-schedules';

export type KeyPattern = string;

/**
 * One way of writing a hyperparameter: a key pattern, or an element of a list-valued key
 * (`{ key: 'betas', index: 0 }` also matches `betas: "auto"` and `betas: "(0.9, 0.999)"`, a string written
 * where a list was meant, which extraction reports and parses; a negative index counts from the list's end).
 * `times`: the value counts per unit of another key (absolute from the root) whose written number multiplies it:
 * torchtune's `max_steps_per_epoch` × `epochs` is the run's steps (resolve.ts); where the file gives no such number the
 * value is no run length, and the next spelling is read.
 */
export type KeySpelling =
  | KeyPattern
  | { key: KeyPattern; index: number; unit?: ValueUnit }
  | { key: KeyPattern; unit?: ValueUnit; unitWhen?: UnitSwitch; when: SiblingCondition[] }
  | { key: KeyPattern; unit?: ValueUnit; unitWhen?: UnitSwitch; times?: KeyPattern };

/**
 * A key written beside the value that changes its unit: mmengine schedulers count epochs unless
 * `by_epoch=False` is written beside `end` (`{ sibling: 'by_epoch', value: false, unit: null }`); OLMo's
 * `t_warmup` counts tokens when the scheduler says `units: tokens` (`{ sibling: 'units', value: 'tokens',
 * unit: 'tokens' }`). `unit: null` is the default unit (samples, optimizer steps).
 */
export interface UnitSwitch {
  sibling: KeyPattern;
  value: boolean | string;
  unit: ValueUnit | null;
}

/**
 * A key written beside a value that decides whether the value is the role at all: mmengine's `param_scheduler[0].end`
 * ends a warmup only when that scheduler warms up (`type='LinearLR'` rising to `end_factor` 1.0); a
 * `CosineAnnealingLR`'s `end` is where its decay ends. Every condition of a spelling must hold (sibling-conditions.ts).
 */
export interface SiblingCondition {
  sibling: KeyPattern;
  /** Values that satisfy it; strings compare case-insensitively. */
  values: (string | number | boolean)[];
  /** Whether an unwritten sibling satisfies it (the framework's default is one of `values`). */
  ifAbsent: boolean;
  /**
   * The key is a path from the document root, not from the value's block: SpeechBrain's top-level `dynamic_batching`
   * decides whether the block `dynamic_batch_sampler_train` forms the batches.
   */
  root?: boolean;
}

/**
 * Units other than the default (samples for batches, optimizer steps for steps and warmup); `fraction` is a
 * warmup written as a share of the run (batch.ts turns it into steps when the run length is known); `duration` is a
 * Composer time string (`800ba`, `0.06dur`, `1ep`) and `fraction-or-steps` a number that is a fraction up to 1 and
 * steps above (units.ts reads both into the units above); `seconds` is a batch cut by total audio duration
 * (SpeechBrain's dynamic batching), which no sample count can be derived from.
 */
export type ValueUnit = 'tokens' | 'epochs' | 'duration' | 'sentinel' | 'samples' | 'fraction' | 'fraction-or-steps' |
  'seconds';

export type Spellings = Partial<Record<HyperparameterName, KeySpelling[]>>;

/** A framework default, with the file and version it comes from (`transformers 4.46 training_args.py`). */
export interface DefaultValue {
  value: number | string | boolean;
  from: string;
  /**
   * The default does not apply when all of these are written, because the framework then derives the value
   * from them (DeepSpeed's accumulation = train_batch_size / (micro batch × world size), not 1).
   */
  unlessWritten?: HyperparameterName[];
  /**
   * Keys that replace the value in another form when written: Hugging Face's `warmup_steps = 0` does not hold
   * when `warmup_ratio` is written (warmup is then a fraction of the run).
   */
  unlessKeys?: KeyPattern[];
  /** The value's unit when not the default one (Levanter's `warmup` default 0.01 is a fraction of the run). */
  unit?: ValueUnit;
}
export type Defaults = Partial<Record<HyperparameterName, DefaultValue>>;

/** What an optimizer name written in the file (or implied by the framework) runs. */
export interface OptimizerInfo {
  kind: OptimizerKind | null;
  /** The class or function that will run (`torch.optim.AdamW`, `deepspeed.ops.adam.FusedAdam`). */
  implementation: string;
  weightDecaySemantics: WeightDecaySemantics;
  /** Defaults of this implementation; they take precedence over the table's `defaults`. */
  defaults?: Defaults;
  /**
   * A boolean key (relative to the optimizer's block) that switches decoupled decay off, and what runs
   * then: DeepSpeed's `adam_w_mode: false` turns its "Adam" into coupled-L2 Adam.
   */
  modeSwitch?: { key: KeyPattern; whenFalse: Omit<OptimizerInfo, 'modeSwitch' | 'defaults'> };
  /**
   * For a factory call (`model.setup_optimizer(...)`): the optimizer class it returns (`MuonAdamW`), shown as the
   * optimizer's name at the call, since the written callee names the factory, not what runs.
   */
  builds?: string;
  /** For coupled-L2 names: the name to write for decoupled decay (`AdamW` for `Adam`), offered as a fix. */
  decoupledName?: string;
  /** A fact about this name that surprises users (DeepSpeed's "Adam" runs AdamW), shown as information. */
  note?: string;
}

/** One place where an optimizer can be written. */
export interface OptimizerScope {
  /**
   * Pattern of the block holding this optimizer's keys ('' = document root). Each distinct path that matches
   * a wildcard here is a separate optimizer (`optimizers.*` with two children gives two optimizers).
   */
  at: KeyPattern;
  /**
   * Python only: entries whose `callee` is one of these names form one optimizer per call; the reader
   * gives each call an entry whose path is the call's own path and whose value is the callee
   * (`optimizer1 = torch.optim.AdamW(...)` → `['optimizer1']` = 'torch.optim.AdamW'), and each keyword an
   * entry below it (`['optimizer1', 'lr']`). `at` is then ignored.
   */
  callees?: string[];
  /** Keys (relative to the block) that hold the optimizer's name; for call scopes the callee is the name. */
  nameKeys: KeyPattern[];
  /** The name used when the file writes none (`adamw_torch` for Hugging Face). */
  defaultName?: string;
  /** Spellings relative to the block; the first spelling of each is the one written when inserting. */
  hyperparameters: Spellings;
  /** What each optimizer name runs; looked up case-insensitively, `*` is the fallback for unknown names. */
  names: Record<string, OptimizerInfo>;
  /** Which parameters this optimizer updates, when the framework fixes it (`matrices`). */
  appliesTo?: string;
  /** A scope with `requireName` yields an optimizer only where its name key is written (avoids empty blocks). */
  requireName?: boolean;
  /**
   * Hyperparameters whose spellings only these names read (Megatron's `--sgd-momentum` is SGD's alone): under any
   * other name the written value is not this optimizer's.
   */
  onlyFor?: Partial<Record<HyperparameterName, string[]>>;
  /** Keys that replace the named optimizer when written, in the framework's order of precedence. */
  switches?: OptimizerSwitch[];
}

/**
 * A key (relative to the scope's block) that makes the framework build another optimizer than the one its name
 * key says: LLaMA-Factory's `use_muon: true` runs Muon while `optim` still reads `adamw_torch`. The first
 * switch that is on decides; its entry becomes the optimizer's name in hovers and diagnostics.
 */
export interface OptimizerSwitch {
  key: KeyPattern;
  /**
   * `true`: on when the value is true (or 1, a C-style flag: darknet's `adam=1`); `written`: on when any non-null value
   * is written (`loraplus_lr_ratio`).
   */
  on: 'true' | 'written';
  /** The name shown for what runs; absent, the named optimizer keeps running (the switch only outranks later ones). */
  name?: string;
  runs?: OptimizerInfo;
  source: string;
}

/**
 * How the framework loads YAML, which decides the PyYAML trap: YAML 1.1 reads an exponent without a dot
 * (`1e-8`) as a string.
 * - `string`: plain `yaml.safe_load` and the value is used as loaded: the run breaks or misbehaves;
 * - `coerced`: `yaml.safe_load`, then a typed schema (pydantic, jsonargparse, dataclass parsing) converts it:
 *   works here, breaks if the file is read by another tool;
 * - `float`: OmegaConf's loader adds a float resolver for dot-less exponents: fine.
 */
export interface YamlLoader {
  library: string;
  dotlessExponent: 'string' | 'coerced' | 'float';
  source: string;
}

/**
 * A key the framework drops without a word, and the key it actually reads
 * (axolotl's pydantic config ignores `adam_eps`; the real key is `adam_epsilon`).
 */
export interface IgnoredKey {
  key: KeyPattern;
  realKey: KeyPattern;
  hyperparameter: HyperparameterName;
  source: string;
}

/**
 * The framework's batch arithmetic: global batch = micro × accumulation × data-parallel size, except where
 * the written accumulation is already the total over data-parallel ranks (nanoGPT).
 */
export interface BatchArithmetic {
  /** Keys holding the data-parallel size, when the file can say it (DeepSpeed has none; torchtitan has
   * `parallelism.data_parallel_shard_degree`). */
  dataParallelKeys?: KeyPattern[];
  gradAccumIsTotal?: boolean;
  /** Unit of batch sizes when not samples (sequences count as samples). */
  unit?: 'tokens';
  /**
   * `prompts`: the global batch counts prompts of an RL run, each generating several sequences, while the micro batch
   * counts sequences (SkyRL's policy_mini_batch_size × n_samples_per_prompt is split into micro batches): the two
   * need not divide, so no batch-not-divisible finding is drawn from them.
   */
  globalUnit?: 'prompts';
}

/** Evidence that a file belongs to this ecosystem. */
export interface DetectionSignals {
  /** Key patterns, each with a weight; a pattern counts once however often it matches. */
  keys: { pattern: KeyPattern; weight: number }[];
  /** Values that identify the framework (`_component_: torchtune.*`), matched as globs on string values. */
  values?: { pattern: KeyPattern; value: string; weight: number }[];
  /** Python imports or callees (reader reports them as entries with `callee`). */
  callees?: { name: string; weight: number }[];
  /** Globs on the file's base name or path (`ds_config*.json`); a tiebreak only. */
  fileNames?: string[];
  /**
   * Globs on the file's path naming a folder convention only this framework has (OpenMMLab's `_base_` tree): a file
   * there is the framework's by where it sits, even when no key of it is one a table knows (a base file of two lines).
   * A file name is no such evidence: `pretrain.sh` and `train_ppo.sh` launch every framework's runs.
   */
  folders?: string[];
  /**
   * Tables of the frameworks this one runs on top of and changes (unsloth patches TRL's and transformers' classes):
   * a file with enough of this table's own signals is this framework's, however many of theirs it also has.
   */
  layersOver?: string[];
}

/**
 * One of the argument classes a framework builds from the same kind of file, whose defaults differ: unsloth patches
 * TRL's configs (`SFTConfig`: adamw_8bit, weight decay 0.001) but not transformers' own `TrainingArguments`; ms-swift's
 * `megatron sft` runs Megatron's optimizer with its own defaults where `swift sft` runs a Trainer's. The class the file
 * calls (a Python call holding the run's keywords, or the shell command) decides; where it calls none, the keys only
 * that class reads do (argument-class.ts). The chosen class's defaults replace the table's.
 */
export interface ArgumentClass {
  /** What the class is, as the file writes it (`transformers.TrainingArguments`, `megatron sft`). */
  label: string;
  /**
   * Python calls that build it (the module and the class: `trl.SFTConfig` also matches
   * `trl.trainer.sft_config.SFTConfig`) or shell commands that run it, as their first words (`megatron sft`).
   */
  calls: string[];
  /** Keys only this class reads (absolute, as in `run`); where no call decides, the class with most of them written. */
  keys?: KeyPattern[];
  /** The optimizer run when the file names none; absent: the scope's own `defaultName`. */
  defaultName?: string;
  /** What each optimizer name runs under this class; absent: the scope's `names`. */
  names?: Record<string, OptimizerInfo>;
  defaults: Defaults;
}

/**
 * A learning rate the framework rescales by the batch when the run starts: mmengine's `auto_scale_lr` multiplies it by
 * (data-parallel size × batch per device) / `base_batch_size` when `enable` is true (lr-scaling.ts).
 */
export interface LrScaling {
  /** What does it, in words (`mmengine's auto_scale_lr`). */
  name: string;
  /** The batch the written learning rate is for. */
  baseBatchKey: KeyPattern;
  /** The switch, and its value when unwritten. */
  enableKey: KeyPattern;
  enableDefault: boolean;
  /** A launcher flag that turns it on although the file leaves it off. */
  launchFlag?: string;
  source: string;
}

/**
 * A schedule that reads the written learning rate as a multiplier (OpenNMT-py's noam: learning_rate ×
 * hidden_size^-0.5 × min(step^-0.5, step × warmup^-1.5)): its peak is lr × Π factor^power (lr-schedule-scale.ts).
 */
export interface LrScheduleScale {
  /** What does it, in words (`OpenNMT-py's decay_method: noam`). */
  name: string;
  /** Written schedule values it applies to (case-insensitive). */
  schedules: string[];
  /** The peak's factors beside the lr: a key (absolute from the root), its power, its default when unwritten. */
  factors: { key: KeyPattern; power: number; default?: number }[];
  /** The peak as a formula in the framework's names, for the finding. */
  formula: string;
  source: string;
}

/**
 * A key whose name reads as a role but which the framework does not use as one, with its reason and source; only where
 * one of `whenWritten` is written, and only unless `unless.key` holds one of `unless.values` (its `default` when
 * unwritten): OpenRLHF's `--critic_learning_rate` trains nothing unless `--advantage_estimator` is `gae`, the default.
 */
export interface NotRole {
  key: KeyPattern;
  reason: string;
  source: string;
  whenWritten?: KeyPattern[];
  unless?: { key: KeyPattern; values: (string | number | boolean)[]; default: string | number | boolean | null };
  /** Lifted where this list holds an element, or is written as one value (an empty list, `[]`, leaves it). */
  unlessListed?: KeyPattern;
}

export interface EcosystemTable {
  id: string;
  displayName: string;
  formats: ConfigFormat[];
  detect: DetectionSignals;
  /** YAML loading semantics (absent: the table has no YAML format). */
  yamlLoader?: YamlLoader;
  /** Spellings outside the optimizer block, absolute from the root. */
  run: Spellings;
  optimizers: OptimizerScope[];
  /** Framework defaults when the file is silent (after the optimizer's own defaults). */
  defaults: Defaults;
  /** Argument classes whose defaults replace `defaults` when the file uses them (see `ArgumentClass`). */
  argumentClasses?: ArgumentClass[];
  ignoredKeys?: IgnoredKey[];
  /**
   * Keys whose name reads as a role but which this framework does not use as one (NeMo's Megatron models derive
   * accumulation and ignore `trainer.accumulate_grad_batches`): role inference (roles/infer.ts) leaves them.
   */
  notRoles?: NotRole[];
  /** The framework rescales the learning rate by the batch when the run starts (see `LrScaling`). */
  lrScaling?: LrScaling;
  /** Schedules that read the written lr as a multiplier, not the peak (see `LrScheduleScale`). */
  lrScheduleScales?: LrScheduleScale[];
  /**
   * Weight-decay keys that add λ/2·‖θ‖² to the loss (TF Model Garden's `task.losses.l2_weight_decay`): a λ read
   * from one of them is coupled L2 (g ← g + λθ), whatever the optimizer does with its own decay key.
   */
  l2LossKeys?: KeyPattern[];
  /**
   * Roles whose written 0 the framework reads as "not set", taking a later spelling instead: Hugging Face's
   * `warmup_steps: 0` leaves the warmup to `warmup_ratio`; Megatron's run sized in samples needs `lr_warmup_iters: 0`
   * and warms up by `lr_warmup_samples`.
   */
  zeroIsUnset?: HyperparameterName[];
  batch: BatchArithmetic;
  /** Keys whose truthy value (or a value naming fp16/`16-mixed`) means fp16 training, for the ε-underflow trap. */
  fp16Keys?: KeyPattern[];
  /** Written schedule names → the schedule the science core evaluates (case-insensitive; unknown names stay unmapped;
   * null: a shape the core does not model, such as an exponential decay, which no word in the name may guess). */
  schedules?: Record<string, ScheduleKind | null>;
  /**
   * Functions that build a learning-rate schedule and are passed as the learning rate (optax's
   * `warmup_cosine_decay_schedule`): the lr is the schedule's peak, and its warmup, length and shape are the run's
   * (server/extract/schedule-factories.ts).
   */
  scheduleFactories?: readonly ScheduleFactory[];
  caseInsensitiveKeys?: boolean;
  /** The framework evaluates a betas string itself (fairseq's `eval(adam_betas)`): `'(0.9, 0.98)'` is right there. */
  evaluatesTupleStrings?: boolean;
  /**
   * What a warmup fraction is a share of when the framework does not take the run's steps: keys of the decay length,
   * read first (Megatron: warmup = fraction × --lr-decay-iters, which defaults to --train-iters). batch.ts.
   */
  warmupFractionOf?: KeyPattern[];
}
