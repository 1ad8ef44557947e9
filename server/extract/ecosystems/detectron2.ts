/**
 * detectron2 (yacs CfgNode, UPPERCASE keys): SGD with momentum, `SOLVER.IMS_PER_BATCH` is the global
 * batch over all GPUs. yacs loads with `yaml.safe_load` and refuses a str where the default is a float
 * (yacs#46: write `1.0e-3`). Defaults: facebookresearch/detectron2@02b5c4e2 detectron2/config/defaults.py l.526-562.
 */
import type { Defaults, EcosystemTable } from './types';

const SOURCE = 'detectron2/config/defaults.py @02b5c4e2';

const DEFAULTS: Defaults = {
  lr: { value: 0.001, from: `${SOURCE}: _C.SOLVER.BASE_LR = 0.001` },
  momentum: { value: 0.9, from: `${SOURCE}: _C.SOLVER.MOMENTUM = 0.9` },
  weightDecay: { value: 0.0001, from: `${SOURCE}: _C.SOLVER.WEIGHT_DECAY = 0.0001` },
  globalBatchSize: { value: 16, from: `${SOURCE}: _C.SOLVER.IMS_PER_BATCH = 16` },
  steps: { value: 40000, from: `${SOURCE}: _C.SOLVER.MAX_ITER = 40000` },
  warmupSteps: { value: 1000, from: `${SOURCE}: _C.SOLVER.WARMUP_ITERS = 1000` },
  schedule: { value: 'WarmupMultiStepLR', from: `${SOURCE}: _C.SOLVER.LR_SCHEDULER_NAME = "WarmupMultiStepLR"` },
};

export const detectron2: EcosystemTable = {
  id: 'detectron2',
  displayName: 'detectron2',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'MODEL.META_ARCHITECTURE', weight: 4 },
      { pattern: 'SOLVER.IMS_PER_BATCH', weight: 4 },
      { pattern: 'SOLVER.BASE_LR', weight: 3 },
      { pattern: 'INPUT.MIN_SIZE_TRAIN', weight: 2 },
      { pattern: 'DATASETS.TRAIN', weight: 2 },
      { pattern: '_BASE_', weight: 2 },
      // A child config often overrides only the schedule (`_C.SOLVER.MAX_ITER = 40000`, `_C.SOLVER.STEPS =
      // (30000,)` in defaults.py): with `_BASE_` that is detectron2.
      { pattern: 'SOLVER.MAX_ITER', weight: 1 },
      { pattern: 'SOLVER.STEPS', weight: 1 },
    ],
  },
  yamlLoader: { library: 'yacs CfgNode (yaml.safe_load)', dotlessExponent: 'string', source: 'rbgirshick/yacs#46: 1e-3 stays a str and fails the type check' },
  run: {
    globalBatchSize: ['SOLVER.IMS_PER_BATCH'],
    steps: ['SOLVER.MAX_ITER'],
    warmupSteps: ['SOLVER.WARMUP_ITERS'],
    schedule: ['SOLVER.LR_SCHEDULER_NAME'],
  },
  optimizers: [
    {
      at: 'SOLVER',
      nameKeys: ['OPTIMIZER'],
      defaultName: 'SGD',
      hyperparameters: { lr: ['BASE_LR'], momentum: ['MOMENTUM'], weightDecay: ['WEIGHT_DECAY'] },
      names: {
        SGD: { kind: 'sgd', implementation: 'torch.optim.SGD (detectron2 build_optimizer)', weightDecaySemantics: 'coupled-l2' },
        ADAMW: { kind: 'adamw', implementation: 'torch.optim.AdamW', weightDecaySemantics: 'lr' },
        '*': { kind: null, implementation: 'detectron2 optimizer', weightDecaySemantics: 'coupled-l2' },
      },
    },
  ],
  defaults: DEFAULTS,
  batch: {},
  // WarmupMultiStepLR (step drops at SOLVER.STEPS) has no counterpart in the science core's schedules.
  schedules: { WarmupCosineLR: 'cosine' },
};
export default detectron2;
