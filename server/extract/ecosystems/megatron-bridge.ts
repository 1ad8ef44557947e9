/**
 * Megatron-Bridge YAML overrides (`--config-file conf/*.yaml` of its example scripts): the blocks of a ConfigContainer
 * (`model`, `train`, `optimizer`, `scheduler`, `dataset`, `checkpoint`, `logger`, `dist`, `ddp`, `rng`), merged with
 * OmegaConf over the Python recipe the script builds. Only what the file writes is replaced: the optimizer's class,
 * betas and decay style it leaves out are the recipe's, not Megatron-Core's defaults, so no default is given.
 * The batch is `train.global_batch_size` and `train.micro_batch_size`, the run `train.train_iters`, the warmup
 * `scheduler.lr_warmup_iters`. The sequence length is the model's `model.seq_length`; `dataset.seq_length` must
 * equal it (ConfigContainer.validate asserts so), so it is read only where the model's is not written.
 * Sources: NVIDIA-NeMo/Megatron-Bridge@067f987d src/megatron/bridge/training/config.py (ConfigContainer.validate:
 * `assert self.model.seq_length == data_seq_length`; OptimizerConfig over Megatron-Core's), training/utils/
 * omegaconf_utils.py (OmegaConf.load of the override file), examples/distillation/llama/conf/*.yaml.
 */
import type { EcosystemTable } from './types';
import { MCORE_OPTIMIZER_KEYS, MEGATRON_OPTIMIZERS } from './megatron-lm';
import { unmodelled } from './optimizer-names';

const CONFIG = 'NVIDIA-NeMo/Megatron-Bridge@067f987d src/megatron/bridge/training/config.py';
const NOT_NAMED = 'not named in this file';

/** Megatron-Core's optimizer names, without argparse defaults: what the file leaves out is the recipe's. */
const NAMES = Object.fromEntries(Object.entries(MEGATRON_OPTIMIZERS).map(([name, { defaults: _recipe, ...info }]) =>
  [name, info]));

export const megatronBridge: EcosystemTable = {
  id: 'megatron-bridge',
  displayName: 'Megatron-Bridge',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'train.train_iters', weight: 2 },
      { pattern: 'scheduler.lr_warmup_iters', weight: 2 },
      { pattern: 'scheduler.lr_decay_style', weight: 1 },
      { pattern: 'model.tensor_model_parallel_size', weight: 2 },
      { pattern: 'model.seq_length', weight: 1 },
      { pattern: 'dataset.seq_length', weight: 1 },
      { pattern: 'dist.use_megatron_fsdp', weight: 3 },
      { pattern: 'ddp.grad_reduce_in_fp32', weight: 2 },
      { pattern: 'rng.seed', weight: 1 },
      { pattern: 'logger.log_interval', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (Megatron-Bridge omegaconf_utils)',
    dotlessExponent: 'float',
    source: 'NVIDIA-NeMo/Megatron-Bridge@067f987d src/megatron/bridge/training/utils/omegaconf_utils.py: ' +
      'OmegaConf.load(config_filepath)',
  },
  run: {
    microBatchSize: ['train.micro_batch_size'],
    globalBatchSize: ['train.global_batch_size'],
    seqLen: ['model.seq_length', 'dataset.seq_length'],
    steps: ['train.train_iters'],
    warmupSteps: ['scheduler.lr_warmup_iters'],
    schedule: ['scheduler.lr_decay_style'],
  },
  optimizers: [{
    at: 'optimizer',
    nameKeys: ['optimizer'],
    defaultName: NOT_NAMED,
    hyperparameters: MCORE_OPTIMIZER_KEYS,
    names: { ...NAMES, [NOT_NAMED]: unmodelled('the optimizer of the recipe this file overrides') },
  }],
  notRoles: [
    { key: 'optimizer.min_lr', reason: 'the floor the scheduler decays to, not the peak learning rate',
      source: `${CONFIG}: OptimizerConfig (Megatron-Core optimizer_config.py min_lr)` },
  ],
  defaults: {},
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant', WSD: 'wsd',
    'inverse-square-root': 'inverse-sqrt' },
};
export default megatronBridge;
