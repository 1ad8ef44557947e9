/** The fairseq and big_vision tables and the factory rule, each on a minimal file. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('fairseq', () => {
  const text = [
    'common:',
    '  fp16: true',
    'task:',
    '  _name: sentence_prediction',
    'criterion:',
    '  _name: sentence_prediction',
    'dataset:',
    '  batch_size: 32',
    'optimizer:',
    '  _name: adam',
    '  weight_decay: 0.1',
    '  adam_betas: (0.9,0.98)',
    '  adam_eps: 1e-06',
    'lr_scheduler:',
    '  _name: polynomial_decay',
    '  warmup_updates: 7432',
    'optimization:',
    '  lr: [1e-05]',
    '  update_freq: [4]',
    '  max_update: 123873',
    '',
  ].join('\n');
  const x = extract(text, 'mnli.yaml');
  test('its optimizer, lists of one and the tuple string it evaluates itself', () => {
    expect(x.ecosystem).toBe('fairseq');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', line: 10, weightDecaySemantics: 'lr' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 12 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 18 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 19 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'polynomial_decay', line: 15 });
    expect(x.scheduleKinds[0]).toBe('linear');
    // fairseq runs eval() on the string: no betas-string error there (anywhere else it is one).
    expect(findings(x, 'betas-string')).toEqual([]);
    expect(
      findings(extract('optimizer:\n  type: AdamW\n  betas: (0.9, 0.98)\n', 'x.yaml'), 'betas-string'),
    ).toHaveLength(1);
  });
});

test("fairseq's composite optimizer is one optimizer per parameter group, never a 'composite' of its own", () => {
  const text = [
    'optimization:',
    '  max_update: 1000',
    '  lr: [0.001]',
    'optimizer:',
    '  _name: composite',
    '  groups:',
    '    decay:',
    '      lr_float: 6.0e-4',
    '      optimizer:',
    '        _name: adam',
    '        adam_betas: [0.9,0.95]',
    '        weight_decay: 0.05',
    '      lr_scheduler:',
    '        _name: cosine',
    '        warmup_updates: 100',
    '    no_decay:',
    '      optimizer:',
    '        _name: adam',
    '        weight_decay: 0',
    'lr_scheduler: pass_through',
    '',
  ].join('\n');
  const x = extract(text, 'pretrain.yaml');
  expect(x.ecosystem).toBe('fairseq');
  expect(x.optimizers.map((o) => [o.name, o.line])).toEqual([['adam', 10], ['adam', 18]]);
  expect(value(x, 'lr', 0)).toMatchObject({ value: 6e-4, line: 8 });
  expect(value(x, 'beta2', 0)).toMatchObject({ value: 0.95, line: 11 });
  expect(value(x, 'warmupSteps', 0)).toMatchObject({ value: 100, line: 15 });
  // A group without lr_float runs the run's optimization.lr.
  expect(value(x, 'lr', 1)).toMatchObject({ value: 0.001, line: 3 });
  expect(value(x, 'weightDecay', 1)).toMatchObject({ value: 0, line: 19 });
});

test('big_vision: the global batch, ' + 'the optax name and arithmetic on attributes written earlier', () => {
  const text = [
    'import ml_collections as mlc',
    'def get_config():',
    '  config = mlc.ConfigDict()',
    '  config.input = dict()',
    '  config.input.batch_size = 4096',
    "  config.optax_name = 'big_vision.momentum_hp'",
    '  config.lr = (0.1 / 256) * config.input.batch_size',
    '  config.wd = (1e-4 / 256) * config.input.batch_size',
    "  config.schedule = dict(decay_type='cosine', warmup_steps=1000)",
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'bit_i1k.py');
  expect(x.ecosystem).toBe('big-vision');
  expect(x.optimizers[0]).toMatchObject({ name: 'big_vision.momentum_hp', kind: 'sgd', line: 6 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 4096, line: 5 });
  expect(value(x, 'lr')).toMatchObject({ value: 1.6, line: 7 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 1000, line: 9 });
});

test('big_vision: the config get_config() returns is read under any name (`c`), not only `config`', () => {
  const text = [
    'import big_vision.configs.common as bvcc',
    'def training_data(res):',
    '  c = bvcc.parse_arg("")',
    '  c.lr = 0.5',
    '  return c',
    'def get_config(arg=None):',
    '  c = bvcc.parse_arg(arg, res=224)',
    '  c.input = training_data(c.res)',
    '  c.input.batch_size = 256',
    "  c.optax_name = 'scale_by_adam'",
    '  c.optax = dict(b2=0.999)',
    '  c.lr = 1e-5',
    '  c.wd = 1e-6',
    '  return c',
    '',
  ].join('\n');
  const x = extract(text, 'docvqa.py');
  expect(x.ecosystem).toBe('big-vision');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'scale_by_adam', line: 10 });
  expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 12 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-6, line: 13 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 9 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.999, line: 11 });
});

test('big_vision: a branch of get_config() reads the config under any name through the same spellings', () => {
  const text = [
    'import big_vision.configs.common as bvcc',
    'def get_config(arg=None):',
    "  c = bvcc.parse_arg(arg, mode='xm')",
    '  c.input = {}',
    '  c.input.batch_size = 512',
    "  c.optax_name = 'scale_by_adam'",
    '  c.lr = 3e-4',
    "  if c.mode == 'local':",
    '    c.input.batch_size = 4',
    '  return c',
    '',
  ].join('\n');
  const x = extract(text, 'transfer.py');
  expect(x.optimizers).toHaveLength(2);
  const local = x.optimizers[1];
  expect(local?.appliesTo).toMatch(/branch `if c.mode == 'local'`/);
  expect(local?.hyperparameters.globalBatchSize).toMatchObject({ value: 4, line: 9 });
  expect(local?.hyperparameters.microBatchSize).toBeUndefined();
  expect(local?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 7 });
});

test("an optimizer factory builds the optimizer the run's name says (`--opt sgd`)", () => {
  const text =
    [
      'import argparse',
      'from timm.optim import create_optimizer_v2',
      'p = argparse.ArgumentParser()',
      'p.add_argument("--opt", default="sgd", type=str)',
      'p.add_argument("--momentum", type=float, default=0.9)',
      'args = p.parse_args()',
      'def main():',
      '    optimizer = create_optimizer_v2(model, **kwargs(args))',
    ].join('\n') + '\n';
  const x = extract(text, 'train.py');
  expect(x.optimizers[0]).toMatchObject({ name: 'sgd', kind: 'sgd', line: 4 });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 5 });
});
