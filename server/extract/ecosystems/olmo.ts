/**
 * OLMo (v1, allenai/OLMo): YAML TrainConfig loaded by OmegaConf. Defaults: allenai/OLMo@59a53e3f
 * olmo/config.py OptimizerConfig l.506-510 (eps 1e-5: OLMo 2 configs write 1e-8 explicitly).
 * `max_duration` counts steps when a plain integer, tokens with a `T` suffix.
 */
import type { Defaults, EcosystemTable } from './types';
import { LION } from './optimizer-names';

const SOURCE = 'OLMo olmo/config.py OptimizerConfig @59a53e3f';

const DEFAULTS: Defaults = {
  lr: { value: 1e-4, from: `${SOURCE}: learning_rate = 1.0e-4` },
  beta1: { value: 0.9, from: `${SOURCE}: betas = (0.9, 0.95)` },
  beta2: { value: 0.95, from: `${SOURCE}: betas = (0.9, 0.95)` },
  eps: { value: 1e-5, from: `${SOURCE}: eps = 1e-5` },
  weightDecay: { value: 0.01, from: `${SOURCE}: weight_decay = 0.01` },
};

export const olmo: EcosystemTable = {
  id: 'olmo',
  displayName: 'OLMo',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'model.d_model', weight: 3 },
      { pattern: 'model.n_layers', weight: 2 },
      { pattern: 'model.max_sequence_length', weight: 2 },
      { pattern: 'optimizer.learning_rate', weight: 2 },
      { pattern: 'global_train_batch_size', weight: 1 },
      { pattern: 'device_train_microbatch_size', weight: 1 },
      { pattern: 'run_name', weight: 1 },
      { pattern: 'data.paths', weight: 2 },
      { pattern: 'sharded_checkpointer', weight: 3 },
      { pattern: 'fsdp.sharding_strategy', weight: 1 },
    ],
  },
  yamlLoader: { library: 'OmegaConf (olmo TrainConfig.load)', dotlessExponent: 'float', source: 'OLMo olmo/config.py BaseConfig.load: OmegaConf' },
  run: {
    microBatchSize: ['device_train_microbatch_size'],
    globalBatchSize: ['global_train_batch_size'],
    seqLen: ['model.max_sequence_length'],
    // `stop_at` (a step) ends a run whose `max_duration` is in epochs or tokens (olmo/config.py TrainConfig.stop_at).
    steps: [{ key: 'max_duration', unit: 'duration' }, 'stop_at'],
    // `scheduler.units: tokens` makes t_warmup/t_max token counts (olmo/config.py SchedulerUnits).
    warmupSteps: [{ key: 'scheduler.t_warmup', unitWhen: { sibling: 'units', value: 'tokens', unit: 'tokens' } }],
    schedule: ['scheduler.name'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['name'],
      defaultName: 'lionw',
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        adamw: { kind: 'adamw', implementation: 'torch.optim.AdamW', weightDecaySemantics: 'lr' },
        lionw: { ...LION, implementation: 'olmo.optim.LionW', defaults: {} },
        '*': { kind: null, implementation: 'OLMo optimizer (by name)', weightDecaySemantics: 'lr' },
      },
    },
  ],
  defaults: DEFAULTS,
  batch: {},
  fp16Keys: ['precision'],
  schedules: { cosine_with_warmup: 'cosine', linear_with_warmup: 'linear', inverse_sqrt_with_warmup: 'inverse-sqrt', constant: 'constant', cosine_linear_envelope: 'cosine' },
};
export default olmo;
