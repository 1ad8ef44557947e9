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

function sameBlock(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How a key may be written in the index: `num_generations`, `--num_generations`, `--num-generations`. */
const SPELLINGS: readonly string[] = [...OBJECTIVE_KEYS].flatMap((k) => {
  const dashed = k.replace(/_/g, '-');
  return [k, `--${k}`, `-${k}`, dashed, `--${dashed}`];
});

/** Whether some key of `entry`'s own block is one only a policy-gradient objective has. */
function besideObjective(index: EntryIndex, entry: ConfigEntry): boolean {
  return SPELLINGS.some((name) => (index.byName.get(name) ?? []).some((e) => sameBlock(e.path, entry.path)));
}

/** Whether a reading of `entry` as `role` is an objective's clip range instead of ε (see the module comment). */
export function isObjectiveClip(index: EntryIndex, role: Role, entry: ConfigEntry, ctx: KeyContext): boolean {
  if (role !== 'eps' || ctx.kind === 'optimizer') return false;
  const name = normaliseWord(entry.path[entry.path.length - 1] ?? '');
  return CLIP_WORDS.has(name) && besideObjective(index, entry);
}
