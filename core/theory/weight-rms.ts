/**
 * Weight RMS under decoupled weight decay (FORMULAS.md §2), per coordinate.
 *
 * Every function takes the per-step decay δ (θ ← θ(1 − δ) each step; δ = ηλ for torch AdamW, see
 * weight-decay.ts for the other implementations) separately from the step size η, so the same
 * formulas serve lr-scaled, lr-ratio and lr²-scaled decay. With δ = ηλ they are the sheet's
 * formulas verbatim. Step sizes are in units of the normalized update: Adam's m̂/√v̂ (v at its
 * mean μ²+σ²), a sign update, or, for SGD, pass η·G1·gradScale to get gradient units.
 */
import type { MomentumFilter } from './momentum';
import type { DecayRule } from './weight-decay';

export interface ConstantRun {
  /** Step size η (constant). */
  lr: number;
  /** Per-step decay δ (constant), β3 = 1 − δ. */
  decay: number;
  /** SNR of a minibatch gradient (FORMULAS.md §0). */
  snr: number;
  /** Initial weight RMS θ0. */
  theta0Rms: number;
}

/**
 * FORMULAS.md §2.1 (seed 002), with λ = δ/η:
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
 * The "quick" estimate √(k·η/(2λ)) (update RMS × √(η/(2λ))): wrong by the factor √k (FORMULAS.md §2.2);
 * exported only so the product can show it as the naive estimate and say why it is wrong.
 */
export function naiveWeightRms(lr: number, decay: number, k: number): number | null {
  return decay > 0 ? Math.sqrt((k * lr * lr) / (2 * decay)) : null;
}

/**
 * λ = 0 (FORMULAS.md §2.3, SNR = 0: ‖θ_t‖² ≈ θ0² + η²t): a random walk with no equilibrium.
 * With SNR > 0 the drift adds η²t²·SNR/(SNR+1) and the noise η²t/(SNR+1) (§2.4 with P = 1).
 */
export function randomWalkWeightRms(t: number, lr: number, theta0Rms: number, snr = 0): number {
  const steps = Math.max(0, t);
  return Math.sqrt(theta0Rms * theta0Rms + (lr * lr * (snr * steps * steps + steps)) / (snr + 1));
}

/**
 * Sign-type updates at SNR = 0 (FORMULAS.md §2.5): ‖θ‖² ≈ (η²/(2δ))·L = (η/(2λ))·L, with L the
 * arcsine-law long-run variance (sign-variance.ts). Within 0.3% of Monte Carlo (§6).
 */
export function signWeightRmsSteady(lr: number, decay: number, longRunVariance: number): number | null {
  return decay > 0 ? (lr * Math.sqrt(longRunVariance)) / Math.sqrt(2 * decay) : null;
}

/**
 * The seed's mean field for sign-type updates (FORMULAS.md §2.5): §2.1 with the denominator (SNR+1)
 * replaced by (SNR+k), i.e. √(η/(2λ)·(1+β1)/(1−β1)) at SNR = 0. ~19% high at β1 = 0.9 (§6); shown
 * beside the arcsine value, not instead of it.
 */
export function signMeanFieldWeightRms(lr: number, decay: number, snr: number, k: number): number | null {
  if (decay <= 0) return null;
  return (lr * Math.sqrt((snr + decay / 2) / (snr + k))) / decay;
}

/** How the per-step noise of the update accumulates into the weights (FORMULAS.md §2.4, §2.5). */
export type NoiseModel =
  /** Update linear in the gradient (Adam at fixed v, SGD): (SNR·(Σc)² + Σc_j²)/(SNR+1). */
  | { kind: 'linear' }
  /** Sign of a Gaussian filter output at SNR = 0: L·Σw_i² (§2.5 arcsine law). */
  | { kind: 'sign-arcsine'; longRunVariance: number }
  /** The seed's mean field for sign updates: (SNR·(Σc)² + Σc_j²)/(SNR+k). */
  | { kind: 'sign-mean-field'; k: number };

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
}

/** δ_t as a per-step table, or null when it follows a `DecayRule` (read in the loops without a call). */
function decayTable(decay: ArrayLike<number> | DecayRule): ArrayLike<number> | null {
  return 'perLr' in decay ? null : decay;
}

/** Steps past which β^t < 1e-17 and the bias correction 1/(1−β^t) is 1 in double precision. */
function biasCorrectionHorizon(beta: number): number {
  return beta > 0 && beta < 1 ? Math.ceil(Math.log(1e-17) / Math.log(beta)) : 0;
}

