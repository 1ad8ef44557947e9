/**
 * big_vision (ml_collections `get_config()` in Python): `config.input.batch_size` is the global batch,
 * `config.optax_name` names an optax transformation (`scale_by_adam`, `big_vision.momentum_hp`),
 * `config.lr` and `config.wd` are the peak learning rate and the weight decay, applied decoupled and
 * multiplied by the schedule (`config.wd` is scaled by the lr schedule, not by the base lr), and
 * `config.schedule = dict(decay_type=…, warmup_steps=…)` is the schedule.
 * Sources: google-research/big_vision@0127fb6b337e big_vision/train.py (`batch_size = config.input.batch_size`,
 * divided across devices), big_vision/optax.py (`make`: `optax_name`, weight decay `wd` decoupled, scaled by
 * the schedule), big_vision/utils.py (`create_learning_rate_schedule`: decay_type, warmup_steps).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'optax.scale_by_adam + decoupled wd (big_vision/optax.py)',
  weightDecaySemantics: 'lr',
};

export const bigVision: EcosystemTable = {
  id: 'big-vision',
  displayName: 'big_vision',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: '**.config.optax_name', weight: 3 },
      { pattern: '**.config.input.batch_size', weight: 2 },
      { pattern: '**.config.pp_modules', weight: 2 },
      { pattern: '**.config.total_epochs', weight: 1 },
    ],
    callees: [{ name: 'big_vision', weight: 3 }],
  },
  run: {
    globalBatchSize: ['**.config.input.batch_size'],
    lr: ['**.config.lr'],
    weightDecay: ['**.config.wd'],
    warmupSteps: ['**.config.schedule.warmup_steps'],
    schedule: ['**.config.schedule.decay_type'],
    steps: ['**.config.total_steps'],
  },
  optimizers: [
    {
      at: '**.config',
      nameKeys: ['optax_name'],
      requireName: true,
      hyperparameters: { beta1: ['optax.b1'], beta2: ['optax.b2'], momentum: ['optax.momentum'] },
      names: {
        scale_by_adam: ADAM,
        'big_vision.scale_by_adafactor': unmodelled('big_vision Adafactor (scale_by_adafactor)'),
        'big_vision.momentum_hp': {
          kind: 'sgd',
          implementation: 'big_vision momentum_hp (SGD with momentum, decoupled wd)',
          weightDecaySemantics: 'lr',
        },
        '*': unmodelled('optax transformation (by name)'),
      },
    },
  ],
  defaults: {},
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', rsqrt: 'inverse-sqrt', constant: 'constant' },
};
export default bigVision;
