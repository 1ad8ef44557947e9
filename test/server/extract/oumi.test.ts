/**
 * Oumi training configs (server/extract/ecosystems/oumi.ts): TrainingArguments-style settings under `training:`,
 * the sequence length the model's `model_max_length` (what TRL and the packer use), not a dataset's own kwargs.
 * On a small text written for the test.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const CONFIG = [
  'model:',
  '  model_name: "org/tiny-lm"',
  '  model_max_length: 2048',
  '  torch_dtype_str: "bfloat16"',
  'data:',
  '  train:',
  '    datasets:',
  '      - dataset_name: "org/corpus"',
  '        dataset_kwargs:',
  '          seq_length: 4096',
  '    pack: True',
  'training:',
  '  trainer_type: "TRL_SFT"',
  '  optimizer: "adamw_torch_fused"',
  '  learning_rate: 3.0e-04',
  '  per_device_train_batch_size: 16',
  '  gradient_accumulation_steps: 2',
  '  max_steps: 1000',
  '  warmup_ratio: 0.1',
].join('\n') + '\n';

describe('Oumi', () => {
  test("the model's model_max_length is the trained sequence length; training: holds the optimizer", () => {
    const x = extract(CONFIG, 'train.yaml');
    expect(x.ecosystem).toBe('oumi');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_torch_fused', line: 14 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 3, source: 'written' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 15 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 16 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 17 });
    expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 18 });
    // warmup_ratio is a share of the run: 0.1 × 1000 steps.
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, source: 'derived' });
    // What the file leaves out is TrainingParams' default, with its source.
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toContain('training_params.py');
  });
});
