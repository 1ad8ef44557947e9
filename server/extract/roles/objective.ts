/**
 * An `epsilon` that is not the optimizer's: the clip range of a policy-gradient objective (GRPO, DAPO, GSPO), which
 * TRL and the trainers built on it name with the bare word Adam's ε also uses. Written beside the objective's own
 * settings it clips the importance ratio to [1 − ε, 1 + ε_high]; read as Adam's ε it would predict an update ruled
 * by a 0.2 in the denominator. The word alone cannot tell them apart (`--epsilon 3e-4` is GSPO's clip, a plausible
 * ε), so the block it sits in decides: an `epsilon` outside any optimizer block, beside a key only such an
 * objective has, is its clip range.
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import { normaliseWord, type KeyContext } from './context';
import type { Role } from './vocabulary';

/** The bare words of ε that an objective's clip range shares. */
const CLIP_WORDS: ReadonlySet<string> = new Set(['epsilon', 'eps']);

/**
 * Keys only a policy-gradient objective's settings have, in TRL's GRPOConfig and the trainers that take its argument
 * names (huggingface/trl@f4ff4c6 trl/trainer/grpo_config.py: num_generations, max_completion_length,
 * epsilon_high "Upper-bound epsilon value for clipping", importance_sampling_level, reward_funcs; ms-swift's
 * `swift rlhf --rlhf_type grpo` takes the same names).
 */
const OBJECTIVE_KEYS: ReadonlySet<string> = new Set([
  'epsilon_high',
  'epsilon_low',
  'num_generations',
  'max_completion_length',
  'importance_sampling_level',
  'reward_funcs',
  'rlhf_type',
]);

/**
 * Keys only an actor-critic RL agent's settings have (PPO, A2C and their kin): GAE's λ, the entropy bonus, the value
 * loss's weight, the rollout's horizon, the PPO epochs and minibatches per rollout. Sources: Unity-Technologies/
 * ml-agents@1b5d5d6 docs/Training-Configuration-File.md (hyperparameters.lambd, beta, epsilon "influences how rapidly
 * the policy can evolve during training", time_horizon, max_steps "total number of steps (i.e., observation collected
 * and action taken)"); facebookresearch/habitat-lab@0fb6f43 habitat_baselines/config/default_structured_configs.py
 * PPOConfig (clip_param, ppo_epoch, num_mini_batch, value_loss_coef, entropy_coef, num_steps: rollout length);
 * DLR-RM/stable-baselines3 PPO (ent_coef, vf_coef, gae_lambda, clip_range, n_steps).
 */
const AGENT_KEYS: readonly string[] = ['lambd', 'gae_lambda', 'gae_lam', 'use_gae', 'entropy_coef', 'entropy_coeff',
  'ent_coef', 'value_loss_coef', 'vf_coef', 'vf_loss_coeff', 'time_horizon', 'ppo_epoch', 'ppo_epochs',
  'num_mini_batch', 'clip_param', 'clip_range', 'clip_coef', 'clip_ratio', 'cliprange'];
/**
 * The agent keys of classic environment-stepping RL only: LLM RL trainers share PPO's epochs, clip ratio and value
 * coefficient (ROLL's `ppo_epochs` beside its `max_steps` of training iterations, alibaba/ROLL@8eb27cc
 * examples/qwen3-8B-rlvr_fsdp2/rlvr_config.yaml; veRL's actor.clip_ratio, TRL's vf_coef), and their step counts are
 * the run's, so they say nothing of environment steps.
 */
const ENV_AGENT_KEYS: readonly string[] = ['gae_lambda', 'use_gae', 'entropy_coef', 'ent_coef', 'value_loss_coef',
  'time_horizon', 'num_mini_batch', 'clip_param', 'clip_range', 'clip_coef'];
/** The names an agent gives its clip range when it does not call it ε. */
const CLIP_RANGE_KEYS: readonly string[] = ['clip_param', 'clip_range', 'clip_coef', 'clip_ratio', 'cliprange',
  'clip_eps', 'clip_epsilon'];
