/**
 * Weight RMS under decoupled weight decay (science.md §2), per coordinate.
 *
 * Every function takes the per-step decay δ (θ ← θ(1 − δ) each step; δ = ηλ for torch AdamW, see
 * weight-decay.ts for the other implementations) separately from the step size η, so the same
 * formulas serve lr-scaled, lr-ratio and lr²-scaled decay. With δ = ηλ they are the sheet's
 * formulas verbatim. Step sizes are in units of the normalized update: Adam's m̂/√v̂ (v at its
 * mean μ²+σ²), a sign update, or, for SGD, pass η·G1·gradScale to get gradient units.
 */
import type { MomentumFilter } from './momentum';
import { discountedLongRunVariance, type UpdateCorrelation } from './update-correlation';
import type { DecayRule } from './weight-decay';

export interface ConstantRun {
  /** Step size η (constant). */
  lr: number;
  /** Per-step decay δ (constant), β3 = 1 − δ. */
  decay: number;
  /** SNR of a minibatch gradient (science.md §0). */
  snr: number;
  /** Initial weight RMS θ0. */
  theta0Rms: number;
}

/**
 * science.md §2.1 (seed 002), with λ = δ/η:
 *   ‖θ_t‖² ≈ β3^{2t}θ0² + (1−β3^t)²·(SNR + δ(1+β3^t)/(2(1−β3^t)))·η²/(δ²(SNR+1)).
 * Holds within ~2% for AdamW when τ = 1/δ ≫ 1/(1−β1) and t ≫ 1/(1−β1) (§6); otherwise use
 * `scheduledWeightRms`. δ = 0 falls back to the random walk of §2.3.
 */
export function weightRmsAt(t: number, run: ConstantRun): number {
  const { lr, decay, snr, theta0Rms } = run;
  if (decay <= 0) return randomWalkWeightRms(t, lr, theta0Rms, snr);
  if (t <= 0) return theta0Rms;
  // 1 − β3^t via expm1/log1p: exact to rounding even when δ·t is tiny (the λ → 0 limit of §2.3).
  const fill = -Math.expm1(t * Math.log1p(-decay));
  const b3t = 1 - fill;
  const noise = (decay * (1 + b3t)) / (2 * fill);
  // (1−β3^t)·η/δ is Σw_i: formed as a ratio first so tiny δ neither underflows δ² nor overflows η²/δ².
  const sumW = (fill / decay) * lr;
  return Math.sqrt(b3t * b3t * theta0Rms * theta0Rms + (sumW * sumW * (snr + noise)) / (snr + 1));
}

/**
 * t → ∞ of §2.1: ‖θ‖² = η²(SNR + δ/2)/(δ²(SNR+1)); at SNR = 0 this is √(η/(2λ)) (§2.2; blog check
 * η = 1e-3, λ = 0.1 → 0.0707). null when nothing decays (no equilibrium).
 */
export function weightRmsSteady(lr: number, decay: number, snr: number): number | null {
  if (decay <= 0) return null;
  return (lr * Math.sqrt((snr + decay / 2) / (snr + 1))) / decay;
}

/**
 * The "quick" estimate √(k·η/(2λ)) (update RMS × √(η/(2λ))): wrong by the factor √k (science.md §2.2);
 * exported only so the product can show it as the naive estimate and say why it is wrong.
 */
export function naiveWeightRms(lr: number, decay: number, k: number): number | null {
  return decay > 0 ? Math.sqrt((k * lr * lr) / (2 * decay)) : null;
}

/**
 * λ = 0 (science.md §2.3, SNR = 0: ‖θ_t‖² ≈ θ0² + η²t): a random walk with no equilibrium.
 * With SNR > 0 the drift adds η²t²·SNR/(SNR+1) and the noise η²t/(SNR+1) (§2.4 with P = 1).
 */
export function randomWalkWeightRms(t: number, lr: number, theta0Rms: number, snr = 0): number {
  const steps = Math.max(0, t);
  return Math.sqrt(theta0Rms * theta0Rms + (lr * lr * (snr * steps * steps + steps)) / (snr + 1));
}

