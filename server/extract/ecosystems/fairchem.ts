/**
 * fairchem (Open Catalyst Project, OCP) trainer configs (YAML with `includes:`, `trainer:`, `model:`, `optim:`): the
 * optimizer is `getattr(torch.optim, optim.optimizer)` (AdamW when unwritten) built with `lr=optim.lr_initial` and
 * `**optim.optimizer_params` (weight_decay there, or the older `optim.weight_decay`); `optim.batch_size` is the batch
 * of one rank (a BalancedBatchSampler per rank), `optim.eval_batch_size` the validation batch; `optim.max_epochs` is
 * the run length in epochs (`optim.max_steps` where written); `optim.scheduler` names a torch lr_scheduler class
 * (LambdaLR when unwritten) whose arguments are read from `optim` (ReduceLROnPlateau's factor/patience) or, for the
 * EquiformerV2 trainers, from `optim.scheduler_params`, where `lambda_type` (cosine, multistep) gives the shape of the
 * LambdaLR and `warmup_epochs` a warmup counted in epochs (fractions allowed, times the iterations per epoch).
 * Sources: FAIR-Chem/fairchem@31c0963 src/fairchem/core/trainers/base_trainer.py (load_optimizer l.694-741,
 * get_sampler), src/fairchem/core/modules/scheduler.py (LRScheduler: LambdaLR default, warmup_epochs already
 * multiplied by the iterations), src/fairchem/core/models/equiformer_v2/trainers/lr_scheduler.py (lambda_type).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';

const TRAINER = 'FAIR-Chem/fairchem@31c0963 src/fairchem/core/trainers/base_trainer.py';

export const fairchem: EcosystemTable = {
  id: 'fairchem',
  displayName: 'fairchem (OCP)',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'optim.lr_initial', weight: 3 },
      { pattern: 'optim.optimizer_params', weight: 2 },
      { pattern: 'optim.scheduler_params', weight: 2 },
      { pattern: 'optim.load_balancing', weight: 3 },
      { pattern: 'optim.eval_every', weight: 1 },
      { pattern: 'optim.clip_grad_norm', weight: 1 },
      { pattern: 'includes', weight: 1 },
      { pattern: 'model.regress_forces', weight: 2 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.safe_load)', dotlessExponent: 'string',
    source: 'FAIR-Chem/fairchem@31c0963 src/fairchem/core/common/utils.py load_config: yaml.load(Loader=UniqueKeyLoader)' },
  run: {
    microBatchSize: ['optim.batch_size'],
    steps: ['optim.max_steps', { key: 'optim.max_epochs', unit: 'epochs' }],
    warmupSteps: ['optim.warmup_steps', 'optim.scheduler_params.warmup_steps',
      { key: 'optim.scheduler_params.warmup_epochs', unit: 'epochs' }, { key: 'optim.warmup_epochs', unit: 'epochs' }],
    // A LambdaLR is only a wrapper: its lambda_type is the schedule's shape.
    schedule: ['optim.scheduler_params.lambda_type', 'optim.scheduler'],
  },
  optimizers: [
    {
      at: 'optim', nameKeys: ['optimizer'], defaultName: 'AdamW',
      hyperparameters: {
        lr: ['lr_initial'],
        beta1: [{ key: 'optimizer_params.betas', index: 0 }], beta2: [{ key: 'optimizer_params.betas', index: 1 }],
        eps: ['optimizer_params.eps'], weightDecay: ['optimizer_params.weight_decay', 'weight_decay'],
        momentum: ['optimizer_params.momentum'],
      },
      names: TORCH_NAMES,
    },
  ],
  notRoles: [
    { key: 'optim.eval_batch_size', reason: 'the validation batch', source: `${TRAINER} get_dataloader` },
    { key: 'optim.ema_decay', reason: "the decay of the weights' exponential moving average", source: TRAINER },
  ],
  defaults: {},
  batch: {},
};
export default fairchem;
