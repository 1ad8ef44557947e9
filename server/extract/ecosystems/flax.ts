/**
 * Flax examples (google/flax `examples/<example>/configs/<name>.py`): an ml_collections `get_config()` of flat
 * attributes that the example's train.py reads: `config.learning_rate`, `config.momentum`, `config.weight_decay`,
 * `config.batch_size` (the global batch: train.py splits it across processes and devices),
 * `config.per_device_batch_size` (lm1b, wmt), `config.num_train_steps` (-1: the steps come from `num_epochs`),
 * `config.warmup_epochs` or `config.warmup_steps`, `config.max_target_length`. The optimizer is built in train.py:
 * where the config names it (`config.optimizer = 'adam'`, ogbg_molpcba) it is optax's; where it does not, this file
 * does not say which runs (ImageNet's SGD with Nesterov momentum and lm1b's AdamW are written in train.py only).
 * Sources: google/flax@18f8f311c275 examples/imagenet/train.py (`local_batch_size = config.batch_size //
 * jax.process_count()`, batch_size divisible by jax.device_count()), examples/lm1b/train.py
 * (`per_device_batch_size * jax.device_count()`), examples/ogbg_molpcba/train.py `create_optimizer`
 * (`'adam'` → optax.adam(learning_rate), `'sgd'` → optax.sgd(learning_rate, momentum)).
 */
import type { EcosystemTable } from './types';
import { OPTAX_NAMES } from './optax';
import { unmodelled } from './optimizer-names';

const CONFIG = '**.config';
/** The name shown when the config names no optimizer: the example's code picks it. */
const TRAIN_PY = 'built in train.py';

export const flax: EcosystemTable = {
  id: 'flax',
  displayName: 'Flax examples (ml_collections)',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: `${CONFIG}.num_train_steps`, weight: 1 },
      { pattern: `${CONFIG}.warmup_epochs`, weight: 1 },
      { pattern: `${CONFIG}.per_device_batch_size`, weight: 1 },
      { pattern: `${CONFIG}.num_epochs`, weight: 1 },
      { pattern: `${CONFIG}.learning_rate`, weight: 1 },
    ],
    callees: [{ name: 'ml_collections', weight: 2 }],
  },
  run: {
    lr: [`${CONFIG}.learning_rate`],
    momentum: [`${CONFIG}.momentum`],
    weightDecay: [`${CONFIG}.weight_decay`],
    globalBatchSize: [`${CONFIG}.batch_size`],
    microBatchSize: [`${CONFIG}.per_device_batch_size`],
    steps: [`${CONFIG}.num_train_steps`],
    warmupSteps: [`${CONFIG}.warmup_steps`, { key: `${CONFIG}.warmup_epochs`, unit: 'epochs' }],
    seqLen: [`${CONFIG}.max_target_length`],
  },
  optimizers: [
    {
      at: CONFIG,
      nameKeys: ['optimizer'],
      requireName: true,
      defaultName: TRAIN_PY,
      hyperparameters: {},
      names: { [TRAIN_PY]: unmodelled("the example's train.py (the config names no optimizer)"), adam: OPTAX_NAMES['optax.adam'], sgd: OPTAX_NAMES['optax.sgd'], adamw: OPTAX_NAMES['optax.adamw'],
        '*': OPTAX_NAMES['*'] },
    },
  ],
  defaults: {},
  batch: {},
};
export default flax;
