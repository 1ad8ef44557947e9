/**
 * big_vision (ml_collections `get_config()` in Python): `config.input.batch_size` is the global batch,
 * `config.optax_name` names an optax transformation (`scale_by_adam`, `big_vision.momentum_hp`),
 * `config.lr` and `config.wd` are the peak learning rate and the weight decay, applied decoupled and
 * multiplied by the schedule (`config.wd` is scaled by the lr schedule, not by the base lr), and
 * `config.schedule = dict(decay_type=…, warmup_steps=…)` is the schedule.
 * The config is whatever `get_config()` returns, under any name: `config` in most files, `c` in the PaliGemma
 * transfer configs (`c = bvcc.parse_arg(arg, ...)`, `c.lr = 1e-5`, `return c`); both spellings are read.
 * Sources: google-research/big_vision@0127fb6b337e big_vision/train.py (`batch_size = config.input.batch_size`,
 * divided across devices), big_vision/optax.py (`make`: `optax_name`, weight decay `wd` decoupled, scaled by
 * the schedule), big_vision/utils.py (`create_learning_rate_schedule`: decay_type, warmup_steps).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

/** The config's keys, as `config.<key>` anywhere or as `<any name>.<key>` directly in `get_config()`. */
function onConfig(key: string): string[] {
  return [`**.config.${key}`, `get_config().*.${key}`];
}

/** optax's own defaults for what big_vision builds, not torch's (google-deepmind/optax optax/_src/transform.py). */
const OPTAX_ADAM = 'optax scale_by_adam(b1=0.9, b2=0.999, eps=1e-8)';

const ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'optax.scale_by_adam + decoupled wd (big_vision/optax.py)',
  weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: OPTAX_ADAM },
    beta2: { value: 0.999, from: OPTAX_ADAM },
    eps: { value: 1e-8, from: OPTAX_ADAM },
  },
};

const NAMES: Record<string, OptimizerInfo> = {
  scale_by_adam: ADAM,
  'big_vision.scale_by_adafactor': unmodelled('big_vision Adafactor (scale_by_adafactor)'),
  'big_vision.momentum_hp': {
    kind: 'sgd',
    implementation: 'big_vision momentum_hp (SGD with momentum, decoupled wd)',
    weightDecaySemantics: 'lr',
  },
  '*': unmodelled('optax transformation (by name)'),
};

export const bigVision: EcosystemTable = {
  id: 'big-vision',
  displayName: 'big_vision',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: '**.config.optax_name', weight: 3 },
      { pattern: 'get_config().*.optax_name', weight: 3 },
      { pattern: '**.config.input.batch_size', weight: 2 },
      { pattern: '**.config.pp_modules', weight: 2 },
      { pattern: '**.config.total_epochs', weight: 1 },
    ],
    callees: [{ name: 'big_vision', weight: 3 }],
  },
  run: {
    // `config.batch_size` is the same global batch in the configs written for the train loop before
    // `config.input` (big_vision@0127fb6b337e configs/proj/scaling_laws/train_vit_g.py: 4096*4, "32 images per
    // TPUv3 core"); `config.input.batch_size` is read first.
    globalBatchSize: [...onConfig('input.batch_size'), ...onConfig('batch_size')],
    lr: onConfig('lr'),
    weightDecay: onConfig('wd'),
    warmupSteps: onConfig('schedule.warmup_steps'),
    schedule: onConfig('schedule.decay_type'),
    steps: onConfig('total_steps'),
  },
  optimizers: ['**.config', 'get_config().*'].map((at) => ({
    at,
    nameKeys: ['optax_name'],
    requireName: true,
    hyperparameters: { beta1: ['optax.b1'], beta2: ['optax.b2'], momentum: ['optax.momentum'] },
    names: NAMES,
  })),
  defaults: {},
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', rsqrt: 'inverse-sqrt', constant: 'constant' },
};
export default bigVision;
