/**
 * Blocks that are each one run's settings (server/extract/roles/run-blocks.ts): sibling blocks of a name OptLens does
 * not know, alike in the role keys they write, are runs of their own; a single run's unlike sections are not split.
 * Each on a small text written for the test.
 */
import { describe, expect, test } from 'vitest';
import type { HyperparameterName } from '../../../core/hyperparams';
import { extract, type Extraction } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

/** Every written value of a role, over all optimizers, as `line: raw`. */
function written(x: Extraction, name: HyperparameterName): string[] {
  return x.optimizers.flatMap((o) => {
    const v = o.hyperparameters[name];
    return v?.source === 'written' ? [`${v.line}: ${v.raw}`] : [];
  });
}

describe('sibling blocks of the same shape are runs of their own', () => {
  test('one block per task, each with its lr and batch: one configuration each', () => {
    const x = extract(lines(
      'defaults:',
      '  horizon: 200',
      'reach-v2:',
      '  learning_rate: 3.0e-4',
      '  batch_size: 256',
      '  discount: 0.98',
      'push-v2:',
      '  learning_rate: 1.0e-3',
      '  batch_size: 512',
      '  discount: 0.95',
      'pick-v2:',
      '  learning_rate: 7.0e-4',
      '  batch_size: 1024',
    ), 'tasks.yaml');
    expect(x.optimizers).toHaveLength(3);
    expect(written(x, 'lr')).toEqual(['4: 3.0e-4', '8: 1.0e-3', '12: 7.0e-4']);
    expect(written(x, 'microBatchSize')).toEqual(['5: 256', '9: 512', '13: 1024']);
  });

  test('a block writing fewer role keys than its alike siblings is still one of the runs', () => {
    const x = extract(lines(
      '{',
      '  "small": {"learning_rate": 0.001, "batch_size": 32},',
      '  "base": {"learning_rate": 0.0005, "batch_size": 64},',
      '  "tiny": {"learning_rate": 0.002}',
      '}',
    ), 'sizes.json');
    expect(written(x, 'lr')).toEqual(['2: 0.001', '3: 0.0005', '4: 0.002']);
    // The tiny run writes no batch: none of its siblings' batches is lent to it.
    expect(written(x, 'microBatchSize')).toEqual(['2: 32', '3: 64']);
  });

  test('alike blocks inside a training block (one per task under hyperparams:) are runs too', () => {
    const x = extract(lines(
      'seed: 1',
      'hyperparams:',
      '  HalfCheetah:',
      '    learning_rate: 3.0e-4',
      '    batch_size: 256',
      '  Hopper:',
      '    learning_rate: 1.0e-3',
      '    batch_size: 100',
    ), 'sac.yaml');
    expect(written(x, 'lr')).toEqual(['4: 3.0e-4', '7: 1.0e-3']);
    expect(written(x, 'microBatchSize')).toEqual(['5: 256', '8: 100']);
  });

  test("a single run's unlike sections stay one run", () => {
    const x = extract(lines(
      'network:',
      '  hidden: 512',
      '  learning_rate: 1.0e-3',
      'loader:',
      '  batch_size: 64',
      'schedule:',
      '  warmup_steps: 100',
    ), 'run.yaml');
    expect(x.optimizers).toHaveLength(1);
  });

  test('one block holding a learning rate has no alike sibling: not split', () => {
    const x = extract(lines(
      'encoder:',
      '  learning_rate: 1.0e-4',
      '  batch_size: 16',
      'decoder:',
      '  layers: 6',
      '  batch_size: 16',
    ), 'model.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(written(x, 'lr')).toEqual(['2: 1.0e-4']);
  });

  test('alike blocks of one run\'s parts, under a parent naming the optimizer or named for a model\'s part, are no runs',
    () => {
      const kohya = (optimizer: string): Extraction => extract(lines(
        'train_batch_size: 4',
        'max_train_steps: 1000',
        optimizer,
        'unet:',
        '  learning_rate: 1.0e-4',
        '  lr_warmup_steps: 100',
        'text_encoder:',
        '  learning_rate: 5.0e-6',
        '  lr_warmup_steps: 100',
      ), 'train.yaml');
      for (const x of [kohya('optimizer: adamw'), kohya('seed: 42')]) {
        expect(x.optimizers).toHaveLength(1);
        expect(x.optimizers.some((o) => o.name === 'not named in this file')).toBe(false);
      }
      expect(kohya('optimizer: adamw').optimizers[0]?.name).toBe('adamw');
      // Alike blocks named for no part (here each sizing its run) are still runs.
      const runs = extract(lines(
        'seed: 42',
        'CartPole-v1:',
        '  learning_rate: 1.0e-3',
        '  n_timesteps: 50000',
        'Acrobot-v1:',
        '  learning_rate: 6.3e-4',
        '  n_timesteps: 100000',
      ), 'dqn.yaml');
      expect(written(runs, 'lr')).toEqual(['3: 1.0e-3', '6: 6.3e-4']);
    });
});
