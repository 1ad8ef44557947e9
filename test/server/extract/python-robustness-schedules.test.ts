/**
 * Python training code in the styles real projects write it, continued (python-robustness.test.ts): schedules that
 * carry the peak lr, module constants, values the environment sets, and numbers in log lines that are no settings.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

describe('schedules', () => {
  test("OneCycleLR's max_lr is the run's peak lr, replacing the lr the optimizer's call writes", () => {
    const x = extract(lines(
      'import torch',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)',
      'scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=10000, pct_start=0.3)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 3, source: 'written' });
    expect(value(x, 'lr')?.via?.reason).toContain('OneCycleLR');
    expect(value(x, 'steps')).toMatchObject({ value: 10000, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'OneCycleLR', line: 3 });
    // Another scheduler leaves the optimizer's own lr alone.
    const step = extract(lines(
      'import torch',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)',
      'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)',
    ), 'train.py');
    expect(value(step, 'lr')).toMatchObject({ value: 0.01, line: 2 });
  });

  test('SequentialLR([warmup, cosine]) runs the cosine after a rising LinearLR warmup', () => {
    const x = extract(lines(
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=500)',
      'cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=9500)',
      'scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[500])',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineAnnealingLR', line: 4 });
  });

  test("transformers' get_cosine_schedule_with_warmup gives the warmup and the run length", () => {
    const x = extract(lines(
      'import torch',
      'from transformers import get_cosine_schedule_with_warmup',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)',
      'scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=1000)',
    ), 'train.py');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, line: 4 });
    expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 4 });
  });

  test('optax.warmup_cosine_decay_schedule passed as the learning rate carries the peak', () => {
    const x = extract(lines(
      'import optax',
      'schedule = optax.warmup_cosine_decay_schedule(',
      '    init_value=0.0, peak_value=3e-4, warmup_steps=1000, decay_steps=50000, end_value=1e-5)',
      'tx = optax.adamw(learning_rate=schedule, b1=0.9, b2=0.95, weight_decay=0.1)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 1000, line: 3 });
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 3 });
  });

  test('a tf.keras schedule object given as the learning rate', () => {
    const x = extract(lines(
      'import tensorflow as tf',
      'lr_schedule = tf.keras.optimizers.schedules.CosineDecay(initial_learning_rate=1e-3, decay_steps=10000)',
      'optimizer = tf.keras.optimizers.Adam(learning_rate=lr_schedule)',
      'model.compile(optimizer=optimizer, loss="mse")',
      'model.fit(x, y, batch_size=32, epochs=5)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
    expect(value(x, 'steps')).toMatchObject({ value: 10000, line: 2 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineDecay', line: 2 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 5 });
  });
});

describe('module constants, the environment, log lines', () => {
  test('ALL_CAPS constants at the top of a script', () => {
    const x = extract(lines(
      'import torch',
      'LR = 3e-4',
      'BATCH_SIZE = 64',
      'EPOCHS = 10',
      'WEIGHT_DECAY = 0.05',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)',
      'loader = DataLoader(ds, batch_size=BATCH_SIZE, shuffle=True)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 5 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 3 });
    // Epochs are no optimizer steps.
    expect(value(x, 'steps')).toBeUndefined();
  });

  test('float(args.lr) of an argparse default written as a string is that number, at the default', () => {
    const x = extract(lines(
      'import argparse',
      'import torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--lr", type=str, default="3e-4")',
      'args = parser.parse_args()',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=float(args.lr))',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 4, source: 'written' });
    expect(x.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
  });

  test('an os.environ default bound to a name is a value the run sets, told where the environment is read', () => {
    const x = extract(lines(
      'import os',
      'import torch',
      'lr = float(os.environ.get("LR", "3e-4"))',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=lr)',
    ), 'train.py');
    // As README's value-set-at-run-time says: never the default it names, never torch's default either.
    expect(value(x, 'lr')).toMatchObject({ source: 'written', line: 3,
      runtime: { kind: 'environment', expression: 'float(os.environ.get("LR", "3e-4"))' } });
  });

  test('a module attribute the reader does not follow is a run-time value, not an invalid number (wandb.config)', () => {
    const x = extract(lines(
      'import wandb',
      'import torch',
      'wandb.init(project="demo")',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=wandb.config.learning_rate)',
    ), 'train.py');
    expect(x.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
    expect(value(x, 'lr')).toMatchObject({ line: 4, runtime: { kind: 'name', expression: 'wandb.config.learning_rate' } });
  });

  test('numbers in f-strings and logging calls are not read', () => {
    const x = extract(lines(
      'import logging',
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'print(f"training with lr={2e-4} batch_size={128}")',
      'logging.info("lr=%s weight_decay=%s", 5e-5, 0.3)',
      'logger.info(f"warmup_steps={400}")',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
    expect(value(x, 'weightDecay')?.source).toBe('default');
    expect(value(x, 'microBatchSize')).toBeUndefined();
    expect(value(x, 'warmupSteps')).toBeUndefined();
  });
});
