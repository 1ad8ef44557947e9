/**
 * A schedule's name under a key the vocabulary does not list, recognised by what the key's name says:
 * - a trained model's scheduler (`generator_scheduler`, `critic_sched_type`: the models of a GAN or an RLHF run each
 *   step their own optimizer's schedule);
 * - a learning-rate schedule word after a prefix: a model's own (`actor_lr_scheduler_type`, `critic_lr_scheduler_type`
 *   in an RLHF trainer's per-model settings: PKU-Alignment/align-anything configs/train/ppo.yaml), a run's
 *   (`ppo_learning_rate_schedule`, brax's flag), any `<x>_lr_<schedule word>[_type|_name|...]`. The learning-rate
 *   word is required: `beta_schedule` (a diffusion model's noise) or `momentum_scheduler` (a teacher's EMA) is none;
 * - Time-Series-Library's `--lradj` (thuml/Time-Series-Library run.py `--lradj`, "adjust learning rate", read by
 *   utils/tools.py adjust_learning_rate: `type1`, `type3`, `cosine`, `TST`);
 * - a Hydra defaults-list entry choosing the schedule's config group (`- /lr_scheduler: constant_warmup`,
 *   `- override /scheduler: cosine_warmup_timm`): the option is the schedule's name (hydra docs, "The Defaults List":
 *   `GROUP: OPTION`, with `override` and a leading `/` for an absolute group, `@PACKAGE` after the group).
 * The value must read as a schedule's name (a word, not a number, switch, path or interpolation). A model's prefix
 * puts the schedule in that model's group, as its other settings are; a frozen model's prefix (`ref_`) has none.
 */
import type { ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import type { EntryIndex } from '../match';
import type { RoleCandidate } from './candidates';
import { keyContext, normaliseWord } from './context';
import { FROZEN_PREFIXES, TRAINED_PREFIXES } from './places';
import { ROLE_WORDS } from './vocabulary';

const SCHEDULE_WORD = '(scheduler|schedule|sched|policy|decay_style|decay_type|adj)';
const SUFFIX = '(_(type|name|kind|style|fn|function|method|class|choice))?';
/** `<prefix>_lr_scheduler_type`, `<prefix>_learning_rate_schedule`: the prefix, or null for another name. */
const PREFIXED = new RegExp(`^([a-z][a-z0-9_]*?)_(lr|learning_rate)_${SCHEDULE_WORD}${SUFFIX}$`);
/** A trained model's own scheduler without the lr word (`generator_scheduler: StepLR`, `critic_sched_type`). */
const MODEL_SCHEDULER = new RegExp(`^(${TRAINED_PREFIXES.join('|')})_(scheduler|sched)${SUFFIX}$`);
const BARE = /^lradj$/;
/** A Hydra defaults-list group that holds the schedule's configs. */
const HYDRA_GROUP = /^(lr_scheduler|lr_schedule|scheduler|schedule|sched|lr_sched)$/;
/** A schedule's name: a word, dotted or hyphenated, not a switch or a placeholder. */
const NAME = /^[A-Za-z][\w.-]*$/;
const NOT_A_NAME = /^(true|false|yes|no|on|off|null|none|auto|default|\?\?\?)$/i;
const INDEX = /^\d+$/;

/** The Hydra group a defaults-list key names (`override /scheduler@optim` is `scheduler`), or null. */
function hydraGroup(entry: ConfigEntry): string | null {
  const [top, at, key, ...rest] = entry.path;
  if (top !== 'defaults' || at === undefined || !INDEX.test(at) || key === undefined || rest.length > 0) return null;
  const group = key.replace(/^override\s+/, '').replace(/^\//, '').split('@')[0] ?? '';
  const last = normaliseWord(group.split('/').pop() ?? group);
  return HYDRA_GROUP.test(last) ? last : null;
}

function candidateFor(entry: ConfigEntry, reason: string, owner: string | null): RoleCandidate[] {
  const ctx = keyContext(entry);
  if (ctx.kind === 'decoy') return [];
  const context = owner === null ? ctx : { ...ctx, group: ctx.group ?? [...entry.path.slice(0, -1), `(${owner})`] };
  const keyPath = renderPath(entry.origin ?? entry.path);
  return [{ role: 'schedule', entry, element: null, context,
    via: { rule: 'role', keyPath, confidence: 'medium', reason } }];
}

/** The schedule reading of one entry by its key's name, or none. */
export function scheduleNameCandidates(entry: ConfigEntry): RoleCandidate[] {
  const value = entry.value;
  if (typeof value !== 'string' || !NAME.test(value.trim()) || NOT_A_NAME.test(value.trim())) return [];
  // A call named so (t5x's `utils.create_learning_rate_scheduler`, a gin configurable) builds the schedule: its name
  // is the builder's, not the schedule's.
  if (entry.callee !== undefined && value === entry.callee) return [];
  const group = hydraGroup(entry);
  if (group !== null) {
    return candidateFor(entry, `the defaults list chooses the \`${group}\` config, the learning-rate schedule`, null);
  }
  const name = normaliseWord(entry.path[entry.path.length - 1] ?? '');
  if (ROLE_WORDS.has(name)) return [];
  if (BARE.test(name)) return candidateFor(entry, `\`${name}\` names how the learning rate is adjusted`, null);
  const model = MODEL_SCHEDULER.exec(name)?.[1];
  if (model !== undefined) return candidateFor(entry, `\`${name}\` names the ${model}'s learning-rate schedule`, model);
  const prefix = PREFIXED.exec(name)?.[1];
  if (prefix === undefined) return [];
  const owner = prefix.split('_')[0] ?? '';
  if (FROZEN_PREFIXES.includes(owner)) return [];
  const reason = `\`${name}\` names a learning-rate schedule (${prefix.replace(/_/g, ' ')}'s)`;
  return candidateFor(entry, reason, TRAINED_PREFIXES.includes(owner) ? owner : null);
}

/**
 * The role candidates with the schedule readings by key name added, in the order roleCandidates gives (surer first,
 * then document order). An entry seen twice (a shell flag and its dotted twin) is read once.
 */
export function withScheduleNames(candidates: RoleCandidate[], index: EntryIndex,
  rank: (c: RoleCandidate) => number): RoleCandidate[] {
  const seen = new Set(candidates.map((c) => `${c.role}:${c.entry.span.start}`));
  const added: RoleCandidate[] = [];
  for (const entry of index.entries) {
    for (const c of scheduleNameCandidates(entry)) {
      const id = `${c.role}:${c.entry.span.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      added.push(c);
    }
  }
  if (added.length === 0) return candidates;
  return [...candidates, ...added].sort((a, b) => rank(a) - rank(b) || a.entry.span.start - b.entry.span.start);
}
