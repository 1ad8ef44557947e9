/**
 * Framework facts the recipe findings need, as data with sources: where a weight-decay schedule
 * (λ_t ∝ η_t, science.md §8.4) can be set without code.
 */

export interface WeightDecayScheduleOption {
  name: string;
  /** What to write, in the framework's own words. */
  how: string;
  source: string;
}

/** Ecosystem id → its weight-decay schedule option. Frameworks absent here have none that OptLens knows of. */
export const WEIGHT_DECAY_SCHEDULE_OPTIONS: Readonly<Record<string, WeightDecayScheduleOption>> = {
  'megatron-lm': {
    name: 'Megatron-LM',
    how: '--weight-decay-incr-style cosine with --start-weight-decay λ and --end-weight-decay λ·(min lr / lr), which ' +
      'follows a cosine learning-rate decay step for step',
    source: 'NVIDIA/Megatron-LM megatron/core/optimizer_param_scheduler.py get_wd (start_wd + coeff·(end_wd − start_wd))',
  },
};
