/**
 * optax (JAX) code: each `optax.adamw(...)`, `optax.adam(...)`, `optax.sgd(...)`, `optax.lion(...)` call is an
 * optimizer, alone or inside `optax.chain(...)`. The learning rate is the first positional argument or
 * `learning_rate=`; when it is a schedule (`optax.warmup_cosine_decay_schedule(peak_value=...)`), the
 * schedule's peak is the learning rate and its warmup and decay steps are the run's.
 * optax decays weights inside the update before the learning-rate scale, so adamw and lion decay by
 * p·(1 − lr_t·λ). Defaults: google-deepmind/optax optax/_src/alias.py (adamw: b1=0.9, b2=0.999, eps=1e-8,
 * weight_decay=1e-4; adam: no weight decay; lion: b1=0.9, b2=0.99, weight_decay=1e-3; sgd: momentum=None)
 * and optax/contrib/_muon.py (muon: beta=0.95, weight_decay=0).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { OPTAX_SCHEDULE_KINDS, OPTAX_SCHEDULES } from './optax-schedules';

const ALIAS = 'optax optax/_src/alias.py';

function adamDefaults(name: string, weightDecay: number | null): Defaults {
  const out: Defaults = {
    beta1: { value: 0.9, from: `${ALIAS}: ${name}(b1=0.9)` },
    beta2: { value: 0.999, from: `${ALIAS}: ${name}(b2=0.999)` },
    eps: { value: 1e-8, from: `${ALIAS}: ${name}(eps=1e-8)` },
  };
  if (weightDecay !== null) out.weightDecay = { value: weightDecay, from: `${ALIAS}: ${name}(weight_decay=${weightDecay})` };
  return out;
}

/** optax's optimizer aliases by qualified name; other tables whose configs name one (`'adam'`) look them up here. */
export const OPTAX_NAMES: Record<string, OptimizerInfo> = {
  'optax.adamw': { kind: 'adamw', implementation: 'optax.adamw', weightDecaySemantics: 'lr', defaults: adamDefaults('adamw', 1e-4) },
  'optax.adam': { kind: 'adam', implementation: 'optax.adam', weightDecaySemantics: 'none', defaults: adamDefaults('adam', null) },
  'optax.nadamw': { kind: 'adamw', implementation: 'optax.nadamw (Nesterov AdamW)', weightDecaySemantics: 'lr', defaults: adamDefaults('nadamw', 1e-4) },
  'optax.lion': {
    kind: 'lion',
    implementation: 'optax.lion',
    weightDecaySemantics: 'lr',
    defaults: {
      beta1: { value: 0.9, from: `${ALIAS}: lion(b1=0.9)` },
      beta2: { value: 0.99, from: `${ALIAS}: lion(b2=0.99)` },
      weightDecay: { value: 1e-3, from: `${ALIAS}: lion(weight_decay=1e-3)` },
    },
  },
  'optax.sgd': {
    kind: 'sgd',
    implementation: 'optax.sgd',
    weightDecaySemantics: 'none',
    defaults: { momentum: { value: 0, from: `${ALIAS}: sgd(momentum=None): no momentum` } },
  },
  '*': { kind: null, implementation: 'optax optimizer', weightDecaySemantics: 'lr' },
};

const MUON: OptimizerInfo = {
  kind: 'muon',
  implementation: 'optax.contrib.muon',
  weightDecaySemantics: 'lr',
  defaults: {
    momentum: { value: 0.95, from: 'optax optax/contrib/_muon.py: muon(beta=0.95)' },
    weightDecay: { value: 0, from: 'optax optax/contrib/_muon.py: muon(weight_decay=0.0)' },
  },
};

export const optax: EcosystemTable = {
  id: 'optax',
  displayName: 'optax (JAX)',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'optax', weight: 2 },
      { name: 'optax.adamw', weight: 3 },
      { name: 'optax.adam', weight: 3 },
      { name: 'optax.sgd', weight: 3 },
      { name: 'optax.lion', weight: 3 },
      { name: 'optax.chain', weight: 2 },
      { name: 'optax.contrib.muon', weight: 3 },
    ],
  },
  run: {
    lr: ['**.peak_value'],
    warmupSteps: ['**.warmup_steps'],
    steps: ['**.decay_steps'],
  },
  optimizers: [
    {
      at: '',
      callees: ['optax.adamw', 'optax.adam', 'optax.nadamw', 'optax.lion', 'optax.sgd', 'optax.adafactor', 'optax.lamb', 'optax.rmsprop'],
      nameKeys: [],
      hyperparameters: {
        lr: ['learning_rate', '0'],
        beta1: ['b1'],
        beta2: ['b2'],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
        momentum: ['momentum'],
      },
      names: OPTAX_NAMES,
    },
    {
      at: '',
      callees: ['optax.contrib.muon'],
      nameKeys: [],
      hyperparameters: { lr: ['learning_rate', '0'], momentum: ['beta'], weightDecay: ['weight_decay'] },
      names: { '*': MUON },
    },
  ],
  defaults: {},
  batch: {},
  scheduleFactories: OPTAX_SCHEDULES,
  schedules: OPTAX_SCHEDULE_KINDS,
};
export default optax;
