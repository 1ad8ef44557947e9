/**
 * EasyR1 (a veRL fork) RL configs: a YAML file (`examples/config.yaml`) and the `python3 -m verl.trainer.main
 * config=... worker.actor.optim.lr=...` launches that override it with OmegaConf dotted keys. The actor's (and a
 * critic's) `optim` block names its optimizer by `strategy`: `adamw` builds `torch.optim.AdamW(lr, betas,
 * weight_decay, fused=True)`, `adamw_bf16` EasyR1's AnyPrecisionAdamW, an AdamW (p ← p·(1 − lr·λ)) whose moments are
 * kept in bf16; `OptimConfig`'s own defaults hold for what the file leaves out (lr 1e-6, betas (0.9, 0.999),
 * weight decay 1e-2, constant schedule). `micro_batch_size_per_device_for_update` is the micro batch of an update on
 * one device; `micro_batch_size_per_device_for_experience` only computes log-probabilities.
 * Sources: hiyouga/EasyR1@b44b311 verl/workers/actor/config.py (OptimConfig, ActorConfig), verl/workers/fsdp_workers.py
 * (_build_model_optimizer: the strategy branches; global_batch_size × rollout.n, split per device),
 * verl/utils/torch_functional.py (AnyPrecisionAdamW: eps 1e-8, `p.data.mul_(1 - lr * weight_decay)`).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAMW, unmodelled } from './optimizer-names';

const OPTIM = 'hiyouga/EasyR1@b44b311 verl/workers/actor/config.py OptimConfig';
const ANY_PRECISION = 'hiyouga/EasyR1@b44b311 verl/utils/torch_functional.py AnyPrecisionAdamW';

/** What OptimConfig passes to either optimizer when the file is silent. */
const OPTIM_DEFAULTS: Defaults = {
  lr: { value: 1e-6, from: `${OPTIM}: lr=1e-6` },
  beta1: { value: 0.9, from: `${OPTIM}: betas=(0.9, 0.999)` },
  beta2: { value: 0.999, from: `${OPTIM}: betas=(0.9, 0.999)` },
  weightDecay: { value: 1e-2, from: `${OPTIM}: weight_decay=1e-2` },
};

const NAMES: Record<string, OptimizerInfo> = {
  adamw: { ...TORCH_ADAMW, defaults: { ...TORCH_ADAMW.defaults, ...OPTIM_DEFAULTS } },
  adamw_bf16: {
    kind: 'adamw', implementation: 'EasyR1 AnyPrecisionAdamW (bf16 moments)', weightDecaySemantics: 'lr',
    defaults: { ...OPTIM_DEFAULTS, eps: { value: 1e-8, from: `${ANY_PRECISION}: eps=1e-8` } },
    note: 'EasyR1 keeps AdamW\'s moments in bfloat16 (AnyPrecisionAdamW, with Kahan-summed weight updates).',
  },
  '*': unmodelled('EasyR1 optimizer strategy'),
};

export const easyr1: EcosystemTable = {
  id: 'easyr1',
  displayName: 'EasyR1',
  formats: ['yaml', 'shell'],
  detect: {
    keys: [
      { pattern: 'worker.actor.optim', weight: 3 },
      { pattern: 'worker.actor.global_batch_size', weight: 2 },
      { pattern: 'worker.actor.micro_batch_size_per_device_for_update', weight: 3 },
      { pattern: 'worker.rollout', weight: 1 },
      { pattern: 'data.rollout_batch_size', weight: 2 },
    ],
  },
  run: {
    microBatchSize: ['worker.actor.micro_batch_size_per_device_for_update'],
    schedule: ['worker.actor.optim.lr_scheduler_type'],
  },
  optimizers: [
    {
      at: 'worker.*.optim', nameKeys: ['strategy'], defaultName: 'adamw',
      hyperparameters: {
        lr: ['lr'], beta1: [{ key: 'betas', index: 0 }], beta2: [{ key: 'betas', index: 1 }],
        weightDecay: ['weight_decay'],
      },
      names: NAMES,
    },
  ],
  notRoles: [
    { key: 'worker.actor.micro_batch_size_per_device_for_experience', reason: 'the batch that computes log-probabilities',
      source: 'hiyouga/EasyR1@b44b311 verl/workers/actor/config.py ActorConfig' },
  ],
  defaults: { schedule: { value: 'constant', from: `${OPTIM}: lr_scheduler_type="constant"` } },
  batch: {},
};
export default easyr1;
