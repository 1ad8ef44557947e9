/**
 * Levanter and Marin YAML (draccus dataclasses): `optimizer` is an `OptimizerConfig` chosen by `type` (default
 * `adam`), `trainer.train_batch_size` is the global batch, `trainer.num_train_steps` the run, `model.seq_len` the
 * sequence length. `optimizer.warmup` is a fraction of the run up to 1 and a step count above.
 * Adam is optax's scale_by_adam, then add_decayed_weights(weight_decay), then scale(-learning_rate): decoupled
 * decay multiplied by the learning rate, as torch AdamW.
 * Sources: stanford-crfm/levanter@9263f81e8b45 src/levanter/optim/config.py (OptimizerConfig: learning_rate=6e-4,
 * weight_decay=0.1, min_lr_ratio=0.1, warmup=0.01, lr_schedule="cosine", default_choice_name "adam"; AdamConfig:
 * beta1=0.9, beta2=0.95, epsilon=1e-8; _convert_frac_or_steps), src/levanter/trainer.py (TrainerConfig:
 * train_batch_size=512, num_train_steps=400_000).
 */
import type { DefaultValue, EcosystemTable } from './types';
import { unmodelled } from './optimizer-names';

const OPTIM = 'levanter src/levanter/optim/config.py (stanford-crfm/levanter@9263f81e8b45)';
const TRAINER = 'levanter src/levanter/trainer.py TrainerConfig (stanford-crfm/levanter@9263f81e8b45)';
const of = (value: number | string, from: string): DefaultValue => ({ value, from });

export const levanter: EcosystemTable = {
  id: 'levanter',
  displayName: 'Levanter / Marin',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'trainer.train_batch_size', weight: 2 },
      { pattern: 'trainer.num_train_steps', weight: 2 },
      { pattern: 'trainer.per_device_parallelism', weight: 3 },
      { pattern: 'trainer.tensor_parallel_axes', weight: 3 },
      { pattern: 'trainer.fsdp_axis', weight: 3 },
      { pattern: 'trainer.mp', weight: 2 },
      { pattern: 'trainer.steps_per_eval', weight: 2 },
      { pattern: 'optimizer.min_lr_ratio', weight: 2 },
      { pattern: 'initialize_from_hf', weight: 2 },
      { pattern: 'use_hf_model_config', weight: 2 },
      { pattern: 'hf_save_steps', weight: 2 },
    ],
  },
  run: {
    globalBatchSize: ['trainer.train_batch_size'],
    steps: ['trainer.num_train_steps'],
    seqLen: ['model.seq_len', 'max_seq_len'],
    warmupSteps: [{ key: 'optimizer.warmup', unit: 'fraction-or-steps' }],
    schedule: ['optimizer.lr_schedule'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['type'],
      defaultName: 'adam',
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: ['beta1'],
        beta2: ['beta2'],
        eps: ['epsilon'],
        weightDecay: ['weight_decay'],
        momentum: ['momentum'],
      },
      names: {
        adam: {
          kind: 'adamw',
          implementation: 'optax scale_by_adam + add_decayed_weights (Levanter AdamConfig)',
          weightDecaySemantics: 'lr',
          defaults: {
            beta1: of(0.9, `${OPTIM}: AdamConfig.beta1=0.9`),
            beta2: of(0.95, `${OPTIM}: AdamConfig.beta2=0.95`),
            eps: of(1e-8, `${OPTIM}: AdamConfig.epsilon=1e-8`),
          },
        },
        lion: { kind: 'lion', implementation: 'optax scale_by_lion + add_decayed_weights (Levanter LionConfig)', weightDecaySemantics: 'lr' },
        muon: unmodelled('Levanter MuonConfig (Muon on matrices, Adam on the rest)'),
        '*': unmodelled('Levanter optimizer (by type)'),
      },
    },
  ],
  defaults: {
    lr: of(6e-4, `${OPTIM}: OptimizerConfig.learning_rate=6e-4`),
    weightDecay: of(0.1, `${OPTIM}: OptimizerConfig.weight_decay=0.1`),
    schedule: of('cosine', `${OPTIM}: OptimizerConfig.lr_schedule="cosine"`),
    warmupSteps: { value: 0.01, unit: 'fraction-or-steps', from: `${OPTIM}: OptimizerConfig.warmup=0.01` },
    globalBatchSize: of(512, `${TRAINER}: train_batch_size=512`),
    steps: of(400_000, `${TRAINER}: num_train_steps=400_000`),
  },
  notRoles: [
    { key: 'optimizer.min_lr_ratio', reason: 'the schedule\'s floor as a fraction of the peak learning rate', source: `${OPTIM}: OptimizerConfig.min_lr_ratio` },
  ],
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant', inv_sqrt: 'inverse-sqrt' },
};
export default levanter;
