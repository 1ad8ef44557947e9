/** The lightning-hydra-template table: experiment configs that override the template's groups; a global data batch. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const experiment = [
  '# @package _global_',
  'defaults:',
  '  - override /data: cifar',
  '  - override /model: resnet',
  '  - override /trainer: gpu',
  'trainer:',
  '  max_steps: 20000',
  '  accumulate_grad_batches: 2',
  'model:',
  '  optimizer:',
  '    _target_: torch.optim.AdamW',
  '    _partial_: true',
  '    lr: 0.0003',
  '    weight_decay: 0.05',
  'data:',
  '  batch_size: 256',
  '',
].join('\n');

test('an experiment is recognised by the groups it overrides; data.batch_size is the global batch', () => {
  const x = extract(experiment, 'configs/experiment/cifar.yaml');
  expect(x.ecosystem).toBe('lightning-hydra');
  expect(x.optimizers[0]?.name).toBe('torch.optim.AdamW');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 13 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 14 });
  // The template's datamodule divides it by the number of devices: it is not the per-device batch.
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 16, source: 'written' });
  expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 8 });
  expect(value(x, 'steps')).toMatchObject({ value: 20000, line: 7 });
});

test('an experiment that writes only the lr keeps the model config\'s optimizer, unnamed here', () => {
  const only = experiment.replace('    _target_: torch.optim.AdamW\n    _partial_: true\n', '');
  const x = extract(only, 'configs/experiment/cifar.yaml');
  expect(x.ecosystem).toBe('lightning-hydra');
  expect(x.optimizers[0]?.name).toBe('not named in this file');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 11 });
});
