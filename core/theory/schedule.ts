/**
 * Learning-rate schedules: the per-step η_t that science.md §2.4 sums over.
 *
 * Convention (shared with the simulator and the playground): steps are 1-based and `lrAt(spec, t)`
 * is the learning rate used by optimizer step t. Linear warmup ends at the peak on step
 * `warmupSteps` (η_t = peak·t/W, so no step runs at lr 0); the decay phase covers steps
 * W+1 … T and reaches `minLrRatio·peak` exactly at step T.
 */
import type { ScheduleKind } from '../hyperparams';

export interface ScheduleSpec {
  kind: ScheduleKind;
  peakLr: number;
  /** Total optimizer steps T. */
  steps: number;
  /** Linear warmup length W (0 = none). */
  warmupSteps: number;
  /** WSD: length of the final decay phase; null/undefined = `WSD_DEFAULT_DECAY_FRACTION` of the run. */
  decaySteps?: number | null;
  /** Final lr as a fraction of the peak (cosine, linear, WSD; a floor for inverse-sqrt). Default 0. */
  minLrRatio?: number;
}

/**
 * WSD's decay phase when the config does not give one: 20% of the run, the cooldown length that
 * Hägele et al. 2024 ("Scaling Laws and Compute-Optimal Training Beyond Fixed Training Durations")
 * found to match cosine.
 */
export const WSD_DEFAULT_DECAY_FRACTION = 0.2;

/** Length of the WSD decay phase actually used, clamped to the post-warmup part of the run. */
export function wsdDecaySteps(spec: ScheduleSpec): number {
  const room = Math.max(0, spec.steps - spec.warmupSteps);
  const asked = spec.decaySteps ?? Math.round(WSD_DEFAULT_DECAY_FRACTION * spec.steps);
  return Math.min(room, Math.max(0, asked));
}

/** The learning rate used at optimizer step t (1-based). Steps past T keep the final value. */
export function lrAt(spec: ScheduleSpec, t: number): number {
  const peak = spec.peakLr;
  const floor = peak * (spec.minLrRatio ?? 0);
  const warmup = Math.max(0, spec.warmupSteps);
  if (t <= warmup) return (peak * t) / warmup;
  const T = Math.max(spec.steps, warmup);
  const s = Math.min(t, T) - warmup;
  const span = T - warmup;
  switch (spec.kind) {
    case 'constant':
      return peak;
    case 'cosine':
      return span === 0 ? peak : floor + (peak - floor) * 0.5 * (1 + Math.cos((Math.PI * s) / span));
    case 'linear':
      return span === 0 ? peak : floor + (peak - floor) * (1 - s / span);
    case 'wsd': {
      const d = wsdDecaySteps(spec);
      const intoDecay = Math.min(t, T) - (T - d);
      return intoDecay <= 0 ? peak : floor + (peak - floor) * (1 - intoDecay / d);
    }
    case 'inverse-sqrt':
      // fairseq/T5 form: peak·√(W/t) after warmup (√(1/t) when there is no warmup), never below the floor.
      return Math.max(floor, peak * Math.sqrt(Math.max(warmup, 1) / Math.min(t, T)));
  }
}

/** Cosine steps between exact re-anchorings of the rotation in `lrSeries` (bounds its drift to ~1e-13). */
const COSINE_ANCHOR_EVERY = 1024;

/**
 * η_t for t = 1…T, stored at index t−1. Equal to `lrAt` (cosine to ~1e-13 relative: its decay
 * phase advances cos/sin by a fixed rotation, re-anchored with Math.cos every 1024 steps, which
 * makes a 10⁶-step series several times cheaper than 10⁶ Math.cos calls). With `into` (long
 * enough) the series is written into its first T entries and that view is returned: no allocation.
 */
export function lrSeries(spec: ScheduleSpec, into?: Float64Array): Float64Array {
  const T = Math.max(0, Math.floor(spec.steps));
  const out = into && into.length >= T ? into.subarray(0, T) : new Float64Array(T);
  fillLr(spec, 1, out);
  return out;
}

/**
 * Writes η_t for t = first, first+1, … into `out` (one per entry), with `lrSeries`'s accuracy: lets
 * a long run be evaluated in fixed-size chunks instead of one T-long array.
 */
export function fillLr(spec: ScheduleSpec, first: number, out: Float64Array): void {
  const warmup = Math.max(0, spec.warmupSteps);
  const T = Math.max(Math.floor(spec.steps), warmup);
  const span = T - warmup;
  const n = out.length;
  let k = 0;
  // Warmup, non-cosine schedules, and steps past T: lrAt, which is already cheap there.
  const cosineFrom = spec.kind === 'cosine' && span > 0 ? warmup + 1 : Infinity;
  for (; k < n && first + k < cosineFrom; k++) out[k] = lrAt(spec, first + k);
  if (k === n) return;
  const peak = spec.peakLr;
  const floor = peak * (spec.minLrRatio ?? 0);
  const half = 0.5 * (peak - floor);
  const h = Math.PI / span;
  const ch = Math.cos(h);
  const sh = Math.sin(h);
  let step = first + k - warmup; // position in the decay phase, 1…span
  while (k < n && step <= span) {
    // One block between exact anchors: cos/sin from Math, then a rotation by h per step. The block is
    // counted by the output index k, never by `step`: past 2⁵³ steps, step + 1 === step.
    const blockEnd = Math.min(span, (Math.floor(step / COSINE_ANCHOR_EVERY) + 1) * COSINE_ANCHOR_EVERY - 1);
    const stop = k + Math.max(1, Math.min(n - k, blockEnd - step + 1));
    let c = Math.cos(h * step);
    let sn = Math.sin(h * step);
    for (; k < stop; k++) {
      out[k] = floor + half * (1 + c);
      const next = c * ch - sn * sh;
      sn = sn * ch + c * sh;
      c = next;
    }
    step = first + k - warmup;
  }
  for (; k < n; k++) out[k] = floor; // past T: the final value
}
