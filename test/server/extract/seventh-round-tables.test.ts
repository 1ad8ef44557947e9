/** Tables for frameworks the seventh round of the dev set brought in: fairchem (OCP) trainer YAML, Amphion JSON5. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('fairchem', () => {
  const cosine = [
    'includes:',
    '  - configs/s2ef/base.yml',
    'model:',
    '  name: some_gnn',
    '  regress_forces: True',
    'optim:',
    '  batch_size: 8',
    '  eval_batch_size: 12',
    '  lr_initial: 0.0002',
    '  optimizer: AdamW',
    '  optimizer_params:',
    '    weight_decay: 0.01',
    '  scheduler: LambdaLR',
    '  scheduler_params:',
    '    lambda_type: cosine',
    '    warmup_epochs: 0.5',
    '  max_epochs: 12',
    '  ema_decay: 0.99',
    '',
  ].join('\n');

  test('lr_initial is the lr; max_epochs and warmup_epochs count epochs; a LambdaLR takes its lambda_type', () => {
    const x = extract(cosine, 'my_model.yml');
    expect(x.ecosystem).toBe('fairchem');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 9, source: 'written' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, line: 12 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 12, unit: 'epochs', line: 17 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.5, unit: 'epochs', line: 16 });
    expect(value(x, 'schedule')).toMatchObject({ line: 15 });
  });

  test('a plateau schedule is named by optim.scheduler; its factor is no role', () => {
    const text = 'optim:\n  batch_size: 16\n  lr_initial: 5.e-4\n  optimizer_params:\n    amsgrad: True\n' +
      '  scheduler: ReduceLROnPlateau\n  factor: 0.8\n  patience: 3\n  max_epochs: 80\n  load_balancing: atoms\n';
    const x = extract(text, 'plateau.yml');
    expect(x.ecosystem).toBe('fairchem');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ line: 6 });
    expect(value(x, 'steps')).toMatchObject({ value: 80, unit: 'epochs', line: 9 });
  });
});

describe('Amphion', () => {
  const dynamic = [
    '{',
    '  "base_config": "config/some_model.json",',
    '  // a comment, as Amphion writes them',
    '  "log_dir": "ckpts/run",',
    '  "train": {',
    '    "gradient_accumulation_step": 2,',
    '    "batch_size": 8,',
    '    "max_epoch": 50,',
    '    "adam": { "lr": 1e-4 },',
    '    "use_dynamic_batchsize": true,',
    '    "max_tokens": 6000,',
    '    "max_sentences": 32,',
    '  }',
    '}',
    '',
  ].join('\n');

  test('a token-cut batch is max_tokens per process; batch_size and max_sentences are not the batch', () => {
    const x = extract(dynamic, 'exp_config.json');
    expect(x.ecosystem).toBe('amphion');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 9 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 6000, unit: 'tokens', line: 11 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 6 });
    expect(value(x, 'steps')).toMatchObject({ value: 50, unit: 'epochs', line: 8 });
  });

  test('without dynamic batching, batch_size is the batch; num_train_steps is the run length', () => {
    const text = dynamic.replace('"use_dynamic_batchsize": true', '"use_dynamic_batchsize": false')
      .replace('"max_epoch": 50', '"num_train_steps": 9000');
    const x = extract(text, 'exp_config.json');
    expect(x.ecosystem).toBe('amphion');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 9000, line: 8 });
  });
});