/**
 * Equilibrium of a stationary correlated update (sign types §2.6, Muon §2.7), constant η and δ:
 *   ‖θ‖² = (E[u]·η/δ)² + η²/(1 − β3²)·L(β3), β3 = 1 − δ, L the discounted long-run variance.
 * At SNR 0 and δ → 0 this is §2.5's (η/(2λ))·L.
 */
export function correlatedWeightRmsSteady(lr: number, decay: number, correlation: UpdateCorrelation): number | null {
  if (decay <= 0) return null;
  const b3 = 1 - decay;
  const drift = (correlation.mean * lr) / decay;
  return Math.sqrt(drift * drift + ((lr * lr) / (decay * (2 - decay))) * discountedLongRunVariance(correlation, b3));
}

/**
 * The seed's mean field for sign-type updates (science.md §2.5): §2.1 with the denominator (SNR+1)
 * replaced by (SNR+k), i.e. √(η/(2λ)·(1+β1)/(1−β1)) at SNR = 0. ~19% high at β1 = 0.9 (§6); shown
 * beside the arcsine value, not instead of it.
 */
export function signMeanFieldWeightRms(lr: number, decay: number, snr: number, k: number): number | null {
  if (decay <= 0) return null;
  return (lr * Math.sqrt((snr + decay / 2) / (snr + k))) / decay;
}

/** How the per-step noise of the update accumulates into the weights (science.md §2.4–§2.7). */
export type NoiseModel =
  /** Update linear in the gradient (Adam at fixed v, SGD): (SNR·(Σc)² + Σc_j²)/(SNR+1). */
  | { kind: 'linear' }
  /**
   * A stationary update with known moments (sign types §2.6, Muon §2.7): (E[u]·Σw_i f_i)² + Σw_i²·L(d),
   * L(d) the discounted long-run variance, d = Σw_i w_{i+1}/Σw_i² (update-correlation.ts).
   */
  | { kind: 'correlated'; correlation: UpdateCorrelation }
  /** The seed's mean field for sign updates: (SNR·(Σc)² + Σc_j²)/(SNR+k). */
  | { kind: 'sign-mean-field'; k: number };

/**
 * Per-step corrections for the first steps of a run (index t − 1; 1 past the end): `mean` multiplies
 * the update's mean, `noise` its fluctuation (Adam's exact finite-t moments, adam-finite-t.ts; a sign
 * update's mean while its filter fills, §2.6).
 */
export interface StepFactors {
  mean: ArrayLike<number>;
  noise: ArrayLike<number>;
  /**
   * Exact minus modelled E[u_i u_k] for the first K ≤ EARLY_STEPS steps (row-major K×K): the sums add
   * Σ w_i w_k·pairs[i,k] (Adam's first steps, adam-finite-t.ts).
   */
  pairs?: ArrayLike<number>;
}

/** Most first steps whose weights the sums keep for `StepFactors.pairs`. */
export const EARLY_STEPS = 16;

/**
 * Σ_{i,k ≤ K} w_i w_k·pairs[i,k] from the first steps' weights; skipped (without reading `pairs`, which may
 * be computed on first read) when those weights cannot move `total` by 1e-6 (|pairs| ≤ 1: unit-scale updates).
 */
function pairTerm(factors: StepFactors | undefined, early: ArrayLike<number>, total: number): number {
  if (factors === undefined || !('pairs' in factors)) return 0;
  let first = 0;
  for (let i = 0; i < early.length; i++) first += Math.abs(early[i]);
  if (first * first <= 1e-6 * total) return 0;
  const pairs = factors.pairs;
  if (!pairs || pairs.length === 0) return 0;
  const K = Math.min(EARLY_STEPS, Math.round(Math.sqrt(pairs.length)));
  let sum = 0;
  for (let i = 0; i < K; i++) for (let k = 0; k < K; k++) sum += early[i] * early[k] * pairs[i * K + k];
  return sum;
}

