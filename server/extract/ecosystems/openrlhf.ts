/**
 * OpenRLHF launch scripts (`deepspeed --module openrlhf.cli.train_sft ...`, often inside a here-document
 * read into a variable): argparse flags of openrlhf/cli/train_{sft,dpo,rm,ppo}.py. The optimizer is built by
 * the DeepSpeed strategy as FusedAdam in AdamW mode (DeepSpeedCPUAdam with `--adam_offload`), with
 * `betas=args.adam_betas` and `weight_decay=args.l2`: decoupled decay p·(1 − lr·λ). For PPO the actor's
 * learning rate is `--actor_learning_rate` (the critic's, `--critic_learning_rate`, is not reported here).
 * Defaults: OpenRLHF openrlhf/cli/train_sft.py and train_dpo.py argparse definitions (0.5–0.8):
 * --adam_betas 0.9 0.95, --l2 0, --lr_scheduler cosine_with_min_lr; eps is FusedAdam's 1e-8.
 */
import type { EcosystemTable } from './types';

const CLI = 'OpenRLHF openrlhf/cli/train_sft.py argparse defaults';

export const openrlhf: EcosystemTable = {
  id: 'openrlhf',
  displayName: 'OpenRLHF',
  formats: ['shell'],
  detect: {
    keys: [
      { pattern: '--micro_train_batch_size', weight: 3 },
      { pattern: '--actor_learning_rate', weight: 3 },
      { pattern: '--adam_offload', weight: 2 },
      { pattern: '--l2', weight: 2 },
      { pattern: '--lr_warmup_ratio', weight: 1 },
      { pattern: '--apply_chat_template', weight: 1 },
      { pattern: '--zero_stage', weight: 1 },
      { pattern: '--max_len', weight: 1 },
      { pattern: '--train_batch_size', weight: 1 },
      // Dotted flags of newer releases (OpenRLHF/OpenRLHF@3c3be6234e0c examples/scripts/train_sft.sh).
      { pattern: '--train.micro_batch_size', weight: 3 },
      { pattern: '--adam.lr', weight: 2 },
      { pattern: '--actor.adam.lr', weight: 3 },
      { pattern: '--train.batch_size', weight: 1 },
    ],
    fileNames: ['train_sft*.sh', 'train_dpo*.sh', 'train_ppo*.sh', 'train_rm*.sh'],
  },
  run: {
    microBatchSize: ['--micro_train_batch_size', '--train.micro_batch_size'],
    // `--train.batch_size` is the global batch (OpenRLHF/OpenRLHF@3c3be6234e0c openrlhf/cli/train_sft.py: "Global
    // training batch size").
    globalBatchSize: ['--train_batch_size', '--train.batch_size'],
    seqLen: ['--max_len', '--data.max_len'],
    schedule: ['--lr_scheduler'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'FusedAdam',
      hyperparameters: {
        lr: ['--learning_rate', '--actor_learning_rate'],
        beta1: [{ key: '--adam_betas', index: 0 }],
        beta2: [{ key: '--adam_betas', index: 1 }],
        weightDecay: ['--l2'],
      },
      names: {
        FusedAdam: { kind: 'adamw', implementation: 'deepspeed.ops.adam.FusedAdam (adam_w_mode=True)', weightDecaySemantics: 'lr' },
      },
      appliesTo: 'the trained model (the actor, for PPO)',
    },
  ],
  defaults: {
    beta1: { value: 0.9, from: `${CLI}: --adam_betas 0.9 0.95` },
    beta2: { value: 0.95, from: `${CLI}: --adam_betas 0.9 0.95` },
    eps: { value: 1e-8, from: 'DeepSpeed deepspeed/ops/adam/fused_adam.py: FusedAdam(eps=1e-8)' },
    weightDecay: { value: 0, from: `${CLI}: --l2 0` },
    schedule: { value: 'cosine_with_min_lr', from: `${CLI}: --lr_scheduler cosine_with_min_lr` },
  },
  batch: {},
  fp16Keys: ['--fp16'],
  notRoles: [
    {
      key: '--critic_learning_rate',
      reason: 'no critic is trained: only GAE advantages (--advantage_estimator gae, the default) train one; ' +
        'group_norm (GRPO), reinforce, rloo, reinforce_baseline and dr_grpo build no critic, so this learning rate is unused',
      source: 'OpenRLHF openrlhf/cli/train_ppo_ray.py: if args.advantage_estimator not in ["gae"]: args.critic_pretrain = None',
      unless: { key: '--advantage_estimator', values: ['gae'], default: 'gae' },
    },
  ],
  schedules: { cosine_with_min_lr: 'cosine', cosine: 'cosine', linear: 'linear', constant: 'constant', constant_with_warmup: 'constant' },
};
export default openrlhf;
