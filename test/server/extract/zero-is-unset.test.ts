/** A written 0 that the framework reads as "not set" gives way to the spelling the framework then uses. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('Hugging Face: warmup_steps: 0 leaves the warmup to warmup_ratio (get_warmup_steps)', () => {
  const text = ['stage: sft', 'finetuning_type: full', 'cutoff_len: 1024', 'learning_rate: 1.0e-5', 'warmup_steps: 0',
    'warmup_ratio: 0.1', 'max_steps: 1000', ''].join('\n');
  const x = extract(text, 'sft.yaml');
  expect(x.ecosystem).toBe('llamafactory');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, source: 'derived' });
  // A non-zero warmup_steps still wins over the ratio.
  expect(value(extract(text.replace('warmup_steps: 0', 'warmup_steps: 7'), 'sft.yaml'), 'warmupSteps'))
    .toMatchObject({ value: 7, line: 5 });
});

test('Megatron: a run sized in samples warms up by lr_warmup_samples beside lr_warmup_iters: 0', () => {
  const text = ['model_parallel:', '  tensor_model_parallel_size: 1', 'optimizer: adam', 'lr: 2.5e-4',
    'lr_decay_style: cosine', 'lr_warmup_iters: 0', 'lr_warmup_samples: 81381', 'train_samples: 268554688', ''].join('\n');
  const x = extract(text, 'gpt_config.yaml');
  expect(x.ecosystem).toBe('megatron-lm');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 81381, line: 7, unit: 'samples' });
  // Written alone, a zero warmup is a zero warmup.
  expect(value(extract(text.replace('lr_warmup_samples: 81381\n', ''), 'gpt_config.yaml'), 'warmupSteps'))
    .toMatchObject({ value: 0, line: 6 });
});

test('axolotl hands warmup_steps and warmup_ratio to TrainingArguments: 0 steps leaves the ratio', () => {
  const text = ['base_model: meta-llama/Llama-3.2-1B', 'micro_batch_size: 2', 'gradient_accumulation_steps: 4',
    'learning_rate: 0.0002', 'optimizer: adamw_torch', 'warmup_steps: 0', 'warmup_ratio: 0.05', 'max_steps: 200',
    'sequence_len: 2048', ''].join('\n');
  const x = extract(text, 'lora.yml');
  expect(x.ecosystem).toBe('axolotl');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 10, source: 'derived' });
});
