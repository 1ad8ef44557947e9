/**
 * GPT-NeoX: a YAML (often JSON-like, with `#` comments and Python `True`) of NeoXArgs, which embeds a
 * DeepSpeed config: `optimizer.{type, params}`, but `weight_decay` at the top level.
 * Defaults: EleutherAI/gpt-neox@ea7aefd8 configs/neox_arguments.md and megatron/neox_arguments/neox_args.py.
 */
import type { EcosystemTable } from './types';
import { LION, TORCH_SGD, unmodelled } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const NEOX_SOURCE = 'gpt-neox configs/neox_arguments.md @ea7aefd8';
const APEX_SOURCE = 'apex FusedAdam defaults: betas=(0.9, 0.999), eps=1e-8';

export const gptNeox: EcosystemTable = {
  id: 'gpt-neox',
  displayName: 'GPT-NeoX',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'pipe_parallel_size', weight: 3 },
      { pattern: 'pipe-parallel-size', weight: 3 },
      { pattern: 'model_parallel_size', weight: 2 },
      { pattern: 'model-parallel-size', weight: 2 },
      { pattern: 'pos_emb', weight: 3 },
      { pattern: 'pos-emb', weight: 3 },
      { pattern: 'lr_decay_style', weight: 2 },
      { pattern: 'lr-decay-style', weight: 2 },
      { pattern: 'train_iters', weight: 1 },
      { pattern: 'train-iters', weight: 1 },
      { pattern: 'num_attention_heads', weight: 1 },
      { pattern: 'gpt_j_residual', weight: 3 },
      { pattern: 'output_layer_parallelism', weight: 3 },
      { pattern: 'init_method', weight: 1 },
      { pattern: 'train_micro_batch_size_per_gpu', weight: 1 },
    ],
    fileNames: ['*neox*.yml', '*neox*.yaml'],
  },
  yamlLoader: {
    library: 'PyYAML (NeoXArgs.from_ymls, yaml.load with FullLoader)',
    dotlessExponent: 'string',
    source: 'gpt-neox megatron/neox_arguments/arguments.py: yaml.load, then type validation of NeoXArgs',
  },
  // NeoXArgs accept `-` for `_` in every key; older configs (20B, Pythia) write `train-iters`, `lr-decay-style`.
  run: {
    weightDecay: ['weight_decay', 'weight-decay'],
    microBatchSize: ['train_micro_batch_size_per_gpu', 'train-micro-batch-size-per-gpu'],
    // `gas` is DeepSpeed's short name, written by the Pythia configs (configs/pythia/*.yml: "gas": 1).
    gradAccum: ['gradient_accumulation_steps', 'gradient-accumulation-steps', 'gas'],
    globalBatchSize: ['train_batch_size', 'train-batch-size'],
    seqLen: ['seq_length', 'seq-length'],
    steps: ['train_iters', 'train-iters'],
    // `warmup`: "Percentage of total iterations to warmup on (.01 = 1 percent of all training iters)", of
    // lr_decay_iters when set (neox_arguments.md; megatron/training.py get_learning_rate_scheduler).
    warmupSteps: [{ key: 'warmup', unit: 'fraction' }],
    schedule: ['lr_decay_style', 'lr-decay-style'],
  },
  warmupFractionOf: ['lr_decay_iters', 'lr-decay-iters'],
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['type'],
      hyperparameters: torchKwargs('params.'),
      names: {
        Adam: { kind: 'adamw', implementation: 'apex.optimizers.FusedAdam (adam_w_mode=True)', weightDecaySemantics: 'lr' },
        cpu_adam: { kind: 'adamw', implementation: 'deepspeed.ops.adam.DeepSpeedCPUAdam', weightDecaySemantics: 'lr' },
        cpu_torch_adam: { kind: 'adamw', implementation: 'torch.optim.AdamW (cpu)', weightDecaySemantics: 'lr' },
        OneBitAdam: unmodelled('deepspeed OnebitAdam'),
        sm3: unmodelled('SM3'),
        madgrad_wd: unmodelled('MADGRAD'),
        lion: { ...LION, implementation: 'gpt-neox Lion' },
        sgd: { ...TORCH_SGD, defaults: {} },
        '*': unmodelled('gpt-neox optimizer (by name)'),
      },
    },
  ],
  defaults: {
    weightDecay: { value: 0.1, from: `${NEOX_SOURCE}: weight_decay default 0.1` },
    // DeepSpeed's batch triple: with train_batch_size and the micro batch both written, accumulation is derived.
    gradAccum: { value: 1, from: `${NEOX_SOURCE}: gradient_accumulation_steps default 1`, unlessWritten: ['globalBatchSize', 'microBatchSize'] },
    schedule: { value: 'linear', from: `${NEOX_SOURCE}: lr_decay_style default linear` },
    beta1: { value: 0.9, from: APEX_SOURCE },
    beta2: { value: 0.999, from: APEX_SOURCE },
    eps: { value: 1e-8, from: APEX_SOURCE },
  },
  batch: {},
  fp16Keys: ['fp16.enabled', 'precision'],
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant' },
};
export default gptNeox;
