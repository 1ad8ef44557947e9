/** A 0 under a batch, accumulation, run-length or sequence-length name is a placeholder, not the value. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('batch_size: int = 0 "computed in runtime" is not a batch of 0; a written warmup of 0 still is a warmup', () => {
  const text = [
    'from dataclasses import dataclass',
    'import torch',
    '@dataclass',
    'class Args:',
    '    learning_rate: float = 2.5e-4',
    '    warmup_steps: int = 0',
    '    # to be filled in runtime',
    '    batch_size: int = 0',
    '    num_iterations: int = 0',
    'args = Args()',
    'optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr')).toMatchObject({ value: 2.5e-4, line: 5 });
  expect(value(x, 'microBatchSize')?.value).not.toBe(0);
  expect(value(x, 'steps')?.value).not.toBe(0);
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 0, line: 6 });
});
