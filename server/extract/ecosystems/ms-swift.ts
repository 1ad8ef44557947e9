/**
 * ms-swift launch scripts (`swift sft|pt|rlhf ...` with TrainingArguments-style flags, `megatron sft|pt|rlhf ...` with
 * Megatron-style ones) and the same arguments as YAML or JSON. `swift` subclasses transformers' TrainingArguments but
 * changes its defaults: weight_decay 0.1 (not 0.0), adam_beta2 0.95 (not 0.999), lr_scheduler_type cosine (not
 * linear), per_device_train_batch_size 1 (not 8), and gradient_accumulation_steps None, which becomes
 * ceil(16 / (batch × world size)); `megatron` has the same decay, betas and schedule. The learning rate defaults to
 * 1e-5 for full training and 1e-4 for a tuner (LoRA), so none is given here. In GRPO, `num_iterations` is the number
 * of updates per batch of generations, not the run length, and `beta` the KL coefficient.
 * Sources: modelscope/ms-swift@3602360a5623 swift/trainers/arguments.py (TrainArgumentsMixin: weight_decay=0.1,
 * adam_beta2=0.95, lr_scheduler_type='cosine', per_device_train_batch_size=1, gradient_accumulation_steps=None),
 * swift/arguments/sft_args.py (_init_override: learning_rate), swift/megatron/arguments/megatron_args.py
 * (weight_decay=0.1, adam_beta1=0.9, adam_beta2=0.95, adam_eps=1e-8, lr_decay_style='cosine', micro_batch_size=1),
 * swift/arguments/rlhf_args.py (num_iterations: "the K value in the GRPO paper").
 */
import type { DefaultValue, EcosystemTable } from './types';
import { HF_OPTIM_NAMES, HF_SCHEDULES } from './hf-trainer';
import { unmodelled } from './optimizer-names';

const SWIFT = 'ms-swift swift/trainers/arguments.py TrainArgumentsMixin (modelscope/ms-swift@3602360a5623)';
const MEGATRON = 'swift/megatron/arguments/megatron_args.py';
const HF = 'transformers TrainingArguments defaults (src/transformers/training_args.py, v4.5x)';
const of = (value: number | string, from: string, unlessKeys?: string[]): DefaultValue =>
  ({ value, from, ...(unlessKeys ? { unlessKeys } : {}) });
const GRPO = 'ms-swift swift/arguments/rlhf_args.py (modelscope/ms-swift@3602360a5623)';

export const msSwift: EcosystemTable = {
  id: 'ms-swift',
  displayName: 'ms-swift',
  formats: ['shell', 'yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'tuner_type', weight: 4 },
      { pattern: 'train_type', weight: 3 },
      { pattern: 'rlhf_type', weight: 3 },
      { pattern: 'split_dataset_ratio', weight: 3 },
      { pattern: 'model_author', weight: 3 },
      { pattern: 'load_from_cache_file', weight: 2 },
      { pattern: 'attn_impl', weight: 2 },
      { pattern: 'sleep_level', weight: 2 },
      { pattern: 'move_model_batches', weight: 2 },
      { pattern: 'dataset_num_proc', weight: 1 },
      { pattern: 'vllm_mode', weight: 1 },
      { pattern: 'lora_rank', weight: 1 },
      { pattern: 'torch_dtype', weight: 1 },
    ],
    values: [{ pattern: 'deepspeed', value: 'zero[0-3]*', weight: 2 }],
  },
  run: {
    microBatchSize: ['per_device_train_batch_size', 'micro_batch_size'],
    globalBatchSize: ['global_batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    steps: ['max_steps', 'train_iters'],
    seqLen: ['max_length'],
    warmupSteps: ['warmup_steps', 'lr_warmup_iters', { key: 'warmup_ratio', unit: 'fraction' },
      { key: 'lr_warmup_fraction', unit: 'fraction' }],
    schedule: ['lr_scheduler_type', 'lr_decay_style'],
  },
  optimizers: [
    {
      at: '',
      // The `optimizer` plugin "takes priority over `--optim`".
      nameKeys: ['optimizer', 'optim'],
      defaultName: 'adamw_torch',
      hyperparameters: {
        lr: ['learning_rate', 'lr'],
        beta1: ['adam_beta1'],
        beta2: ['adam_beta2'],
        eps: ['adam_epsilon', 'adam_eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        ...HF_OPTIM_NAMES,
        adam: { kind: 'adamw', implementation: 'Megatron-LM optimizer adam (decoupled weight decay)', weightDecaySemantics: 'lr' },
        '*': unmodelled('ms-swift optimizer plugin (by name)'),
      },
    },
  ],
  defaults: {
    beta1: of(0.9, `${HF}: adam_beta1=0.9; ${MEGATRON}: adam_beta1=0.9`),
    beta2: of(0.95, `${SWIFT}: adam_beta2=0.95; ${MEGATRON}: adam_beta2=0.95`),
    eps: of(1e-8, `${HF}: adam_epsilon=1e-8; ${MEGATRON}: adam_eps=1e-8`),
    weightDecay: of(0.1, `${SWIFT}: weight_decay=0.1; ${MEGATRON}: weight_decay=0.1`),
    microBatchSize: of(1, `${SWIFT}: per_device_train_batch_size=1; ${MEGATRON}: micro_batch_size=1`),
    warmupSteps: of(0, `${HF}: warmup_steps=0; ${MEGATRON}: lr_warmup_iters=0`, ['warmup_ratio', 'lr_warmup_fraction']),
    schedule: of('cosine', `${SWIFT}: lr_scheduler_type='cosine'; ${MEGATRON}: lr_decay_style='cosine'`),
  },
  notRoles: [
    { key: 'num_iterations', reason: 'GRPO updates per batch of generations, not the run length', source: `${GRPO}: num_iterations` },
    { key: '--num_iterations', reason: 'GRPO updates per batch of generations, not the run length', source: `${GRPO}: num_iterations` },
  ],
  batch: {},
  fp16Keys: ['fp16'],
  schedules: { ...HF_SCHEDULES, 'inverse-square-root': 'inverse-sqrt', WSD: 'wsd' },
};
export default msSwift;
