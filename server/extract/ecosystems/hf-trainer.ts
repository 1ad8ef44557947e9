/**
 * Hugging Face `TrainingArguments`: its keys, its `optim` names and its defaults. The tables of the
 * frameworks that build on it (axolotl, LLaMA-Factory, TRL and alignment-handbook) start from these.
 */
import type { HyperparameterName } from '../../../core/hyperparams';
import type { ArgumentClass, Defaults, OptimizerInfo, Spellings } from './types';
import { TORCH_SGD, unmodelled } from './optimizer-names';

const SOURCE = 'transformers TrainingArguments defaults (src/transformers/training_args.py, v4.5x)';

export const HF_DEFAULTS: Defaults = {
  lr: { value: 5e-5, from: `${SOURCE}: learning_rate=5e-5` },
  beta1: { value: 0.9, from: `${SOURCE}: adam_beta1=0.9` },
  beta2: { value: 0.999, from: `${SOURCE}: adam_beta2=0.999` },
  eps: { value: 1e-8, from: `${SOURCE}: adam_epsilon=1e-8` },
  weightDecay: { value: 0, from: `${SOURCE}: weight_decay=0.0` },
  microBatchSize: { value: 8, from: `${SOURCE}: per_device_train_batch_size=8` },
  gradAccum: { value: 1, from: `${SOURCE}: gradient_accumulation_steps=1` },
  warmupSteps: { value: 0, from: `${SOURCE}: warmup_steps=0`, unlessKeys: ['warmup_ratio'] },
  schedule: { value: 'linear', from: `${SOURCE}: lr_scheduler_type='linear'` },
};

/** transformers' own argument classes as a Python script constructs them (hf-python; unsloth leaves them). */
export const HF_TRAINING_ARGUMENTS: Omit<ArgumentClass, 'label'> = {
  calls: ['transformers.TrainingArguments', 'transformers.Seq2SeqTrainingArguments'],
  defaultName: 'adamw_torch',
  defaults: HF_DEFAULTS,
};

/** TrainingArguments' optimizer keys, at the document root. */
export const HF_OPTIMIZER_SPELLINGS: Spellings = {
  lr: ['learning_rate'],
  beta1: ['adam_beta1'],
  beta2: ['adam_beta2'],
  eps: ['adam_epsilon'],
  weightDecay: ['weight_decay'],
};

/** `get_warmup_steps`: `warmup_steps if warmup_steps > 0 else ceil(num_training_steps * warmup_ratio)`
 * (huggingface/transformers src/transformers/training_args.py). */
export const HF_ZERO_IS_UNSET: HyperparameterName[] = ['warmupSteps'];

export const HF_RUN_SPELLINGS: Spellings = {
  microBatchSize: ['per_device_train_batch_size'],
  gradAccum: ['gradient_accumulation_steps'],
  steps: ['max_steps'],
  // warmup_steps first: "Overrides any effect of warmup_ratio" (transformers TrainingArguments docstring,
  // warmup_steps); warmup_ratio is a "ratio of total training steps used for a linear warmup".
  warmupSteps: ['warmup_steps', { key: 'warmup_ratio', unit: 'fraction' }],
  schedule: ['lr_scheduler_type'],
};

const hfAdamW = (implementation: string): OptimizerInfo => ({ kind: 'adamw', implementation, weightDecaySemantics: 'lr' });

/** `optim` values of TrainingArguments (transformers OptimizerNames); each uses adam_beta1/2, adam_epsilon,
 * weight_decay. */
export const HF_OPTIM_NAMES: Record<string, OptimizerInfo> = {
  adamw_torch: hfAdamW('torch.optim.AdamW'),
  adamw_torch_fused: hfAdamW('torch.optim.AdamW (fused=True)'),
  adamw_hf: hfAdamW('transformers AdamW'),
  adamw_apex_fused: hfAdamW('apex.optimizers.FusedAdam (adam_w_mode=True)'),
  adamw_torch_xla: hfAdamW('torch_xla AdamW'),
  adamw_torch_npu_fused: hfAdamW('torch_npu NpuFusedAdamW'),
  adamw_anyprecision: hfAdamW('torchdistx AnyPrecisionAdamW'),
  adamw_bnb_8bit: hfAdamW('bitsandbytes.optim.AdamW8bit'),
  adamw_8bit: hfAdamW('bitsandbytes.optim.AdamW8bit'),
  paged_adamw_8bit: hfAdamW('bitsandbytes.optim.PagedAdamW8bit'),
  paged_adamw_32bit: hfAdamW('bitsandbytes.optim.PagedAdamW32bit'),
  paged_adamw: hfAdamW('bitsandbytes.optim.PagedAdamW'),
  adamw_torch_4bit: hfAdamW('torchao AdamW4bit'),
  adamw_torch_8bit: hfAdamW('torchao AdamW8bit'),
  schedule_free_adamw: unmodelled('schedulefree.AdamWScheduleFree'),
  ademamix: unmodelled('bitsandbytes AdEMAMix'),
  adafactor: unmodelled('transformers Adafactor'),
  sgd: { ...TORCH_SGD, defaults: {} },
  adagrad: unmodelled('torch.optim.Adagrad'),
  rmsprop: unmodelled('torch.optim.RMSprop'),
  lion_8bit: { kind: 'lion', implementation: 'bitsandbytes.optim.Lion8bit', weightDecaySemantics: 'lr' },
  lion_32bit: { kind: 'lion', implementation: 'bitsandbytes.optim.Lion32bit', weightDecaySemantics: 'lr' },
  paged_lion_8bit: { kind: 'lion', implementation: 'bitsandbytes.optim.PagedLion8bit', weightDecaySemantics: 'lr' },
  paged_lion_32bit: { kind: 'lion', implementation: 'bitsandbytes.optim.PagedLion32bit', weightDecaySemantics: 'lr' },
  '*': unmodelled('transformers optimizer (by name)'),
};

/** fp16 switches of TrainingArguments. */
export const HF_FP16_KEYS = ['fp16', 'half_precision_backend'];

export const HF_SCHEDULES = {
  linear: 'linear',
  cosine: 'cosine',
  cosine_with_restarts: 'cosine',
  cosine_with_min_lr: 'cosine',
  constant: 'constant',
  constant_with_warmup: 'constant',
  inverse_sqrt: 'inverse-sqrt',
  warmup_stable_decay: 'wsd',
} as const;
