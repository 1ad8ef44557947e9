/** A schedule built by a call no name holds: listed among the run's schedules, or returned by a builder. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const script = (list: string, call: string): string => [
  'import torch',
  'net = torch.nn.Linear(8, 8)',
  'opt = torch.optim.Adam(net.parameters(), lr=1e-3)',
  `${list} = [`,
  `    torch.optim.lr_scheduler.${call}(opt, gamma=0.999),`,
  ']',
  '',
].join('\n');

test('the first call in a list named for schedules is the schedule, by its class name', () => {
  expect(value(extract(script('schedulers', 'ExponentialLR'), 'train.py'), 'schedule'))
    .toMatchObject({ value: 'ExponentialLR', line: 5, source: 'written' });
  expect(value(extract(script('lr_schedulers', 'StepLR'), 'train.py'), 'schedule'))
    .toMatchObject({ value: 'StepLR', line: 5 });
});

test('a list named otherwise, or a call that builds no learning-rate schedule, is not', () => {
  expect(value(extract(script('callbacks', 'ExponentialLR'), 'train.py'), 'schedule')?.source).not.toBe('written');
  const noise = script('schedulers', 'ExponentialLR').replace('torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.999)',
    'diffusers.DDPMScheduler(num_train_timesteps=1000)');
  expect(value(extract(noise, 'train.py'), 'schedule')?.source).not.toBe('written');
});

test('a schedule class whose name starts with its shape, returned by a builder', () => {
  const text = [
    'import torch',
    'from torch.optim.lr_scheduler import CosineAnnealingLR',
    'def build(model):',
    '    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)',
    '    return CosineAnnealingLR(opt, T_max=1000)',
    '',
  ].join('\n');
  expect(value(extract(text, 'train.py'), 'schedule')).toMatchObject({ value: 'CosineAnnealingLR', line: 5 });
});
