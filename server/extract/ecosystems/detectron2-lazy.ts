/**
 * detectron2 LazyConfig and detrex: Python configs whose objects are lazy calls (`L(torch.optim.SGD)(lr=0.02, ...)`
 * is `torch.optim.SGD` with those keywords, built at `instantiate`) and whose shared defaults are loaded from the
 * framework's config files (`get_config("common/optim.py").AdamW`, `from ..common.optim import SGD as optimizer`),
 * then patched (`optimizer.lr = 0.1`). `train.max_iter` is the run; `dataloader.train.total_batch_size` the global
 * batch; `lr_multiplier = L(WarmupParamScheduler)(scheduler=L(MultiStepParamScheduler)(...), warmup_length=...)` the
 * schedule, its warmup a fraction of the run (detectron2/solver/lr_scheduler.py WarmupParamScheduler: lengths
 * [warmup_length, 1 - warmup_length] of LRMultiplier's max_iter).
 * Defaults of the loaded optimizers: facebookresearch/detectron2@02b5c4e2 configs/common/optim.py (detrex ships the
 * same file: IDEA-Research/detrex@7f8300a5 configs/common/optim.py).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAMW, TORCH_NAMES, TORCH_SGD } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const SOURCE = 'facebookresearch/detectron2@02b5c4e2 configs/common/optim.py';

const COMMON_SGD: OptimizerInfo = {
  ...TORCH_SGD,
  implementation: 'torch.optim.SGD (detectron2 configs/common/optim.py SGD)',
  defaults: {
    lr: { value: 0.02, from: `${SOURCE}: SGD = L(torch.optim.SGD)(lr=0.02, ...)` },
    momentum: { value: 0.9, from: `${SOURCE}: SGD = L(torch.optim.SGD)(momentum=0.9, ...)` },
    weightDecay: { value: 1e-4, from: `${SOURCE}: SGD = L(torch.optim.SGD)(weight_decay=1e-4, ...)` },
  },
};

const COMMON_ADAMW: OptimizerInfo = {
  ...TORCH_ADAMW,
  implementation: 'torch.optim.AdamW (detectron2 configs/common/optim.py AdamW)',
  defaults: {
    ...TORCH_ADAMW.defaults,
    lr: { value: 1e-4, from: `${SOURCE}: AdamW = L(torch.optim.AdamW)(lr=1e-4, ...)` },
    beta1: { value: 0.9, from: `${SOURCE}: AdamW = L(torch.optim.AdamW)(betas=(0.9, 0.999), ...)` },
    beta2: { value: 0.999, from: `${SOURCE}: AdamW = L(torch.optim.AdamW)(betas=(0.9, 0.999), ...)` },
    weightDecay: { value: 0.1, from: `${SOURCE}: AdamW = L(torch.optim.AdamW)(weight_decay=0.1, ...)` },
  },
};

/** The optimizers a lazy config builds: a torch.optim class, or one of the shared config file's objects. */
const NAMES: Record<string, OptimizerInfo> = {
  ...TORCH_NAMES,
  'common.optim.SGD': COMMON_SGD,
  'common.optim.AdamW': COMMON_ADAMW,
};

export const detectron2Lazy: EcosystemTable = {
  id: 'detectron2-lazy',
  displayName: 'detectron2 LazyConfig / detrex',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'dataloader.train.total_batch_size', weight: 2 },
      { pattern: 'train.max_iter', weight: 2 },
      { pattern: 'lr_multiplier', weight: 2 },
    ],
    callees: [
      { name: 'detectron2.config.LazyCall', weight: 4 },
      { name: 'detectron2.config.lazy.LazyCall', weight: 4 },
      { name: 'detectron2.model_zoo.get_config', weight: 4 },
      { name: 'detrex.config.get_config', weight: 4 },
      { name: 'detectron2.solver.WarmupParamScheduler', weight: 2 },
    ],
  },
  run: {
    globalBatchSize: ['dataloader.train.total_batch_size'],
    steps: ['train.max_iter'],
    warmupSteps: [{ key: 'lr_multiplier.warmup_length', unit: 'fraction' }],
    schedule: ['lr_multiplier.scheduler', 'lr_multiplier'],
  },
  optimizers: [
    // `optimizer = L(torch.optim.AdamW)(...)`, `optimizer = get_config("common/optim.py").AdamW`: the object itself
    // is named, and its keywords (or the attributes patched on it) are its settings.
    { at: 'optimizer', nameKeys: [''], hyperparameters: torchKwargs(), names: NAMES },
    // The shared config file itself (`SGD = L(torch.optim.SGD)(...)`, `AdamW = ...`): one optimizer per lazy call.
    { at: '', callees: Object.keys(TORCH_NAMES), nameKeys: [], hyperparameters: torchKwargs(), names: TORCH_NAMES },
  ],
  defaults: {},
  batch: {},
  schedules: { CosineParamScheduler: 'cosine', LinearParamScheduler: 'linear' },
};
export default detectron2Lazy;