function combine(run: ScheduledRun, p0: number, sumW: number, sumW2: number, sumC: number, sumC2: number): number {
  const start = p0 * p0 * run.theta0Rms * run.theta0Rms;
  const { snr, noise } = run;
  switch (noise.kind) {
    case 'linear':
      return Math.sqrt(start + (snr * sumC * sumC + sumC2) / (snr + 1));
    case 'sign-mean-field':
      return Math.sqrt(start + (snr * sumC * sumC + sumC2) / (snr + noise.k));
    case 'sign-arcsine':
      // §2.5 is derived at SNR = 0; a drift term SNR·(Σw)²/(SNR+1) is kept so the value stays finite
      // and monotone in SNR, but only SNR = 0 is validated (§6: mean field of sign is +21% at SNR 0.1).
      return Math.sqrt(start + (snr * sumW * sumW + noise.longRunVariance * sumW2) / (snr + 1));
  }
}

/**
 * FORMULAS.md §2.4: weight RMS after T = lr.length steps of any schedule, in one backward pass:
 *   P_i = Π_{j>i}(1−δ_j), w_i = η_i·P_i,
 *   c_j = Σ_{i≥j} w_i·bc_i·a_{i−j} (a = the filter's taps, bc_i = 1/(1−β1^i) with bias correction),
 *   ‖θ_T‖² ≈ P_0²θ0² + (SNR·(Σc)² + Σc_j²)/(SNR+1).
 * For Adam's bias-corrected EMA Σc_j = Σw_i exactly, matching the sheet's (Σw_i)². O(T), no allocation.
 */
export function scheduledWeightRms(run: ScheduledRun): number {
  const { lr, decay, filter, biasCorrection } = run;
  const { direct, gain, beta } = filter;
  const horizon = biasCorrection ? biasCorrectionHorizon(beta) : 0;
  const table = decayTable(decay);
  const { perLr, perLrSquared } = table === null ? (decay as DecayRule) : { perLr: 0, perLrSquared: 0 };
  let p = 1;
  let b = 0; // b_j = Σ_{i>j} w_i·bc_i·β^{i−j−1}
  let sumW = 0;
  let sumW2 = 0;
  let sumC = 0;
  let sumC2 = 0;
  for (let i = lr.length; i >= 1; i--) {
    const eta = lr[i - 1]!;
    const w = eta * p;
    const wb = i < horizon ? w / (1 - Math.pow(beta, i)) : w;
    const c = direct * wb + gain * b;
    sumW += w;
    sumW2 += w * w;
    sumC += c;
    sumC2 += c * c;
    b = wb + beta * b;
    p *= 1 - (table === null ? eta * (perLr + perLrSquared * eta) : table[i - 1]!);
  }
  return combine(run, p, sumW, sumW2, sumC, sumC2);
}

/**
 * The same quantity as `scheduledWeightRms` at every step, by a forward recursion on the exact
 * second moments of (θ, filter state) with v held at its mean; returns the values at `steps`
 * (1-based, any order). O(T + steps.length). At step T it equals the backward pass.
 */
export function weightRmsTrajectory(run: ScheduledRun, steps: readonly number[]): Float64Array {
  const { lr, decay, filter, biasCorrection } = run;
  const { direct, gain, beta } = filter;
  const horizon = biasCorrection ? biasCorrectionHorizon(beta) : 0;
  const table = decayTable(decay);
  const { perLr, perLrSquared } = table === null ? (decay as DecayRule) : { perLr: 0, perLrSquared: 0 };
  const wanted = new Map<number, number[]>();
  steps.forEach((s, idx) => wanted.set(s, [...(wanted.get(s) ?? []), idx]));
  const out = new Float64Array(steps.length).fill(Number.NaN);
  for (const idx of wanted.get(0) ?? []) out[idx] = run.theta0Rms;
  // Noise moments: th2 = E[θ²], ths = E[θ·s], s2 = E[s²] for unit-variance gradients, s the filter
  // state Σ β^{i} g_{t−i}; means: thm, sm for unit-mean gradients; sumW, sumW2, p for the sign form.
  let th2 = 0;
  let ths = 0;
  let s2 = 0;
  let thm = 0;
  let sm = 0;
  let sumW = 0;
  let sumW2 = 0;
  let p = 1;
  for (let t = 1; t <= lr.length; t++) {
    const eta = lr[t - 1]!;
    const a = 1 - (table === null ? eta * (perLr + perLrSquared * eta) : table[t - 1]!);
    const e = t < horizon ? eta / (1 - Math.pow(beta, t)) : eta;
    const nextTh2 = a * a * th2 + e * e * (gain * gain * s2 + direct * direct) - 2 * a * e * gain * ths;
    ths = a * beta * ths - e * gain * beta * s2 - e * direct;
    s2 = 1 + beta * beta * s2;
    th2 = nextTh2;
    thm = a * thm - e * (gain * sm + direct);
    sm = 1 + beta * sm;
    sumW = a * sumW + eta;
    sumW2 = a * a * sumW2 + eta * eta;
    p *= a;
    const hits = wanted.get(t);
    if (hits) {
      const value = combine(run, p, sumW, sumW2, thm, th2);
      for (const idx of hits) out[idx] = value;
    }
  }
  return out;
}
