/** A schedule referenced in code by its module path is named by its own name; the raw keeps what is written. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { scheduleOwnName } from '../../../server/extract/schedule-names';
import { value } from './helpers';

describe('the name a qualified schedule reference gives itself', () => {
  test.each([
    ['torch.optim.lr_scheduler.StepLR', 'StepLR'],
    ['@learning_rate_schedules.truncated_rsqrt', 'truncated_rsqrt'],
    ['@schedules.rsqrt_decay()', 'rsqrt_decay'],
    ['my_pkg.optim.Schedule.COSINE', 'Schedule.COSINE'],
    ['utils.cosine_scheduler', 'cosine_scheduler'],
  ])('`%s` is %s', (text, name) => {
    expect(scheduleOwnName(text)).toBe(name);
  });
  test.each(['cosine', 'StepLR', 'warmup_cosine', '1e-3', 'a b.c'])('`%s` is left as it is', (text) => {
    expect(scheduleOwnName(text)).toBe(text);
  });
});

test('a scheduler built through its module path is read by its class name, the raw as written', () => {
  const text = [
    'import torch',
    'model = torch.nn.Linear(4, 4)',
    'opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)',
    'lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[30, 60])',
    '',
  ].join('\n');
  const schedule = value(extract(text, 'train.py'), 'schedule');
  expect(schedule).toMatchObject({ value: 'MultiStepLR', line: 4 });
  expect(schedule?.raw).toContain('torch.optim.lr_scheduler.MultiStepLR');
});

test('a gin schedule reference is read by the function it names', () => {
  const text = [
    'train.learning_rate_schedule = @schedules.warmup_rsqrt',
    'train.optimizer = @AdafactorOptimizer',
    'AdafactorOptimizer.beta1 = 0.0',
    '',
  ].join('\n');
  const schedule = value(extract(text, 'run.gin'), 'schedule');
  expect(schedule).toMatchObject({ value: 'warmup_rsqrt', line: 1 });
  expect(schedule?.raw).toBe('@schedules.warmup_rsqrt');
});

test('a YAML target keeps its full path', () => {
  const text = ['optimizer:', '  _target_: torch.optim.AdamW', '  lr: 1.0e-4', 'lr_scheduler:',
    '  _target_: torch.optim.lr_scheduler.CosineAnnealingLR', '  T_max: 1000', ''].join('\n');
  expect(value(extract(text, 'x.yaml'), 'schedule')?.value).toBe('torch.optim.lr_scheduler.CosineAnnealingLR');
});
