/**
 * A learning rate written as a schedule and its start value in one string: RL Zoo's `learning_rate: lin_7.3e-4`
 * (DLR-RM/rl-baselines3-zoo@068adc8 rl_zoo3/exp_manager.py _preprocess_schedules: `schedule, initial_value =
 * hyperparams[key].split("_")`, then `linear_schedule(initial_value)`, a linear decay from that value to 0 over the
 * run; the same for `clip_range`). The number is the lr the run starts at, and the word is the schedule, reported at
 * the same literal (so an edit of either says "edit it by hand" rather than rewrite half of it).
 *
 * Only a word that names a schedule's shape before `_` or `:` is read this way (`lin_7.3e-4`, `cosine:1e-3`,
 * `constant_3e-4`): `adam_1e-3` or `run_3` is no schedule, and stays a value that is not a number.
 */
import type { Hyperparameters } from '../../core/hyperparams';

const NUMBER = '[+-]?(?:\\d[\\d_]*(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
/** Schedule words as frameworks abbreviate them; `lin` is RL Zoo's. */
const SHAPE = 'lin|linear|cos|cosine|const|constant|exp|exponential|poly|polynomial|step|rsqrt|inv_?sqrt|wsd';
const SCHEDULE_STRING = new RegExp(`^\\s*(${SHAPE})\\s*[_:]\\s*(${NUMBER})\\s*$`, 'i');

export interface LrScheduleString {
  /** The schedule's word as written (`lin`). */
  schedule: string;
  /** The lr the schedule starts from. */
  start: number;
}

/** `lin_7.3e-4` → the schedule `lin` starting at 7.3e-4; null for any other value. */
export function lrScheduleString(value: unknown): LrScheduleString | null {
  if (typeof value !== 'string') return null;
  const m = SCHEDULE_STRING.exec(value);
  if (!m?.[1] || !m[2]) return null;
  const start = Number(m[2].replace(/_/g, ''));
  return Number.isFinite(start) ? { schedule: m[1], start } : null;
}

/**
 * The schedule a learning rate's own string names, where the optimizer has no schedule written elsewhere: the word,
 * at the lr's literal, found with the lr.
 */
export function applyLrScheduleStrings(all: readonly Hyperparameters[]): void {
  for (const hps of all) {
    const lr = hps.lr;
    if (lr?.source !== 'written' || lr.raw === null || hps.schedule?.source === 'written') continue;
    const parsed = lrScheduleString(lr.raw.replace(/^(["'])(.*)\1$/, '$2'));
    if (!parsed) continue;
    hps.schedule = {
      value: parsed.schedule, raw: lr.raw, key: lr.key, line: lr.line, span: lr.span && { ...lr.span },
      source: 'written',
      ...(lr.via ? { via: { ...lr.via, reason: `the schedule word of the learning rate \`${lr.raw}\` (${lr.via.reason})` } }
        : {}),
    };
  }
}
