/**
 * SAM 2's trainer (facebookresearch/sam2 `training/`): Hydra YAML whose `trainer.optim.optimizer` is a `_target_`
 * torch optimizer built with no hyperparameters, and whose `trainer.optim.options` give each one (`lr`,
 * `weight_decay`) as a list of fvcore param schedulers, one per parameter group: the entry without `param_names` /
 * `module_cls_names` is the default group, which the configs write first; later entries are groups (the image
 * encoder's lr, the no-decay biases and norms). The lr's peak is the scheduler's `start_value` (or a constant
 * scheduler's `value`). `trainer.data.train.batch_sizes` is the batch of each dataset per GPU.
 * Sources: facebookresearch/sam2@2b90b9f5ceec training/optimizer.py (construct_optimizer, set_default_parameters:
 * one default scheduler per option), training/dataset/sam2_datasets.py:74 (TorchTrainMixedDataset batch_sizes, one
 * DataLoader per rank), sam2/configs/sam2.1_training/*.yaml.
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES, unmodelled } from './optimizer-names';

const OPTIONS = 'trainer.optim.options';

export const sam2: EcosystemTable = {
  id: 'sam2',
  displayName: 'SAM 2 trainer',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: `${OPTIONS}.lr`, weight: 3 },
      { pattern: `${OPTIONS}.weight_decay`, weight: 2 },
      { pattern: 'trainer.optim.param_group_modifiers', weight: 2 },
      { pattern: 'trainer.data.train.phases_per_epoch', weight: 2 },
      { pattern: 'trainer.data.train.batch_sizes', weight: 2 },
    ],
    values: [{ pattern: 'trainer._target_', value: 'training.trainer.Trainer', weight: 2 }],
    layersOver: ['hydra'],
  },
  yamlLoader: {
    library: 'Hydra / OmegaConf (training/train.py compose)',
    dotlessExponent: 'float',
    source: 'facebookresearch/sam2@2b90b9f5ceec training/train.py: hydra compose; OmegaConf resolves dot-less exponents',
  },
  run: {
    lr: [`${OPTIONS}.lr[0].scheduler.start_value`, `${OPTIONS}.lr[0].scheduler.value`],
    weightDecay: [`${OPTIONS}.weight_decay[0].scheduler.value`, `${OPTIONS}.weight_decay[0].scheduler.start_value`],
    schedule: [`${OPTIONS}.lr[0].scheduler._target_`],
    microBatchSize: ['trainer.data.train.batch_sizes[0]'],
  },
  optimizers: [
    {
      at: 'trainer.optim.optimizer',
      nameKeys: ['_target_'],
      defaultName: 'not named in this file',
      hyperparameters: {},
      names: { ...TORCH_NAMES, '*': unmodelled('SAM 2 optimizer (a _target_ class path)') },
    },
  ],
  defaults: {},
  batch: {},
  schedules: {
    'fvcore.common.param_scheduler.CosineParamScheduler': 'cosine',
    'fvcore.common.param_scheduler.ConstantParamScheduler': 'constant',
    'fvcore.common.param_scheduler.LinearParamScheduler': 'linear',
  },
};
export default sam2;
