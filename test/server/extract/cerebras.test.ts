/** The Cerebras Model Zoo table: the optimizer keyed by its class, the learning rate in the schedulers. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('Cerebras Model Zoo trainer YAML', () => {
  const config = (first: string): string => [
    'trainer:',
    '  init:',
    '    backend:',
    '      backend_type: CSX',
    '    callbacks:',
    '    - ScopedTrainFlags:',
    '        csx.performance.micro_batch_size: 16',
    '    - ScopedValidateFlags:',
    '        csx.performance.micro_batch_size: 4',
    '    loop:',
    '      max_steps: 5000',
    '    optimizer:',
    '      SGD:',
    '        momentum: 0.9',
    '        weight_decay: 0.0001',
    '    schedulers:',
    '    - SequentialLR:',
    '        schedulers:',
    '        - LinearLR:',
    `            initial_learning_rate: ${first}`,
    '            end_learning_rate: 0.1',
    '            total_iters: 500',
    '        - CosineDecayLR:',
    '            initial_learning_rate: 0.1',
    '            end_learning_rate: 0.001',
    '            total_iters: 4500',
    '  fit:',
    '    train_dataloader:',
    '      data_processor: ImageDataProcessor',
    '      batch_size: 512',
    '    val_dataloader:',
    '      batch_size: 256',
    '',
  ].join('\n');

  test("the class key's optimizer, the peak where the decay starts, the warm-up from 0, the global and micro batch", () => {
    const x = extract(config('0.0'), 'params_resnet.yaml');
    expect(x.ecosystem).toBe('cerebras');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'SGD', kind: 'sgd' });
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 24, source: 'written' });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 14 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0001, line: 15 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 22 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 30 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 11 });
  });

  test('a first phase that does not start from 0 is not read as a warm-up', () => {
    expect(value(extract(config('0.05'), 'params_resnet.yaml'), 'warmupSteps')?.source).not.toBe('written');
  });
});
