/**
 * Keras (Python, Keras 3 and tf.keras): an optimizer is a `keras.optimizers.Adam(learning_rate=..., beta_1=...,
 * weight_decay=...)` call, or a string given to `model.compile(optimizer="adam")`, which `keras.optimizers.get`
 * turns into the class with all its defaults. The batch is `model.fit(batch_size=...)`: the samples of one gradient
 * update on one replica (fit's default 32 is not assumed: a `tf.data` dataset brings its own batch).
 * Keras' defaults differ from torch's: ε = 1e-7 (not 1e-8), AdamW weight_decay = 0.004 (not 0.01), SGD lr = 0.01.
 * Every Keras 3 optimizer decays decoupled when given `weight_decay` (`variable - variable * wd * lr`, applied
 * before the update), so `Adam(weight_decay=...)` is not torch's coupled L2. Keras' Adam adds ε to √v before the
 * bias correction ("epsilon hat"), so early steps see ε/√(1 − β2^t).
 * Sources: keras-team/keras@3422977a5e38 keras/src/optimizers/{adam,adamw,sgd,lion,muon}.py (__init__ defaults),
 * keras/src/optimizers/base_optimizer.py `_apply_weight_decay`, keras/src/optimizers/__init__.py `get` (names
 * looked up lower-case), keras/src/trainers/trainer.py `compile` (optimizers.get(optimizer)).
 */
import type { Defaults, EcosystemTable, KeySpelling, OptimizerInfo, Spellings } from './types';
import { unmodelled } from './optimizer-names';
import type { FactoryArgument, ScheduleFactory } from './optax-schedules';

const SRC = 'keras-team/keras@3422977a5e38 keras/src/optimizers';

function adamDefaults(file: string, weightDecay: number): Defaults {
  const from = (arg: string): string => `${SRC}/${file}.py: ${arg}`;
  return {
    lr: { value: 1e-3, from: from('learning_rate=0.001') },
    beta1: { value: 0.9, from: from('beta_1=0.9') },
    beta2: { value: 0.999, from: from('beta_2=0.999') },
    eps: { value: 1e-7, from: from('epsilon=1e-7') },
    weightDecay: { value: weightDecay, from: from(weightDecay === 0 ? 'weight_decay=None' : `weight_decay=${weightDecay}`) },
  };
}

const EPSILON_HAT = "Keras adds ε to √v before Adam's bias correction: the first steps see a larger ε, ε/√(1 − β2^t).";

const ADAM: OptimizerInfo = {
  kind: 'adam',
  implementation: 'keras.optimizers.Adam',
  weightDecaySemantics: 'lr',
  defaults: adamDefaults('adam', 0),
  note: `Keras' Adam decays weights decoupled when given weight_decay (as AdamW does). ${EPSILON_HAT}`,
};

const ADAMW: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'keras.optimizers.AdamW',
  weightDecaySemantics: 'lr',
  defaults: adamDefaults('adamw', 0.004),
  note: `Keras' AdamW defaults to weight_decay=0.004 and ε=1e-7, not torch's 0.01 and 1e-8. ${EPSILON_HAT}`,
};

const SGD: OptimizerInfo = {
  kind: 'sgd',
  implementation: 'keras.optimizers.SGD',
  weightDecaySemantics: 'lr',
  defaults: {
    lr: { value: 0.01, from: `${SRC}/sgd.py: learning_rate=0.01` },
    momentum: { value: 0, from: `${SRC}/sgd.py: momentum=0.0` },
    weightDecay: { value: 0, from: `${SRC}/sgd.py: weight_decay=None` },
  },
};

const LION: OptimizerInfo = {
  kind: 'lion',
  implementation: 'keras.optimizers.Lion',
  weightDecaySemantics: 'lr',
  defaults: {
    lr: { value: 1e-3, from: `${SRC}/lion.py: learning_rate=0.001` },
    beta1: { value: 0.9, from: `${SRC}/lion.py: beta_1=0.9` },
    beta2: { value: 0.99, from: `${SRC}/lion.py: beta_2=0.99` },
    weightDecay: { value: 0, from: `${SRC}/lion.py: weight_decay=None` },
  },
};

const MUON: OptimizerInfo = {
  kind: 'muon',
  implementation: 'keras.optimizers.Muon (update scaled by rms_rate·√max(n, m), Adam for non-matrices)',
  weightDecaySemantics: 'lr',
  defaults: {
    lr: { value: 1e-3, from: `${SRC}/muon.py: learning_rate=0.001` },
    momentum: { value: 0.95, from: `${SRC}/muon.py: momentum=0.95` },
    weightDecay: { value: 0.004, from: `${SRC}/muon.py: weight_decay=0.004` },
  },
};

