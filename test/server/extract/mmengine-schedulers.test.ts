/** mmengine (OpenMMLab) schedules: which param_scheduler segment is a warmup, and auto_scale_lr. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const config = (schedulers: string[]): string => [
  "_base_ = ['../_base_/default_runtime.py']",
  "optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-4, weight_decay=0.05))",
  'param_scheduler = [',
  ...schedulers.map((s) => `    ${s},`),
  ']',
  'train_cfg = dict(by_epoch=False, max_iters=20000, val_interval=1000)',
].join('\n');

describe('mmengine param_scheduler: the warmup is the first segment only when it raises the lr', () => {
  test('a LinearLR from start_factor up, counted in iterations, is the warmup at its end', () => {
    const x = extract(config([
      "dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500)",
      "dict(type='CosineAnnealingLR', by_epoch=False, begin=500, end=20000)",
    ]), 'configs/x.py');
    expect(x.ecosystem).toBe('mmlab');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 4 });
    expect(value(x, 'warmupSteps')?.unit).toBeUndefined();
  });

  test('a cosine scheduler alone: its end is where the decay ends, not a warmup', () => {
    const x = extract(config(["dict(type='CosineAnnealingLR', by_epoch=True, begin=0, end=10)"]), 'configs/x.py');
    expect(value(x, 'warmupSteps')?.source ?? 'none').not.toBe('written');
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineAnnealingLR' });
  });

  test('a LinearLR that decays (end_factor below 1) is no warmup either', () => {
    const x = extract(config(["dict(type='LinearLR', start_factor=1.0, end_factor=0.0, by_epoch=False, end=20000)"]),
      'configs/x.py');
    expect(value(x, 'warmupSteps')?.source ?? 'none').not.toBe('written');
  });
});
