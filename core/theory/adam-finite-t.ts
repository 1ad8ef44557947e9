/**
 * Adam's update at a finite step t, exactly (science.md §1.2): u_t = m̂_t/√v̂_t with m̂ = Σ a_l g_{t−l},
 * v̂ = Σ b_l g²_{t−l} (bias-corrected EMAs, a_l = (1−β1)β1^l/(1−β1^t), b_l = (1−β2)β2^l/(1−β2^t)) and
 * i.i.d. g ~ N(h, 1), h = √SNR (u is scale-free, so σ = 1). The mean field E[m̂²]/E[v̂] of §1.1–§1.2 is
 * off by several % in the first steps at SNR > 0 (at t = 1, u = sign(g): E[u] = erf(h/√2), not
 * h/√(1+h²)). With 1/√Q = (1/√π)∫₀^∞ s^{−1/2} e^{−sQ} ds, 1/Q = ∫₀^∞ e^{−sQ} ds and the Gaussian
 * integral under e^{−s·v̂} (each g_l becomes N(h/(1+2s b_l), 1/(1+2s b_l))):
 *   E[u]  = (1/√π) ∫ s^{−1/2} D(s) M(s) ds,   E[u²] = ∫ D(s) (M(s)² + V(s)) ds,
 *   D = Π(1+2s b_l)^{−1/2}·exp(−h² Σ s b_l/(1+2s b_l)),  M = h Σ a_l/(1+2s b_l),  V = Σ a_l²/(1+2s b_l).
 * One-dimensional, evaluated by the trapezoid rule in y = ln s (exponentially convergent: the integrands
 * are analytic in a strip of half-width π). ε is left out (it enters through §1.3's factor).
 */
import { emaNoiseFactor } from './update-rms';

/** Steps computed exactly; past them the deviation from the mean field shrinks like 1/n_eff(t) (v̂'s sample count). */
const EXACT_STEPS = 32;
// Trapezoid in y = ln s: the integrands are analytic in |Im y| < π, so the error is ~e^{−2π²/DY} ≈ 3e-9;
// the tails decay at least like e^{−|y|/2}, ≤ 2e-9 past the ends.
const Y_LO = -40;
const Y_HI = 45;
const DY = 1;

export interface AdamStepMoments {
  /** E[u_t] and E[u_t²], u = m̂/√v̂ (ε = 0). */
  mean: number;
  second: number;
}

/** Exact E[u_t], E[u_t²] at step t ≥ 1 (O(t) per quadrature node, 86 nodes). */
export function adamStepMoments(beta1: number, beta2: number, snr: number, t: number): AdamStepMoments {
  const h = Math.sqrt(snr);
  const n = Math.max(1, Math.floor(t));
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c1 = (1 - beta1) / -Math.expm1(n * Math.log(beta1 || Number.MIN_VALUE));
  const c2 = (1 - beta2) / -Math.expm1(n * Math.log(beta2 || Number.MIN_VALUE));
  for (let l = 0; l < n; l++) {
    a[l] = beta1 === 0 ? (l === 0 ? 1 : 0) : c1 * Math.pow(beta1, l);
    b[l] = beta2 === 0 ? (l === 0 ? 1 : 0) : c2 * Math.pow(beta2, l);
  }
  let meanSum = 0;
  let secondSum = 0;
  for (let y = Y_LO; y <= Y_HI; y += DY) {
    const s = Math.exp(y);
    let logD = 0;
    let m = 0;
    let v = 0;
    for (let l = 0; l < n; l++) {
      const x = 2 * s * b[l];
      const q = 1 / (1 + x);
      logD -= 0.5 * Math.log1p(x) + h * h * (0.5 * x * q);
      m += a[l] * q;
      v += a[l] * a[l] * q;
    }
    const d = Math.exp(logD);
    m *= h;
    meanSum += Math.sqrt(s) * d * m;
    secondSum += s * d * (m * m + v);
  }
  return { mean: (meanSum * DY) / Math.sqrt(Math.PI), second: secondSum * DY };
}

/** Effective sample count of v̂ at step t: (Σb)²/Σb² = (1+β2)(1−β2^t)/((1−β2)(1+β2^t)). */
function vSamples(beta2: number, t: number): number {
  const p = Math.pow(beta2, t);
  return beta2 === 0 ? 1 : ((1 + beta2) * (1 - p)) / ((1 - beta2) * (1 + p));
}

