/** Framework tables written from the released third blind set, each on a minimal made-up file. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('Dopamine (gin)', () => {
  const text = (anneal: boolean) => [
    'import dopamine.jax.agents.ppo.ppo_agent',
    'PPOAgent.optimizer = \'adam\'',
    'create_optimizer.learning_rate = 1e-4',
    `create_optimizer.anneal_learning_rate = ${anneal ? 'True' : 'False'}`,
    'create_optimizer.anneal_steps = 50_000',
    'PPOAgent.batch_size = 32',
    'PPOAgent.epsilon = 0.3',
    'Runner.num_iterations = 100',
    'Runner.training_steps = 4096',
    '',
  ].join('\n');

  test('create_optimizer builds the agent\'s named optimizer with its own defaults; anneal_steps is the run', () => {
    const x = extract(text(true), 'agent.gin');
    expect(x.ecosystem).toBe('dopamine');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', implementation: 'optax.adam', line: 2 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 3, source: 'written' });
    // create_optimizer's ε default (1.5e-4) is not optax's (1e-8); the PPO clip `epsilon` is no ε.
    expect(value(x, 'eps')).toMatchObject({ value: 1.5e-4, source: 'default' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 6 });
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 5 });
  });

  test('without annealing anneal_steps is unused, and iterations are no optimizer steps', () => {
    const x = extract(text(false), 'agent.gin');
    expect(value(x, 'steps')?.line ?? null).toBeNull();
  });
});
