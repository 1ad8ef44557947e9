/**
 * PySlowFast (facebookresearch/SlowFast; also its forks: MViT, TimeSformer-style video trainers): a yacs config whose
 * defaults module writes `_C.SOLVER.BASE_LR = 0.1` and whose YAML files override `SOLVER.*`, `TRAIN.*`.
 * `SOLVER.OPTIMIZING_METHOD` picks the optimizer (slowfast/models/optimizer.py construct_optimizer: `sgd` builds
 * torch.optim.SGD(lr=BASE_LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY, dampening=DAMPENING,
 * nesterov=NESTEROV); `adam` and `adamw` build torch's: the momentum reaches SGD only, SOLVER.BETAS Adam and AdamW
 * only, in the versions whose defaults write it, which pass `betas=cfg.SOLVER.BETAS`; 058922e fixed Adam's at
 * (0.9, 0.999)). The schedule runs over epochs: `SOLVER.MAX_EPOCH` (“Maximal number of epochs”), `SOLVER.WARMUP_EPOCHS`
 * (“Gradually warm up the SOLVER.BASE_LR over this number of epochs”, a fraction of one allowed), `SOLVER.LR_POLICY`
 * (slowfast/utils/lr_policy.py: cosine, steps_with_relative_lrs, ...). `TRAIN.BATCH_SIZE` is the “Total mini-batch
 * size” over every GPU (slowfast/datasets/loader.py divides it by NUM_GPUS × NUM_SHARDS).
 * Source: facebookresearch/SlowFast@058922e slowfast/config/defaults.py, slowfast/models/optimizer.py,
 * slowfast/utils/lr_policy.py.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD } from './optimizer-names';

const DEFAULTS = 'facebookresearch/SlowFast slowfast/config/defaults.py';
/** The YAML key and the defaults module's attribute path (`_C.SOLVER.BASE_LR`). */
const both = (key: string): string[] => [key, `_C.${key}`];
const SGD: OptimizerInfo = {
  ...TORCH_SGD,
  implementation: 'torch.optim.SGD (nesterov=SOLVER.NESTEROV, True by default)',
  defaults: {
    momentum: { value: 0.9, from: `${DEFAULTS}: _C.SOLVER.MOMENTUM = 0.9` },
    weightDecay: { value: 1e-4, from: `${DEFAULTS}: _C.SOLVER.WEIGHT_DECAY = 1e-4` },
  },
};
const ADAM_KINDS = ['adam', 'adamw', 'mt_adamw'];

export const pyslowfast: EcosystemTable = {
  id: 'pyslowfast',
  displayName: 'PySlowFast',
  formats: ['yaml', 'python'],
  detect: {
    keys: [
      ...both('SOLVER.OPTIMIZING_METHOD').map((pattern) => ({ pattern, weight: 4 })),
      ...both('SOLVER.MAX_EPOCH').map((pattern) => ({ pattern, weight: 3 })),
      ...both('SOLVER.LR_POLICY').map((pattern) => ({ pattern, weight: 2 })),
      ...both('SOLVER.WARMUP_EPOCHS').map((pattern) => ({ pattern, weight: 2 })),
      ...both('SLOWFAST.ALPHA').map((pattern) => ({ pattern, weight: 2 })),
      ...both('DATA.NUM_FRAMES').map((pattern) => ({ pattern, weight: 1 })),
    ],
  },
  yamlLoader: { library: 'PyYAML (yacs CfgNode.merge_from_file: yaml.safe_load)', dotlessExponent: 'string',
    source: 'rbgirshick/yacs yacs/config.py load_cfg: yaml.safe_load' },
  run: {
    globalBatchSize: both('TRAIN.BATCH_SIZE'),
    // Only the YAML's: the defaults module's MAX_EPOCH is the value every experiment file replaces.
    steps: [{ key: 'SOLVER.MAX_EPOCH', unit: 'epochs' }],
    warmupSteps: both('SOLVER.WARMUP_EPOCHS').map((key) => ({ key, unit: 'epochs' as const })),
    schedule: both('SOLVER.LR_POLICY'),
  },
  optimizers: [
    {
      at: '',
      nameKeys: both('SOLVER.OPTIMIZING_METHOD'),
      defaultName: 'sgd',
      hyperparameters: {
        lr: both('SOLVER.BASE_LR'),
        momentum: both('SOLVER.MOMENTUM'),
        weightDecay: both('SOLVER.WEIGHT_DECAY'),
        beta1: both('SOLVER.BETAS').map((key) => ({ key, index: 0 })),
        beta2: both('SOLVER.BETAS').map((key) => ({ key, index: 1 })),
      },
      onlyFor: { momentum: ['sgd'], beta1: ADAM_KINDS, beta2: ADAM_KINDS },
      names: {
        sgd: SGD,
        adam: TORCH_ADAM,
        adamw: TORCH_ADAMW,
        mt_adamw: { ...TORCH_ADAMW, implementation: 'torch.optim._multi_tensor.AdamW' },
      },
    },
  ],
  notRoles: [
    ...both('SOLVER.WARMUP_START_LR').map((key) => ({ key, reason: 'the lr the warmup starts from',
      source: `${DEFAULTS}: _C.SOLVER.WARMUP_START_LR` })),
    ...both('SOLVER.COSINE_END_LR').map((key) => ({ key, reason: 'the lr the cosine ends at (the schedule\'s floor)',
      source: `${DEFAULTS}: _C.SOLVER.COSINE_END_LR` })),
    ...both('SOLVER.LRS').map((key) => ({ key, reason: 'the relative lrs of a step policy, factors of BASE_LR',
      source: `${DEFAULTS}: _C.SOLVER.LRS` })),
    // Adam's betas beside an SGD run (the default): construct_optimizer passes them to Adam and AdamW only.
    ...both('SOLVER.BETAS').map((key) => ({
      key: `${key}.*`, reason: 'the betas of Adam and AdamW, which an SGD run (SOLVER.OPTIMIZING_METHOD sgd) never reads',
      source: 'facebookresearch/SlowFast slowfast/models/optimizer.py construct_optimizer',
      unless: { key: key.replace('BETAS', 'OPTIMIZING_METHOD'), values: ADAM_KINDS, default: 'sgd' },
    })),
  ],
  defaults: {
    lr: { value: 0.1, from: `${DEFAULTS}: _C.SOLVER.BASE_LR = 0.1` },
    globalBatchSize: { value: 64, from: `${DEFAULTS}: _C.TRAIN.BATCH_SIZE = 64` },
    warmupSteps: { value: 0, from: `${DEFAULTS}: _C.SOLVER.WARMUP_EPOCHS = 0.0`, unit: 'epochs' },
    schedule: { value: 'cosine', from: `${DEFAULTS}: _C.SOLVER.LR_POLICY = "cosine"` },
  },
  batch: {},
  schedules: { cosine: 'cosine' },
};
export default pyslowfast;
