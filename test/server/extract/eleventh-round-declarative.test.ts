/**
 * Rules written from the eleventh round's declarative dev configs (C14), each on made-up text: speakerlab's `<name>`
 * references and `obj:` class keys, a schedule named by `lr_schedule_name`, an RL environment's own settings.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const speakerlab = (ref: string): string => [
  'lr: 0.05',
  'batch_size: 64',
  'optimizer:',
  '  obj: torch.optim.SGD',
  '  args:',
  '    params:',
  `    lr: ${ref}`,
  '    momentum: 0.9',
  'lr_scheduler:',
  '  obj: mylib.scheduler.WarmupCosineScheduler',
  '  args:',
  '    optimizer: <optimizer>',
  '    warmup_epoch: 3',
  '',
].join('\n');

test('a `<name>` reference is the top-level literal it names, at its line; `obj:` names the optimizer', () => {
  const x = extract(speakerlab('<lr>'), 'train.yaml');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.SGD', line: 4 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.05, line: 1, source: 'written' });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 8 });
  // The scheduler's `obj:` is the schedule's class, not a second optimizer.
  expect(value(x, 'schedule')).toMatchObject({ line: 10 });
});

test('a `<name>` reference to a key the file does not hold is not read as a number', () => {
  const x = extract(speakerlab('<base_lr>').replace('lr: 0.05', 'start: 0.05'), 'train.yaml');
  expect(typeof value(x, 'lr')?.value).not.toBe('number');
});

test("`lr_schedule_name` names the schedule (EfficientViT's run_config)", () => {
  const text = ['run_config:', '  base_lr: 0.001', '  lr_schedule_name: cosine', '  optimizer_name: adamw', ''];
  const x = extract(text.join('\n'), 'default.yaml');
  expect(value(x, 'schedule')).toMatchObject({ line: 3, source: 'written' });
});

test("an RL environment block's max_steps ends an episode: no run length", () => {
  const text = [
    'env:',
    '  num_envs: 8',
    '  max_steps: 3',
    'optimizer:',
    '  name: AdamW',
    '  lr: 3e-5',
    '',
  ].join('\n');
  const x = extract(text, 'config.yaml');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-5, line: 6 });
  expect(value(x, 'steps')?.source).not.toBe('written');
  const run = extract(text.replace('env:', 'train:'), 'config.yaml');
  expect(value(run, 'steps')).toMatchObject({ value: 3, line: 3 });
});

test("a loader's own settings block holds the training batch; an evaluation loader's does not", () => {
  const text = [
    'fitting:',
    '  optimizer:',
    '    name: AdamW',
    '    lr: 0.01',
    '  loader_kwargs:',
    '    batch_size: 16',
    '  val_loader_kwargs:',
    '    batch_size: 64',
    '',
  ].join('\n');
  const x = extract(text, 'run.yaml');
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 6, source: 'written' });
});

test('the batch of one optimizer step is the global batch, beside its accumulation', () => {
  const text = [
    'train:',
    '  gradient_accumulation_steps: 4',
    '  optim_batch_size: 64',
    'optimizer:',
    '  name: Adam',
    '  lr: 1e-5',
    '',
  ].join('\n');
  const x = extract(text, 'config.yaml');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, line: 3, source: 'written' });
  expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 2 });
});

describe('a config of diffusers-script options (YAML a script loads as its args)', () => {
  const text = [
    'pretrained: some/model',
    'loader:',
    '  train_batch_size: 2',
    '  img_dir: images/',
    'train_batch_size: 2',
    'max_train_steps: 5000',
    'learning_rate: 2.0e-5',
    'lr_scheduler: cosine',
    'lr_warmup_steps: 50',
    'adam_beta1: 0.9',
    'adam_beta2: 0.99',
    'adam_weight_decay: 0.001',
    'adam_epsilon: 1e-8',
    'gradient_accumulation_steps: 4',
    'checkpointing_steps: 500',
    'checkpoints_total_limit: 3',
    '',
  ].join('\n');
  test("its train_batch_size is each device's batch, the loader block's first, not a global batch", () => {
    const x = extract(text, 'train.yaml');
    expect(x.ecosystem).toBe('diffusers-config');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 3, source: 'written' });
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.001, line: 12 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, line: 13 });
    expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 6 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 50, line: 9 });
  });
  test('without a loader block the top-level train_batch_size is the batch; OmegaConf reads 1e-8 as a number', () => {
    const x = extract(text.replace('loader:\n  train_batch_size: 2\n  img_dir: images/\n', ''), 'train.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 2 });
    expect(x.findings.filter((f) => f.code === 'pyyaml-exponent-string' && f.severity !== 'hint')).toEqual([]);
  });
});

test("EfficientViT: base_batch_size is each GPU's batch, an unwritten SGD momentum the registered 0.9", () => {
  const text = [
    'data_provider:',
    '  dataset: cifar',
    '  base_batch_size: 64',
    'run_config:',
    '  n_epochs: 90',
    '  base_lr: 0.05',
    '  warmup_epochs: 5',
    '  warmup_lr: 0.0',
    '  lr_schedule_name: cosine',
    '  optimizer_name: sgd',
    '  weight_decay: 4.0e-05',
    '  no_wd_keys: [bn, bias]',
    '',
  ].join('\n');
  const x = extract(text, 'default.yaml');
  expect(x.ecosystem).toBe('efficientvit');
  expect(x.optimizers[0]).toMatchObject({ name: 'sgd', line: 10 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 3, source: 'written' });
  expect(value(x, 'lr')).toMatchObject({ value: 0.05, line: 6 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 5, line: 7, unit: 'epochs' });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.9, source: 'default' });
  expect(value(x, 'schedule')).toMatchObject({ line: 9 });
});

describe('4M: a run told in billions of tokens', () => {
  const text = [
    'epochs: -1',
    'total_tokens: 200 # in billions',
    'opt: adamw',
    'blr: 0.0002',
    'warmup_epochs: -1',
    'warmup_tokens: 4 # in billions',
    'batch_size: 64',
    'num_input_tokens: 256',
    'num_target_tokens: 256',
    '',
  ].join('\n');
  test("the -1 beside a token count is no warmup, the token counts no steps; the script's defaults fill in", () => {
    const x = extract(text, 'model.yaml');
    expect(x.ecosystem).toBe('fourm');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 4, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 7 });
    expect(value(x, 'warmupSteps')?.source).not.toBe('written');
    expect(value(x, 'steps')?.source).not.toBe('written');
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, source: 'default' });
  });
  test('without a token count the warmup in epochs is read', () => {
    const x = extract(text.replace('warmup_epochs: -1', 'warmup_epochs: 5').replace('warmup_tokens: 4', 'warmup_tokens: -1'),
      'model.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 5, line: 5, unit: 'epochs' });
  });
});
