/**
 * Rules from the sixth blind set's declarative configs, each on made-up text: singular and two-word spellings of the
 * accumulation and the warmup, `adam_beta_1`, a base rate below a peak beside it, numbered parts' learning rates, a
 * plain `train_batch_size`, `updates` as a run length, and a warmup counted in percent.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { groupLrPart } from '../../../server/extract/roles/group-lr';
import { value } from './helpers';

describe('spellings of the run-level roles', () => {
  test('a singular accumulation, a two-word warm-up and a `no` (number) of warmup steps', () => {
    const text = [
      'solver:',
      '  batch_size: 24',
      '  grad_acc_step: 4',
      '  warm_up_step: 2500',
      'schedule_args:',
      '  lr_warmup_no_steps: 300',
      '',
    ].join('\n');
    const x = extract(text, 'train.yaml');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 3 });
    // Both warmups are read; the first written in the solver's block is the one kept.
    expect(value(x, 'warmupSteps')?.line === 4 || value(x, 'warmupSteps')?.line === 6).toBe(true);
    const only = extract(text.replace('  warm_up_step: 2500\n', ''), 'train.yaml');
    expect(value(only, 'warmupSteps')).toMatchObject({ value: 300, line: 5 });
  });

  test('β1 and β2 with the index after an underscore', () => {
    const x = extract(['optim_args:', '  adam_beta_1: 0.85', '  adam_beta_2: 0.97', '  lr: 3.0e-4', ''].join('\n'),
      'run.yaml');
    expect(value(x, 'beta1')).toMatchObject({ value: 0.85, line: 2 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.97, line: 3 });
  });

  test('`updates` beside its warmup is the run length in optimizer updates', () => {
    const x = extract(['lr: 2.0e-4', 'batch_size: 128', 'updates: 50000', 'warmup_updates: 500', ''].join('\n'),
      'finetune.yaml');
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 3 });
  });
});

describe('a base learning rate below a peak beside it starts a warm-up', () => {
  const block = (base: string): string => ['trainer_args:', `  base_lr: ${base}`, '  max_lr: 0.003',
    '  warmup_steps: 200', ''].join('\n');

  test('below the peak, the peak is the learning rate and the base is not read', () => {
    const x = extract(block('0.0'), 'cfg.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 0.003, line: 3 });
  });

  test('equal to the peak, the base rate stands', () => {
    const x = extract(block('0.003'), 'cfg.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 0.003, line: 2 });
  });

  test('alone, the base rate is the learning rate', () => {
    const x = extract(['trainer_args:', '  base_lr: 0.0004', ''].join('\n'), 'cfg.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0004, line: 2 });
  });
});

test('a numbered part (`te1`, `te2`: two text encoders) names a part, as its word does', () => {
  expect(groupLrPart('learning_rate_te1')).toEqual({ part: 'te1' });
  expect(groupLrPart('lr_encoder2')).toEqual({ part: 'encoder2' });
  expect(groupLrPart('lr_te')).toEqual({ part: 'te' });
  // A schedule's word with a number is still no part.
  expect(groupLrPart('lr_step2')).toBeNull();
});

describe('`train_batch_size` alone', () => {
  test("in the optimizer's settings table is the batch of one device", () => {
    const text = ['[settings]', 'learning_rate = 5e-5', 'optimizer = "Lion"', 'train_batch_size = 6', ''].join('\n');
    const x = extract(text, 'settings.toml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 6, line: 4 });
  });

  test('beside a per-device micro-batch it is still the global batch', () => {
    const text = ['{', '  "train_batch_size": 64,', '  "train_micro_batch_size_per_gpu": 4', '}', ''].join('\n');
    const x = extract(text, 'ds.json');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, line: 2 });
  });

  test("in an RL trainer's overrides it counts prompts per rollout: no device's batch", () => {
    const text = ['python3 -m trainer.main \\', '  data.train_batch_size=128 \\',
      '  actor.ppo_mini_batch_size=32 \\', '  actor.optim.lr=1e-6', ''].join('\n');
    const x = extract(text, 'run.sh');
    expect(value(x, 'microBatchSize')?.line).not.toBe(2);
  });
});

test('a warmup its comment counts in percent of the run is no step count', () => {
  const text = ['[schedule]', 'learning_rate = 1e-4', 'lr_warmup = 5   # LR warmup (% of total steps)', ''].join('\n');
  expect(value(extract(text, 'gui.toml'), 'warmupSteps')?.source).not.toBe('written');
  const steps = text.replace('(% of total steps)', '(steps)');
  expect(value(extract(steps, 'gui.toml'), 'warmupSteps')).toMatchObject({ value: 5, line: 3 });
});

describe('blocks a name does not explain', () => {
  test("a block writing the learning rate and the weight decay holds the run's batch", () => {
    const text = ['{', '  "hp": {', '    "epochs": 300,', '    "batch_size": 96,', '    "init_lr": 0.002,',
      '    "weight_decay": 0.0001', '  },', '  "net": {"hidden": 64, "batch_size": 3}', '}', ''].join('\n');
    const x = extract(text, 'exp.json');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 96, line: 4 });
  });

  test('without a learning rate beside it, such a block lends no generic word', () => {
    const text = ['{', '  "hp": {"batch_size": 96, "hidden": 64}', '}', ''].join('\n');
    expect(value(extract(text, 'exp.json'), 'microBatchSize')?.source).not.toBe('written');
  });

  test("a role word's block of splits: `train` holds the training value", () => {
    const text = ['data:', '  batch_size:', '    val: 16', '    train: 48', 'optimizer:', '  name: sgd',
      '  lr: 0.1', ''].join('\n');
    const x = extract(text, 'run.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 48, line: 4 });
  });
});

describe('a warmup written for a constant schedule', () => {
  const conf = (warmup: number): string => ['train_conf:', '  optim: adamw', '  optim_conf:', '    lr: 2.0e-5',
    '  scheduler: constantlr', '  scheduler_conf:', `    warmup_steps: ${warmup}`, ''].join('\n');

  test('in the settings block of a constant schedule, a nonzero warmup is never used', () => {
    expect(value(extract(conf(1500), 'train.yaml'), 'warmupSteps')?.line).not.toBe(7);
  });

  test('a 0 says the same as the schedule, and is read', () => {
    expect(value(extract(conf(0), 'train.yaml'), 'warmupSteps')).toMatchObject({ value: 0, line: 7 });
  });

  test('beside a warming schedule the warmup stands', () => {
    const x = extract(conf(1500).replace('constantlr', 'warmuplr'), 'train.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 1500, line: 7 });
  });

  test('a negative warmup is a sentinel that hands the warmup to a ratio, not a warmup the schedule ignores', () => {
    const text = ['actor:', '  optim:', '    lr: 1.0e-6', '    lr_warmup_steps: -1', '    lr_warmup_steps_ratio: 0.',
      '    lr_scheduler_type: constant', ''].join('\n');
    expect(value(extract(text, 'ppo.yaml'), 'warmupSteps')).toMatchObject({ value: -1, line: 4 });
  });
});
