/**
 * ms-swift launch scripts (`swift sft|pt|rlhf ...` with TrainingArguments-style flags, `megatron sft|pt|rlhf ...` with
 * Megatron-style ones) and the same arguments as YAML or JSON. Two argument classes, with different defaults:
 * - `swift sft|pt|rlhf` builds swift's TrainingArguments / Seq2SeqTrainingArguments (and its DPOConfig, GRPOConfig,
 *   …), each `TrainArgumentsMixin` first, so its field defaults win over transformers': weight_decay 0.1 (not 0.0),
 *   adam_beta2 0.95 (not 0.999), lr_scheduler_type cosine (not linear), per_device_train_batch_size 1 (not 8), and
 *   gradient_accumulation_steps None, which becomes ceil(16 / (batch × world size)); the optimizer is a Trainer's
 *   (`optim`, adamw_torch).
 * - `megatron sft|pt|rlhf` builds MegatronArguments and runs Megatron-Core's optimizer (get_megatron_optimizer):
 *   `--optimizer adam` by default (decoupled decay, as AdamW), with Megatron's flag names (`--lr`, `--min_lr`,
 *   `--weight_decay`, `--adam_beta1/2`, `--adam_eps`, `--sgd_momentum`, `--micro_batch_size`, `--global_batch_size`,
 *   `--train_iters`, `--lr_warmup_iters`, `--lr_warmup_fraction` of `--lr_decay_iters`) and swift's defaults for them:
 *   weight_decay 0.1, adam_beta1 0.9, adam_beta2 0.95 (not Megatron-LM's 0.999), adam_eps 1e-8, cosine decay to
 *   min_lr 0, micro batch 1, global batch 16, no warmup.
 * The learning rate defaults to 1e-5 for full training and 1e-4 for a tuner (LoRA) in both, so none is given here.
 * In GRPO, `num_iterations` is the number of updates per batch of generations, not the run length, and `beta` the KL
 * coefficient.
 * Sources: modelscope/ms-swift@3602360a5623 swift/trainers/arguments.py (TrainArgumentsMixin lines 129-147:
 * per_device_train_batch_size=1, gradient_accumulation_steps=None, weight_decay=0.1, adam_beta2=0.95,
 * lr_scheduler_type='cosine'; TrainingArguments(TrainArgumentsMixin, HfTrainingArguments) line 319),
 * swift/arguments/sft_args.py (SftArguments(…, Seq2SeqTrainingArguments); _init_override: learning_rate),
 * swift/megatron/arguments/megatron_args.py (MegatronArguments lines 482-549: micro_batch_size=1,
 * global_batch_size=16, optimizer='adam', lr_decay_style='cosine', lr_warmup_iters=0, min_lr=0, weight_decay=0.1,
 * adam_beta1=0.9, adam_beta2=0.95, adam_eps=1e-8, sgd_momentum=0.9; _set_default: lr),
 * swift/megatron/trainers/base.py get_optimizer_and_scheduler (Megatron-Core's optimizer from those fields),
 * swift/megatron/utils/megatron_lm_utils.py get_optimizer_param_scheduler (warmup = lr_warmup_fraction ×
 * lr_decay_iters, which defaults to train_iters), swift/arguments/rlhf_args.py (num_iterations: "the K value in the
 * GRPO paper").
 */
import type { ArgumentClass, DefaultValue, EcosystemTable, OptimizerInfo } from './types';
import { HF_OPTIM_NAMES, HF_SCHEDULES } from './hf-trainer';
import { MEGATRON_OPTIMIZERS } from './megatron-lm';
import { unmodelled } from './optimizer-names';

const SWIFT = 'ms-swift swift/trainers/arguments.py TrainArgumentsMixin (modelscope/ms-swift@3602360a5623)';
const MEGATRON = 'ms-swift swift/megatron/arguments/megatron_args.py MegatronArguments '
  + '(modelscope/ms-swift@3602360a5623)';
const HF = 'transformers TrainingArguments defaults (src/transformers/training_args.py, v4.5x)';
const of = (value: number | string, from: string, unlessKeys?: string[]): DefaultValue =>
  ({ value, from, ...(unlessKeys ? { unlessKeys } : {}) });
const GRPO = 'ms-swift swift/arguments/rlhf_args.py (modelscope/ms-swift@3602360a5623)';

/**
 * What `--optimizer` runs in the Megatron backend: Megatron-Core's optimizers, with swift's defaults for their
 * hyperparameters (the class's, below) in place of Megatron-LM's.
 */
