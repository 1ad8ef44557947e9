/**
 * Warmups written that never run: a warmup whose help counts it in percent of the run (no step count), or one written
 * for a schedule that holds the rate constant from the first step and reads no warmup.
 */
import type { ConfigEntry } from '../entries';
import { entriesAt, type EntryIndex } from '../match';

/** Help text or a comment that counts a value in percent (`% of total steps`, `percentage of training`). */
const PERCENT_OF_RUN = /%|\bper ?cent/i;

/**
 * Keys that name the learning-rate schedule, beside a warmup or beside its settings block. Not a decay style
 * (Megatron's `lr_decay_style`, veRL's `optim.lr_decay_style`): it names what follows the warmup, which still runs
 * (megatron/core/optimizer_param_scheduler.py get_lr: the warmup's ramp first, then `constant` returns max_lr).
 */
const SCHEDULE_NAME_KEYS: readonly string[] = ['scheduler', 'lr_scheduler', 'lr_scheduler_type', 'schedule',
  'lr_schedule'];
/** Schedules that hold the rate constant from the first step: a warmup written for them is never used. */
const CONSTANT_SCHEDULE = /^(constant|constantlr|constant_lr|fixed|none)$/i;
/** A schedule's settings block (`scheduler_conf`, `lr_scheduler_kwargs`), named beside it. */
const SCHEDULE_SETTINGS = /sched\w*_(conf|config|args|kwargs|params)$/i;

/**
 * Whether a warmup in steps is none: its comment or help counts it in percent of the run (kohya_ss `lr_warmup = 0  #
 * LR Warmup (% of total steps)`), or it is a nonzero warmup written for a schedule that takes none, beside (or in the
 * settings block of) a schedule named `constant` (a 0 there says the same as the schedule): WeNet/CosyVoice's
 * `scheduler: constantlr` with `scheduler_conf: {warmup_steps: 2500}` builds ConstantLR(optimizer), which reads no
 * warmup (FunAudioLLM/CosyVoice cosyvoice/utils/train_utils.py
 * init_optimizer_and_scheduler: `elif configs['train_conf']['scheduler'] == 'constantlr': scheduler =
 * ConstantLR(optimizer)`); transformers' `lr_scheduler_type: constant` is get_constant_schedule, with no warmup.
 */
export function unusedWarmup(index: EntryIndex, entry: ConfigEntry, value: unknown): boolean {
  if (PERCENT_OF_RUN.test(entry.help ?? '')) return true;
  if (value === 0 || value === '0') return false;
  // A negative warmup is a sentinel that hands the warmup to a ratio beside it (veRL's `lr_warmup_steps: -1`), not
  // a warmup a schedule ignores.
  if (Number(value) < 0) return false;
  const block = entry.path.slice(0, -1);
  const own = block[block.length - 1] ?? '';
  const places = SCHEDULE_SETTINGS.test(own) ? [block, block.slice(0, -1)] : [block];
  return places.some((p) => SCHEDULE_NAME_KEYS.some((k) => {
    const v = entriesAt(index, [...p, k])[0]?.value;
    return typeof v === 'string' && CONSTANT_SCHEDULE.test(v.trim());
  }));
}
