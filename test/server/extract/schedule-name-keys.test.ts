/** A schedule's name under a key no vocabulary lists, read by what the key's name says. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe("a model's own learning-rate schedule in a multi-model trainer", () => {
  const text = [
    'train:',
    '  per_device_train_batch_size: 4',
    '  actor_lr: 2.0e-6',
    '  actor_lr_scheduler_type: cosine',
    '  actor_weight_decay: 0.0',
    '  critic_lr: 1.0e-5',
    '  critic_lr_scheduler_type: linear',
    '  critic_weight_decay: 0.01',
    '  ref_lr_scheduler_type: constant',
    '',
  ].join('\n');
  test('each model takes its own schedule, a frozen model none', () => {
    const x = extract(text, 'rlhf.yaml');
    const schedules = x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.schedule?.value,
      o.hyperparameters.schedule?.line]);
    expect(schedules).toContainEqual([2e-6, 'cosine', 4]);
    expect(schedules).toContainEqual([1e-5, 'linear', 7]);
    expect(schedules.map((s) => s[1])).not.toContain('constant');
  });
});

test("a GAN's models each name their own scheduler", () => {
  const text = ['train:', '  generator_lr: 2.0e-4', '  generator_scheduler: StepLR', '  discriminator_lr: 1.0e-4',
    '  discriminator_scheduler_type: ExponentialLR', '  teacher_scheduler: cosine', ''].join('\n');
  const x = extract(text, 'gan.yaml');
  const schedules = x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.schedule?.value]);
  expect(schedules).toContainEqual([2e-4, 'StepLR']);
  expect(schedules).toContainEqual([1e-4, 'ExponentialLR']);
  expect(schedules.map((s) => s[1])).not.toContain('cosine');
});

test('a run-level <prefix>_learning_rate_schedule and a Time-Series-Library --lradj', () => {
  const yaml = extract('agent:\n  learning_rate: 3.0e-4\n  ppo_learning_rate_schedule: linear_decay\n', 'a.yaml');
  expect(value(yaml, 'schedule')).toMatchObject({ value: 'linear_decay', line: 3 });
  const shell = extract('python -u run.py \\\n  --learning_rate 0.0001 \\\n  --lradj type3 \\\n  --batch_size 32\n', 'r.sh');
  expect(value(shell, 'schedule')).toMatchObject({ value: 'type3', line: 3 });
});

test("a Hydra defaults list's schedule group names the schedule", () => {
  const text = [
    'defaults:',
    '  - _self_',
    '  - /optim: adamw',
    '  - override /lr_scheduler@trainer: cosine_with_warmup',
    'optim:',
    '  lr: 1.0e-4',
    'trainer:',
    '  max_steps: 10000',
    '',
  ].join('\n');
  expect(value(extract(text, 'config.yaml'), 'schedule')).toMatchObject({ value: 'cosine_with_warmup', line: 4 });
});

describe('what is no learning-rate schedule', () => {
  test.each([
    ['a noise schedule', 'model:\n  lr: 1.0e-4\n  beta_schedule: linear\n  noise_scheduler_type: ddpm\n'],
    ['a switch or a number under a schedule name', 'optim:\n  lr: 1.0e-4\n  actor_lr_scheduler_type: true\n' +
      '  critic_lr_schedule_type: 3\n'],
    ['an interpolation', 'optim:\n  lr: 1.0e-4\n  actor_lr_scheduler_type: ${sched}\n'],
    ['a group of the defaults list that is no schedule', 'defaults:\n  - /noise: loglinear\noptim:\n  lr: 1.0e-4\n'],
  ])('%s', (_, text) => {
    const x = extract(text, 'x.yaml');
    expect(x.optimizers.every((o) => o.hyperparameters.schedule?.source !== 'written')).toBe(true);
  });
});
