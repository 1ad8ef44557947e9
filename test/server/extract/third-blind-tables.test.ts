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

describe('an RL replay buffer', () => {
  test('its batch_size is the sample each update sees; a buffer of another name is no training context', () => {
    const text = (block: string) => [`${block}:`, '  buffer_size: 100000', '  batch_size: 48', 'optim:',
      '  lr: 3.0e-4', ''].join('\n');
    expect(value(extract(text('replay_buffer'), 'config.yaml'), 'microBatchSize')).toMatchObject({ value: 48, line: 3 });
    expect(value(extract(text('video_cache'), 'config.yaml'), 'microBatchSize')).toBeUndefined();
  });

  test('a Dopamine PPO file reads no minibatch from the rollout buffer', () => {
    const x = extract(['import dopamine.jax.agents.ppo.ppo_agent', 'PPOAgent.optimizer = \'adam\'',
      'create_optimizer.learning_rate = 1e-4', 'ReplayBuffer.batch_size = 2048', ''].join('\n'), 'ppo.gin');
    expect(value(x, 'microBatchSize')).toBeUndefined();
  });
});

describe('a schedule named for a product of factors', () => {
  const text = (factors: string) => [
    'import ml_collections',
    'def get_config():',
    '  config = ml_collections.ConfigDict()',
    '  config.optimizer = \'adam\'',
    '  config.lr_configs = ml_collections.ConfigDict()',
    '  config.lr_configs.learning_rate_schedule = \'compound\'',
    `  config.lr_configs.factors = '${factors}'`,
    '  config.lr_configs.warmup_steps = 500',
    '  config.lr_configs.base_learning_rate = 3e-4',
    '  return config',
    '',
  ].join('\n');

  test('the name is the schedule, its shape the factors\' decay', () => {
    const x = extract(text('constant * linear_warmup * cosine_decay'), 'configs/train.py');
    expect(value(x, 'schedule')).toMatchObject({ value: 'compound', line: 6 });
    expect(x.scheduleKinds[0]).toBe('cosine');
  });

  test('a warmup factor is no decay: constant after its warmup', () => {
    expect(extract(text('constant * linear_warmup'), 'configs/train.py').scheduleKinds[0]).toBe('constant');
    expect(extract(text('constant * linear_warmup * decay_every'), 'configs/train.py').scheduleKinds[0]).toBeNull();
  });

  test('only the factors written in the name\'s own block say its shape', () => {
    const other = (factors: string) => text(factors).replace('  return config',
      '  config.eval_configs = ml_collections.ConfigDict()\n  config.eval_configs.factors = \'constant * rsqrt_decay\'\n' +
      '  return config');
    expect(extract(other('constant * linear_warmup * cosine_decay'), 'configs/train.py').scheduleKinds[0])
      .toBe('cosine');
    expect(extract(other('constant * cosine_decay').replace(/ {2}config.lr_configs.factors = .*\n/, ''),
      'configs/train.py').scheduleKinds[0]).toBeNull();
  });
});

describe('EasyR1', () => {
  test('the actor\'s optim strategy names the optimizer, with OptimConfig\'s defaults; the update micro batch', () => {
    const x = extract(['data:', '  rollout_batch_size: 256', 'worker:', '  actor:', '    global_batch_size: 64',
      '    micro_batch_size_per_device_for_update: 2', '    micro_batch_size_per_device_for_experience: 8',
      '    optim:', '      lr: 2.0e-6', '      strategy: adamw', ''].join('\n'), 'examples/config.yaml');
    expect(x.ecosystem).toBe('easyr1');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', implementation: 'torch.optim.AdamW', line: 10 });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-6, line: 9 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-2, source: 'default' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 6 });
  });

  test('a launch\'s dotted overrides: adamw_bf16 is an AdamW with bf16 moments; config= is the file it inherits', () => {
    const x = extract(['python3 -m verl.trainer.main \\', '    config=examples/config.yaml \\',
      '    data.rollout_batch_size=128 \\', '    worker.actor.global_batch_size=16 \\',
      '    worker.actor.optim.strategy=adamw_bf16 \\', '    worker.actor.optim.weight_decay=0.05 \\',
      '    worker.rollout.n=8', ''].join('\n'), 'run.sh');
    expect(x.ecosystem).toBe('easyr1');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_bf16', kind: 'adamw', line: 5 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 6 });
    expect(x.findings.find((f) => f.code === 'inherited-values')).toMatchObject({ line: 2 });
  });
});
