/**
 * Rules written from the twelfth round's dev configs (C16), each on made-up text: more spellings of the per-process
 * and global batch, of the warmup and of the scheduler's class, and the frozen parts of a latent diffusion model.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('`batch_size_training`, `per_gpu_batch_size` and `batchsize` are the per-process batch', () => {
  for (const word of ['batch_size_training', 'per_gpu_batch_size', 'batchsize']) {
    const text = ['train:', '  learning_rate: 2.0e-4', `  ${word}: 12`, '  epochs: 3', ''].join('\n');
    const x = extract(text, 'run.yaml');
    expect(value(x, 'microBatchSize'), word).toMatchObject({ value: 12, line: 3, source: 'written' });
  }
});

test("`global_bs` is the global batch (a flat hyperparameter JSON's short form)", () => {
  const text = ['{', '  "lr": 1e-3,', '  "wd": 0.1,', '  "warmup": 2000,', '  "global_bs": 512', '}', ''].join('\n');
  const x = extract(text, 'hparams.json');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 5, source: 'written' });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 4 });
});

test("a warm-up scheduler's `warmup_duration` is the warmup in steps", () => {
  const text = [
    'optimizer:',
    '  type: AdamW',
    '  lr: 0.0002',
    'lr_warmup_scheduler:',
    '  type: LinearWarmup',
    '  warmup_duration: 750',
    '',
  ].join('\n');
  const x = extract(text, 'optim.yml');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 750, line: 6, source: 'written' });
});

test('`scheduler_cls` names the schedule beside its arguments, as `optimizer_cls` names the optimizer', () => {
  const text = [
    'task:',
    '  optimizer_cls: torch.optim.Adam',
    '  optimizer_args:',
    '    lr: 5.0e-4',
    '  scheduler_cls: mypkg.sched.StepDecay',
    '  scheduler_args:',
    '    factor: 0.8',
    '',
  ].join('\n');
  const x = extract(text, 'experiment.yaml');
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.Adam', line: 2 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'mypkg.sched.StepDecay', line: 5, source: 'written' });
});

test("a latent diffusion model's frozen autoencoder block is not the trained model's lr or batch", () => {
  const text = [
    'model:',
    '  target: mypkg.ldm.LatentDiffusion',
    '  params:',
    '    first_stage_config:',
    '      base_learning_rate: 4.5e-06',
    '      target: mypkg.vae.AutoencoderKL',
    '      params:',
    '        batchsize: 8',
    '    cond_stage_config:',
    '      base_learning_rate: 1.0e-05',
    '    base_learning_rate: 2.0e-05',
    '    batchsize: 3',
    '',
  ].join('\n');
  const x = extract(text, 'ldm.yaml');
  expect(value(x, 'lr')).toMatchObject({ value: 2e-5, line: 11, source: 'written' });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 3, line: 12 });
  const lines = x.optimizers.flatMap((o) => Object.values(o.hyperparameters).map((v) => v?.line));
  for (const frozen of [5, 8, 10]) expect(lines).not.toContain(frozen);
});

test("a prompt's length beside the answer's is not the sequence length; alone, it is", () => {
  const text = [
    'max_input_length: 384',
    'max_output_length: 640',
    'training_args:',
    '  learning_rate: 1.0e-4',
    '  per_device_train_batch_size: 2',
    '',
  ].join('\n');
  const x = extract(text, 'sft.yaml');
  expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 4 });
  expect(value(x, 'seqLen')?.line).not.toBe(1);
  const alone = extract(text.replace('max_output_length: 640\n', ''), 'sft.yaml');
  expect(value(alone, 'seqLen')).toMatchObject({ value: 384, line: 1 });
});

test('an initial learning rate beside the plain one is the warm-up start, even misspelt; alone, it is the lr', () => {
  for (const word of ['initial_learning_rate', 'intial_learning_rate', 'initial_lr']) {
    const text = ['{', '  "learning_rate": 3e-4,', `  "${word}": 1e-6,`, '  "wd": 0.05,', '  "batch_size": 16', '}', '']
      .join('\n');
    const x = extract(text, 'cfg.json');
    expect(value(x, 'lr'), word).toMatchObject({ value: 3e-4, line: 2 });
    // No optimizer or parameter group of its own is made from it.
    const lines = x.optimizers.flatMap((o) => Object.values(o.hyperparameters).map((v) => v?.line));
    expect(lines, word).not.toContain(3);
  }
  const alone = ['{', '  "initial_learning_rate": 1e-6,', '  "batch_size": 16', '}', ''].join('\n');
  expect(value(extract(alone, 'cfg.json'), 'lr')).toMatchObject({ value: 1e-6, line: 2 });
});

test('`acc` and `tokens` beside a global batch and a warm-up are the accumulation and the token budget', () => {
  const text = ['{', '  "lr": 2e-3,', '  "warmup": 1000,', '  "global_bs": 128,', '  "acc": 4,',
    '  "tokens": 5000000000', '}', ''].join('\n');
  const x = extract(text, 'run.json');
  expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 5, source: 'written' });
  expect(value(x, 'steps')).toMatchObject({ value: 5e9, line: 6, source: 'written' });
  // Without a global batch beside them they are an accuracy and a data count.
  const metrics = extract(['{', '  "lr": 2e-3,', '  "warmup": 1000,', '  "acc": 0.91,', '  "tokens": 12000', '}', '']
    .join('\n'), 'run.json');
  expect(value(metrics, 'gradAccum')?.source).not.toBe('written');
  expect(value(metrics, 'steps')?.source).not.toBe('written');
});
