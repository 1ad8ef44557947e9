/**
 * MONAI bundle references (`"lr": "@lr"`, server/extract/interpolation.ts): the value is the literal the reference
 * names, read at its line, with the key that uses it; a reference to nothing is left as written.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const bundle = (ref: string): string => [
  '{',
  '    "lr": 0.001,',
  '    "num_epochs": 4,',
  '    "optimizer": {',
  '        "_target_": "Novograd",',
  '        "params": "$@network.parameters()",',
  `        "lr": "${ref}"`,
  '    },',
  '    "train": {"dataloader": {"_target_": "DataLoader", "batch_size": 128}}',
  '}',
].join('\n') + '\n';

test('`"lr": "@lr"` inside the optimizer is the top-level literal, at its line', () => {
  const x = extract(bundle('@lr'), 'train.json');
  expect(x.optimizers[0]).toMatchObject({ name: 'Novograd', line: 5 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.001, line: 2, raw: '0.001', source: 'written' });
});

test('an ID with `#` or `::` parts names a nested item; an ID the file does not hold is not read as a number', () => {
  const nested = bundle('@train#dataloader#batch_size').replace('"lr": 0.001', '"base": 0.001');
  expect(value(extract(nested, 'train.json'), 'lr')).toMatchObject({ value: 128, line: 9 });
  const newer = bundle('@train::dataloader::batch_size').replace('"lr": 0.001', '"base": 0.001');
  expect(value(extract(newer, 'train.json'), 'lr')).toMatchObject({ value: 128, line: 9 });
  const missing = extract(bundle('@learning_rate').replace('"lr": 0.001', '"base": 0.001'), 'train.json');
  expect(typeof value(missing, 'lr')?.value).not.toBe('number');
});
