/**
 * Modalities component configs (YAML: every block names its component by `component_key` and `variant_key`, with
 * its arguments under `config`; `settings.step_profile` holds the batch shape). The optimizer block names the
 * optimizer by `variant_key` (adam → torch.optim.Adam, adam_w → torch.optim.AdamW), with lr, betas, eps and
 * weight_decay under `config`; the scheduler block names a torch lr_scheduler by its `variant_key` (step_lr,
 * onecycle_lr, linear_warmup_cosine_annealing_lr, ...); `local_train_micro_batch_size` is a rank's batch and
 * `sequence_length` the packed length. The run length is computed from a token target, not written as steps.
 * Sources: Modalities/modalities@bf0e6d3 src/modalities/registry/components.py:255-295 (optimizer and scheduler
 * variants), src/modalities/config/config.py:148-245 (their configs), :579 (OmegaConf.load).
 */
import type { EcosystemTable } from './types';
import { TORCH_ADAM, TORCH_ADAMW } from './optimizer-names';

const REGISTRY = 'Modalities/modalities@bf0e6d3 src/modalities/registry/components.py';

export const modalities: EcosystemTable = {
  id: 'modalities',
  displayName: 'Modalities',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'settings.step_profile.local_train_micro_batch_size', weight: 3 },
      { pattern: 'settings.step_profile.sequence_length', weight: 2 },
      { pattern: 'settings.training_target', weight: 2 },
      { pattern: 'optimizer.component_key', weight: 2 },
      { pattern: 'app_state.component_key', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf', dotlessExponent: 'float',
    source: 'Modalities/modalities@bf0e6d3 src/modalities/config/config.py:579',
  },
  run: {
    microBatchSize: ['settings.step_profile.local_train_micro_batch_size'],
    gradAccum: ['settings.step_profile.gradient_accumulation_steps'],
    seqLen: ['settings.step_profile.sequence_length'],
    warmupSteps: ['lr_scheduler.config.warmup_steps'],
    schedule: ['lr_scheduler.variant_key'],
  },
  optimizers: [
    {
      at: 'optimizer', nameKeys: ['variant_key'], requireName: true,
      hyperparameters: {
        lr: ['config.lr'],
        beta1: [{ key: 'config.betas', index: 0 }], beta2: [{ key: 'config.betas', index: 1 }],
        eps: ['config.eps'], weightDecay: ['config.weight_decay'],
      },
      names: { adam: TORCH_ADAM, adam_w: TORCH_ADAMW },
    },
  ],
  // Variants whose name a shape word would misread: a LinearLR rises or falls by its factors, OneCycleLR's anneal is
  // an argument, StepLR steps; the dummy scheduler keeps the lr (src/modalities/optimizers/lr_schedulers.py:8).
  schedules: { dummy_lr: 'constant', linear_lr: null, onecycle_lr: null, step_lr: null },
  notRoles: [
    { key: 'lr_scheduler.config.gamma', reason: 'the StepLR decay factor', source: REGISTRY },
  ],
  defaults: {},
  batch: {},
};
export default modalities;
