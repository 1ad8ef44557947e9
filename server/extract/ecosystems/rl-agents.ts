/**
 * Reinforcement-learning agents (CleanRL single-file scripts, Stable-Baselines3 and its RL Zoo hyperparameter files):
 * the optimizer is a torch.optim or optax call as in any script, but the run is counted in environment steps and
 * rollouts, and their names collide with the shared vocabulary: `num_steps` / `n_steps` is the rollout length per
 * environment (not the run length), `total_timesteps` / `n_timesteps` counts environment steps (not optimizer steps),
 * `gamma` is the discount and `tau` the target network's averaging rate. `batch_size` is the minibatch one optimizer
 * step sees (PPO's minibatch, the replay sample of DQN / SAC / TD3); CleanRL's PPO writes `batch_size: int = 0` and
 * computes it at run time (num_envs × num_steps).
 * Sources: vwxyzjn/cleanrl@fe8d8a03 cleanrl/ppo.py, dqn.py, sac_continuous_action.py (the Args dataclasses and their
 * docstrings); DLR-RM/stable-baselines3 PPO/DQN docs (n_steps: "The number of steps to run for each environment per
 * update"; batch_size: "Minibatch size"); DLR-RM/rl-baselines3-zoo@22e3ff24 hyperparams/ (n_timesteps).
 */
import type { EcosystemTable } from './types';
import { optax } from './optax';
import { pytorch } from './pytorch';

const SOURCE = 'vwxyzjn/cleanrl@fe8d8a03 cleanrl/ppo.py Args; stable-baselines3 PPO/DQN parameters';

export const rlAgents: EcosystemTable = {
  id: 'rl-agents',
  displayName: 'RL agents (CleanRL, Stable-Baselines3)',
  formats: ['python', 'yaml'],
  detect: {
    keys: [
      { pattern: '**.gae_lambda', weight: 2 },
      { pattern: '**.total_timesteps', weight: 2 },
      { pattern: '**.n_timesteps', weight: 2 },
      { pattern: '**.ent_coef', weight: 2 },
      { pattern: '**.vf_coef', weight: 2 },
      { pattern: '**.learning_starts', weight: 2 },
      { pattern: '**.target_network_frequency', weight: 2 },
      { pattern: '**.exploration_fraction', weight: 1 },
      { pattern: '**.clip_coef', weight: 1 },
      { pattern: '**.clip_range', weight: 1 },
      { pattern: '**.env_id', weight: 1 },
    ],
  },
  // `batch_size` is read by its name (roles/), where a placeholder 0 is no batch; a table spelling would read the 0.
  run: {},
  // optax's scopes first: `optax.adam` must not be taken for torch's `Adam` by its last component.
  optimizers: [...optax.optimizers, ...pytorch.optimizers],
  notRoles: [
    ...['num_steps', 'n_steps'].map((w) => ({
      key: `**.${w}`, reason: 'the rollout length per environment, not the run length', source: SOURCE })),
    ...['total_timesteps', 'n_timesteps'].map((w) => ({
      key: `**.${w}`, reason: 'environment steps over the whole run, not optimizer steps', source: SOURCE })),
    { key: '**.num_iterations', reason: 'rollout iterations (each several optimizer steps), computed at run time',
      source: SOURCE },
  ],
  defaults: {},
  batch: {},
};
export default rlAgents;
