/**
 * Of several optimizers, each takes the run settings written nearest before it when the file's settings are otherwise
 * alike (server/extract/roles/candidate-order.ts `nearestBefore`): a file of recipe sections or functions.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

describe('run settings of several recipes, each before its own optimizer', () => {
  const text = [
    'pretrain_trainer:',
    '  max_steps: 1000',
    'pretrain_optim:',
    '  name: adamw',
    '  lr: 0.0003',
    'finetune_trainer:',
    '  max_steps: 200',
    'finetune_optim:',
    '  name: sgd',
    '  lr: 0.01',
    '',
  ].join('\n');

  test('each optimizer takes the run length written nearest before it', () => {
    const steps = extract(text, 'recipes.yaml').optimizers.map((o) => [o.name, o.hyperparameters.steps?.line]);
    expect(steps).toEqual([['adamw', 2], ['sgd', 7]]);
  });

  test('with the settings after every optimizer, document order decides, as before', () => {
    const after = [...text.split('\n').slice(2, 5), ...text.split('\n').slice(7, 10), ...text.split('\n').slice(0, 2),
      ...text.split('\n').slice(5, 7)].join('\n');
    const steps = extract(after, 'recipes.yaml').optimizers.map((o) => o.hyperparameters.steps?.line);
    expect(steps).toEqual([8, 8]);
  });
});

describe('a top-level block holding an optimizer is that run, not a source of the other runs\' settings', () => {
  // Two training sections, each with its own optimizer and schedule; only the first writes a warmup.
  const text = [
    'pretrain:',
    '  optim: adamw',
    '  optim_conf:',
    '    lr: 0.001',
    '  scheduler: warmup_linear',
    '  scheduler_conf:',
    '    warmup_steps: 4000',
    '  accum_grad: 4',
    'adversarial:',
    '  optim: sgd',
    '  optim_conf:',
    '    lr: 0.01',
    '  scheduler: constant',
    '  accum_grad: 1',
    '',
  ].join('\n');

  test('the second run does not take the first run\'s warmup', () => {
    const optimizers = extract(text, 'runs.yaml').optimizers;
    expect(optimizers.map((o) => [o.name, o.hyperparameters.warmupSteps?.line ?? null])).toEqual([
      ['adamw', 7],
      ['sgd', null],
    ]);
  });
});