export interface ScheduledRun {
  /** η_t at index t−1. */
  lr: ArrayLike<number>;
  /** δ_t at index t−1 (same length as lr), or the rule δ_t = perLr·η_t + perLrSquared·η_t² applied to `lr`. */
  decay: ArrayLike<number> | DecayRule;
  /** The momentum filter that spreads each gradient over later updates (momentum.ts). */
  filter: MomentumFilter;
  /** Adam's 1/(1−β1^t) on the first moment (§2.4); false for SGD, sign-type updates, Muon. */
  biasCorrection: boolean;
  snr: number;
  theta0Rms: number;
  noise: NoiseModel;
  /** Finite-t corrections; absent = none. */
  factors?: StepFactors;
}

/** δ_t as a per-step table, or null when it follows a `DecayRule` (read in the loops without a call). */
export function decayTable(decay: ArrayLike<number> | DecayRule): ArrayLike<number> | null {
  return 'perLr' in decay ? null : decay;
}

/** Steps past which β^t < 1e-17 and the bias correction 1/(1−β^t) is 1 in double precision. */
export function biasCorrectionHorizon(beta: number): number {
  return beta > 0 && beta < 1 ? Math.ceil(Math.log(1e-17) / Math.log(beta)) : 0;
}

/** The sums §2.4 needs, accumulated from the last step backward (`foldBackward`). */
export interface BackwardSums {
  /** P_i = Π_{j>i}(1 − δ_j) for the earliest step folded so far (P_0 once every step is in). */
  p: number;
  /** b_j = Σ_{i>j} w_i·bc_i·β^{i−j−1}: the filter's carry toward earlier gradients (bm: the same for the mean). */
  b: number;
  bm: number;
  sumW: number;
  sumW2: number;
  sumC: number;
  sumC2: number;
  /** Σw_i·f_i (f the finite-t mean factor) and Σw_i·w_{i+1}; `next` is w of the step after the earliest folded. */
  sumWF: number;
  sumW1: number;
  next: number;
  /** w_i of the first EARLY_STEPS steps (for `StepFactors.pairs`). */
  early: Float64Array;
}

export function emptyBackwardSums(): BackwardSums {
  return {
    p: 1, b: 0, bm: 0, sumW: 0, sumW2: 0, sumC: 0, sumC2: 0, sumWF: 0, sumW1: 0, next: 0,
    early: new Float64Array(EARLY_STEPS),
  };
}

export type RunShape = Pick<ScheduledRun, 'filter' | 'biasCorrection' | 'factors'>;

/** The factor at 1-based step t of a table: its last entry holds past its end (the stationary value); 1 without one. */
export const factorAt = (table: ArrayLike<number> | undefined, t: number): number =>
  table !== undefined && table.length > 0 ? table[Math.min(t, table.length) - 1] : 1;

/**
 * Folds steps first … first+lr.length−1 into `sums` (lr[k] and the decay at index k belong to step
 * first+k). Call it on consecutive chunks from the last step to the first: the result is the same
 * as one pass over the whole run.
 */
export function foldBackward(
  sums: BackwardSums, shape: RunShape, lr: ArrayLike<number>, decay: ArrayLike<number> | DecayRule, first: number,
): void {
  const { direct, gain, beta } = shape.filter;
  // torch SGD seeds its buffer with the undampened first gradient (science.md §2.8): g_1's taps are scaled.
  const firstScale = shape.filter.firstScale ?? 1;
  const horizon = shape.biasCorrection ? biasCorrectionHorizon(beta) : 0;
  const table = decayTable(decay);
  const { perLr, perLrSquared } = table === null ? (decay as DecayRule) : { perLr: 0, perLrSquared: 0 };
  const { mean, noise } = shape.factors ?? { mean: undefined, noise: undefined };
  let { p, b, bm, sumW, sumW2, sumC, sumC2, sumWF, sumW1, next } = sums;
  for (let k = lr.length - 1; k >= 0; k--) {
    const i = first + k;
    const eta = lr[k];
    const w = eta * p;
    const bcw = i < horizon ? w / (1 - Math.pow(beta, i)) : w;
    const fm = factorAt(mean, i);
    const wb = bcw * factorAt(noise, i);
    const wm = bcw * fm;
    const scale = i === 1 ? firstScale : 1;
    const c = (direct * wb + gain * b) * scale;
    const cm = (direct * wm + gain * bm) * scale;
    sumW += w;
    sumW2 += w * w;
    sumC += cm;
    sumC2 += c * c;
    sumWF += w * fm;
    sumW1 += w * next;
    next = w;
    if (i <= EARLY_STEPS) sums.early[i - 1] = w;
    b = wb + beta * b;
    bm = wm + beta * bm;
    p *= 1 - (table === null ? eta * (perLr + perLrSquared * eta) : table[k]);
  }
  Object.assign(sums, { p, b, bm, sumW, sumW2, sumC, sumC2, sumWF, sumW1, next });
}

