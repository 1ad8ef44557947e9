/** Megatron-LM `--yaml-cfg` files: the launch flags' names with `_`, read by the same table as the shell flags. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

const text = [
  'language_model:',
  '  num_layers: 24',
  '  num_attention_heads: 16',
  'model_parallel:',
  '  tensor_model_parallel_size: 1',
  '  pipeline_model_parallel_size: 1',
  '  fp16: False',
  'micro_batch_size: 2',
  'global_batch_size: 128',
  'optimizer: adam',
  'lr: 2.5e-4',
  'lr_decay_style: cosine',
  'lr_decay_iters: 1000',
  'lr_warmup_fraction: .01',
  'min_lr: 2.5e-5',
  'weight_decay: 0.1',
  'adam_beta1: 0.9',
  'adam_beta2: 0.95',
  'adam_eps: 1e-8',
  'train_iters: 2000',
  'seq_length: 4096',
  '',
].join('\n');

test('a --yaml-cfg file is Megatron-LM, with the flags\' semantics and defaults', () => {
  const x = extract(text, 'gpt_config.yaml');
  expect(x.ecosystem).toBe('megatron-lm');
  expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', line: 10, weightDecaySemantics: 'lr' });
  expect(value(x, 'lr')).toMatchObject({ value: 2.5e-4, line: 11 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 18 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 16 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 8 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 128, line: 9 });
  expect(value(x, 'steps')).toMatchObject({ value: 2000, line: 20 });
  expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 21 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', line: 12 });
  // The warmup fraction is of lr_decay_iters (1000), not of train_iters.
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 10, source: 'derived' });
});

test('load_yaml is plain yaml.safe_load: a dot-less exponent stays a string', () => {
  const x = extract(text, 'gpt_config.yaml');
  expect(findings(x, 'pyyaml-exponent-string').map((f) => f.line)).toEqual([19]);
});

test('an unwritten β1 is the flag default', () => {
  const x = extract(text.replace('adam_beta1: 0.9\n', ''), 'gpt_config.yaml');
  expect(value(x, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
});

test("sgd_momentum is SGD's alone: Adam does not carry it, SGD does (flag or YAML key)", () => {
  const adam = extract(`${text}sgd_momentum: 0.9\n`, 'gpt_config.yaml');
  expect(value(adam, 'momentum')).toBeUndefined();
  const sgd = extract(text.replace('optimizer: adam', 'optimizer: sgd') + 'sgd_momentum: 0.8\n', 'gpt_config.yaml');
  expect(sgd.optimizers[0]).toMatchObject({ kind: 'sgd' });
  expect(value(sgd, 'momentum')).toMatchObject({ value: 0.8, line: 22 });
  const shell = extract('torchrun pretrain_gpt.py --use-mcore-models --micro-batch-size 1 --lr-decay-style cosine ' +
    '--lr 1e-4 --sgd-momentum 0.5\n', 'train.sh');
  expect(shell.ecosystem).toBe('megatron-lm');
  expect(value(shell, 'momentum')).toBeUndefined();
});
