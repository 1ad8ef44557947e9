/**
 * OpenMMLab configs (mmengine: mmdetection 3, mmpretrain, mmsegmentation 1; and the mmcv 1.x layout):
 * Python files of `dict(...)` assignments. mmengine 0.x/1.x: `optim_wrapper = dict(optimizer=dict(type='AdamW',
 * lr=..., betas=(...)), accumulative_counts=...)`, `param_scheduler = [warmup, main]`, `train_cfg = dict(...)`;
 * mmcv 1.x: `optimizer = dict(type='SGD', ...)`, `lr_config = dict(policy=...)`, `runner = dict(max_epochs=...)`.
 * The optimizer `type` is a torch.optim class (or one registered by the project), built by mmengine's
 * OPTIMIZERS registry with the remaining keys as keyword arguments, so torch's defaults apply.
 * `type` may be the class itself in pure-Python configs (`type=AdamW` after `from torch.optim import AdamW`).
 * Param schedulers count in epochs unless `by_epoch=False` (mmengine _ParamScheduler default by_epoch=True).
 */
import type { EcosystemTable, KeySpelling, SiblingCondition, UnitSwitch } from './types';
import { torchKwargs } from './torch-kwargs';
import { TORCH_NAMES, unmodelled } from './optimizer-names';

const OPTIMIZER = torchKwargs();

/** The name shown when the optimizer's type comes from a `_base_` file this file does not contain. */
const INHERITED = 'inherited from _base_';

/** torch.optim classes, and anything else (a type registered by the project, or one inherited) as unmodelled. */
const NAMES = { ...TORCH_NAMES, '*': unmodelled('mmengine OPTIMIZERS registry (type set here or in a _base_ config)') };

const schedulerType = (i: number): KeySpelling => `param_scheduler[${i}].type`;

/** mmengine schedulers count epochs unless `by_epoch=False` (mmengine _ParamScheduler: by_epoch=True). */
const BY_ITER: UnitSwitch = { sibling: 'by_epoch', value: false, unit: null };

/**
 * The first scheduler is a warmup only when it raises the lr: LinearLR (and its generic LinearParamScheduler) from
 * `start_factor` up to `end_factor` 1.0, its default, or a quadratic or constant warmup; a CosineAnnealingLR, PolyLR or
 * a LinearLR decaying to `end_factor=0` ends its decay at `end`, not a warmup. Sources: open-mmlab/mmengine@v0.10.4
 * mmengine/optim/scheduler/param_scheduler.py (LinearParamScheduler start_factor=1/3, end_factor=1.0;
 * ConstantParamScheduler factor=1/3 until `end`), mmdetection 3.x mmdet/engine/schedulers/quadratic_warmup.py.
 */
const WARMUP_SEGMENT: SiblingCondition[] = [
  { sibling: 'type', values: ['LinearLR', 'LinearParamScheduler', 'QuadraticWarmupLR', 'QuadraticWarmupParamScheduler',
    'ConstantLR', 'ConstantParamScheduler'], ifAbsent: false },
  { sibling: 'end_factor', values: [1], ifAbsent: true },
];

export const mmlab: EcosystemTable = {
  id: 'mmlab',
  displayName: 'OpenMMLab (mmengine / mmcv)',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'optim_wrapper', weight: 3 },
      { pattern: 'param_scheduler', weight: 3 },
      { pattern: 'auto_scale_lr.base_batch_size', weight: 3 },
      { pattern: 'train_cfg.val_interval', weight: 2 },
      { pattern: 'train_cfg.by_epoch', weight: 2 },
      { pattern: 'default_hooks', weight: 2 },
      { pattern: 'lr_config.policy', weight: 3 },
      { pattern: 'optimizer_config.grad_clip', weight: 2 },
      { pattern: 'runner.max_epochs', weight: 2 },
      { pattern: 'runner.max_iters', weight: 2 },
      { pattern: 'train_dataloader.batch_size', weight: 1 },
      { pattern: 'data.samples_per_gpu', weight: 2 },
      { pattern: '_base_', weight: 2 },
    ],
    // Only the `_base_` tree: any `configs/` folder (a repository's, a fixtures folder) holds every framework's
    // files, and a file with no OpenMMLab key or call is not one of its configs by where it sits.
    folders: ['*_base_*/**/*.py'],
  },
  run: {
    microBatchSize: ['train_dataloader.batch_size', 'data.samples_per_gpu'],
    gradAccum: ['optim_wrapper.accumulative_counts'],
    // Epoch-based runs (`max_epochs`) have no step count without the dataset size: not reported as steps.
    steps: ['train_cfg.max_iters', 'runner.max_iters'],
    warmupSteps: [{ key: 'param_scheduler[0].end', unit: 'epochs', unitWhen: BY_ITER, when: WARMUP_SEGMENT },
      'lr_config.warmup_iters'],
    schedule: [schedulerType(1), schedulerType(0), 'param_scheduler.type', 'lr_config.policy'],
  },
  optimizers: [
    // A config that inherits its optimizer (`_base_`) overrides only what changes: `optim_wrapper =
    // dict(optimizer=dict(lr=0.01))` (mmcv 1.x: `optimizer = dict(lr=0.01)`) names no type, and its lr is
    // still the run's lr.
    { at: 'optim_wrapper.optimizer', nameKeys: ['type'], defaultName: INHERITED, hyperparameters: OPTIMIZER, names: NAMES },
    { at: 'optimizer', nameKeys: ['type'], defaultName: INHERITED, hyperparameters: OPTIMIZER, names: NAMES },
  ],
  defaults: {
    gradAccum: { value: 1, from: 'mmengine mmengine/optim/optimizer/optimizer_wrapper.py: OptimWrapper(accumulative_counts=1)' },
  },
  batch: {},
  lrScaling: {
    name: "mmengine's auto_scale_lr",
    baseBatchKey: 'auto_scale_lr.base_batch_size',
    enableKey: 'auto_scale_lr.enable',
    enableDefault: false,
    launchFlag: '--auto-scale-lr',
    source: 'open-mmlab/mmengine mmengine/runner/runner.py Runner.scale_lr: real_bs = world_size × ' +
      "train_dataloader batch_size, lr × real_bs / base_batch_size, only if auto_scale_lr.get('enable', False); " +
      'OpenMMLab tools/train.py --auto-scale-lr sets cfg.auto_scale_lr.enable = True',
  },
  schedules: { CosineAnnealingLR: 'cosine', CosineAnnealingParamScheduler: 'cosine', LinearLR: 'linear', ConstantLR: 'constant', PolyLR: 'linear', CosineRestart: 'cosine' },
};
export default mmlab;
