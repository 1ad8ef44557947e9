/**
 * Plain PyTorch code: each `torch.optim.<Class>(params, lr=..., ...)` call is an optimizer, whatever the
 * script around it (a training loop, a Lightning `configure_optimizers`, a helper function). Calls are
 * named through imports (`from torch.optim import AdamW`, `import torch.optim as optim`); the learning rate
 * may be the second positional argument; a parameter-group list (`[{'params': ..., 'weight_decay': 0.1}, ...]`)
 * gives the first group's values when the call has no keyword for them.
 * Defaults and weight-decay semantics are torch's own (optimizer-names.ts): Adam's `weight_decay` is coupled L2,
 * AdamW's and Muon's decay by p·(1 − lr·λ).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';

/** Class names the scope claims: qualified names and their last components (`AdamW` for an aliased import). */
const CLASSES = Object.keys(TORCH_NAMES);

export const pytorch: EcosystemTable = {
  id: 'pytorch',
  displayName: 'PyTorch (torch.optim in code)',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'torch.optim.AdamW', weight: 3 },
      { name: 'torch.optim.Adam', weight: 3 },
      { name: 'torch.optim.SGD', weight: 3 },
      { name: 'torch.optim.Muon', weight: 3 },
      { name: 'torch.optim.RMSprop', weight: 3 },
      { name: 'torch.optim.Adagrad', weight: 3 },
      { name: 'torch.optim.RAdam', weight: 3 },
      { name: 'torch.optim.NAdam', weight: 3 },
      { name: 'bitsandbytes.optim.AdamW8bit', weight: 3 },
      { name: 'torch.optim.lr_scheduler.CosineAnnealingLR', weight: 1 },
      { name: 'torch.optim.lr_scheduler.LambdaLR', weight: 1 },
    ],
  },
  run: {},
  optimizers: [
    {
      at: '',
      callees: CLASSES,
      nameKeys: [],
      hyperparameters: {
        lr: ['lr', '1', '0.0.lr'],
        beta1: [{ key: 'betas', index: 0 }, { key: '0.0.betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }, { key: '0.0.betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay', '0.0.weight_decay'],
        momentum: ['momentum'],
      },
      names: TORCH_NAMES,
    },
  ],
  defaults: {},
  batch: {},
};
export default pytorch;