/** k_t = Σa_l² (science.md §1.2). */
function biasCorrectedK(beta1: number, t: number): number {
  const p = Math.pow(beta1, t);
  return p >= 1 ? 1 : (emaNoiseFactor(beta1) * (1 + p)) / (1 - p);
}

/** Bias-corrected taps of m̂_t (a) and v̂_t (b) on g_1 … g_t, indexed by sample (0-based, oldest first). */
function sampleTaps(beta: number, t: number): Float64Array {
  const out = new Float64Array(t);
  const c = (1 - beta) / -Math.expm1(t * Math.log(beta || Number.MIN_VALUE));
  for (let j = 0; j < t; j++) out[j] = beta === 0 ? (j === t - 1 ? 1 : 0) : c * Math.pow(beta, t - 1 - j);
  return out;
}

/**
 * Grid of the two-dimensional pair integral: y = ln s, z = ln r on [−30, 30] with step 1.5 (trapezoid error
 * ~e^{−2π²/1.5} ≈ 2e-6, tails ≤ e^{−15}): ample for a correction that is itself a few % of E[θ²].
 */
const PAIR_LO = -30;
const PAIR_HI = 30;
const PAIR_DY = 1.5;

/**
 * Exact E[u_i·u_k] for steps i < k (same gradients g_1 … g_k): with 1/√(Q_i Q_k) =
 * (1/π)∫∫ (s r)^{−1/2} e^{−s Q_i − r Q_k} ds dr, each g_l becomes N(h/(1+2c_l), 1/(1+2c_l)) with
 * c_l = s·b_il + r·b_kl, and E[m̂_i m̂_k] under it is (Σa_il μ_l)(Σa_kl μ_l) + Σ a_il a_kl/(1+2c_l).
 */
export function adamPairMoment(beta1: number, beta2: number, snr: number, i: number, k: number): number {
  const h = Math.sqrt(snr);
  const ai = sampleTaps(beta1, i);
  const ak = sampleTaps(beta1, k);
  const bi = sampleTaps(beta2, i);
  const bk = sampleTaps(beta2, k);
  let sum = 0;
  for (let y = PAIR_LO; y <= PAIR_HI; y += PAIR_DY) {
    const s = Math.exp(y);
    for (let z = PAIR_LO; z <= PAIR_HI; z += PAIR_DY) {
      const r = Math.exp(z);
      let logD = 0;
      let mi = 0;
      let mk = 0;
      let cross = 0;
      for (let l = 0; l < k; l++) {
        const x = 2 * (s * (l < i ? bi[l] : 0) + r * bk[l]);
        const q = 1 / (1 + x);
        logD -= 0.5 * Math.log1p(x) + h * h * (0.5 * x * q);
        const a1 = l < i ? ai[l] : 0;
        mi += a1 * q;
        mk += ak[l] * q;
        cross += a1 * ak[l] * q;
      }
      sum += Math.sqrt(s * r) * Math.exp(logD) * (h * h * mi * mk + cross);
    }
  }
  return (sum * PAIR_DY * PAIR_DY) / Math.PI;
}

/** Steps whose cross moments are computed exactly (the first steps, where the linear correlation is worst). */
export const EXACT_PAIR_STEPS = 8;

export interface AdamFiniteT {
  /** E[u_t]/(h/√(1+h²)): the exact mean over the mean field's (1 at SNR 0), index t − 1. */
  mean: Float64Array;
  /** √(Var_exact/Var_mean-field) of u_t, index t − 1. */
  noise: Float64Array;
  /** E[u_t²] over the mean field's (SNR + k_t)/(SNR + 1), index t − 1. */
  second: Float64Array;
  /**
   * Exact E[u_i u_k] minus what `mean` and `noise` with the linear correlation give, for i ≠ k ≤ K
   * (row-major K×K, zero diagonal): the weight sums add Σ w_i w_k·pairs[i,k] (weight-rms.ts).
   */
  pairs: Float64Array;
}

const cache = new Map<string, AdamFiniteT>();

