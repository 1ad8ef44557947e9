/** The PaddleDetection table (ecosystems/paddledetection.ts): the run in epochs, tagged schedulers, the optimizer. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const CONFIG = [
  'epoch: 36',
  'LearningRate:',
  '  base_lr: 0.01',
  '  schedulers:',
  '  - !PiecewiseDecay',
  '    gamma: 0.1',
  '    milestones: [24, 33]',
  '  - !LinearWarmup',
  '    start_factor: 0.1',
  '    steps: 300',
  'OptimizerBuilder:',
  '  optimizer:',
  '    type: Momentum',
  '    momentum: 0.9',
  '  regularizer:',
  '    type: L2',
  '    factor: 0.0001',
  'TrainReader:',
  '  batch_size: 2',
  '',
].join('\n');

test('the run in epochs, the first scheduler as the schedule, the second as the warmup, a coupled L2 decay', () => {
  const x = extract(CONFIG, 'faster_rcnn_r50_1x.yml');
  expect(x.ecosystem).toBe('paddledetection');
  expect(x.optimizers[0]).toMatchObject({ name: 'Momentum', line: 13 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.01, line: 3 });
  expect(value(x, 'steps')).toMatchObject({ value: 36, line: 1, unit: 'epochs' });
  expect(value(x, 'schedule')).toMatchObject({ value: 'PiecewiseDecay', line: 5 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 300, line: 10 });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 14 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-4, line: 17 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 19 });
});

test("a warmup's epochs win over its steps, as ppdet's LinearWarmup reads them", () => {
  const text = 'epoch: 80\nLearningRate:\n  base_lr: 0.001\n  schedulers:\n    - !CosineDecay\n      max_epochs: 96\n' +
    '    - !LinearWarmup\n      start_factor: 0.\n      steps: 1000\n      epochs: 5\n';
  const x = extract(text, 'ppyoloe.yml');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 5, line: 10, unit: 'epochs' });
  expect(value(x, 'schedule')).toMatchObject({ value: 'CosineDecay', line: 5 });
  expect(x.scheduleKinds[0]).toBe('cosine');
  // The cosine's own length is not the run's.
  expect(value(x, 'steps')).toMatchObject({ value: 80, line: 1 });
});
