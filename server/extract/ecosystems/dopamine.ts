/**
 * Dopamine (google/dopamine) gin files for its JAX agents: the agent names its optimizer (`JaxDQNAgent.optimizer =
 * 'adam'`, `PPOAgent.optimizer = 'adam'`) and `create_optimizer` builds it from its own bindings
 * (`create_optimizer.learning_rate`, `beta1`, `beta2`, `eps`) as `optax.adam(learning_rate, b1=beta1, b2=beta2,
 * eps=eps)`, with defaults of its own (lr 6.25e-5, eps 1.5e-4), not optax's. With `anneal_learning_rate = True` the
 * learning rate is `optax.linear_schedule(learning_rate, 0.0, anneal_steps)`: `anneal_steps` counts the run's
 * optimizer updates (PPO's config derives it as iterations × epochs × rollout / minibatch).
 * The run is counted in agent (environment) steps: `Runner.num_iterations` iterations of `Runner.training_steps`
 * agent steps each, an optimizer update every `update_period` of them, so neither is a count of optimizer steps.
 * PPO's `epsilon` is its clipping range and DQN's `epsilon_train` / `epsilon_eval` its exploration rates, none of them
 * Adam's ε.
 * Sources: google/dopamine@5873f54 dopamine/jax/agents/dqn/dqn_agent.py (create_optimizer, JaxDQNAgent.__init__),
 * dopamine/jax/agents/ppo/ppo_agent.py (PPOAgent.__init__: epsilon "epsilon clipping for PPO", batch_size;
 * _build_networks_and_optimizer), dopamine/discrete_domains/run_experiment.py (Runner num_iterations, training_steps),
 * dopamine/jax/agents/ppo/configs/ppo.gin, ppo_atari.gin (anneal_steps comments).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { OPTAX_NAMES } from './optax';
import { unmodelled } from './optimizer-names';

const CREATE = 'google/dopamine@5873f54 dopamine/jax/agents/dqn/dqn_agent.py create_optimizer';
const PPO = 'google/dopamine@5873f54 dopamine/jax/agents/ppo/ppo_agent.py PPOAgent.__init__';
const DQN = 'google/dopamine@5873f54 dopamine/jax/agents/dqn/dqn_agent.py JaxDQNAgent.__init__';
const RUNNER = 'google/dopamine@5873f54 dopamine/discrete_domains/run_experiment.py Runner';
/** create_optimizer's bindings, unscoped or under a module path (`dqn_agent.create_optimizer.eps`). */
const at = (name: string): string => `**.create_optimizer.${name}`;

const CREATE_DEFAULTS: Defaults = {
  lr: { value: 6.25e-5, from: `${CREATE}(learning_rate=6.25e-5)` },
  beta1: { value: 0.9, from: `${CREATE}(beta1=0.9)` },
  beta2: { value: 0.999, from: `${CREATE}(beta2=0.999)` },
  eps: { value: 1.5e-4, from: `${CREATE}(eps=1.5e-4)` },
  weightDecay: { value: 0, from: `${CREATE}: optax.adam(learning_rate, b1, b2, eps), no weight decay` },
};

/** create_optimizer's names: optax's adam and sgd with its own defaults; rmsprop (decay=beta2) is not modelled. */
const NAMES: Record<string, OptimizerInfo> = {
  adam: { ...OPTAX_NAMES['optax.adam'], defaults: CREATE_DEFAULTS },
  sgd: { ...OPTAX_NAMES['optax.sgd'], defaults: { lr: CREATE_DEFAULTS.lr } },
  rmsprop: unmodelled('optax.rmsprop (decay=beta2)'),
  '*': unmodelled('Dopamine optimizer (by name)'),
};

export const dopamine: EcosystemTable = {
  id: 'dopamine',
  displayName: 'Dopamine',
  formats: ['gin'],
  detect: {
    keys: [
      { pattern: at('learning_rate'), weight: 2 },
      { pattern: at('eps'), weight: 1 },
      { pattern: '**.create_agent.agent_name', weight: 2 },
      { pattern: '**.create_continuous_agent.agent_name', weight: 2 },
      { pattern: '*Runner.num_iterations', weight: 1 },
      { pattern: '*Agent.min_replay_history', weight: 1 },
    ],
    values: [{ pattern: 'import', value: 'dopamine.*', weight: 4 }],
  },
  run: {
    // PPO's minibatch per update (train(): the rollout is cut into batch_size minibatches); its ReplayBuffer.batch_size
    // is the whole rollout read at each update.
    microBatchSize: ['PPOAgent.batch_size'],
    steps: [{ key: at('anneal_steps'), when: [{ sibling: 'anneal_learning_rate', values: [true], ifAbsent: false }] }],
  },
  optimizers: [
    {
      at: '', nameKeys: ['*.optimizer', at('name')], defaultName: 'adam',
      hyperparameters: { lr: [at('learning_rate')], beta1: [at('beta1')], beta2: [at('beta2')], eps: [at('eps')] },
      names: NAMES,
    },
  ],
  notRoles: [
    { key: '*.epsilon', reason: 'PPO\'s clipping range, not Adam\'s ε', source: PPO },
    { key: '*.epsilon_train', reason: 'the exploration rate of ε-greedy acting', source: DQN },
    { key: '*.epsilon_eval', reason: 'the exploration rate of ε-greedy acting', source: DQN },
    { key: '*.num_iterations', reason: 'iterations of training_steps agent steps each, not optimizer steps',
      source: RUNNER },
    {
      key: '*ReplayBuffer.batch_size',
      reason: 'PPO\'s rollout, read whole at each update: its minibatch is PPOAgent.batch_size',
      source: PPO, whenWritten: ['PPOAgent.*'],
    },
    { key: '*.training_steps', reason: 'agent (environment) steps per iteration, not optimizer steps', source: RUNNER },
  ],
  defaults: {},
  batch: {},
};
export default dopamine;
