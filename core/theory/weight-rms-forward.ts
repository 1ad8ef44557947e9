/**
 * Weight RMS at every step of a schedule (science.md §2.4), by the forward recursion on the exact second moments
 * of (θ, momentum filter state): the same quantity weight-rms.ts gets from its backward pass, step by step, for
 * trajectories and for runs folded block by block (block-fold.ts).
 */
import {
  biasCorrectionHorizon, decayTable, EARLY_STEPS, factorAt, weightRmsFromSums, type RunShape, type ScheduledRun,
} from './weight-rms';
import type { DecayRule } from './weight-decay';

/** The forward recursion's state (`foldForward`): exact second moments of (θ, filter state). */
export interface ForwardState {
  /** Steps folded so far. */
  t: number;
  /** E[θ²], E[θ·s], E[s²] for unit-variance gradients; s = Σ β^i g_{t−i} is the filter state. */
  th2: number;
  ths: number;
  s2: number;
  /** E[θ], E[s] for unit-mean gradients. */
  thm: number;
  sm: number;
  /** Σw_i, Σw_i², Σw_i·f_i, Σw_i·w_{i+1} and P up to step t (for the correlated forms); the last step's η. */
  sumW: number;
  sumW2: number;
  sumWF: number;
  sumW1: number;
  lastEta: number;
  p: number;
  /** η_i/P_i of the first EARLY_STEPS steps (P_i = the decay product through step i): w_i = early[i]·P_t. */
  early: Float64Array;
}

export function emptyForwardState(): ForwardState {
  return {
    t: 0, th2: 0, ths: 0, s2: 0, thm: 0, sm: 0, sumW: 0, sumW2: 0, sumWF: 0, sumW1: 0, lastEta: 0, p: 1,
    early: new Float64Array(EARLY_STEPS),
  };
}

/** The weight RMS the forward state stands for (same combination as the backward sums). */
export function weightRmsFromForward(
  run: Pick<ScheduledRun, 'snr' | 'theta0Rms' | 'noise' | 'factors'>, f: ForwardState,
): number {
  const early = f.early.map((v, i) => (i < f.t ? v * f.p : 0));
  const sums = { p: f.p, sumW2: f.sumW2, sumC: f.thm, sumC2: f.th2, sumWF: f.sumWF, sumW1: f.sumW1, early };
  return weightRmsFromSums(run, sums);
}

/**
 * Advances `state` over the steps in `lr` (step state.t+1+k at index k, decay likewise), calling
 * `onStep(t)` after each step so the caller can record values. Chunks in order give one pass.
 */
export function foldForward(
  state: ForwardState, shape: RunShape, lr: ArrayLike<number>, decay: ArrayLike<number> | DecayRule,
  onStep?: (t: number) => void,
): void {
  const { gain, beta } = shape.filter;
  const horizon = shape.biasCorrection ? biasCorrectionHorizon(beta) : 0;
  const table = decayTable(decay);
  const { perLr, perLrSquared } = table === null ? (decay as DecayRule) : { perLr: 0, perLrSquared: 0 };
  const { mean, noise } = shape.factors ?? { mean: undefined, noise: undefined };
  for (let k = 0; k < lr.length; k++) {
    const t = state.t + 1;
    const eta = lr[k];
    const a = 1 - (table === null ? eta * (perLr + perLrSquared * eta) : table[k]);
    const e = t < horizon ? eta / (1 - Math.pow(beta, t)) : eta;
    const fm = factorAt(mean, t);
    const en = e * factorAt(noise, t);
    const em = e * fm;
    // torch SGD's first buffer is the undampened gradient (science.md §2.8): g_1 enters scaled.
    const input = t === 1 ? shape.filter.firstScale ?? 1 : 1;
    const direct = shape.filter.direct * input;
    const th2 = a * a * state.th2 + en * en * (gain * gain * state.s2 + direct * direct)
      - 2 * a * en * gain * state.ths;
    state.ths = a * beta * state.ths - en * gain * beta * state.s2 - en * direct * input;
    state.s2 = input * input + beta * beta * state.s2;
    state.th2 = th2;
    state.thm = a * state.thm - em * (gain * state.sm + direct);
    state.sm = input + beta * state.sm;
    state.sumW = a * state.sumW + eta;
    state.sumW2 = a * a * state.sumW2 + eta * eta;
    state.sumWF = a * state.sumWF + eta * fm;
    state.sumW1 = a * a * state.sumW1 + a * state.lastEta * eta;
    state.lastEta = eta;
    state.p *= a;
    if (t <= EARLY_STEPS) state.early[t - 1] = state.p > 0 ? eta / state.p : 0;
    state.t = t;
    onStep?.(t);
  }
}

/**
 * The same quantity as `scheduledWeightRms` at every step, by a forward recursion on the exact
 * second moments of (θ, filter state) with v held at its mean; returns the values at `steps`
 * (1-based, any order; steps past T give NaN). O(T + steps.length). At step T it equals the
 * backward pass.
 */
export function weightRmsTrajectory(run: ScheduledRun, steps: readonly number[]): Float64Array {
  const out = new Float64Array(steps.length).fill(Number.NaN);
  const wanted = stepIndex(steps);
  for (const idx of wanted.get(0) ?? []) out[idx] = run.theta0Rms;
  const state = emptyForwardState();
  foldForward(state, run, run.lr, run.decay, (t) => {
    const hits = wanted.get(t);
    if (hits) for (const idx of hits) out[idx] = weightRmsFromForward(run, state);
  });
  return out;
}

/** step → the positions in `steps` that ask for it. */
export function stepIndex(steps: readonly number[]): Map<number, number[]> {
  const wanted = new Map<number, number[]>();
  steps.forEach((s, idx) => {
    const list = wanted.get(s);
    if (list) list.push(idx);
    else wanted.set(s, [idx]);
  });
  return wanted;
}
