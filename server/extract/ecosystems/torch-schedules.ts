/**
 * PyTorch's learning-rate schedulers that decide the lr themselves, as schedule factories
 * (server/extract/schedule-factories.ts). `OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None,
 * steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos', ...)` overwrites every parameter group's lr when it is
 * built (`group["initial_lr"] = max_lrs[idx] / div_factor; group["max_lr"] = max_lrs[idx]`), then ramps up to max_lr
 * for pct_start of the run and anneals by a cosine: the run's peak lr is max_lr, whatever the optimizer's call wrote.
 * Its warmup is a fraction (pct_start), not read as steps, as for optax's one-cycle schedules; a run sized by
 * epochs × steps_per_epoch has no written length.
 * `SequentialLR(optimizer, schedulers, milestones)` runs its schedulers one after the other: the run's shape is the
 * last one's (a rising LinearLR before a CosineAnnealingLR is a warmup). The others scale the optimizer's lr, so they
 * carry no peak; a CosineAnnealingLR's T_max is not read as the run length, as scripts often step it once per epoch.
 * Source: pytorch/pytorch@v2.5.0 torch/optim/lr_scheduler.py (OneCycleLR.__init__, SequentialLR.__init__, LinearLR,
 * CosineAnnealingLR, StepLR, MultiStepLR, ExponentialLR, ConstantLR).
 */
import type { FactoryArgument, ScheduleFactory } from './optax-schedules';

const arg = (keyword: string, position: number): FactoryArgument => ({ keyword, position });

export const TORCH_SCHEDULES: readonly ScheduleFactory[] = [
  { name: 'OneCycleLR', schedule: 'cosine', peak: arg('max_lr', 1), length: arg('total_steps', 2), replacesLr: true },
  { name: 'SequentialLR', schedule: null, join: { schedules: arg('schedulers', 1), boundaries: arg('milestones', 2) } },
  { name: 'LinearLR', schedule: 'linear' },
  { name: 'CosineAnnealingLR', schedule: 'cosine' },
  { name: 'ConstantLR', schedule: 'constant' },
  { name: 'StepLR', schedule: null },
  { name: 'MultiStepLR', schedule: null },
  { name: 'ExponentialLR', schedule: null },
];
