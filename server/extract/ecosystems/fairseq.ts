/**
 * fairseq (Hydra YAML under `examples/…/config`): `optimizer._name`, `lr_scheduler._name`, the run in
 * `optimization` (`lr: [1e-05]` and `update_freq: [1]` are one-element lists), the batch in `dataset`.
 * fairseq evaluates the betas string itself (`adam_betas: (0.9,0.98)` is right there, not a string error), and
 * its Adam decays weights decoupled, as AdamW.
 * Sources: facebookresearch/fairseq@3d262bb25690 fairseq/optim/adam.py (FairseqAdamConfig: adam_betas="(0.9, 0.999)",
 * adam_eps=1e-8, weight_decay=0.0; `eval(self.cfg.adam_betas)`; "Fixed Weight Decay Regularization in Adam"),
 * fairseq/dataclass/configs.py (OptimizationConfig: update_freq=[1]; DatasetConfig: batch_size per GPU).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_SGD, unmodelled } from './optimizer-names';

const ADAM_SOURCE = 'fairseq fairseq/optim/adam.py FairseqAdamConfig (facebookresearch/fairseq@3d262bb25690)';
const ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'fairseq FairseqAdam (decoupled weight decay)',
  weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: `${ADAM_SOURCE}: adam_betas="(0.9, 0.999)"` },
    beta2: { value: 0.999, from: `${ADAM_SOURCE}: adam_betas="(0.9, 0.999)"` },
    eps: { value: 1e-8, from: `${ADAM_SOURCE}: adam_eps=1e-8` },
    weightDecay: { value: 0, from: `${ADAM_SOURCE}: weight_decay=0.0` },
  },
};

const NAMES: Record<string, OptimizerInfo> = {
  adam: ADAM,
  sgd: TORCH_SGD,
  nag: unmodelled('fairseq NAG'),
  adafactor: unmodelled('fairseq Adafactor'),
  '*': unmodelled('fairseq optimizer (by name)'),
};

export const fairseq: EcosystemTable = {
  id: 'fairseq',
  displayName: 'fairseq',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'optimization.max_update', weight: 3 },
      { pattern: 'optimizer._name', weight: 3 },
      { pattern: 'lr_scheduler._name', weight: 2 },
      { pattern: 'task._name', weight: 2 },
      { pattern: 'criterion._name', weight: 2 },
      { pattern: 'distributed_training', weight: 1 },
      { pattern: 'optimization.update_freq', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'Hydra / OmegaConf',
    dotlessExponent: 'float',
    source: 'fairseq_cli/hydra_train.py loads configs with Hydra',
  },
  evaluatesTupleStrings: true,
  run: {
    lr: [{ key: 'optimization.lr', index: 0 }],
    gradAccum: [{ key: 'optimization.update_freq', index: 0 }],
    steps: ['optimization.max_update'],
    microBatchSize: ['dataset.batch_size'],
    warmupSteps: ['lr_scheduler.warmup_updates'],
    schedule: ['lr_scheduler._name'],
  },
  optimizers: [
    // `_name: composite`: each parameter group has its optimizer, schedule and learning rate (`lr_float`, else the
    // run's `optimization.lr`), and the `optimizer` block only holds them (fairseq/optim/composite.py
    // OptimizerAndSchedulerConfig: lr_float overrides lr).
    {
      at: 'optimizer.groups.*',
      nameKeys: ['optimizer._name'],
      requireName: true,
      hyperparameters: {
        lr: ['lr_float', { key: 'lr', index: 0 }],
        beta1: [{ key: 'optimizer.adam_betas', index: 0 }],
        beta2: [{ key: 'optimizer.adam_betas', index: 1 }],
        eps: ['optimizer.adam_eps'],
        weightDecay: ['optimizer.weight_decay'],
        momentum: ['optimizer.momentum'],
        warmupSteps: ['lr_scheduler.warmup_updates'],
        schedule: ['lr_scheduler._name'],
      },
      names: NAMES,
      appliesTo: 'one parameter group of a composite optimizer',
    },
    {
      at: 'optimizer',
      nameKeys: ['_name'],
      hyperparameters: {
        beta1: [{ key: 'adam_betas', index: 0 }],
        beta2: [{ key: 'adam_betas', index: 1 }],
        eps: ['adam_eps'],
        weightDecay: ['weight_decay'],
        momentum: ['momentum'],
      },
      names: NAMES,
    },
  ],
  defaults: {
    gradAccum: { value: 1, from: 'fairseq fairseq/dataclass/configs.py OptimizationConfig: update_freq=[1]' },
  },
  batch: { dataParallelKeys: ['distributed_training.distributed_world_size'] },
  fp16Keys: ['common.fp16'],
  schedules: {
    polynomial_decay: 'linear',
    inverse_sqrt: 'inverse-sqrt',
    cosine: 'cosine',
    fixed: 'constant',
    tri_stage: 'wsd',
  },
};
export default fairseq;
