/**
 * NeMo 2 recipes: Python functions returning a NeMo-Run configuration (`run.Partial(pretrain, trainer=trainer(...),
 * data=run.Config(MockDataModule, global_batch_size=512, ...), optim=distributed_fused_adam_with_cosine_annealing(
 * max_lr=3e-4))`). The optimizer is built by a factory from nemo/collections/llm/recipes/optim/adam.py: Megatron-Core's
 * Adam (`OptimizerConfig(optimizer="adam")`, apex/TE FusedAdam with adam_w_mode=True: decoupled decay) with a cosine
 * schedule, its other settings fixed in the factory. Recipe functions that change the returned configuration
 * (`recipe.optim.config.lr = 5e-6`) are read by the Python reader as configurations of their own.
 * Defaults: NVIDIA/NeMo@06cca550 nemo/collections/llm/recipes/optim/adam.py
 * distributed_fused_adam_with_cosine_annealing.
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';

const SOURCE = 'NVIDIA/NeMo@06cca550 nemo/collections/llm/recipes/optim/adam.py distributed_fused_adam_with_cosine_annealing';

const FACTORY_DEFAULTS: Defaults = {
  lr: { value: 1e-4, from: `${SOURCE}: max_lr: float = 1e-4 (OptimizerConfig lr=max_lr)` },
  beta1: { value: 0.9, from: `${SOURCE}: OptimizerConfig(adam_beta1=0.9)` },
  beta2: { value: 0.95, from: `${SOURCE}: OptimizerConfig(adam_beta2=0.95)` },
  eps: { value: 1e-5, from: `${SOURCE}: OptimizerConfig(adam_eps=1e-5)` },
  weightDecay: { value: 0.1, from: `${SOURCE}: OptimizerConfig(weight_decay=0.1)` },
  warmupSteps: { value: 2000, from: `${SOURCE}: warmup_steps: int = 2000` },
  schedule: { value: 'CosineAnnealingScheduler', from: `${SOURCE}: run.Config(CosineAnnealingScheduler, ...)` },
};

const ADAM_COSINE: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'Megatron-Core DistributedOptimizer, optimizer="adam" (FusedAdam, adam_w_mode=True) + cosine annealing',
  weightDecaySemantics: 'lr',
  defaults: FACTORY_DEFAULTS,
};

export const nemo2: EcosystemTable = {
  id: 'nemo2',
  displayName: 'NeMo 2 recipes (NeMo-Run)',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'nemo.collections.llm.recipes.optim.adam.distributed_fused_adam_with_cosine_annealing', weight: 4 },
      { name: 'nemo.collections.llm.api.pretrain', weight: 3 },
      { name: 'nemo.collections.llm.api.finetune', weight: 3 },
      { name: 'nemo_run.Partial', weight: 2 },
      { name: 'nemo_run.Config', weight: 1 },
    ],
  },
  run: {},
  optimizers: [
    {
      at: '',
      callees: ['distributed_fused_adam_with_cosine_annealing'],
      nameKeys: [],
      hyperparameters: { lr: ['max_lr'], warmupSteps: ['warmup_steps'] },
      names: { distributed_fused_adam_with_cosine_annealing: ADAM_COSINE },
    },
  ],
  defaults: {},
  notRoles: [
    // Wherever it is written: a literal passed to nl.Trainer, or a recipe function's parameter default passed on to
    // it (`accumulate_grad_batches: int = 1`); the not-a-hyperparameter hint says so at its line.
    {
      key: '**.accumulate_grad_batches',
      reason: 'Megatron models derive accumulation from global / (micro × data-parallel size); this key must stay 1',
      source: 'NVIDIA/NeMo@06cca550 nemo/lightning/megatron_parallel.py: gradient accumulation from the data sampler',
      whenWritten: ['**.micro_batch_size', '**.global_batch_size'],
    },
  ],
  batch: {},
  schedules: { CosineAnnealingScheduler: 'cosine' },
};
export default nemo2;
