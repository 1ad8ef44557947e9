/** The Flax examples table: ml_collections configs whose batch_size is global and whose optimizer train.py builds. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('config.batch_size is the global batch; an unnamed optimizer is not guessed', () => {
  const text = [
    'import ml_collections',
    'def get_config():',
    '  config = ml_collections.ConfigDict()',
    "  config.model = 'ResNet50'",
    '  config.learning_rate = 0.1',
    '  config.warmup_epochs = 5.0',
    '  config.momentum = 0.9',
    '  config.batch_size = 128',
    '  config.shuffle_buffer_size = 16 * 128',
    '  config.num_epochs = 100.0',
    '  config.num_train_steps = -1',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'configs/default.py');
  expect(x.ecosystem).toBe('flax');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'built in train.py', kind: null });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 128, line: 8 });
  expect(value(x, 'microBatchSize')).toBeUndefined();
  expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 5 });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 7 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 5, line: 6, unit: 'epochs' });
  expect(value(x, 'steps')).toMatchObject({ value: -1, unit: 'sentinel' });
});

test("config.optimizer names optax's optimizer, with optax's defaults", () => {
  const text = [
    'import ml_collections',
    'def get_config():',
    '  config = ml_collections.ConfigDict()',
    "  config.optimizer = 'adam'",
    '  config.learning_rate = 1e-3',
    '  config.batch_size = 256',
    '  config.num_train_steps = 100_000',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'default.py');
  expect(x.ecosystem).toBe('flax');
  expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adam', line: 4 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
  expect(value(x, 'steps')).toMatchObject({ value: 100000, line: 7 });
});
