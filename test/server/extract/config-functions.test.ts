/**
 * ml_collections `get_config()` files (big_vision): the spellings of the global batch, and what branches of the
 * function write.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('big_vision: `config.batch_size` (the configs written before `config.input`) is the global batch', () => {
  const text = [
    'import ml_collections as mlc',
    'def get_config():',
    '  config = mlc.ConfigDict()',
    '  config.batch_size = 4096*4',
    "  config.optax_name = 'big_vision.scale_by_adafactor'",
    '  config.lr = 8e-4',
    '  config.total_steps = 1_000_000',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'train_vit_g.py');
  expect(x.ecosystem).toBe('big-vision');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16384, line: 4, raw: '4096*4' });
  expect(value(x, 'microBatchSize')?.source).not.toBe('written');
});
