/**
 * torchtitan TOML job configs (`[optimizer]`, `[lr_scheduler]`, `[training]`, `[parallelism]`).
 * Defaults: pytorch/torchtitan@238fa995 torchtitan/config/job_config.py l.134-200. The batch key moved
 * from `training.batch_size` to `training.local_batch_size` (2025); both are read.
 */
import type { Defaults, EcosystemTable } from './types';
import { TORCH_ADAM, TORCH_ADAMW } from './optimizer-names';

const SOURCE = 'torchtitan torchtitan/config/job_config.py @238fa995';

const DEFAULTS: Defaults = {
  lr: { value: 8e-4, from: `${SOURCE}: Optimizer.lr = 8e-4` },
  beta1: { value: 0.9, from: `${SOURCE}: Optimizer.beta1 = 0.9` },
  beta2: { value: 0.95, from: `${SOURCE}: Optimizer.beta2 = 0.95` },
  eps: { value: 1e-8, from: `${SOURCE}: Optimizer.eps = 1e-8` },
  weightDecay: { value: 0.1, from: `${SOURCE}: Optimizer.weight_decay = 0.1` },
  warmupSteps: { value: 200, from: `${SOURCE}: LRScheduler.warmup_steps = 200` },
  schedule: { value: 'linear', from: `${SOURCE}: LRScheduler.decay_type = 'linear'` },
};

export const torchtitan: EcosystemTable = {
  id: 'torchtitan',
  displayName: 'torchtitan',
  formats: ['toml'],
  detect: {
    keys: [
      { pattern: 'job.dump_folder', weight: 3 },
      { pattern: 'parallelism', weight: 2 },
      { pattern: 'training.local_batch_size', weight: 3 },
      { pattern: 'model.flavor', weight: 2 },
      { pattern: 'activation_checkpoint', weight: 2 },
      { pattern: 'lr_scheduler.warmup_steps', weight: 1 },
      { pattern: 'optimizer.name', weight: 1 },
      { pattern: 'training.seq_len', weight: 1 },
      { pattern: 'training.data_parallel_degree', weight: 2 },
      { pattern: 'training.tensor_parallel_degree', weight: 2 },
    ],
  },
  run: {
    microBatchSize: ['training.local_batch_size', 'training.batch_size'],
    globalBatchSize: ['training.global_batch_size'],
    seqLen: ['training.seq_len'],
    steps: ['training.steps'],
    // Before `[lr_scheduler]` (2025-01) warmup and the data-parallel degree lived in `[training]`.
    warmupSteps: ['lr_scheduler.warmup_steps', 'training.warmup_steps'],
    schedule: ['lr_scheduler.decay_type'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['name'],
      defaultName: 'AdamW',
      hyperparameters: { lr: ['lr'], beta1: ['beta1'], beta2: ['beta2'], eps: ['eps'], weightDecay: ['weight_decay'] },
      names: { AdamW: { ...TORCH_ADAMW, defaults: {} }, Adam: { ...TORCH_ADAM, defaults: {} } },
    },
  ],
  defaults: DEFAULTS,
  batch: { dataParallelKeys: ['parallelism.data_parallel_shard_degree', 'training.data_parallel_shard_degree', 'training.data_parallel_degree'] },
  schedules: { linear: 'linear', sqrt: 'inverse-sqrt', cosine: 'cosine' },
};
export default torchtitan;
