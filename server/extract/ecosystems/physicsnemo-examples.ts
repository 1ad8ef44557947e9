/**
 * The Hydra configs of NVIDIA PhysicsNeMo's neural-operator and PINN examples (Darcy FNO and Transolver, nested
 * FNOs, lid-driven cavity and inverse PINNs): the training script builds `torch.optim.Adam(params,
 * lr=cfg.scheduler.initial_lr)` (or the class `optimizer.type` names) with a LambdaLR of `decay_rate ** step`, stepped
 * every `decay_pseudo_epochs`;
 * the datapipe yields `training.batch_size` samples per step on each process, and the loop runs
 * `training.max_pseudo_epochs` pseudo-epochs of ceil(`pseudo_epoch_sample_size` / `batch_size`) steps each.
 * Sources: NVIDIA/physicsnemo@94b3551 examples/cfd/darcy_transolver/train_transolver_darcy.py:76-78, 85-88, 101-103,
 * 143-175, examples/cfd/darcy_fno/train_fno_darcy.py:67, examples/cfd/ldc_pinns/train.py:136,
 * examples/cfd/darcy_transolver/train_transolver_darcy_fix.py:109-116 (optimizer.type).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';

const SCRIPT = 'NVIDIA/physicsnemo@94b3551 examples/cfd/darcy_transolver/train_transolver_darcy.py';

export const physicsnemoExamples: EcosystemTable = {
  id: 'physicsnemo-examples',
  displayName: 'PhysicsNeMo examples',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'scheduler.initial_lr', weight: 2 },
      { pattern: 'scheduler.decay_pseudo_epochs', weight: 3 },
      { pattern: 'training.max_pseudo_epochs', weight: 3 },
      { pattern: 'training.pseudo_epoch_sample_size', weight: 3 },
      { pattern: 'training.rec_results_freq', weight: 2 },
      { pattern: 'validation.validation_pseudo_epochs', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (Hydra)', dotlessExponent: 'float',
    source: 'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader',
  },
  run: {
    lr: ['scheduler.initial_lr'],
    microBatchSize: ['training.batch_size'],
    // A pseudo-epoch is a fixed number of steps (pseudo_epoch_sample_size / batch_size), counted like an epoch.
    steps: [{ key: 'training.max_pseudo_epochs', unit: 'epochs' }],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['type'],
      defaultName: 'Adam',
      hyperparameters: {},
      names: TORCH_NAMES,
    },
  ],
  notRoles: [
    { key: 'scheduler.decay_rate', reason: "the LambdaLR's factor per decay (lr × decay_rate ** k), not a weight decay",
      source: `${SCRIPT}:77-78` },
    { key: 'training.pseudo_epoch_sample_size', reason: 'samples per pseudo-epoch, not a batch',
      source: `${SCRIPT}:101-103` },
  ],
  defaults: {},
  batch: {},
};
export default physicsnemoExamples;
