/**
 * rl_games PPO configs (YAML: `params.algo`, `params.model`, `params.network`, `params.config`), as Isaac Gym, Isaac
 * Lab and mjlab train with them. The agent builds `torch.optim.Adam(params, config.learning_rate, eps=1e-08,
 * weight_decay=config.weight_decay)` in code; a central value network (`config.central_value_config`, an asymmetric
 * critic) has an Adam of its own with its own `learning_rate` and `minibatch_size`. `minibatch_size` is the samples per
 * gradient step of one process (`num_actors × horizon_length` per rollout, split into minibatches, `mini_epochs`
 * passes); `max_epochs` counts PPO iterations (rollout and updates), not optimizer steps; `lr_schedule` (adaptive,
 * linear, or none) shapes the lr, `adaptive` by the KL against `kl_threshold`.
 * Sources: Denys88/rl_games@262cf20 rl_games/algos_torch/a2c_continuous.py:44-48 (the Adam),
 * rl_games/common/a2c_common.py:246 (weight_decay default 0.0), :281 (max_epochs), :291-292 (lr_schedule),
 * :405 (minibatch_size), rl_games/algos_torch/central_value.py:75-86 (the central value network's Adam).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM_DEFAULTS } from './optimizer-names';

const AGENT = 'Denys88/rl_games@262cf20 rl_games/common/a2c_common.py';
const ADAM: OptimizerInfo = {
  kind: 'adam', implementation: 'torch.optim.Adam', weightDecaySemantics: 'coupled-l2', decoupledName: 'AdamW',
  defaults: {
    ...TORCH_ADAM_DEFAULTS,
    eps: { value: 1e-8, from: 'Denys88/rl_games@262cf20 rl_games/algos_torch/a2c_continuous.py:44-48 eps=1e-08' },
    weightDecay: { value: 0, from: `${AGENT}:246 config.get('weight_decay', 0.0)` },
  },
};
const HYPERPARAMETERS = { lr: ['learning_rate'], weightDecay: ['weight_decay'], microBatchSize: ['minibatch_size'] };

export const rlGames: EcosystemTable = {
  id: 'rl-games',
  displayName: 'rl_games',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'params.config.horizon_length', weight: 3 },
      { pattern: 'params.config.mini_epochs', weight: 3 },
      { pattern: 'params.config.e_clip', weight: 3 },
      { pattern: 'params.config.kl_threshold', weight: 2 },
      { pattern: 'params.algo.name', weight: 2 },
      { pattern: 'params.network.mlp.units', weight: 1 },
    ],
  },
  run: { schedule: ['params.config.lr_schedule'] },
  optimizers: [
    { at: 'params.config', nameKeys: [], defaultName: 'Adam', hyperparameters: HYPERPARAMETERS, names: { '*': ADAM } },
    // The asymmetric critic's own Adam, only where the block writes its learning rate.
    {
      at: 'params.config.central_value_config', nameKeys: [], defaultName: 'Adam', hyperparameters: HYPERPARAMETERS,
      names: { '*': ADAM }, appliesTo: 'the central value network',
    },
  ],
  notRoles: [
    { key: 'params.config.kl_threshold', reason: 'the KL the adaptive schedule steers to', source: AGENT },
    { key: 'params.config.e_clip', reason: 'the PPO ratio clip', source: AGENT },
    { key: 'params.config.tau', reason: 'the GAE λ', source: AGENT },
    { key: 'params.config.max_epochs', reason: 'PPO iterations (a rollout and its updates each), not optimizer steps',
      source: `${AGENT}:281` },
  ],
  defaults: {},
  batch: {},
};
export default rlGames;
