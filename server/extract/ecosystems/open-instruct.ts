/**
 * open-instruct's RL trainer launched from shell (`uv run open_instruct/grpo_fast.py --learning_rate ...`): argparse
 * flags of its Args dataclass. The optimizer is `torch.optim.AdamW(optim_params, lr=args.learning_rate, fused=...)`
 * with torch's betas and ε. The run is sized in episodes (responses): `--total_episodes`, of which each step takes
 * `--num_unique_prompts_rollout` × `--num_samples_per_prompt_rollout` (num_training_steps = total_episodes //
 * (prompts × samples per prompt)).
 * Source: allenai/open-instruct@e6c3044 open_instruct/grpo_fast.py:375 (the optimizer), :1032 (the steps).
 */
import type { EcosystemTable } from './types';

const GRPO = 'allenai/open-instruct@e6c3044 open_instruct/grpo_fast.py';
const ADAMW = `${GRPO}:375: torch.optim.AdamW(optim_params, lr=args.learning_rate, fused=...), torch's defaults`;

export const openInstruct: EcosystemTable = {
  id: 'open-instruct',
  displayName: 'open-instruct',
  formats: ['shell'],
  detect: {
    keys: [
      { pattern: '--num_samples_per_prompt_rollout', weight: 3 },
      { pattern: '--num_unique_prompts_rollout', weight: 3 },
      { pattern: '--total_episodes', weight: 1 },
    ],
  },
  run: {
    microBatchSize: ['--per_device_train_batch_size'],
    gradAccum: ['--gradient_accumulation_steps'],
    seqLen: ['--pack_length'],
    // Episodes (responses), not optimizer steps (`${GRPO}:1032`).
    steps: [{ key: '--total_episodes', unit: 'samples' }],
    warmupSteps: ['--warm_up_steps', '--warmup_steps'],
    schedule: ['--lr_scheduler_type'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'AdamW',
      hyperparameters: { lr: ['--learning_rate'], weightDecay: ['--weight_decay'] },
      names: { AdamW: { kind: 'adamw', implementation: 'torch.optim.AdamW', weightDecaySemantics: 'lr' } },
    },
  ],
  defaults: {
    beta1: { value: 0.9, from: ADAMW },
    beta2: { value: 0.999, from: ADAMW },
    eps: { value: 1e-8, from: ADAMW },
  },
  batch: {},
  schedules: { linear: 'linear', constant: 'constant', cosine: 'cosine', constant_with_warmup: 'constant' },
};
export default openInstruct;
