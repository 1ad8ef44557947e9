/**
 * Megatron-Bridge YAML overrides (server/extract/ecosystems/megatron-bridge.ts): ConfigContainer blocks over a recipe;
 * the model's seq_length is the trained one, and what the file leaves out is the recipe's, never a default.
 * On a small text written for the test.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const OVERRIDE = [
  'dataset:',
  '  seq_length: 8192',
  'model:',
  '  seq_length: 8192',
  '  tensor_model_parallel_size: 4',
  'train:',
  '  train_iters: 500',
  '  global_batch_size: 256',
  '  micro_batch_size: 2',
  'optimizer:',
  '  lr: 2.0e-4',
  '  min_lr: 2.0e-5',
  'scheduler:',
  '  lr_warmup_iters: 50',
  'dist:',
  '  use_megatron_fsdp: false',
  'ddp:',
  '  grad_reduce_in_fp32: true',
].join('\n') + '\n';

describe('Megatron-Bridge overrides', () => {
  test("the model's seq_length, the train block's batch and run, the optimizer block's lr", () => {
    const x = extract(OVERRIDE, 'pretrain_override.yaml');
    expect(x.ecosystem).toBe('megatron-bridge');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'seqLen')).toMatchObject({ value: 8192, line: 4, source: 'written' });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 11 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 9 });
    expect(value(x, 'steps')).toMatchObject({ value: 500, line: 7 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 50, line: 14 });
    // The recipe the file overrides chooses the optimizer and its betas: no name, no default.
    expect(x.optimizers[0]?.name).toBe('not named in this file');
    expect(value(x, 'beta2')).toBeUndefined();
  });

  test("the dataset's seq_length is read where the model's is not written", () => {
    const x = extract(OVERRIDE.replace('model:\n  seq_length: 8192\n', 'model:\n'), 'override.yaml');
    expect(value(x, 'seqLen')).toMatchObject({ value: 8192, line: 2 });
  });
});
