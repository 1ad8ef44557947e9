/**
 * Hydra configs (OmegaConf YAML with `_target_` builders), as in lightning-hydra-template and many research
 * repos: an optimizer is any block whose `_target_` names an optimizer class, wherever it sits
 * (`model.optimizer`, `optim`, `optimizer`). Hydra's `_partial_: true` builders are read the same way.
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';

export const OPTIMIZER_BLOCK_SPELLINGS = {
  lr: ['lr', 'learning_rate'],
  beta1: [{ key: 'betas', index: 0 }, 'beta1', 'b1'],
  beta2: [{ key: 'betas', index: 1 }, 'beta2', 'b2'],
  eps: ['eps'],
  weightDecay: ['weight_decay'],
  momentum: ['momentum'],
};

export const hydra: EcosystemTable = {
  id: 'hydra',
  displayName: 'Hydra',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'defaults', weight: 1 },
      { pattern: 'hydra', weight: 3 },
      { pattern: '**._target_', weight: 2 },
      { pattern: '**._partial_', weight: 2 },
      { pattern: 'trainer.max_epochs', weight: 1 },
      { pattern: 'trainer.accumulate_grad_batches', weight: 1 },
    ],
  },
  yamlLoader: { library: 'OmegaConf (Hydra)', dotlessExponent: 'float', source: 'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader' },
  run: {
    microBatchSize: ['data.batch_size', 'datamodule.batch_size', 'batch_size', 'train.batch_size'],
    gradAccum: ['trainer.accumulate_grad_batches'],
    steps: ['trainer.max_steps'],
    warmupSteps: ['**.scheduler.warmup_steps', '**.scheduler.num_warmup_steps'],
    schedule: ['**.scheduler._target_'],
  },
  optimizers: [{ at: '**', nameKeys: ['_target_'], requireName: true, hyperparameters: OPTIMIZER_BLOCK_SPELLINGS, names: TORCH_NAMES }],
  defaults: {},
  batch: { dataParallelKeys: ['trainer.devices'] },
  fp16Keys: ['trainer.precision'],
};
export default hydra;
