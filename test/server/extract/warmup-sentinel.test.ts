/** A warmup of -1 that means "use the fraction beside it": the fraction where it becomes steps, the -1 otherwise. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const config = (total: string): string => [
  'trainer:',
  '  optim:',
  '    lr: 2.0e-6',
  '    lr_warmup_steps_ratio: 0.05',
  `    total_training_steps: ${total}`,
  '    lr_warmup_steps: -1',
  '',
].join('\n');

test('a sentinel warmup with a ratio and a run length: the ratio in steps', () => {
  expect(value(extract(config('1000'), 'rl.yaml'), 'warmupSteps')).toMatchObject({ value: 50, source: 'derived' });
});

test('a sentinel warmup whose run length is filled in at run time: the -1 as written, a sentinel', () => {
  const x = extract(config('-1'), 'rl.yaml');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: -1, unit: 'sentinel', line: 6, source: 'written' });
  // Without a run length at all, the same.
  const none = extract(config('-1').replace(/ {4}total_training_steps.*\n/, ''), 'rl.yaml');
  expect(value(none, 'warmupSteps')).toMatchObject({ value: -1, unit: 'sentinel', line: 5 });
});

test('a ratio alone, with no sentinel, stays a fraction of the run', () => {
  const x = extract(config('-1').replace(/ {4}lr_warmup_steps: -1\n/, ''), 'rl.yaml');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.05, unit: 'fraction', line: 4 });
});
