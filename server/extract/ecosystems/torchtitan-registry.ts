/**
 * torchtitan's Python config registries (`torchtitan/models/<model>/config_registry.py`, which replaced the TOML
 * train configs): functions returning `Trainer.Config(optimizer=default_adamw(lr=...), lr_scheduler=..., training=
 * TrainingConfig(...))`. `default_adamw(lr, **kwargs)` is one catch-all param group of torch AdamW with betas (0.9,
 * 0.95), eps 1e-8 and weight decay 0.1 unless its keywords say otherwise; the other settings are read by their names
 * (roles/vocabulary.ts), each function its own configuration.
 * Source: pytorch/torchtitan@b5bcd76 torchtitan/components/optimizer/optimizer.py:378-399 (default_adamw).
 */
import type { Defaults, EcosystemTable } from './types';
import { TORCH_ADAMW } from './optimizer-names';

const SOURCE = 'pytorch/torchtitan@b5bcd76 torchtitan/components/optimizer/optimizer.py default_adamw';
const DEFAULT_ADAMW: Defaults = {
  beta1: { value: 0.9, from: `${SOURCE}: betas (0.9, 0.95)` },
  beta2: { value: 0.95, from: `${SOURCE}: betas (0.9, 0.95)` },
  eps: { value: 1e-8, from: `${SOURCE}: eps 1e-8` },
  weightDecay: { value: 0.1, from: `${SOURCE}: weight_decay 0.1` },
};

export const torchtitanRegistry: EcosystemTable = {
  id: 'torchtitan-registry',
  displayName: 'torchtitan (config registry)',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'torchtitan.components.optimizer.default_adamw', weight: 4 },
      { name: 'torchtitan.trainer.Trainer.Config', weight: 3 },
    ],
  },
  run: {},
  optimizers: [
    {
      at: '',
      callees: ['torchtitan.components.optimizer.default_adamw'],
      nameKeys: [],
      hyperparameters: {
        lr: ['lr', '0'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        default_adamw: { ...TORCH_ADAMW, implementation: 'torch.optim.AdamW (torchtitan default_adamw)',
          defaults: DEFAULT_ADAMW },
      },
    },
  ],
  defaults: {},
  batch: {},
  schedules: { linear: 'linear', sqrt: 'inverse-sqrt', cosine: 'cosine' },
};
export default torchtitanRegistry;
