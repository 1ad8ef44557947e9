/**
 * ColossalAI launch scripts (`colossalai run ... train_sft.py` or torchrun), chiefly ColossalChat's training scripts
 * (`train_sft.py`, `train_dpo.py`, `train_ppo.py`, `train_grpo.py`): `--plugin` picks the Booster plugin (zero2,
 * gemini, 3d), `--batch_size` (SFT, DPO) or `--train_batch_size` (PPO, GRPO) is the batch per device,
 * `--accumulation_steps` the accumulation; the global batch is that × accumulation × the devices in the hostfile.
 * Every script builds `HybridAdam(lr=args.lr, betas=(0.9, 0.95), weight_decay=args.weight_decay, adamw_mode=True)`
 * (decoupled decay, as AdamW) and a `CosineAnnealingWarmupLR`; the betas are fixed in the script, ε is HybridAdam's.
 * `--max_len` / `--max_length` is the training sequence length; GRPO's `--max_seq_len` is the prompt's share of it.
 * The learning rate and accumulation defaults differ between scripts, so none is given.
 * In Python, ColossalAI's own Adam classes (`HybridAdam`, `CPUAdam`, `FusedAdam` from colossalai.nn.optimizer) take
 * torch's keywords with torch Adam's defaults and decay decoupled unless `adamw_mode=False` (then L2 in the gradient).
 * Sources: hpcaitech/ColossalAI@4f9953be335e applications/ColossalChat/examples/training_scripts/train_sft.py
 * (HybridAdam(..., betas=(0.9, 0.95), adamw_mode=True); --weight_decay default=0.1; --batch_size default=4),
 * colossalai/nn/optimizer/hybrid_adam.py, cpu_adam.py, fused_adam.py (lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
 * weight_decay=0, adamw_mode=True).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const SCRIPT = 'ColossalAI applications/ColossalChat/examples/training_scripts/train_sft.py (hpcaitech/ColossalAI@4f9953be335e)';
const HYBRID = 'ColossalAI colossalai/nn/optimizer/hybrid_adam.py HybridAdam (hpcaitech/ColossalAI@4f9953be335e)';

/** ColossalAI's Adam classes in Python: torch Adam's defaults, decoupled decay unless `adamw_mode=False`. */
function colossalAdam(cls: string, file: string): OptimizerInfo {
  const from = `ColossalAI colossalai/nn/optimizer/${file} ${cls} (hpcaitech/ColossalAI@4f9953be335e)`;
  const defaults: Defaults = {
    lr: { value: 1e-3, from: `${from}: lr=1e-3` },
    beta1: { value: 0.9, from: `${from}: betas=(0.9, 0.999)` },
    beta2: { value: 0.999, from: `${from}: betas=(0.9, 0.999)` },
    eps: { value: 1e-8, from: `${from}: eps=1e-8` },
    weightDecay: { value: 0, from: `${from}: weight_decay=0` },
  };
  return {
    kind: 'adamw',
    implementation: `colossalai.nn.optimizer.${cls} (adamw_mode=True)`,
    weightDecaySemantics: 'lr',
    defaults,
    modeSwitch: {
      key: 'adamw_mode',
      whenFalse: { kind: 'adam', implementation: `colossalai.nn.optimizer.${cls} (adamw_mode=False: L2 in the gradient)`,
        weightDecaySemantics: 'coupled-l2', decoupledName: 'adamw_mode=True' },
    },
  };
}
export const COLOSSAL_ADAM_NAMES: Record<string, OptimizerInfo> = {
  HybridAdam: colossalAdam('HybridAdam', 'hybrid_adam.py'),
  CPUAdam: colossalAdam('CPUAdam', 'cpu_adam.py'),
  FusedAdam: colossalAdam('FusedAdam', 'fused_adam.py'),
};

export const colossalai: EcosystemTable = {
  id: 'colossalai',
  displayName: 'ColossalAI (ColossalChat)',
  formats: ['shell', 'python'],
  detect: {
    callees: [
      { name: 'colossalai.nn.optimizer.HybridAdam', weight: 4 },
      { name: 'colossalai.nn.optimizer.CPUAdam', weight: 4 },
      { name: 'colossalai.nn.optimizer.FusedAdam', weight: 4 },
      { name: 'colossalai.booster.Booster', weight: 2 },
    ],
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
        // The scripts' own betas and decay default; the schedule every script builds.
        HybridAdam: {
          kind: 'adamw',
          implementation: 'colossalai.nn.optimizer.HybridAdam (adamw_mode=True)',
          weightDecaySemantics: 'lr',
          defaults: {
            beta1: { value: 0.9, from: `${SCRIPT}: HybridAdam(betas=(0.9, 0.95))` },
            beta2: { value: 0.95, from: `${SCRIPT}: HybridAdam(betas=(0.9, 0.95))` },
            eps: { value: 1e-8, from: `${HYBRID}: eps=1e-8` },
            weightDecay: { value: 0.1, from: `${SCRIPT}: --weight_decay default=0.1` },
            schedule: { value: 'CosineAnnealingWarmupLR', from: `${SCRIPT}: lr_scheduler = CosineAnnealingWarmupLR(...)` },
          },
        },
        '*': unmodelled('ColossalAI optimizer'),
      },
    },
    {
      at: '',
      callees: Object.keys(COLOSSAL_ADAM_NAMES),
      nameKeys: [],
      hyperparameters: {
        lr: ['lr', '1'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: { ...COLOSSAL_ADAM_NAMES, '*': unmodelled('ColossalAI optimizer') },
    },
  ],
  defaults: {},
  batch: {},
  fp16Keys: ['mixed_precision'],
  schedules: { CosineAnnealingWarmupLR: 'cosine' },
};
export default colossalai;
