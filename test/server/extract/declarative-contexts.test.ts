/**
 * Places and blocks of declarative configs, each on made-up text: a schedule function's `peak_value` is the learning
 * rate, a diffusion model's noising process counts noise levels (no run length), and seqio's feature-lengths macro
 * says a gin file is T5X's (whose `BATCH_SIZE` is the global batch).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test("a schedule function's `peak_value`, bound in gin, is the learning rate", () => {
  const text = [
    'import optax',
    'OPTIMIZER = @optax.adamw()',
    'optax.adamw:',
    '  weight_decay = 0.05',
    'optax.warmup_cosine_decay_schedule:',
    '  init_value = 0.0',
    '  peak_value = 3e-4',
    '  warmup_steps = 500',
    '',
  ].join('\n');
  const x = extract(text, 'optim.gin');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 7 });
});

test("a `peak_value` outside a schedule's or a learning rate's block is not a learning rate", () => {
  const text = ['signal:', '  peak_value: 0.8', 'optimizer:', '  name: adam', '  lr: 0.002', ''].join('\n');
  expect(value(extract(text, 'cfg.yaml'), 'lr')).toMatchObject({ value: 0.002, line: 5 });
});

test("a diffusion process's noising schedule counts noise levels, not the run's steps", () => {
  const text = [
    'module:',
    '  optimizer:',
    '    _target_: torch.optim.AdamW',
    '    lr: 0.0002',
    '  diffusion:',
    '    corruption:',
    '      schedule:',
    '        num_steps: 1000',
    '',
  ].join('\n');
  const x = extract(text, 'config.yaml');
  expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 4 });
  expect(value(x, 'steps')?.line).not.toBe(8);
});

test("seqio's TASK_FEATURE_LENGTHS macro makes a gin run file T5X's: its BATCH_SIZE is the global batch", () => {
  const text = ["include 'base.gin'", '', "TASK_FEATURE_LENGTHS = {'inputs': 512, 'targets': 128}",
    'TRAIN_STEPS = 20000', 'BATCH_SIZE = 256', ''].join('\n');
  const x = extract(text, 'run.gin');
  expect(x.ecosystem).toBe('t5x');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 5 });
});

test("a wrapper's `name` beside `torch_optim_name`: the torch optimizer it builds is the optimizer", () => {
  const text = ['optimizer:', '  name: OptimWrapper', '  torch_optim_name: SGD', '  lr: 0.05', '  momentum: 0.8',
    ''].join('\n');
  const x = extract(text, 'downstream.yaml');
  expect(x.optimizers[0]).toMatchObject({ line: 3 });
  expect(value(x, 'momentum')).toMatchObject({ value: 0.8, line: 5 });
});

test("a trainer's `learning_rate_fn` bound to a schedule function names the schedule", () => {
  const text = ['OPTIMIZER = @optim.Lamb()', 'trainer.Trainer:', '  learning_rate_fn = @sched.warmup_rsqrt_schedule()',
    '', 'sched.warmup_rsqrt_schedule:', '  peak_value = 0.01', '  warmup_steps = 2000', ''].join('\n');
  const x = extract(text, 'optimizer.gin');
  expect(value(x, 'schedule')).toMatchObject({ line: 3, source: 'written' });
  expect(value(x, 'lr')).toMatchObject({ value: 0.01, line: 6 });
});

test('`lr_warmup_epoch` counts epochs of warmup', () => {
  const text = ['{', '  "learner": "adamw",', '  "learning_rate": 0.002,', '  "lr_warmup_epoch": 3', '}', ''];
  const x = extract(text.join('\n'), 'model.json');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 3, line: 4, unit: 'epochs' });
});
