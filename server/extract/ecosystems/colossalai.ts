/**
 * ColossalAI launch scripts (`colossalai run ... train_sft.py` or torchrun), chiefly ColossalChat's training scripts
 * (`train_sft.py`, `train_dpo.py`, `train_ppo.py`, `train_grpo.py`): `--plugin` picks the Booster plugin (zero2,
 * gemini, 3d), `--batch_size` (SFT, DPO) or `--train_batch_size` (PPO, GRPO) is the batch per device,
 * `--accumulation_steps` the accumulation; the global batch is that × accumulation × the devices in the hostfile.
 * Every script builds `HybridAdam(lr=args.lr, betas=(0.9, 0.95), weight_decay=args.weight_decay, adamw_mode=True)`
 * (decoupled decay, as AdamW) and a `CosineAnnealingWarmupLR`; the betas are fixed in the script, ε is HybridAdam's.
 * `--max_len` / `--max_length` is the training sequence length; GRPO's `--max_seq_len` is the prompt's share of it.
 * The learning rate and accumulation defaults differ between scripts, so none is given.
 * Sources: hpcaitech/ColossalAI@4f9953be335e applications/ColossalChat/examples/training_scripts/train_sft.py
 * (HybridAdam(..., betas=(0.9, 0.95), adamw_mode=True); --weight_decay default=0.1; --batch_size default=4),
 * colossalai/nn/optimizer/hybrid_adam.py (HybridAdam: eps=1e-8, adamw_mode=True).
 */
import type { EcosystemTable } from './types';
import { unmodelled } from './optimizer-names';

const SCRIPT = 'ColossalAI applications/ColossalChat/examples/training_scripts/train_sft.py (hpcaitech/ColossalAI@4f9953be335e)';
const HYBRID = 'ColossalAI colossalai/nn/optimizer/hybrid_adam.py HybridAdam (hpcaitech/ColossalAI@4f9953be335e)';

export const colossalai: EcosystemTable = {
  id: 'colossalai',
  displayName: 'ColossalAI (ColossalChat)',
  formats: ['shell'],
  detect: {
    keys: [
      { pattern: 'plugin', weight: 2 },
      { pattern: 'accumulation_steps', weight: 2 },
      { pattern: 'grad_checkpoint', weight: 2 },
      { pattern: 'experience_batch_size', weight: 2 },
      { pattern: 'use_flash_attn', weight: 1 },
      { pattern: 'mixed_precision', weight: 1 },
      { pattern: 'pretrain', weight: 1 },
    ],
  },
  run: {
    microBatchSize: ['batch_size', 'train_batch_size', 'batch_size_per_device'],
    gradAccum: ['accumulation_steps'],
    seqLen: ['max_len', 'max_length'],
    warmupSteps: ['warmup_steps'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'HybridAdam',
      hyperparameters: { lr: ['lr'], weightDecay: ['weight_decay'] },
      names: {
        HybridAdam: {
          kind: 'adamw',
          implementation: 'colossalai.nn.optimizer.HybridAdam (adamw_mode=True)',
          weightDecaySemantics: 'lr',
          defaults: {
            beta1: { value: 0.9, from: `${SCRIPT}: HybridAdam(betas=(0.9, 0.95))` },
            beta2: { value: 0.95, from: `${SCRIPT}: HybridAdam(betas=(0.9, 0.95))` },
            eps: { value: 1e-8, from: `${HYBRID}: eps=1e-8` },
            weightDecay: { value: 0.1, from: `${SCRIPT}: --weight_decay default=0.1` },
          },
        },
        '*': unmodelled('ColossalAI optimizer'),
      },
    },
  ],
  defaults: {
    schedule: { value: 'CosineAnnealingWarmupLR', from: `${SCRIPT}: lr_scheduler = CosineAnnealingWarmupLR(...)` },
  },
  batch: {},
  fp16Keys: ['mixed_precision'],
  schedules: { CosineAnnealingWarmupLR: 'cosine' },
};
export default colossalai;