/**
 * Whether the steps not yet folded can no longer change the result at double precision: their
 * weights are below P·η_max each (`remaining` of them), the filter's carry b spreads at most
 * gain²·b²/(1−β²) into their c_j², and θ0 is weighted by P². Lets a run of 10⁹ steps with τ ≪ T stop
 * after the last few τ.
 */
export function backwardSettled(
  sums: BackwardSums, shape: RunShape, etaMax: number, remaining: number, theta0Rms: number,
): boolean {
  const { gain, beta } = shape.filter;
  const tiny = 1e-17;
  const restW = sums.p * etaMax * remaining;
  const b2 = Math.max(sums.b * sums.b, sums.bm * sums.bm);
  const carry = beta < 1 ? (gain * gain * b2) / (1 - beta * beta) : Infinity;
  return (
    restW <= tiny * sums.sumW &&
    restW * restW <= tiny * sums.sumW2 &&
    carry <= tiny * sums.sumC2 &&
    sums.p * sums.p * theta0Rms * theta0Rms <= tiny * (sums.sumW2 + sums.sumC2)
  );
}

/** The sums `weightRmsFromSums` reads (the forward state provides the same). */
export type WeightSums = Pick<BackwardSums, 'p' | 'sumW2' | 'sumC' | 'sumC2' | 'sumWF' | 'sumW1' | 'early'>;

/** ‖θ_T‖ from the folded sums (science.md §2.4; §2.6, §2.7 for correlated updates). */
export function weightRmsFromSums(
  run: Pick<ScheduledRun, 'snr' | 'theta0Rms' | 'noise' | 'factors'>, sums: WeightSums,
): number {
  const { p, sumW2, sumC, sumC2 } = sums;
  const start = p * p * run.theta0Rms * run.theta0Rms;
  const { snr, noise } = run;
  switch (noise.kind) {
    case 'linear':
      // Adam's first steps: the exact cross moments replace the linear correlation (§1.2, §2.8).
      const total = start + (snr * sumC * sumC + sumC2) / (snr + 1);
      return Math.sqrt(Math.max(0, total + pairTerm(run.factors, sums.early, total)));
    case 'sign-mean-field':
      return Math.sqrt(start + (snr * sumC * sumC + sumC2) / (snr + noise.k));
    case 'correlated': {
      // Σ_i w_i w_{i+k} ≈ d^k·Σw_i² with d from the lag-1 sum: exact at equilibrium (d = 1 − δ), and the
      // first-order effect of a schedule otherwise (§2.4).
      const d = sumW2 > 0 ? Math.min(1, Math.max(0, sums.sumW1 / sumW2)) : 0;
      const drift = noise.correlation.mean * sums.sumWF;
      return Math.sqrt(start + drift * drift + sumW2 * discountedLongRunVariance(noise.correlation, d));
    }
  }
}

/**
 * science.md §2.4: weight RMS after T = lr.length steps of any schedule, in one backward pass:
 *   P_i = Π_{j>i}(1−δ_j), w_i = η_i·P_i,
 *   c_j = Σ_{i≥j} w_i·bc_i·a_{i−j} (a = the filter's taps, bc_i = 1/(1−β1^i) with bias correction),
 *   ‖θ_T‖² ≈ P_0²θ0² + (SNR·(Σc)² + Σc_j²)/(SNR+1).
 * For Adam's bias-corrected EMA Σc_j = Σw_i exactly, matching the sheet's (Σw_i)². O(T), no allocation.
 */
export function scheduledWeightRms(run: ScheduledRun): number {
  const sums = emptyBackwardSums();
  foldBackward(sums, run, run.lr, run.decay, 1);
  return weightRmsFromSums(run, sums);
}
