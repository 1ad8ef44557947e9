/** The Joey NMT table (ecosystems/joeynmt.ts) on a made-up config: accumulation, schedule, batch unit, defaults. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const config = (batchType: string): string => [
  'name: "toy"',
  'testing:',
  '    beam_size: 4',
  '    batch_size: 10',
  'training:',
  '    optimizer: "adam"',
  '    learning_rate: 0.0005',
  '    learning_rate_min: 0.00001',
  '    batch_size: 80',
  `    batch_type: "${batchType}"`,
  '    batch_multiplier: 3',
  '    scheduling: "decaying"',
  '    print_valid_sents: [0, 1]',
  'model:',
  '    tied_softmax: False',
  '',
].join('\n');

describe('Joey NMT', () => {
  test('batch_multiplier is the accumulation and scheduling the schedule, beside the optimizer in training', () => {
    const x = extract(config('sentence'), 'configs/toy.yaml');
    expect(x.ecosystem).toBe('joeynmt');
    expect(x.optimizers.map((o) => [o.name, o.line])).toEqual([['adam', 6]]);
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 7, source: 'written' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 3, line: 11, source: 'written' });
    expect(value(x, 'schedule')).toMatchObject({ value: 'decaying', line: 12, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 80, line: 9 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
  });

  test('a batch of tokens counts tokens', () => {
    const x = extract(config('token'), 'configs/toy.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 80, unit: 'tokens' });
  });
});
