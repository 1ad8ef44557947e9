/** mmengine (OpenMMLab) schedules: which param_scheduler segment is a warmup, and auto_scale_lr. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

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

describe('mmengine auto_scale_lr: the lr the run uses is rescaled by the batch when it starts', () => {
  const scaled = (enable: string, comment = ''): string => [
    ...(comment ? [comment] : []),
    "_base_ = ['../_base_/default_runtime.py']",
    'train_dataloader = dict(batch_size=32, num_workers=8)',
    "optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05))",
    `auto_scale_lr = dict(${enable}base_batch_size=256)`,
  ].join('\n');

  test('on, with the GPU count known: the predictions use lr × (GPUs × batch per GPU) / base', () => {
    const x = extract(scaled('enable=True, ', '# optlens: world-size=16'), 'configs/x.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-3, source: 'derived' });
    const note = findings(x, 'lr-auto-scaled')[0];
    expect(note).toMatchObject({ severity: 'information', line: 5 });
    expect(note?.message).toContain('16 × 32 / 256 = 2');
  });

  test('on, with the GPU count unknown: the written lr is assumed, and a warning at it says so', () => {
    const x = extract(scaled('enable=True, '), 'configs/x.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, source: 'written', line: 3 });
    expect(value(x, 'lr')?.via?.reason).toContain('assumed unscaled');
    const warning = findings(x, 'lr-auto-scaled')[0];
    expect(warning).toMatchObject({ severity: 'warning', line: 3 });
    expect(warning?.message).toContain('data-parallel size');
  });

  test('off (the default) with only base_batch_size written: a hint names the launch flag, the lr is as written', () => {
    const x = extract(scaled(''), 'configs/x.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, source: 'written' });
    const hint = findings(x, 'lr-auto-scaled')[0];
    expect(hint).toMatchObject({ severity: 'hint', line: 4 });
    expect(hint?.message).toContain('--auto-scale-lr');
  });
});
