/** A batch an Accelerator splits across the processes is the global batch (python/device-split.ts). */
import { describe, expect, test } from 'vitest';
import { lines, written } from './python-read';

describe('an Accelerator that splits the batches', () => {
  const script = (split: string): string => lines(
    'import torch',
    'from accelerate import Accelerator',
    'from torch.utils.data import DataLoader',
    'def main(batch_size = 48):',
    `    accelerator = Accelerator(split_batches = ${split})`,
    '    loader = DataLoader(dataset, batch_size = batch_size, shuffle = True)',
    '    opt = torch.optim.AdamW(model.parameters(), lr = 1e-4)',
    'main()',
  );

  test('split_batches=True: the loader batch is global', () => {
    expect(written(script('True'), 'globalBatchSize')).toEqual(['4: 48']);
    expect(written(script('True'), 'microBatchSize')).toEqual([]);
  });

  test('split_batches=False: the loader batch is each process\'s', () => {
    expect(written(script('False'), 'globalBatchSize')).toEqual([]);
  });
});
