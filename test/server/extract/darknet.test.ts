/** Darknet `.cfg` files (server/extract/ecosystems/darknet.ts): the `[net]` section's training settings, as INI. */
import { expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { value } from './helpers';

/** A made-up detector config in darknet's style: [net], then one section per layer. */
const CFG = [
  '[net]',
  '# Training',
  'batch=128',
  'subdivisions=32',
  'width=416',
  'height=416',
  'channels=3',
  'momentum=0.95',
  'decay=0.0004',
  'learning_rate=0.002',
  'burn_in=800',
  'max_batches = 120000',
  'policy=steps',
  'steps=96000,108000',
  'scales=.1,.1',
  '',
  '[convolutional]',
  'batch_normalize=1',
  'filters=16',
  'size=3',
  'activation=leaky',
  '',
  '[convolutional]',
  'filters=32',
  'size=3',
  '',
  '[yolo]',
  'mask = 3,4,5',
  'anchors = 10,14,  23,27,  37,58',
  'classes=20',
  '',
].join('\n');

test('darknet: [net] holds the run; layers repeat sections without syntax errors', () => {
  const x = extract(CFG, 'detector.cfg');
  expect(x).toMatchObject({ format: 'ini', ecosystem: 'darknet' });
  expect(x.readErrors).toEqual([]);
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]?.name).toBe('SGD');
  expect(value(x, 'lr')).toMatchObject({ value: 0.002, line: 10 });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.95, line: 8 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0004, line: 9 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 128, line: 3 });
  expect(value(x, 'gradAccum')).toMatchObject({ value: 32, line: 4 });
  expect(value(x, 'steps')).toMatchObject({ value: 120000, line: 12 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 800, line: 11 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'steps', line: 13 });
  // decay is added to the gradient (update_convolutional_layer): coupled L2, said so at its line.
  const analysis = analyzeText(CFG, '/w/detector.cfg', {});
  expect(analysis.findings.find((f) => f.code === 'coupled-l2-weight-decay')?.line).toBe(9);
});

test('darknet defaults (parse_net_options) where [net] is silent', () => {
  const x = extract('[net]\nbatch=64\nsubdivisions=8\nmax_batches=1000\nburn_in=10\n[convolutional]\nfilters=8\n', 'x.cfg');
  expect(x.ecosystem).toBe('darknet');
  expect(value(x, 'lr')).toMatchObject({ value: 0.001, source: 'default' });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, source: 'default' });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0001, source: 'default' });
});

test('darknet adam=1 runs Adam with B1, B2, eps (parse_net_options), and momentum is not its', () => {
  const text = '[net]\nbatch=64\nsubdivisions=2\nadam=1\nB1=0.85\nB2=0.99\nmomentum=0.9\nlearning_rate=1e-4\n' +
    'max_batches=5000\n[convolutional]\nfilters=8\n';
  const x = extract(text, 'adam.cfg');
  expect(x.ecosystem).toBe('darknet');
  expect(x.optimizers[0]?.name).toBe('Adam');
  expect(value(x, 'beta1')).toMatchObject({ value: 0.85, line: 5 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.99, line: 6 });
  expect(value(x, 'eps')).toMatchObject({ value: 0.000001, source: 'default' });
  expect(value(x, 'momentum')).toBeUndefined();
});