/** Class names, also the lower-case strings `keras.optimizers.get` accepts (`"adam"`). */
const NAMES: Record<string, OptimizerInfo> = {
  Adam: ADAM,
  AdamW: ADAMW,
  SGD,
  Lion: LION,
  Muon: MUON,
  Nadam: unmodelled('keras.optimizers.Nadam'),
  Adamax: unmodelled('keras.optimizers.Adamax'),
  RMSprop: unmodelled('keras.optimizers.RMSprop'),
  Adagrad: unmodelled('keras.optimizers.Adagrad'),
  Adadelta: unmodelled('keras.optimizers.Adadelta'),
  Adafactor: unmodelled('keras.optimizers.Adafactor'),
  Ftrl: unmodelled('keras.optimizers.Ftrl'),
  Lamb: unmodelled('keras.optimizers.Lamb'),
  ScheduleFreeAdamW: unmodelled('keras.optimizers.ScheduleFreeAdamW'),
  '*': unmodelled('Keras optimizer'),
};

const MODULES = ['keras.optimizers', 'tensorflow.keras.optimizers', 'tf_keras.optimizers',
  'tensorflow.keras.optimizers.legacy', 'tensorflow.keras.optimizers.experimental', 'keras.optimizers.legacy'];

/**
 * A `keras.optimizers.schedules.*` object given as the learning rate: its peak is `warmup_target` when CosineDecay
 * warms up to it, otherwise `initial_learning_rate` (the first argument of every schedule but
 * PiecewiseConstantDecay, whose first value is in `values`). Sources: keras-team/keras@3422977a5e38
 * keras/src/optimizers/schedules/learning_rate_schedule.py.
 */
const scheduleLr = (at: string): KeySpelling[] => [`${at}.warmup_target`, `${at}.initial_learning_rate`,
  { key: `${at}.values`, index: 0 }, `${at}.0`];

const arg = (keyword: string, position: number): FactoryArgument => ({ keyword, position });

/**
 * The `keras.optimizers.schedules.*` classes as schedule factories: one bound to a name and given to the optimizer
 * (`lr = ExponentialDecay(0.01, steps, 0.6)` … `Adam(lr)`) is read as the learning rate like an inline one. CosineDecay
 * warms up from `initial_learning_rate` to `warmup_target` over `warmup_steps`, then decays over `decay_steps` (the
 * decay only); PolynomialDecay's default power 1.0 is a linear decay to `end_learning_rate`. Exponential, inverse-time,
 * piecewise-constant and restarting decays are shapes OptLens does not model. Source: keras-team/keras@2534b643
 * keras/src/optimizers/schedules/learning_rate_schedule.py (each class's __init__).
 */
const KERAS_SCHEDULES: readonly ScheduleFactory[] = [
  { name: 'ExponentialDecay', schedule: null, peak: arg('initial_learning_rate', 0) },
  { name: 'InverseTimeDecay', schedule: null, peak: arg('initial_learning_rate', 0) },
  { name: 'PiecewiseConstantDecay', schedule: null },
  { name: 'PolynomialDecay', schedule: 'linear', peak: arg('initial_learning_rate', 0), length: arg('decay_steps', 1) },
  {
    name: 'CosineDecay', schedule: 'cosine', peak: arg('initial_learning_rate', 0), length: arg('decay_steps', 1),
    warmupTarget: arg('warmup_target', 4), warmup: arg('warmup_steps', 5),
  },
  { name: 'CosineDecayRestarts', schedule: null, peak: arg('initial_learning_rate', 0) },
];

const OPTIMIZER_CALLEES = MODULES.flatMap((m) => Object.keys(NAMES).filter((n) => n !== '*').map((n) => `${m}.${n}`));

const KWARGS: Spellings = {
  lr: [...scheduleLr('learning_rate'), ...scheduleLr('0'), 'learning_rate', '0'],
  beta1: ['beta_1'],
  beta2: ['beta_2'],
  eps: ['epsilon'],
  weightDecay: ['weight_decay'],
  momentum: ['momentum'],
};

export const keras: EcosystemTable = {
  id: 'keras',
  displayName: 'Keras',
  formats: ['python'],
  detect: {
    keys: [],
    // `import keras`, `from tensorflow import keras`; with `import tensorflow as tf` only the calls say Keras.
    callees: [
      { name: 'keras', weight: 3 },
      { name: 'tf_keras', weight: 3 },
      ...['tensorflow.keras.Sequential', 'tensorflow.keras.Model', 'tensorflow.keras.Input']
        .map((name) => ({ name, weight: 2 })),
      ...OPTIMIZER_CALLEES.map((name) => ({ name, weight: 3 })),
    ],
  },
  run: {
    microBatchSize: ['*fit.batch_size'],
  },
  optimizers: [
    {
      at: '',
      callees: OPTIMIZER_CALLEES,
      nameKeys: [],
      hyperparameters: KWARGS,
      names: NAMES,
    },
    // `model.compile(optimizer="adam")`: the string names the class, built with its defaults.
    { at: '*compile', nameKeys: ['optimizer'], requireName: true, hyperparameters: {}, names: NAMES },
  ],
  defaults: {},
  batch: {},
  scheduleFactories: KERAS_SCHEDULES,
};
export default keras;
