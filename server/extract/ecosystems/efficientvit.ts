/**
 * EfficientViT's experiment configs (YAML: `data_provider`, `run_config`), read by its classification and
 * segmentation trainers. `data_provider.base_batch_size` is the batch of each GPU (setup_data_provider sets
 * `batch_size = train_batch_size = base_batch_size` for the loader of every process), not the reference batch a
 * learning-rate rule scales from; `run_config.base_lr` is the learning rate per GPU, multiplied by the number of
 * processes when the run starts (`init_lr = base_lr * get_dist_size()`). The optimizer is
 * `REGISTERED_OPTIMIZER_DICT[run_config.optimizer_name]` (sgd, adam, adamw) built with its registered defaults, of
 * which `run_config.optimizer_params` replaces only those it holds (SGD: momentum 0.9, nesterov; Adam and AdamW: betas
 * (0.9, 0.999), eps 1e-8), and `run_config.weight_decay` goes to the parameter groups (none on `no_wd_keys`). The
 * schedule is `lr_schedule_name` after `warmup_epochs` epochs of linear warmup from `warmup_lr`; `n_epochs` bounds the
 * run in epochs. The file is loaded with PyYAML (SafeLoader with tuples).
 * Sources: mit-han-lab/efficientvit@de7d773 efficientvit/apps/setup.py:86-107, efficientvit/apps/utils/opt.py:9-26,
 * efficientvit/apps/trainer/run_config.py:18-73, efficientvit/apps/utils/misc.py:88-91.
 */
import type { Defaults, EcosystemTable } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD, unmodelled } from './optimizer-names';

const OPT = 'mit-han-lab/efficientvit@de7d773 efficientvit/apps/utils/opt.py:9-13 REGISTERED_OPTIMIZER_DICT';
const ADAM_DEFAULTS: Defaults = {
  beta1: { value: 0.9, from: `${OPT}: betas (0.9, 0.999)` },
  beta2: { value: 0.999, from: `${OPT}: betas (0.9, 0.999)` },
  eps: { value: 1e-8, from: `${OPT}: eps 1e-8` },
};

export const efficientvit: EcosystemTable = {
  id: 'efficientvit',
  displayName: 'EfficientViT',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'data_provider.base_batch_size', weight: 3 },
      { pattern: 'run_config.base_lr', weight: 2 },
      { pattern: 'run_config.lr_schedule_name', weight: 2 },
      { pattern: 'run_config.optimizer_name', weight: 1 },
      { pattern: 'run_config.no_wd_keys', weight: 2 },
      { pattern: 'run_config.n_epochs', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (SafeLoader with tuples)', dotlessExponent: 'string',
    source: 'mit-han-lab/efficientvit@de7d773 efficientvit/apps/utils/misc.py:88-91 load_config' },
  run: {
    microBatchSize: ['data_provider.base_batch_size'],
    warmupSteps: [{ key: 'run_config.warmup_epochs', unit: 'epochs' }],
    schedule: ['run_config.lr_schedule_name'],
  },
  optimizers: [
    {
      at: 'run_config',
      nameKeys: ['optimizer_name'],
      hyperparameters: {
        lr: ['base_lr'],
        beta1: [{ key: 'optimizer_params.betas', index: 0 }],
        beta2: [{ key: 'optimizer_params.betas', index: 1 }],
        eps: ['optimizer_params.eps'],
        momentum: ['optimizer_params.momentum'],
        weightDecay: ['weight_decay'],
      },
      names: {
        adamw: { ...TORCH_ADAMW, defaults: ADAM_DEFAULTS },
        adam: { ...TORCH_ADAM, defaults: ADAM_DEFAULTS },
        sgd: { ...TORCH_SGD, defaults: { momentum: { value: 0.9, from: `${OPT}: momentum 0.9, nesterov True` } } },
        '*': unmodelled('an optimizer EfficientViT does not register (by name)'),
      },
    },
  ],
  notRoles: [
    { key: 'run_config.warmup_lr', reason: 'the learning rate the warmup starts from',
      source: 'mit-han-lab/efficientvit@de7d773 efficientvit/apps/utils/lr.py' },
  ],
  defaults: {},
  batch: {},
  schedules: { cosine: 'cosine', cosine_w_restart: 'cosine' },
};
export default efficientvit;
