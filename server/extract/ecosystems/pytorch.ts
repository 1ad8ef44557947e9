/**
 * Plain PyTorch code: each `torch.optim.<Class>(params, lr=..., ...)` call is an optimizer, whatever the
 * script around it (a training loop, a Lightning `configure_optimizers`, a helper function). Calls are
 * named through imports (`from torch.optim import AdamW`, `import torch.optim as optim`); the learning rate
 * may be the second positional argument; a parameter-group list (`[{'params': ..., 'weight_decay': 0.1}, ...]`)
 * gives the first group's values when the call has no keyword for them.
 * Run settings come from the script's argparse options (`--batch-size`, `--max-steps`, …) when it has them.
 * Defaults and weight-decay semantics are torch's own (optimizer-names.ts): Adam's `weight_decay` is coupled L2,
 * AdamW's and Muon's decay by p·(1 − lr·λ).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { TORCH_SCHEDULES } from './torch-schedules';

function flags(...names: string[]): string[] {
  return names.map((n) => `--${n}`);
}

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
  // A script's argparse options are entries under the option string, holding their defaults (the Python
  // reader); these are the spellings training scripts commonly give the run's settings.
  run: {
    // `--batch-size` itself is left to role inference, which reads the option's help text: per device, or the total.
    microBatchSize: flags('micro-batch-size', 'micro_batch_size', 'per_device_train_batch_size'),
    gradAccum: flags('gradient-accumulation-steps', 'gradient_accumulation_steps', 'grad-accum', 'grad_accum', 'accum-steps', 'accum_steps'),
    globalBatchSize: flags('global-batch-size', 'global_batch_size', 'total-batch-size', 'total_batch_size'),
    seqLen: flags('seq-len', 'seq_len', 'seq-length', 'seq_length', 'max-seq-len', 'max_seq_len', 'block-size', 'block_size', 'sequence-length', 'sequence_length'),
    steps: flags('max-steps', 'max_steps', 'train-steps', 'train_steps', 'max-iters', 'max_iters', 'num-iterations', 'num_iterations', 'total-steps', 'total_steps'),
    warmupSteps: flags('warmup-steps', 'warmup_steps', 'warmup-iters', 'warmup_iters', 'num-warmup-steps', 'num_warmup_steps'),
    schedule: flags('lr-scheduler', 'lr_scheduler', 'scheduler', 'lr-schedule', 'lr_schedule', 'lr_scheduler_type'),
  },
  optimizers: [
    {
      at: '',
      callees: CLASSES,
      nameKeys: [],
      hyperparameters: {
        // A parameter group's own value wins over the call's keyword, which is only the default of the keys a group
        // leaves out (pytorch torch/optim/optimizer.py Optimizer.add_param_group: param_group.setdefault).
        // The first group, passed first or as `params=`.
        lr: ['0.0.lr', 'params.0.lr', 'lr', '1'],
        beta1: [{ key: '0.0.betas', index: 0 }, { key: 'params.0.betas', index: 0 }, { key: 'betas', index: 0 }],
        beta2: [{ key: '0.0.betas', index: 1 }, { key: 'params.0.betas', index: 1 }, { key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['0.0.weight_decay', 'params.0.weight_decay', 'weight_decay'],
        // Muon-type classes written in training scripts take the momentum as `mu` (modded-nanogpt's optimization-track
        // records: `Muon(params, lr=0.02, weight_decay=0, mu=0.95)`, `state["momentum"].lerp_(grad, 1 - group["mu"])`;
        // microsoft/dion `Dion(params, lr=0.01, mu=0.95)`); no torch.optim class has a `mu` keyword.
        momentum: ['momentum', 'mu'],
      },
      names: TORCH_NAMES,
    },
  ],
  defaults: {},
  batch: {},
  fp16Keys: ['--fp16', '--precision', '--dtype', '--mixed-precision', '--mixed_precision'],
  scheduleFactories: TORCH_SCHEDULES,
};
export default pytorch;