/**
 * The per-step corrections for a run: exact for t ≤ 32; then the deviation at t = 32 scaled by
 * n_eff(32)/n_eff(t) until n_eff has settled (the last entry holds for every later step: the stationary
 * Jensen correction of a finite β2 memory). Cached per (β1, β2, SNR).
 */
export function adamFiniteT(beta1: number, beta2: number, snr: number): AdamFiniteT {
  const key = `${beta1}|${beta2}|${snr}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mfMean = Math.sqrt(snr / (snr + 1));
  const exact: { mean: number; noise: number; second: number }[] = [];
  for (let t = 1; t <= EXACT_STEPS; t++) {
    const { mean, second } = adamStepMoments(beta1, beta2, snr, t);
    const k = biasCorrectedK(beta1, t);
    const linVar = k / (snr + 1);
    exact.push({
      mean: mfMean > 0 ? mean / mfMean : 1,
      noise: Math.sqrt(Math.max(0, second - mean * mean) / linVar),
      second: second / ((snr + k) / (snr + 1)),
    });
  }
  // Extend while v̂'s sample count still grows (β2^t > 1e-9), at most 10⁵ steps (the last entry holds after).
  const last = exact[EXACT_STEPS - 1];
  const n0 = vSamples(beta2, EXACT_STEPS);
  let length = EXACT_STEPS;
  while (beta2 > 0 && Math.pow(beta2, length) > 1e-9 && length < 100_000) length++;
  const out: AdamFiniteT = {
    mean: new Float64Array(length), noise: new Float64Array(length), second: new Float64Array(length),
    pairs: new Float64Array(0),
  };
  for (let t = 1; t <= length; t++) {
    const e = exact[t - 1];
    const shrink = e ? 1 : n0 / vSamples(beta2, t);
    out.mean[t - 1] = e ? e.mean : 1 + (last.mean - 1) * shrink;
    out.noise[t - 1] = e ? e.noise : 1 + (last.noise - 1) * shrink;
    out.second[t - 1] = e ? e.second : 1 + (last.second - 1) * shrink;
  }
  // The pair integrals are the costly part (~10–20 ms): computed on first read, which a long run never makes.
  let pairs: Float64Array | null = null;
  Object.defineProperty(out, 'pairs', { enumerable: true, get: () => (pairs ??= pairCorrections(beta1, beta2, snr, out)) });
  if (cache.size > 32) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * Adam's update RMS at step t (science.md §1.2, exact under Gaussian gradients): √E[u_t²], times §1.3's
 * ε factor 1/(1 + ε/scale). Past t = 32 the mean field (SNR + k_t)/(SNR + 1) with the 1/n_eff correction.
 */
export function adamUpdateRmsAt(beta1: number, beta2: number, snr: number, t: number, epsRatio = 0): number {
  const step = Math.max(1, Math.floor(t));
  const { second } = adamFiniteT(beta1, beta2, snr);
  const k = biasCorrectedK(beta1, step);
  const ratio = second[Math.min(step, second.length) - 1] ?? 1;
  return Math.sqrt(((snr + k) / (snr + 1)) * ratio) / (1 + epsRatio);
}

/** `AdamFiniteT.pairs`: exact cross moments minus the linear-correlation form, for the first K steps. */
function pairCorrections(beta1: number, beta2: number, snr: number, f: Pick<AdamFiniteT, 'mean' | 'noise'>): Float64Array {
  const K = EXACT_PAIR_STEPS;
  const out = new Float64Array(K * K);
  const mf2 = snr / (snr + 1);
  for (let k = 2; k <= K; k++) {
    const ak = sampleTaps(beta1, k);
    for (let i = 1; i < k; i++) {
      const ai = sampleTaps(beta1, i);
      let overlap = 0;
      for (let l = 0; l < i; l++) overlap += ai[l] * ak[l];
      const approx = mf2 * f.mean[i - 1] * f.mean[k - 1] + (f.noise[i - 1] * f.noise[k - 1] * overlap) / (snr + 1);
      const delta = adamPairMoment(beta1, beta2, snr, i, k) - approx;
      out[(i - 1) * K + (k - 1)] = delta;
      out[(k - 1) * K + (i - 1)] = delta;
    }
  }
  return out;
}
