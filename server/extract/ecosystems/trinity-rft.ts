/**
 * Trinity-RFT (modelscope/Trinity-RFT): reinforcement fine-tuning with an explorer (vLLM rollouts), a buffer and a
 * trainer (veRL), configured by one YAML file from which the veRL trainer config is generated. `algorithm.optimizer`
 * is the actor's optimizer (veRL's FSDP actor builds torch.optim.AdamW from it, with no ε); the batch is counted in
 * tasks: `buffer.batch_size` prompts per step, each explored `algorithm.repeat_times` times, so
 * `buffer.train_batch_size` = batch_size × repeat_times responses, the actor's ppo_mini_batch_size (one optimizer
 * step per training step).
 * Sources: modelscope/Trinity-RFT@c3d094d trinity/common/config.py (OptimizerConfig: lr 1e-6, betas [0.9, 0.999],
 * weight_decay 0.01, lr_scheduler_type constant; buffer.train_batch_size = buffer.batch_size *
 * algorithm.repeat_times) and trinity/common/verl_config.py (actor ppo_mini_batch_size = buffer.train_batch_size).
 */
import type { EcosystemTable } from './types';

const CONFIG = 'modelscope/Trinity-RFT@c3d094d trinity/common/config.py OptimizerConfig';
const OPTIMIZER = 'algorithm.optimizer';

export const trinityRft: EcosystemTable = {
  id: 'trinity-rft',
  displayName: 'Trinity-RFT',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'synchronizer.sync_method', weight: 3 },
      { pattern: 'synchronizer.sync_interval', weight: 2 },
      { pattern: 'algorithm.repeat_times', weight: 3 },
      { pattern: 'explorer.rollout_model.engine_num', weight: 3 },
      { pattern: 'buffer.explorer_input.taskset.name', weight: 2 },
      { pattern: 'buffer.trainer_input.experience_buffer.name', weight: 3 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (Trinity-RFT configs)',
    dotlessExponent: 'float',
    source: 'modelscope/Trinity-RFT@c3d094d examples write ${oc.env:TRINITY_CHECKPOINT_ROOT_DIR,./checkpoints}, ' +
      "OmegaConf's resolver; omry/omegaconf get_yaml_loader adds a float resolver without the dot",
  },
  run: {
    globalBatchSize: ['buffer.batch_size'],
    steps: ['buffer.total_steps', 'trainer.total_steps'],
    schedule: [`${OPTIMIZER}.lr_scheduler_type`, `${OPTIMIZER}.warmup_style`],
  },
  optimizers: [
    {
      at: OPTIMIZER,
      nameKeys: ['optimizer_type'],
      defaultName: 'adam',
      hyperparameters: {
        lr: ['lr'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        weightDecay: ['weight_decay'],
      },
      names: {
        adam: { kind: 'adamw', implementation: "torch.optim.AdamW (veRL's FSDP actor)", weightDecaySemantics: 'lr' },
        '*': { kind: null, implementation: 'the veRL actor optimizer', weightDecaySemantics: 'lr' },
      },
      appliesTo: 'the policy',
    },
  ],
  defaults: {
    lr: { value: 1e-6, from: `${CONFIG}: lr 1e-6` },
    beta1: { value: 0.9, from: `${CONFIG}: betas [0.9, 0.999]` },
    beta2: { value: 0.999, from: `${CONFIG}: betas [0.9, 0.999]` },
    eps: { value: 1e-8, from: "torch.optim.AdamW(eps=1e-8): veRL's FSDP actor passes no eps" },
    weightDecay: { value: 0.01, from: `${CONFIG}: weight_decay 0.01` },
    schedule: { value: 'constant', from: `${CONFIG}: lr_scheduler_type constant` },
  },
  batch: { globalUnit: 'prompts' },
  schedules: { constant: 'constant', cosine: 'cosine' },
};
export default trinityRft;
