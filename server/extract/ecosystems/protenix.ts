/**
 * Protenix (bytedance/Protenix), an AlphaFold 3 reproduction: configs are Python dicts (configs/configs_base.py)
 * merged by protenix.config and overridden on the command line (`--lr 0.001 --max_steps 100000`). The optimizer is
 * built from `optim_configs`: torch.optim.Adam(lr, betas=(adam.beta1, adam.beta2), weight_decay=adam.weight_decay)
 * with torch's ε, or AdamW when `adam.use_adamw` is true; `lr_scheduler` names the schedule (`af3`: linear warmup, then
 * ×decay_factor every decay_every_n_steps; `cosine_annealing`). Parameters matching `finetune_params_with_substring`
 * form a group of their own with `finetune_optim_configs`' learning rate and schedule (FinetuneLRScheduler), a second
 * run of settings. `iters_to_accumulate` is the gradient accumulation; `diffusion_batch_size` counts noise samples per
 * structure, no data batch.
 * Sources: bytedance/Protenix@3248f8e protenix/utils/training.py get_optimizer, protenix/utils/lr_scheduler.py
 * get_lr_scheduler and AlphaFold3LRScheduler, runner/train.py (iters_to_accumulate).
 */
import type { EcosystemTable, OptimizerInfo } from './types';

const SOURCE = 'bytedance/Protenix@3248f8e protenix/utils/training.py get_optimizer';
const ADAM: OptimizerInfo = { kind: 'adam', implementation: 'torch.optim.Adam (Protenix get_optimizer)', weightDecaySemantics: 'coupled-l2' };
const ADAMW: OptimizerInfo = { kind: 'adamw', implementation: 'torch.optim.AdamW (Protenix get_adamw)', weightDecaySemantics: 'lr' };
const SCHEDULE = { lr: ['lr'], warmupSteps: ['warmup_steps'], steps: ['max_steps'], schedule: ['lr_scheduler'] };

export const protenix: EcosystemTable = {
  id: 'protenix',
  displayName: 'Protenix',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'optim_configs.af3_lr_scheduler.decay_factor', weight: 3 },
      { pattern: 'optim_configs.adam.use_adamw', weight: 3 },
      { pattern: 'finetune_optim_configs.lr', weight: 2 },
      { pattern: 'basic_configs.iters_to_accumulate', weight: 2 },
      { pattern: 'model_configs.diffusion_batch_size', weight: 2 },
    ],
  },
  // One torch optimizer: the fine-tuned group shares the Adam settings of optim_configs.adam.
  run: {
    gradAccum: ['basic_configs.iters_to_accumulate'],
    beta1: ['optim_configs.adam.beta1'],
    beta2: ['optim_configs.adam.beta2'],
    weightDecay: ['optim_configs.adam.weight_decay'],
  },
  optimizers: [
    {
      at: 'optim_configs',
      nameKeys: [],
      defaultName: 'adam',
      hyperparameters: SCHEDULE,
      names: { adam: ADAM, adamw: ADAMW },
      switches: [{ key: 'adam.use_adamw', on: 'true', name: 'adamw', runs: ADAMW, source: `${SOURCE}: configs.adam.use_adamw` }],
    },
    {
      at: 'finetune_optim_configs',
      nameKeys: [],
      defaultName: 'adam',
      hyperparameters: SCHEDULE,
      names: { adam: ADAM, adamw: ADAMW },
      // get_optimizer builds this group only when finetune_params_with_substring names parameters (not [""]).
      appliesTo: 'the parameters finetune_params_with_substring names, when it names any',
    },
  ],
  defaults: {
    eps: { value: 1e-8, from: `${SOURCE}: torch.optim.Adam(eps=1e-8), no eps passed` },
  },
  notRoles: [
    {
      key: 'model_configs.diffusion_batch_size',
      reason: 'diffusion noise samples drawn per structure (N_sample), not a batch of training examples',
      source: 'bytedance/Protenix@3248f8e protenix/model/protenix.py: N_sample = self.diffusion_batch_size',
    },
  ],
  batch: {},
  schedules: { cosine_annealing: 'cosine' },
};
export default protenix;
