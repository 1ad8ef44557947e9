/** Parameter groups listed in a declarative optimizer block (list-param-groups.ts), on made-up files. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('a list of parameter groups in an optimizer block', () => {
  const yaml = [
    'optimizer:',
    '  type: AdamW',
    '  params:',
    '    - params: "^(?=.*backbone)(?!.*norm).*$"',
    '      lr: 0.00001',
    '    - params: "^(?=.*decoder)(?=.*norm).*$"',
    '      weight_decay: 0.',
    '    - params: "^(?=.*head).*$"',
    '      lr: 0.001',
    '      betas: [0.8, 0.99]',
    '  lr: 0.0002',
    '  betas: [0.9, 0.999]',
    '  weight_decay: 0.0001',
    'train_dataloader:',
    '  total_batch_size: 32',
    '',
  ].join('\n');

  test('each group with its own lr is an optimizer, with the block values and its own over them', () => {
    const x = extract(yaml, 'detector.yml');
    expect(x.optimizers).toHaveLength(3);
    expect(value(x, 'lr', 0)).toMatchObject({ value: 0.0002, line: 11 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 0.00001, line: 5 });
    expect(value(x, 'weightDecay', 1)).toMatchObject({ value: 0.0001, line: 13 });
    expect(value(x, 'lr', 2)).toMatchObject({ value: 0.001, line: 9 });
    expect(value(x, 'beta1', 2)).toMatchObject({ value: 0.8, line: 10 });
    expect(value(x, 'beta2', 2)).toMatchObject({ value: 0.99, line: 10 });
    expect(value(x, 'globalBatchSize', 2)).toMatchObject({ value: 32, line: 15 });
    expect(x.optimizers[1]?.appliesTo).toMatch(/parameter group 1/);
    expect(x.optimizers[2]?.appliesTo).toMatch(/parameter group 3/);
  });

  test('a group without its own lr (a no-decay group) is no optimizer of its own', () => {
    const noLr = yaml.replace('      lr: 0.00001\n', '').replace('      lr: 0.001\n', '');
    const x = extract(noLr, 'detector.yml');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0001, line: 11 });
  });

  test('a list whose maps name no parameters is not a list of groups', () => {
    const text = 'optimizer:\n  type: AdamW\n  lr: 0.0002\n  schedule:\n    - lr: 0.1\n      until: 100\n';
    expect(extract(text, 'run.yml').optimizers).toHaveLength(1);
  });
});
