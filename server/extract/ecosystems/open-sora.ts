/**
 * Open-Sora (hpcaitech/Open-Sora): video and image diffusion trained on ColossalAI, configured by a Python file of
 * module-level settings (mmengine style) that `scripts/diffusion/train.py` reads as `cfg`. The optimizer is the dict
 * `optim = dict(cls="HybridAdam", lr=..., eps=..., weight_decay=..., adamw_mode=True)`: `create_optimizer` pops `cls`
 * and passes the rest to ColossalAI's HybridAdam, so HybridAdam's own defaults hold (betas (0.9, 0.999)), not
 * ColossalChat's scripts' (0.95). `warmup_steps` feeds a LinearWarmupLR, `accumulation_steps` the accumulation; the
 * batch per device is set per resolution bucket (`bucket_config`: keep probability and batch size), so no single
 * batch is read from it.
 * Sources: hpcaitech/Open-Sora@7ad6a96a135f opensora/utils/optimizer.py (create_optimizer: cls HybridAdam;
 * create_lr_scheduler: LinearWarmupLR(initial_lr=1e-6, warmup_steps)), scripts/diffusion/train.py:239-246, 355
 * (create_optimizer(model, cfg.optim), warmup_steps, accumulation_steps), configs/diffusion/train/*.py.
 */
import type { EcosystemTable } from './types';
import { COLOSSAL_ADAM_NAMES } from './colossalai';
import { unmodelled } from './optimizer-names';

export const openSora: EcosystemTable = {
  id: 'open-sora',
  displayName: 'Open-Sora',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'optim.cls', weight: 3 },
      { pattern: 'bucket_config', weight: 3 },
      { pattern: 'update_warmup_steps', weight: 3 },
      { pattern: 'grad_ckpt_settings', weight: 2 },
      { pattern: 'is_causal_vae', weight: 2 },
      { pattern: 'ae.from_pretrained', weight: 1 },
    ],
    layersOver: ['colossalai'],
  },
  run: {
    gradAccum: ['accumulation_steps'],
    warmupSteps: ['warmup_steps'],
  },
  optimizers: [
    {
      at: 'optim',
      nameKeys: ['cls'],
      defaultName: 'HybridAdam',
      hyperparameters: {
        lr: ['lr'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: { ...COLOSSAL_ADAM_NAMES, '*': unmodelled('Open-Sora optimizer (create_optimizer knows HybridAdam only)') },
    },
  ],
  defaults: {},
  notRoles: [
    {
      key: '*.max_length',
      reason: 'the text encoder\'s token limit (t5, clip), not the length of the trained sequence',
      source: 'hpcaitech/Open-Sora@7ad6a96a135f configs/diffusion/train/image.py t5 / clip text_embedder',
    },
  ],
  batch: {},
};
export default openSora;
