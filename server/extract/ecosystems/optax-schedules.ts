/**
 * optax's learning-rate schedule factories, as data: which argument holds the learning rate the schedule peaks at,
 * which the warmup, which the length, and the shape. A schedule passed as the optimizer's learning rate
 * (`optax.adamw(learning_rate=optax.warmup_cosine_decay_schedule(...))`, or gin's
 * `optax.adamw.learning_rate = @optax.warmup_cosine_decay_schedule()`) is read through this table by
 * server/extract/schedule-factories.ts, in any table that lists it (optax code, T5X gin, Flax examples).
 * Source: google-deepmind/optax@v0.2.4 optax/schedules/_schedule.py (constant_schedule, linear_schedule,
 * polynomial_schedule, cosine_decay_schedule, exponential_decay, piecewise_constant_schedule,
 * warmup_constant_schedule, warmup_cosine_decay_schedule, warmup_exponential_decay_schedule,
 * cosine_onecycle_schedule, linear_onecycle_schedule) and optax/schedules/_join.py (join_schedules).
 */
import type { ScheduleKind } from '../../../core/hyperparams';

/** One argument of a factory: its keyword, and its position when passed positionally. */
export interface FactoryArgument {
  keyword: string;
  position: number;
}

export interface ScheduleFactory {
  /** The function's name as optax exports it (`optax.warmup_cosine_decay_schedule`, by its last component). */
  name: string;
  /** The shape after any warmup, as the science core evaluates it (science.md §2.4); null: one it does not model. */
  schedule: ScheduleKind | null;
  /** The learning rate the schedule peaks at (`peak_value`), or starts from when it only decays (`init_value`). */
  peak?: FactoryArgument;
  /** Steps of the linear warmup up to the peak. */
  warmup?: FactoryArgument;
  /** Steps the whole schedule spans, warmup included, when it ends the decay there. */
  length?: FactoryArgument;
  /**
   * A warmup's end value (Keras' `CosineDecay(warmup_target=...)`): when written, it is the peak, `peak` is where the
   * warmup starts, and `length` counts the decay after the warmup only, so it is no longer the run's length.
   */
  warmupTarget?: FactoryArgument;
  /**
   * A scheduler object built on an optimizer that sets the optimizer's lr itself (torch's `OneCycleLR(optimizer,
   * max_lr=...)`): its peak is the run's lr even where the optimizer's call writes one.
   */
  replacesLr?: boolean;
  /**
   * A ramp between two values (`linear_schedule(init_value, end_value, transition_steps)`): rising, it is a warmup
   * of `steps` to `to`, held after (constant); falling, a decay from `from` over `steps` shaped like `schedule`.
   */
  ramp?: { from: FactoryArgument; to: FactoryArgument; steps: FactoryArgument };
  /** Schedules run one after the other, switching at the boundaries (`join_schedules(schedules, boundaries)`). */
  join?: { schedules: FactoryArgument; boundaries: FactoryArgument };
}

const arg = (keyword: string, position: number): FactoryArgument => ({ keyword, position });

export const OPTAX_SCHEDULES: readonly ScheduleFactory[] = [
  { name: 'constant_schedule', schedule: 'constant', peak: arg('value', 0) },
  {
    name: 'linear_schedule', schedule: 'linear',
    ramp: { from: arg('init_value', 0), to: arg('end_value', 1), steps: arg('transition_steps', 2) },
  },
  {
    // polynomial_schedule(init_value, end_value, power, transition_steps): power 1 is linear_schedule.
    name: 'polynomial_schedule', schedule: 'linear',
    ramp: { from: arg('init_value', 0), to: arg('end_value', 1), steps: arg('transition_steps', 3) },
  },
  {
    name: 'cosine_decay_schedule', schedule: 'cosine', peak: arg('init_value', 0), length: arg('decay_steps', 1),
  },
  // exponential_decay(init_value, transition_steps, decay_rate): no end, so no length; not a shape OptLens models.
  { name: 'exponential_decay', schedule: null, peak: arg('init_value', 0) },
  // Steps scaled at the boundaries: a step decay, not modelled.
  { name: 'piecewise_constant_schedule', schedule: null, peak: arg('init_value', 0) },
  {
    name: 'warmup_constant_schedule', schedule: 'constant', peak: arg('peak_value', 1), warmup: arg('warmup_steps', 2),
  },
  {
    // decay_steps is the schedule's whole length, warmup included ("the total length of the schedule").
    name: 'warmup_cosine_decay_schedule', schedule: 'cosine', peak: arg('peak_value', 1),
    warmup: arg('warmup_steps', 2), length: arg('decay_steps', 3),
  },
  {
    name: 'warmup_exponential_decay_schedule', schedule: null, peak: arg('peak_value', 1),
    warmup: arg('warmup_steps', 2),
  },
  // The one-cycle schedules ramp up for pct_start of transition_steps (a fraction, not read as a warmup).
  { name: 'cosine_onecycle_schedule', schedule: 'cosine', peak: arg('peak_value', 1), length: arg('transition_steps', 0) },
  { name: 'linear_onecycle_schedule', schedule: 'linear', peak: arg('peak_value', 1), length: arg('transition_steps', 0) },
  // Its shape is the shape of the schedules it joins (the last one decides where the run ends).
  { name: 'join_schedules', schedule: null, join: { schedules: arg('schedules', 0), boundaries: arg('boundaries', 1) } },
];

/** The factories' names → their shapes, for a table's `schedules`. */
export const OPTAX_SCHEDULE_KINDS: Readonly<Record<string, ScheduleKind | null>> = Object.fromEntries(
  OPTAX_SCHEDULES.filter((f) => !f.join).map((f) => [f.name, f.schedule]));