const withoutOwnDefaults = (info: OptimizerInfo | undefined, fallback: string): OptimizerInfo => {
  if (!info) return unmodelled(fallback);
  const { defaults: _megatronLm, ...rest } = info;
  return rest;
};
const MEGATRON_NAMES: Record<string, OptimizerInfo> = {
  adam: withoutOwnDefaults(MEGATRON_OPTIMIZERS.adam, 'Megatron-Core adam'),
  sgd: withoutOwnDefaults(MEGATRON_OPTIMIZERS.sgd, 'Megatron-Core sgd'),
  muon: unmodelled('Megatron-Core Muon for matrices, Adam for the rest (muon_scalar_optimizer)'),
  dist_muon: unmodelled('Megatron-Core distributed Muon for matrices, Adam for the rest'),
  '*': unmodelled('Megatron-Core optimizer (by --optimizer)'),
};

const ARGUMENT_CLASSES: ArgumentClass[] = [
  {
    label: "swift's Megatron backend (megatron sft|pt|rlhf, MegatronArguments)",
    calls: ['megatron sft', 'megatron pt', 'megatron rlhf'],
    // MegatronArguments' own names; swift's Trainer side spells these per_device_train_batch_size, learning_rate, ….
    keys: ['micro_batch_size', 'global_batch_size', 'train_iters', 'lr', 'min_lr', 'lr_decay_style', 'lr_warmup_iters',
      'lr_warmup_fraction', 'lr_decay_iters', 'adam_eps', 'tensor_model_parallel_size', 'pipeline_model_parallel_size'],
    defaultName: 'adam',
    names: MEGATRON_NAMES,
    defaults: {
      beta1: of(0.9, `${MEGATRON}: adam_beta1=0.9`),
      beta2: of(0.95, `${MEGATRON}: adam_beta2=0.95`),
      eps: of(1e-8, `${MEGATRON}: adam_eps=1e-8`),
      weightDecay: of(0.1, `${MEGATRON}: weight_decay=0.1`),
      momentum: of(0.9, `${MEGATRON}: sgd_momentum=0.9`),
      microBatchSize: of(1, `${MEGATRON}: micro_batch_size=1`),
      globalBatchSize: of(16, `${MEGATRON}: global_batch_size=16`),
      warmupSteps: of(0, `${MEGATRON}: lr_warmup_iters=0`, ['lr_warmup_fraction']),
      schedule: of('cosine', `${MEGATRON}: lr_decay_style='cosine'`),
    },
  },
];

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
        momentum: ['sgd_momentum'],
      },
      // MegatronArguments: "sgd_momentum" is SGD's alone.
      onlyFor: { momentum: ['sgd'] },
      names: {
        ...HF_OPTIM_NAMES,
        adam: { kind: 'adamw', implementation: 'Megatron-LM optimizer adam (decoupled weight decay)', weightDecaySemantics: 'lr' },
        '*': unmodelled('ms-swift optimizer plugin (by name)'),
      },
    },
  ],
  // swift's Trainer side (`swift sft|pt|rlhf`); the Megatron backend's are its argument class's.
  defaults: {
    beta1: of(0.9, `${HF}: adam_beta1=0.9`),
    beta2: of(0.95, `${SWIFT}: adam_beta2=0.95`),
    eps: of(1e-8, `${HF}: adam_epsilon=1e-8`),
    weightDecay: of(0.1, `${SWIFT}: weight_decay=0.1`),
    microBatchSize: of(1, `${SWIFT}: per_device_train_batch_size=1`),
    warmupSteps: of(0, `${HF}: warmup_steps=0`, ['warmup_ratio']),
    schedule: of('cosine', `${SWIFT}: lr_scheduler_type='cosine'`),
  },
  argumentClasses: ARGUMENT_CLASSES,
  // Megatron's warmup fraction is of the decay iterations (megatron_lm_utils.py get_optimizer_param_scheduler).
  warmupFractionOf: ['lr_decay_iters'],
  notRoles: [
    { key: 'num_iterations', reason: 'GRPO updates per batch of generations, not the run length', source: `${GRPO}: num_iterations` },
    { key: '--num_iterations', reason: 'GRPO updates per batch of generations, not the run length', source: `${GRPO}: num_iterations` },
  ],
  batch: {},
  fp16Keys: ['fp16'],
  schedules: { ...HF_SCHEDULES, 'inverse-square-root': 'inverse-sqrt', WSD: 'wsd' },
};
export default msSwift;
