/**
 * When an RL post-training run trains no critic (value model), whatever the file writes for it: a critic's own
 * learning rate (`critic_learning_rate`, `--critic_lr`) then trains nothing, like a frozen part's
 * (frozen-parts.ts). Facts of the frameworks that build the critic, as data:
 *
 * - only Generalised Advantage Estimation needs the critic's values: veRL builds it when `algorithm.adv_estimator ==
 *   AdvantageEstimator.GAE` (volcengine/verl verl/trainer/ppo/ray_trainer.py RayPPOTrainer.__init__: `self.use_critic
 *   = True`, else `False`), OpenRLHF when `--advantage_estimator` is `gae`, its default (OpenRLHF
 *   openrlhf/cli/train_ppo_ray.py: `if args.advantage_estimator not in ["gae"]: args.critic_pretrain = None`);
 *   the estimators below are the group or leave-one-out baselines of both (veRL's AdvantageEstimator enum,
 *   verl/trainer/ppo/core_algos.py; OpenRLHF's `--advantage_estimator` choices);
 * - the critic is built from its checkpoint, so an empty one builds none: OpenRLHF creates the critic only `if
 *   args.critic_pretrain`, and Open-Reasoner-Zero's configs write `critic_pretrain = "" if use_grpo else pretrain`
 *   (Open-Reasoner-Zero/Open-Reasoner-Zero orz/ppo/trainer.py trains the critic only `if self.critic_model is not
 *   None`).
 */

/** Keys that choose how advantages are computed (a leading `--` and dashes are read as the key). */
export const ADVANTAGE_ESTIMATOR_KEYS: readonly string[] = ['adv_estimator', 'advantage_estimator'];

/** Estimators that need no critic: every one but GAE in veRL and OpenRLHF. An unknown one leaves the critic be. */
export const CRITIC_FREE_ESTIMATORS: ReadonlySet<string> = new Set([
  'grpo', 'grpo_passk', 'grpo_vectorized', 'dr_grpo', 'group_norm', 'rloo', 'rloo_vectorized', 'reinforce',
  'reinforce_baseline', 'reinforce_plus_plus', 'reinforce_plus_plus_baseline', 'remax', 'opo', 'gpg',
]);

/** Keys naming the checkpoint the critic is built from; written empty, no critic is built. */
export const CRITIC_CHECKPOINT_KEYS: readonly string[] = ['critic_pretrain'];
