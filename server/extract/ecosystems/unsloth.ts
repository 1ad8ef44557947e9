/**
 * unsloth training scripts (Python): a model from `FastLanguageModel` / `FastModel` / `FastVisionModel`, trained by a
 * TRL trainer whose config (`SFTConfig`, `GRPOConfig`, `DPOConfig`, …) unsloth rewrites on import, or by
 * `UnslothTrainer` with `UnslothTrainingArguments`. The values are keywords of those calls, read by role inference;
 * what this table adds is the defaults of the class the script builds (an argument class each):
 * - TRL's configs as unsloth patches them: `import unsloth` runs PatchFastRL (unsloth/models/llama.py), which rewrites
 *   every TRL config's keyword defaults (rl.py `replacements`) and puts the patched class in `trl.SFTConfig`:
 *   optim "adamw_8bit" (bitsandbytes AdamW8bit: decoupled decay, 8-bit optimizer state), weight_decay 0.001,
 *   learning_rate 5e-5, per_device_train_batch_size 4, gradient_accumulation_steps 2, and a warmup of 10% of the run
 *   (warmup_ratio 0.1; warmup_steps=0.1 on transformers 5, where a warmup below 1 is a ratio).
 * - `UnslothTrainingArguments`: a subclass of that patched `trl.SFTConfig` (unsloth/trainer.py imports it after the
 *   patch) whose `__init__` passes its keywords on, so it has the same patched defaults (since unsloth d2d3875596,
 *   2025-07; before, a dataclass subclass took TRL's field defaults). Its `embedding_learning_rate` sets a second
 *   learning rate for the embedding and head weights (UnslothTrainer's second parameter group).
 * - transformers' own `TrainingArguments`, which unsloth does not patch: adamw_torch, weight_decay 0.0, batch 8,
 *   accumulation 1, no warmup.
 * A script that builds no config class gets the patched defaults too: the patched trainer builds
 * `Unsloth<Config>()` when `args` is None. β1, β2 and ε are TrainingArguments' in every class.
 * Sources: unslothai/unsloth@015bdef0d94a unsloth/models/rl.py lines 3266-3306 (the `replacements` applied to every
 * TRL config; weight_decay 0.01 before unsloth#5747, 2026-05), unsloth/models/llama.py line 3947
 * (`PatchFastRL(FastLanguageModel = FastLlamaModel)` on import), unsloth/trainer.py lines 416-456
 * (`from trl import SFTConfig as TrainingArguments`; UnslothTrainingArguments), _create_unsloth_optimizer.
 */
import type { ArgumentClass, DefaultValue, Defaults, EcosystemTable } from './types';
import {
  HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_SCHEDULES, HF_TRAINING_ARGUMENTS,
} from './hf-trainer';

const PATCHED = 'unsloth\'s patched TRL configs, which UnslothTrainingArguments inherits '
  + '(unslothai/unsloth@015bdef0d94a unsloth/models/rl.py replacements)';
const HF = 'transformers TrainingArguments defaults (src/transformers/training_args.py, v4.5x)';
const of = (value: number | string, from: string): DefaultValue => ({ value, from });

/** The defaults of TRL's configs as unsloth patches them, and so of UnslothTrainingArguments. */
const PATCHED_DEFAULTS: Defaults = {
  lr: of(5e-5, `${PATCHED}: learning_rate=5e-05`),
  beta1: of(0.9, `${HF}: adam_beta1=0.9`),
  beta2: of(0.999, `${HF}: adam_beta2=0.999`),
  eps: of(1e-8, `${HF}: adam_epsilon=1e-8`),
  weightDecay: of(0.001, `${PATCHED}: weight_decay=0.001`),
  microBatchSize: of(4, `${PATCHED}: per_device_train_batch_size=4`),
  gradAccum: of(2, `${PATCHED}: gradient_accumulation_steps=2`),
  warmupSteps: { value: 0.1, unit: 'fraction', from: `${PATCHED}: warmup_ratio=0.1 (10% of the run)` },
  schedule: of('linear', `${HF}: lr_scheduler_type='linear'`),
};

/** TRL's configs, which unsloth patches on import (the module and the class; any submodule path matches). */
const TRL_CONFIGS = ['SFTConfig', 'DPOConfig', 'GRPOConfig', 'ORPOConfig', 'KTOConfig', 'CPOConfig', 'RewardConfig',
  'PPOConfig', 'GKDConfig', 'OnlineDPOConfig', 'XPOConfig', 'NashMDConfig', 'BCOConfig', 'PRMConfig', 'RLOOConfig']
  .map((name) => `trl.${name}`);

const UNSLOTH_CLASSES: ArgumentClass[] = [
  {
    label: 'a TRL config as unsloth patches it, or UnslothTrainingArguments',
    calls: [...TRL_CONFIGS, 'unsloth.UnslothTrainingArguments'],
    defaultName: 'adamw_8bit',
    defaults: PATCHED_DEFAULTS,
  },
  { label: "transformers' TrainingArguments, which unsloth does not patch", ...HF_TRAINING_ARGUMENTS },
];

export const unsloth: EcosystemTable = {
  id: 'unsloth',
  displayName: 'unsloth',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'unsloth', weight: 4 },
      { name: 'unsloth.FastLanguageModel', weight: 5 },
      { name: 'unsloth.FastModel', weight: 5 },
      { name: 'unsloth.FastVisionModel', weight: 5 },
      { name: 'unsloth.UnslothTrainer', weight: 5 },
      { name: 'unsloth.UnslothTrainingArguments', weight: 5 },
    ],
    // Importing unsloth patches TRL's configs and trainers (unsloth/models/rl.py): the script is unsloth's.
    layersOver: ['hf-python', 'trl', 'huggingface', 'pytorch'],
  },
  run: {},
  optimizers: [
    {
      at: '',
      nameKeys: ['optim'],
      defaultName: 'adamw_8bit',
      hyperparameters: HF_OPTIMIZER_SPELLINGS,
      names: HF_OPTIM_NAMES,
    },
  ],
  defaults: PATCHED_DEFAULTS,
  argumentClasses: UNSLOTH_CLASSES,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default unsloth;
