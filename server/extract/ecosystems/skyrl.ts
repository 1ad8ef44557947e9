/**
 * SkyRL (NovaSky-AI/SkyRL): RL post-training launched as `uv run ... -m skyrl.train.entrypoints.main_base` with
 * dotted `key=value` overrides of its config (`trainer.policy.optimizer_config.lr=1.0e-6`), also written as YAML by
 * older releases (skyrl_train/config/ppo_base_config.yaml). The policy's optimizer is `torch.optim.AdamW(lr,
 * betas=adam_betas, weight_decay)` with a transformers `get_scheduler(scheduler, num_warmup_steps)`.
 *
 * The batch is counted in prompts: `trainer.policy_mini_batch_size` is the global mini batch, one optimizer step
 * each; `trainer.train_batch_size` is the prompts per dataloader step (several optimizer steps), and
 * `trainer.micro_train_batch_size_per_gpu` the per-GPU micro batch the mini batch is accumulated from.
 * Sources: NovaSky-AI/SkyRL@a9564572eb8e skyrl/train/config/config.py (OptimizerConfig: lr 1e-6, adam_betas
 * [0.9, 0.999], weight_decay 1e-2, num_warmup_steps 0, scheduler constant_with_warmup; TrainerConfig batch
 * docstrings) and skyrl/backends/skyrl_train/distributed/fsdp_strategy.py (optim.AdamW, get_scheduler).
 */
import type { EcosystemTable } from './types';

const CONFIG = 'NovaSky-AI/SkyRL@a9564572eb8e skyrl/train/config/config.py OptimizerConfig';
const POLICY = 'trainer.policy.optimizer_config';

export const skyrl: EcosystemTable = {
  id: 'skyrl',
  displayName: 'SkyRL',
  formats: ['shell', 'yaml'],
  detect: {
    keys: [
      { pattern: `${POLICY}.lr`, weight: 3 },
      { pattern: 'trainer.policy_mini_batch_size', weight: 3 },
      { pattern: 'trainer.micro_train_batch_size_per_gpu', weight: 3 },
      { pattern: 'trainer.placement.colocate_all', weight: 2 },
      { pattern: 'generator.inference_engine.backend', weight: 2 },
      { pattern: 'generator.n_samples_per_prompt', weight: 1 },
    ],
  },
  run: {
    microBatchSize: ['trainer.micro_train_batch_size_per_gpu'],
    globalBatchSize: ['trainer.policy_mini_batch_size'],
    warmupSteps: [`${POLICY}.num_warmup_steps`],
    schedule: [`${POLICY}.scheduler`],
  },
  optimizers: [
    {
      at: POLICY,
      nameKeys: [],
      defaultName: 'AdamW',
      hyperparameters: {
        lr: ['lr'],
        beta1: [{ key: 'adam_betas', index: 0 }],
        beta2: [{ key: 'adam_betas', index: 1 }],
        weightDecay: ['weight_decay'],
      },
      names: {
        AdamW: { kind: 'adamw', implementation: 'torch.optim.AdamW (SkyRL fsdp_strategy.py)', weightDecaySemantics: 'lr' },
      },
      appliesTo: 'the policy',
    },
  ],
  defaults: {
    beta1: { value: 0.9, from: `${CONFIG}: adam_betas [0.9, 0.999]` },
    beta2: { value: 0.999, from: `${CONFIG}: adam_betas [0.9, 0.999]` },
    eps: { value: 1e-8, from: 'torch.optim.AdamW(eps=1e-8): SkyRL passes no eps' },
    weightDecay: { value: 0.01, from: `${CONFIG}: weight_decay 1e-2` },
    warmupSteps: { value: 0, from: `${CONFIG}: num_warmup_steps 0` },
    schedule: { value: 'constant_with_warmup', from: `${CONFIG}: scheduler constant_with_warmup` },
  },
  notRoles: [
    {
      key: 'trainer.train_batch_size',
      reason: 'the prompts per dataloader step, split into trainer.policy_mini_batch_size optimizer steps',
      source: 'NovaSky-AI/SkyRL@a9564572eb8e skyrl/train/config/config.py: train_batch_size docstring',
    },
    {
      key: 'trainer.micro_forward_batch_size_per_gpu',
      reason: 'the micro batch of forward-only passes (log-probabilities, values), not of the optimizer step',
      source: 'NovaSky-AI/SkyRL@a9564572eb8e skyrl/train/config/config.py: micro_forward_batch_size_per_gpu docstring',
    },
  ],
  batch: { globalUnit: 'prompts' },
  schedules: {
    constant_with_warmup: 'constant', constant: 'constant', cosine: 'cosine', cosine_with_min_lr: 'cosine',
    linear: 'linear',
  },
};
export default skyrl;
