/**
 * GRPO's clip range shares Adam's ε's bare name (TRL GRPOConfig `epsilon`, ms-swift `--epsilon`): written beside the
 * objective's own settings it is never read as the optimizer's ε; an ε in an optimizer block, or one with no such
 * settings beside it, still is.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

function eps(text: string, fileName: string): unknown {
  const v = extract(text, fileName).optimizers[0]?.hyperparameters.eps;
  return v?.source === 'written' ? [v.value, v.line] : (v?.source ?? null);
}

describe("a policy-gradient objective's epsilon", () => {
  test('a launch script: --epsilon and --epsilon_high are the clip range, the lr is still read', () => {
    const text = [
      'megatron rlhf \\',
      '    --rlhf_type grpo \\',
      '    --num_generations 8 \\',
      '    --lr 1e-6 \\',
      '    --epsilon 3e-4 \\',
      '    --epsilon_high 4e-4 \\',
      '    --beta 0.001',
      '',
    ].join('\n');
    const x = extract(text, 'grpo.sh');
    expect(x.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 1e-6, line: 4, source: 'written' });
    expect(eps(text, 'grpo.sh')).not.toEqual([3e-4, 5]);
  });

  test('a TRL GRPO YAML: epsilon beside num_generations is no ε; the same key alone still is', () => {
    const grpo = ['learning_rate: 1.0e-06', 'num_generations: 16', 'epsilon: 0.2', 'beta: 0.04', ''].join('\n');
    expect(eps(grpo, 'config_grpo.yaml')).not.toEqual([0.2, 3]);
    const plain = ['learning_rate: 1.0e-06', 'epsilon: 1.0e-06', ''].join('\n');
    expect(eps(plain, 'config.yaml')).toEqual([1e-6, 2]);
  });

  test("an optimizer block's epsilon is the optimizer's, whatever the run's other settings", () => {
    const text = [
      'num_generations: 8',
      'optimizer:',
      '  type: AdamW',
      '  lr: 1.0e-06',
      '  epsilon: 1.0e-08',
      '  num_generations: 8',
      '',
    ].join('\n');
    expect(eps(text, 'train.yaml')).toEqual([1e-8, 5]);
  });

  test('a Python GRPOConfig call: the keyword epsilon is the clip range', () => {
    const text = [
      'from trl import GRPOConfig',
      'args = GRPOConfig(',
      '    learning_rate=5e-6,',
      '    num_generations=8,',
      '    epsilon=0.2,',
      '    epsilon_high=0.28,',
      ')',
      '',
    ].join('\n');
    expect(eps(text, 'train_grpo.py')).not.toEqual([0.2, 5]);
  });
});
