/**
 * Ultralytics YOLO training configs (ultralytics/cfg/default.yaml and the files that override it: `lr0`, `lrf`,
 * `momentum`, `weight_decay`, `warmup_epochs`, `batch`, `epochs`, `optimizer`). The trainer builds the optimizer in
 * BaseTrainer.build_optimizer: SGD(lr0, momentum, nesterov=True), or an Adam-family class with betas=(momentum, 0.999)
 * (so `momentum` is β1 there); `optimizer: auto` (the default) ignores lr0 and momentum and picks SGD(lr 0.01,
 * momentum 0.9) above 10,000 iterations, else AdamW(lr 0.002·5/(4 + classes), β1 0.9). It accumulates
 * round(nbs / batch) batches (nbs 64) and scales weight_decay by batch × accumulate / nbs; the lr falls linearly from
 * lr0 to lr0·lrf (a cosine with cos_lr). `batch` counts images across all GPUs.
 * Source: ultralytics/ultralytics@3c5ac618 ultralytics/engine/trainer.py (_setup_train, build_optimizer),
 * ultralytics/cfg/default.yaml.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_NAMES, TORCH_SGD, unmodelled } from './optimizer-names';

const TRAINER = 'ultralytics/ultralytics@3c5ac618 ultralytics/engine/trainer.py build_optimizer';
const ADAM_FAMILY = ['Adam', 'AdamW', 'Adamax', 'NAdam', 'RAdam'];

const NAMES: Record<string, OptimizerInfo> = {
  SGD: { ...TORCH_SGD, implementation: 'torch.optim.SGD (nesterov=True)' },
  Adam: { ...(TORCH_NAMES['Adam'] ?? unmodelled('torch.optim.Adam')), note: 'Ultralytics passes betas=(momentum, 0.999).' },
  AdamW: { ...(TORCH_NAMES['AdamW'] ?? unmodelled('torch.optim.AdamW')), note: 'Ultralytics passes betas=(momentum, 0.999).' },
  Adamax: unmodelled('torch.optim.Adamax'),
  NAdam: unmodelled('torch.optim.NAdam'),
  RAdam: unmodelled('torch.optim.RAdam'),
  RMSProp: unmodelled('torch.optim.RMSprop'),
  MuSGD: unmodelled('Ultralytics MuSGD (Muon with SGD)'),
  auto: unmodelled('Ultralytics optimizer=auto: SGD (lr 0.01, momentum 0.9) above 10,000 iterations, else AdamW ' +
    '(lr 0.002·5/(4 + classes), β1 0.9), chosen at run time; lr0 and momentum are ignored'),
};

export const ultralytics: EcosystemTable = {
  id: 'ultralytics',
  displayName: 'Ultralytics YOLO',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'lr0', weight: 3 },
      { pattern: 'lrf', weight: 2 },
      { pattern: 'warmup_bias_lr', weight: 3 },
      { pattern: 'warmup_momentum', weight: 2 },
      { pattern: 'nbs', weight: 2 },
      { pattern: 'close_mosaic', weight: 2 },
      { pattern: 'hsv_h', weight: 2 },
      { pattern: 'imgsz', weight: 1 },
      { pattern: 'dfl', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.safe_load)', dotlessExponent: 'string',
    source: 'ultralytics/ultralytics ultralytics/utils/__init__.py yaml_load: yaml.safe_load(s)' },
  run: {
    globalBatchSize: ['batch'],
    steps: [{ key: 'epochs', unit: 'epochs' }],
    warmupSteps: [{ key: 'warmup_epochs', unit: 'epochs' }],
  },
  optimizers: [
    {
      at: '', nameKeys: ['optimizer'], defaultName: 'auto',
      hyperparameters: { lr: ['lr0'], momentum: ['momentum'], beta1: ['momentum'], weightDecay: ['weight_decay'] },
      // lr0 and momentum reach the optimizer only when one is named; `momentum` is SGD's momentum or Adam's β1.
      onlyFor: { lr: ['SGD', ...ADAM_FAMILY, 'RMSProp'], momentum: ['SGD', 'RMSProp'], beta1: ADAM_FAMILY },
      names: NAMES,
      appliesTo: 'the model (biases and norm weights without decay)',
    },
  ],
  notRoles: [
    { key: 'warmup_bias_lr', reason: 'the biases\' starting lr during warmup, not a learning rate of its own', source: TRAINER },
    { key: 'warmup_momentum', reason: 'the momentum warmup starts from', source: TRAINER },
    { key: 'lrf', reason: 'the final lr as a fraction of lr0 (the schedule\'s floor)', source: TRAINER },
    ...['lr0', 'momentum'].map((key) => ({ key, reason: 'ignored under optimizer: auto, which sets its own at run time',
      source: TRAINER })),
    { key: 'nbs', reason: 'the nominal batch the accumulation and weight decay are scaled to', source: TRAINER },
  ],
  defaults: {},
  batch: {},
};
export default ultralytics;
