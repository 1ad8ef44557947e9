/**
 * An actor-critic RL agent's settings (PPO, A2C) share words with the optimizer's: its `epsilon` is the clip range
 * unless the block names the clip range otherwise, and its `num_steps` / `max_steps` count environment steps (a
 * rollout's length, the run's interactions), not optimizer steps (roles/objective.ts). Without the agent's keys
 * beside them the same words are still the optimizer's ε and the run length.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function written(text: string, role: 'eps' | 'steps' | 'lr'): [unknown, number | null] | null {
  const v = extract(text, 'agent.yaml').optimizers[0]?.hyperparameters[role];
  return v?.source === 'written' ? [v.value, v.line] : null;
}

describe("an RL agent's clip range and environment steps", () => {
  test('an agent block without a clip key: epsilon is the clip range, max_steps counts interactions', () => {
    const text = lines(
      'agents:',
      '  Hopper:',
      '    hyperparameters:',
      '      learning_rate: 0.0001',
      '      epsilon: 0.15',
      '      lambd: 0.9',
      '    time_horizon: 512',
      '    max_steps: 5000000',
    );
    expect(written(text, 'lr')).toEqual([1e-4, 4]);
    expect(written(text, 'eps')).toBeNull();
    expect(written(text, 'steps')).toBeNull();
  });

  test("a PPO block that names its clip range: eps is Adam's, num_steps the rollout length", () => {
    const text = lines(
      'trainer:',
      '  ppo:',
      '    clip_param: 0.1',
      '    entropy_coef: 0.001',
      '    lr: 3.0e-4',
      '    eps: 1.0e-6',
      '    num_steps: 128',
    );
    expect(written(text, 'eps')).toEqual([1e-6, 6]);
    expect(written(text, 'steps')).toBeNull();
  });

  test('the same words with no agent keys beside them stay the optimizer ε and the run length', () => {
    const text = lines('train:', '  lr: 0.001', '  epsilon: 1.0e-7', '  max_steps: 20000', '  gamma: 0.5');
    expect(written(text, 'eps')).toEqual([1e-7, 3]);
    expect(written(text, 'steps')).toEqual([20000, 4]);
  });

  test("an agent block's keys say nothing of the block beside it, nor of a block of the same name elsewhere", () => {
    const text = lines(
      'agent:',
      '  gae_lambda: 0.95',
      '  entropy_coef: 0.01',
      '  num_steps: 256',
      'train:',
      '  lr: 0.001',
      '  epsilon: 1.0e-7',
      '  max_steps: 20000',
      '  agent:',
      '    lambd: 0.9',
    );
    expect(written(text, 'eps')).toEqual([1e-7, 7]);
    expect(written(text, 'steps')).toEqual([20000, 8]);
  });

  test("an LLM RL run's max_steps beside its PPO epochs is still the run length", () => {
    const text = lines('max_steps: 300', 'ppo_epochs: 1', 'value_clip: 0.5', 'actor_train:', '  learning_rate: 1.0e-6');
    expect(written(text, 'steps')).toEqual([300, 1]);
  });
});
