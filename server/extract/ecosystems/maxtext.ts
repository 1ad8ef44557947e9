/**
 * MaxText: flat YAML keys layered on `base.yml` (a model file overrides a few). Defaults:
 * AI-Hypercomputer/maxtext@e591f30c src/maxtext/configs/base.yml. Read by pyconfig with `yaml.safe_load`,
 * which is why base.yml writes `3.e-5` with a dot.
 */
import type { Defaults, EcosystemTable } from './types';

const SOURCE = 'MaxText src/maxtext/configs/base.yml @e591f30c';
/** Post-training RL (Tunix GRPO): configs/post_train/rl.yml is layered over base.yml and trained by train_rl.py. */
const RL = 'MaxText src/maxtext/trainers/post_train/rl @e591f30c';

const DEFAULTS: Defaults = {
  lr: { value: 3e-5, from: `${SOURCE}: learning_rate: 3.e-5` },
  beta1: { value: 0.9, from: `${SOURCE}: adam_b1: 0.9` },
  beta2: { value: 0.95, from: `${SOURCE}: adam_b2: 0.95` },
  eps: { value: 1e-8, from: `${SOURCE}: adam_eps: 1.e-8` },
  weightDecay: { value: 0.1, from: `${SOURCE}: adam_weight_decay: 0.1` },
  microBatchSize: { value: 12.0, from: `${SOURCE}: per_device_batch_size: 12.0` },
  gradAccum: { value: 1, from: `${SOURCE}: gradient_accumulation_steps: 1` },
  seqLen: { value: 2048, from: `${SOURCE}: max_target_length: 2048` },
  steps: { value: 150001, from: `${SOURCE}: steps: 150_001` },
  warmupSteps: { value: 0.1, unit: 'fraction', from: `${SOURCE}: warmup_steps_fraction: 0.1` },
  schedule: { value: 'cosine', from: `${SOURCE}: learning_rate_schedule: warmup then cosine to cosine_learning_rate_final_fraction` },
};

export const maxtext: EcosystemTable = {
  id: 'maxtext',
  displayName: 'MaxText',
  // Launch scripts (MaxText/configs/*/*.sh) pass the same keys as `key=value` overrides to train.py.
  formats: ['yaml', 'shell'],
  detect: {
    keys: [
      { pattern: 'base_output_directory', weight: 3 },
      { pattern: 'ici_fsdp_parallelism', weight: 3 },
      { pattern: 'remat_policy', weight: 2 },
      { pattern: 'base_emb_dim', weight: 3 },
      { pattern: 'base_num_decoder_layers', weight: 3 },
      { pattern: 'base_mlp_dim', weight: 2 },
      { pattern: 'per_device_batch_size', weight: 3 },
      { pattern: 'ici_data_parallelism', weight: 3 },
      { pattern: 'dcn_data_parallelism', weight: 3 },
      { pattern: 'opt_type', weight: 2 },
      { pattern: 'adam_b1', weight: 2 },
      { pattern: 'decoder_block', weight: 2 },
      { pattern: 'max_target_length', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML yaml.safe_load (MaxText pyconfig)', dotlessExponent: 'string', source: 'MaxText pyconfig.py reads YAML with yaml.safe_load; base.yml writes 3.e-5 with a dot' },
  run: {
    lr: ['learning_rate'],
    microBatchSize: ['per_device_batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    seqLen: ['max_target_length'],
    // RL: the run is max_train_steps = num_batches x num_iterations x train_fraction x num_epoch (utils_rl.py
    // get_optimizer), num_batches batches of batch_size prompts (train_rl.py batches the dataset by batch_size and
    // passes it as the trainer's mini_batch_size); only rl.yml writes num_batches and batch_size.
    steps: ['steps', { key: 'num_batches', times: 'num_epoch' }, 'num_batches'],
    globalBatchSize: ['batch_size'],
    warmupSteps: [{ key: 'warmup_steps_fraction', unit: 'fraction' }],
  },
  // The warmup is warmup_steps_fraction of learning_rate_schedule_steps (-1, the default, is `steps`): maxtext_utils.py
  // create_learning_rate_schedule, `warmup_steps = int(config.learning_rate_schedule_steps *
  // config.warmup_steps_fraction)` (AI-Hypercomputer/maxtext@e591f30c src/maxtext/utils/maxtext_utils.py).
  warmupFractionOf: ['learning_rate_schedule_steps'],
  notRoles: [
    {
      key: 'rl.num_iterations',
      reason: "GRPO's μ: policy updates on each batch, which multiplies num_batches into the run length",
      source: `${RL}/utils_rl.py get_optimizer (max_train_steps = num_batches * num_iterations * ...); rl.yml`,
    },
  ],
  optimizers: [
    {
      at: '',
      nameKeys: ['opt_type'],
      defaultName: 'adamw',
      hyperparameters: {
        beta1: ['adam_b1'],
        beta2: ['adam_b2'],
        eps: ['adam_eps'],
        weightDecay: ['adam_weight_decay'],
      },
      names: {
        adamw: { kind: 'adamw', implementation: 'optax.adamw', weightDecaySemantics: 'lr' },
        adam_pax: { kind: 'adamw', implementation: 'MaxText adam_pax (Praxis-style Adam, decoupled decay)', weightDecaySemantics: 'lr' },
        sgd: { kind: 'sgd', implementation: 'optax.sgd', weightDecaySemantics: 'coupled-l2' },
        muon: { kind: 'muon', implementation: 'MaxText muon (optax contrib)', weightDecaySemantics: 'lr' },
        '*': { kind: null, implementation: 'MaxText optimizer (by opt_type)', weightDecaySemantics: 'lr' },
      },
    },
  ],
  defaults: DEFAULTS,
  // RL's batch_size counts prompts, each sampled rl.num_generations times (train_rl.py mini_batch_size=batch_size).
  batch: { globalUnit: 'prompts' },
  schedules: {},
};
export default maxtext;
