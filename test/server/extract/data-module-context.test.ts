/**
 * A Lightning data module's block (`data_module:`, `datamodule:`) holds the training loader's batch, as a `data:`
 * block does (roles/places.ts), on made-up text.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test("a data module's batch, split by dataset split, is the training loader's", () => {
  const text = ['data_module:', '  _target_: mypkg.data.ShardedDataModule', '  num_workers: 4', '  batch_size:',
    '    train: 96', '    val: 16', 'optimizer:', '  _target_: torch.optim.Adam', '  lr: 3.0e-4', ''].join('\n');
  const x = extract(text, 'config.yaml');
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 96, line: 5 });
});

test("a data module's plain batch is read too", () => {
  const text = ['datamodule:', '  batch_size: 24', 'optimizer:', '  _target_: torch.optim.AdamW', '  lr: 1.0e-4', ''];
  expect(value(extract(text.join('\n'), 'config.yaml'), 'microBatchSize')).toMatchObject({ value: 24, line: 2 });
});
