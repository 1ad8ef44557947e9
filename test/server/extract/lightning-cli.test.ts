/** The Lightning CLI table: a LightningModule's own `__init__` arguments when the file names no optimizer. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('Lightning CLI without an optimizer block', () => {
  const moduleArgs = [
    'trainer:',
    '  max_epochs: 50',
    'model:',
    '  class_path: MyContrastiveTask',
    '  init_args:',
    '    backbone: resnet50',
    '    lr: 0.03',
    '    momentum: 0.9',
    '    weight_decay: 0.0001',
    '    queue_momentum: 0.99',
    'data:',
    '  class_path: MyDataModule',
    '  init_args:',
    '    batch_size: 64',
    '',
  ].join('\n');

  test("the module's lr, momentum and weight decay are the optimizer's that its configure_optimizers builds", () => {
    const x = extract(moduleArgs, 'experiment.yaml');
    expect(x.ecosystem).toBe('lightning');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]?.name).toBe('not named in this file');
    expect(value(x, 'lr')).toMatchObject({ value: 0.03, line: 7, source: 'written' });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 8 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0001, line: 9 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 14 });
  });

  test('a model block without class_path (the CLI fixes the class) holds them directly, betas as beta_1/beta_2', () => {
    const text = 'seed_everything: 7\ntrainer:\n  max_epochs: 3\nmodel:\n  lr: 2e-4\n  beta_1: 0.9\n  beta_2: 0.98\n' +
      '  hidden: 256\ndata:\n  batch_size: 32\n';
    const x = extract(text, 'forecast.yaml');
    expect(x.ecosystem).toBe('lightning');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 5 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 6 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 7 });
  });

  test("a written optimizer block's own lr wins over the module's", () => {
    const text = 'trainer:\n  max_epochs: 3\nmodel:\n  class_path: Net\n  init_args:\n    lr: 0.5\n' +
      'optimizer:\n  class_path: torch.optim.AdamW\n  init_args:\n    lr: 0.001\n';
    const x = extract(text, 'run.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]?.name).toBe('torch.optim.AdamW');
    expect(value(x, 'lr')).toMatchObject({ value: 0.001, line: 10 });
  });
});