/**
 * Step counts an RL agent's block counts in environment steps: the rollout per environment (`num_steps`, `n_steps`)
 * or the whole run's interactions (`max_steps`, `total_timesteps`), never optimizer steps.
 */
const ROLLOUT_STEP_WORDS: ReadonlySet<string> = new Set(['num_steps', 'n_steps', 'max_steps', 'total_timesteps',
  'n_timesteps', 'num_env_steps', 'total_env_steps']);

/** How a key may be written in the index: `num_generations`, `--num_generations`, `--num-generations`. */
function spellingsOf(keys: Iterable<string>): string[] {
  return [...keys].flatMap((k) => {
    const dashed = k.replace(/_/g, '-');
    return [k, `--${k}`, `-${k}`, dashed, `--${dashed}`];
  });
}
const SPELLINGS = spellingsOf(OBJECTIVE_KEYS);
const AGENT_SPELLINGS = spellingsOf(AGENT_KEYS);
const ENV_AGENT_SPELLINGS = spellingsOf(ENV_AGENT_KEYS);
const CLIP_RANGE_SPELLINGS = spellingsOf(CLIP_RANGE_KEYS);

/** The block a path is written in (all its segments but the last), as a key: paths of one block share it. */
const blockKey = (path: readonly string[]): string => JSON.stringify(path.slice(0, -1));

/**
 * Per index and spelling list: the blocks that write a key under one of the spellings, gathered once, so that asking
 * for every candidate of a file with thousands of agent blocks costs one look-up each, not a scan of those blocks.
 */
const blocksWriting = new WeakMap<EntryIndex, Map<readonly string[], Set<string>>>();

/** Whether some key of `entry`'s own block is written under one of `spellings`. */
function beside(index: EntryIndex, entry: ConfigEntry, spellings: readonly string[]): boolean {
  let perList = blocksWriting.get(index);
  if (!perList) blocksWriting.set(index, (perList = new Map<readonly string[], Set<string>>()));
  let blocks = perList.get(spellings);
  if (!blocks) {
    blocks = new Set();
    for (const name of spellings) for (const e of index.byName.get(name) ?? []) blocks.add(blockKey(e.path));
    perList.set(spellings, blocks);
  }
  return blocks.has(blockKey(entry.path));
}

/** Whether some key of `entry`'s own block is one only a policy-gradient objective has. */
function besideObjective(index: EntryIndex, entry: ConfigEntry): boolean {
  return beside(index, entry, SPELLINGS);
}

/**
 * Whether a reading of `entry` as `role` is an objective's clip range instead of ε (see the module comment). An
 * actor-critic agent's block clips too: its `epsilon` is the clip range (ML-Agents' hyperparameters.epsilon 0.2)
 * unless the block names its clip range otherwise (habitat's `clip_param` beside the Adam `eps` it passes on).
 */
export function isObjectiveClip(index: EntryIndex, role: Role, entry: ConfigEntry, ctx: KeyContext): boolean {
  if (role !== 'eps' || ctx.kind === 'optimizer') return false;
  const name = normaliseWord(entry.path[entry.path.length - 1] ?? '');
  if (!CLIP_WORDS.has(name)) return false;
  return besideObjective(index, entry) ||
    (beside(index, entry, AGENT_SPELLINGS) && !beside(index, entry, CLIP_RANGE_SPELLINGS));
}

/**
 * Whether a run-length reading is an RL agent's count of environment steps: a step word (`num_steps`, `max_steps`)
 * beside the keys only an environment-stepping agent's settings have (ENV_AGENT_KEYS) counts rollouts or interactions
 * with the environment, each PPO update several optimizer steps over a rollout, so it is no optimizer step count.
 */
export function isRolloutLength(index: EntryIndex, role: Role, entry: ConfigEntry): boolean {
  if (role !== 'steps') return false;
  const name = normaliseWord(entry.path[entry.path.length - 1] ?? '');
  return ROLLOUT_STEP_WORDS.has(name) && beside(index, entry, ENV_AGENT_SPELLINGS);
}
