/**
 * Option spellings no table knows (roles/vocabulary.ts, roles/positional-params.ts, roles/schedule-switch-keys.ts):
 * hyphenated command-line style names in YAML keys and shell flags, an optimizer's positional parameter list, and a
 * schedule named by its key. Each on made-up files, with the places the same words must not be read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('hyphenated option names', () => {
  test('`learn-rate`, `mini-batch` and `lr-warmup` read in a YAML file of command-line options', () => {
    const text = [
      'type: s2s',
      'learn-rate: 0.0005',
      'mini-batch: 64',
      'maxi-batch: 500',
      'valid-mini-batch: 8',
      'lr-warmup: 8000',
      '',
    ].join('\n');
    const x = extract(text, 'nmt.yml');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 2, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 3, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 8000, line: 6, source: 'written' });
  });

  test('the same options as shell flags', () => {
    const x = extract('./train --learn-rate 2e-4 --mini-batch 32 --lr-warmup 4000 --valid-mini-batch 4\n', 'run.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 4000, source: 'written' });
  });

  test('a validation block\'s `mini-batch` is no training batch', () => {
    const x = extract('learn-rate: 0.001\nvalidation:\n  mini-batch: 16\n', 'nmt.yml');
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  });
});

describe("an optimizer's positional parameter list", () => {
  test('three numbers under `optimizer-params` are Adam\'s β1, β2, ε, each at its line', () => {
    const text = 'learn-rate: 0.0002\noptimizer-params:\n  - 0.9\n  - 0.997\n  - 1.0e-08\n';
    const x = extract(text, 'nmt.yml');
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.997, line: 4 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, line: 5 });
  });

  test('beside an Adam-family name, in flow style, the first three of a longer list', () => {
    const x = extract('optimizer: adam\nlr: 0.001\noptimizer_params: [0.8, 0.95, 1.0e-06, 0.01]\n', 'a.yml');
    expect(value(x, 'beta1')).toMatchObject({ value: 0.8, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 3 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-6, line: 3 });
  });

  test('a multi-valued flag on a launch line, and a schedule switched on by its flag', () => {
    const text = './nmt/train --learn-rate 3e-4 --optimizer-params 0.9 0.997 1e-09 --lr-decay-inv-sqrt 8000\n';
    const x = extract(text, 'train.sh');
    expect(value(x, 'beta2')).toMatchObject({ value: 0.997, line: 1 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-9, line: 1 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'lr-decay-inv-sqrt', line: 1 });
    expect(value(x, 'warmupSteps')?.source).not.toBe('written');
  });

  test('beside another optimizer, or holding numbers no β can be, the list is left alone', () => {
    const sgd = extract('optimizer: sgd\nlr: 0.1\noptimizer-params: [0.9, 0.5]\n', 'a.yml');
    expect(value(sgd, 'beta1')?.source).not.toBe('written');
    const counts = extract('optimizer: adam\nlr: 0.1\noptimizer-params: [4, 8, 16]\n', 'a.yml');
    expect(value(counts, 'beta1')?.source).not.toBe('written');
    const bigEps = extract('lr: 0.1\noptimizer-params: [0.9, 0.99, 0.5]\n', 'a.yml');
    expect(value(bigEps, 'eps')?.source).not.toBe('written');
  });
});

describe('a schedule named by its key', () => {
  test('`lr-decay-inv-sqrt: [N]` is the schedule, read at the key; its number is no warmup and no run length', () => {
    const text = 'learn-rate: 0.0003\nlr-decay-inv-sqrt:\n  - 12000\nlr-warmup: 12000\n';
    const x = extract(text, 'nmt.yml');
    expect(value(x, 'schedule')).toMatchObject({ value: 'lr-decay-inv-sqrt', line: 2, source: 'written' });
    expect(x.scheduleKinds[0]).toBe('inverse-sqrt');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 12000, line: 4 });
    expect(value(x, 'steps')?.source).not.toBe('written');
  });

  test('`cosine_decay: true` names the schedule; switched off it does not', () => {
    const on = extract('learning_rate: 0.001\ncosine_decay: true\n', 'a.yml');
    expect(value(on, 'schedule')).toMatchObject({ value: 'cosine_decay', line: 2 });
    const off = extract('learning_rate: 0.001\ncosine_decay: false\nuse_linear_schedule: 0\n', 'a.yml');
    expect(value(off, 'schedule')?.source).not.toBe('written');
  });

  test("a model's or a loss's shape word is no schedule", () => {
    const x = extract('learning_rate: 0.001\nmodel:\n  linear: true\nloss:\n  cosine: 1\n', 'a.yml');
    expect(value(x, 'schedule')?.source).not.toBe('written');
  });
});
