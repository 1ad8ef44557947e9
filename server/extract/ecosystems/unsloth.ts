/**
 * unsloth training scripts (Python): a model from `FastLanguageModel` / `FastModel` / `FastVisionModel`, trained by a
 * TRL trainer whose config (`SFTConfig`, `GRPOConfig`, `DPOConfig`, …) unsloth rewrites on import, or by
 * `UnslothTrainer` with `UnslothTrainingArguments`. The values are keywords of those calls, read by role inference;
 * what this table adds is unsloth's own defaults for the TRL configs it patches: `optim="adamw_8bit"`
 * (bitsandbytes AdamW8bit: decoupled decay, 8-bit optimizer state), weight_decay 0.001, learning_rate 5e-5,
 * per_device_train_batch_size 4, gradient_accumulation_steps 2. transformers' own TrainingArguments keeps its
 * defaults (adamw_torch, weight_decay 0.0, batch 8, accumulation 1). `embedding_learning_rate` sets a second
 * learning rate for the embedding and head weights (UnslothTrainer's second parameter group).
 * Sources: unslothai/unsloth@7b13a787cf72 unsloth/models/rl.py (the `replacements` applied to every TRL config:
 * per_device_train_batch_size=4, gradient_accumulation_steps=2, weight_decay=0.001, optim="adamw_8bit",
 * learning_rate=5e-05), unsloth/trainer.py (UnslothTrainingArguments.embedding_learning_rate,
 * _create_unsloth_optimizer); betas and ε are TrainingArguments' (transformers training_args.py).
 */
import type { DefaultValue, EcosystemTable } from './types';
import { HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_SCHEDULES } from './hf-trainer';

const PATCHED = 'unsloth unsloth/models/rl.py replacements for TRL configs (unslothai/unsloth@7b13a787cf72)';
const HF = 'transformers TrainingArguments defaults (src/transformers/training_args.py, v4.5x)';
const of = (value: number | string, from: string, unlessKeys?: string[]): DefaultValue =>
  ({ value, from, ...(unlessKeys ? { unlessKeys } : {}) });

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
  defaults: {
    lr: of(5e-5, `${PATCHED}: learning_rate=5e-05 (TrainingArguments' is 5e-5 too)`),
    beta1: of(0.9, `${HF}: adam_beta1=0.9`),
    beta2: of(0.999, `${HF}: adam_beta2=0.999`),
    eps: of(1e-8, `${HF}: adam_epsilon=1e-8`),
    weightDecay: of(0.001, `${PATCHED}: weight_decay=0.001 (TrainingArguments keeps 0.0)`),
    microBatchSize: of(4, `${PATCHED}: per_device_train_batch_size=4 (TrainingArguments keeps 8)`),
    gradAccum: of(2, `${PATCHED}: gradient_accumulation_steps=2 (TrainingArguments keeps 1)`),
    warmupSteps: of(0, `${HF}: warmup_steps=0`, ['**.warmup_ratio']),
    schedule: of('linear', `${HF}: lr_scheduler_type='linear'`),
  },
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default unsloth;
