/**
 * Joey NMT: one YAML of `data`, `testing`, `training` and `model` sections. `training` holds the optimizer
 * (`optimizer`, `learning_rate`, `weight_decay`, `adam_betas`), the schedule (`scheduling: plateau | decaying |
 * exponential | noam | elan`) and the batch: `batch_size` sentences or tokens per batch (`batch_type`), and
 * `batch_multiplier` batches accumulated per update (the training loop steps the optimizer every `batch_multiplier`
 * batches: "gradient accumulation"). Sources: joeynmt/joeynmt@5ebb101 joeynmt/builders.py build_optimizer,
 * build_scheduler; joeynmt/joeynmt@d4a4156 joeynmt/training.py TrainManager (`batch_multiplier`, `batch_type`).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD, unmodelled } from './optimizer-names';

const BUILD = 'joeynmt/joeynmt@5ebb101 joeynmt/builders.py build_optimizer';
/** `adam_betas` defaults to (0.9, 0.999) and is passed to Adam (and AdamW, the name Joey NMT 2 configs use). */
const BETAS = {
  beta1: { value: 0.9, from: `${BUILD}: config.get("adam_betas", (0.9, 0.999))` },
  beta2: { value: 0.999, from: `${BUILD}: config.get("adam_betas", (0.9, 0.999))` },
};
/** `weight_decay` defaults to 0 for every optimizer it builds. */
const NO_DECAY = { weightDecay: { value: 0, from: `${BUILD}: config.get("weight_decay", 0)` } };
const withDefaults = (info: OptimizerInfo, betas: boolean): OptimizerInfo =>
  ({ ...info, defaults: { ...info.defaults, ...(betas ? BETAS : {}), ...NO_DECAY } });

export const joeynmt: EcosystemTable = {
  id: 'joeynmt',
  displayName: 'Joey NMT',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'training.batch_multiplier', weight: 3 },
      { pattern: 'training.print_valid_sents', weight: 3 },
      { pattern: 'training.learning_rate_min', weight: 2 },
      { pattern: 'training.scheduling', weight: 2 },
      { pattern: 'model.tied_softmax', weight: 2 },
      { pattern: 'model.embed_initializer', weight: 2 },
      { pattern: 'training.early_stopping_metric', weight: 1 },
      { pattern: 'testing.beam_alpha', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.safe_load)', dotlessExponent: 'string',
    source: 'joeynmt/joeynmt joeynmt/helpers.py load_config (PyYAML)' },
  run: {
    lr: ['training.learning_rate'],
    weightDecay: ['training.weight_decay'],
    microBatchSize: [{ key: 'training.batch_size',
      unitWhen: { sibling: 'batch_type', value: 'token', unit: 'tokens' } }],
    gradAccum: ['training.batch_multiplier'],
    schedule: ['training.scheduling'],
  },
  optimizers: [
    {
      at: 'training',
      nameKeys: ['optimizer'],
      defaultName: 'sgd',
      hyperparameters: { beta1: [{ key: 'adam_betas', index: 0 }], beta2: [{ key: 'adam_betas', index: 1 }] },
      names: {
        sgd: withDefaults(TORCH_SGD, false),
        adam: withDefaults(TORCH_ADAM, true),
        adamw: withDefaults(TORCH_ADAMW, true),
        '*': unmodelled('Joey NMT optimizer (torch.optim by name)'),
      },
    },
  ],
  defaults: {
    lr: { value: 3.0e-4, from: `${BUILD}: config.get("learning_rate", 3.0e-4)` },
    gradAccum: { value: 1, from: 'joeynmt/joeynmt@d4a4156 joeynmt/training.py: train_config.get("batch_multiplier", 1)' },
  },
  batch: {},
};
export default joeynmt;
