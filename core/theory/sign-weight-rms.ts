/**
 * Sign-type weight RMS over a whole run, pair by pair (science.md §2.6, short runs). The stationary moments
 * of §2.6 assume the filter has filled; in the first steps it has not: Lion's sign argument is then mostly
 * the current gradient (its momentum starts at 0), so successive signs are nearly independent and the
 * stationary form was 18–46% high at SNR 0 over the first 20–200 steps, and SignSGDM's at SNR 0.1 21% low
 * after 5 steps. Here every pair (i, t) gets the covariance of the filter as it stood:
 *   c_t = Σ_{l<t} a_l g_{t−l}, h_t = √SNR·Σ_{l<t}a_l/√Σ_{l<t}a_l², r_it = Σ_{l<i} a_l a_{l+t−i}/√(A2_i A2_t),
 *   Cov(u_i, u_t) = 4·Φ₂(−h_i, −h_t; r_it) − 4·Φ(−h_i)·Φ(−h_t),
 * and the forward recursion θ_t = (1−δ_t)θ_{t−1} − η_t u_t carries E[θ_t²] exactly:
 *   E[θ_t²] = (1−δ_t)²E[θ_{t−1}²] + η_t² + 2η_t·(E[u_t]·Σ_i w_i E[u_i] + Σ_i w_i·Cov(u_i, u_t)).
 * Covariances below 10⁻⁴·(their lag-0 scale) are dropped (the window W); the mean products are kept whole.
 * O(T·W): used for runs up to SIGN_EXACT_MAX_STEPS (the caller falls back to §2.6's stationary sums beyond).
 */
import { filterAutocorrelation, type MomentumFilter } from './momentum';
import { bivariateNormalCdf, erf, normalCdf, normalPdf } from './normal';

/** Longest run evaluated pair by pair (T·W multiply-adds, W ≲ 10³). */
export const SIGN_EXACT_MAX_STEPS = 20_000;
/** Correlations below this are dropped from the window. */
const WINDOW_BELOW = 1e-4;
/** Past |r| = 0.4 the tetrachoric series needs many terms: Φ₂ instead. */
const SERIES_UP_TO = 0.4;
const SERIES_TERMS = 14;

export interface SignRunSteps {
  filter: MomentumFilter;
  snr: number;
  theta0Rms: number;
  /** η_t (in update units) and δ_t for t = 1 … T, at index t − 1. */
  lr: ArrayLike<number>;
  decay: ArrayLike<number>;
}

/** Per-step filter state: A2_t = Σ_{l<t} a_l², and the sign's h_t, E[u_t], Φ(−h_t), φ(h_t), He_n(h_t). */
interface StepStats {
  a2: Float64Array;
  h: Float64Array;
  mean: Float64Array;
  tail: Float64Array;
  pdf: Float64Array;
  hermite: Float64Array[];
}

function stepStats(filter: MomentumFilter, snr: number, T: number): StepStats {
  const s: StepStats = {
    a2: new Float64Array(T), h: new Float64Array(T), mean: new Float64Array(T), tail: new Float64Array(T),
    pdf: new Float64Array(T), hermite: [],
  };
  let a1 = filter.direct;
  let a2 = filter.direct * filter.direct;
  let tap = filter.gain;
  for (let t = 0; t < T; t++) {
    const h = Math.sqrt(snr) * (a1 / Math.sqrt(a2));
    s.a2[t] = a2;
    s.h[t] = h;
    s.mean[t] = erf(h / Math.SQRT2);
    s.tail[t] = normalCdf(-h);
    s.pdf[t] = normalPdf(h);
    // Probabilists' Hermite He_0 … He_{N−1} at h: He_{n+1} = h·He_n − n·He_{n−1}.
    const he = new Float64Array(SERIES_TERMS);
    he[0] = 1;
    he[1] = h;
    for (let n = 1; n + 1 < SERIES_TERMS; n++) he[n + 1] = h * he[n] - n * he[n - 1];
    s.hermite.push(he);
    a1 += tap;
    a2 += tap * tap;
    tap *= filter.beta;
  }
  return s;
}

const FACTORIALS = [1];
function factorial(n: number): number {
  while (FACTORIALS.length <= n) FACTORIALS.push(FACTORIALS[FACTORIALS.length - 1] * FACTORIALS.length);
  return FACTORIALS[n];
}

/** Σ_{l<i} a_l a_{l+Δ} for the filter truncated to i taps (i ≥ 1, Δ ≥ 1); `pow(k)` = β^k. */
function lagged(filter: MomentumFilter, i: number, lag: number, pow: (k: number) => number): number {
  const { direct, gain, beta } = filter;
  if (gain === 0) return 0;
  const head = direct * gain * pow(lag - 1);
  const b2 = beta * beta;
  const body = b2 < 1 ? (gain * gain * pow(lag) * (1 - pow(2 * (i - 1)))) / (1 - b2) : 0;
  return head + body;
}

/** Cov(sign c_i, sign c_t) from the two steps' stats and their correlation r. */
function signCov(s: StepStats, i: number, t: number, r: number): number {
  if (s.h[i] === 0 && s.h[t] === 0) return (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, r)));
  if (Math.abs(r) <= SERIES_UP_TO) {
    // Mehler: Φ₂(x, y; r) − Φ(x)Φ(y) = φ(x)φ(y)·Σ_{n≥1} rⁿ He_{n−1}(x)He_{n−1}(y)/n!, at x = −h_i, y = −h_t.
    const hi = s.hermite[i];
    const ht = s.hermite[t];
    let sum = 0;
    let rn = 1;
    for (let n = 1; n <= SERIES_TERMS; n++) {
      rn *= r;
      // He_{n−1}(−h) = (−1)^{n−1} He_{n−1}(h): the signs cancel in the product.
      sum += (rn * hi[n - 1] * ht[n - 1]) / factorial(n);
    }
    return 4 * s.pdf[i] * s.pdf[t] * sum;
  }
  return 4 * bivariateNormalCdf(-s.h[i], -s.h[t], r) - 4 * s.tail[i] * s.tail[t];
}

/** Once A2 has converged (β^{2t} < 1e-8) every pair at the same lag is the same: steps from here are tabulated. */
function settledStep(filter: MomentumFilter, T: number): number {
  if (filter.gain === 0 || filter.beta === 0) return 1;
  return Math.min(T, Math.ceil(Math.log(1e-8) / (2 * Math.log(filter.beta))) + 1);
}

/** The window W: lags while the stationary autocorrelation is ≥ 1e-4 (1 with momentum but β = 0; 0 without). */
function windowOf(filter: MomentumFilter, T: number): number {
  if (filter.gain === 0) return 0;
  if (filter.beta <= 0) return 1;
  const r1 = Math.abs(filterAutocorrelation(filter, 1));
  return r1 < WINDOW_BELOW ? 1 : Math.min(T, Math.ceil(Math.log(WINDOW_BELOW / r1) / Math.log(filter.beta)) + 1);
}

/**
 * Stationary pairs by geometric carries (Cov_k = Σ_n c_n·q^{nk}, the tetrachoric series of r_k = r_1 q^{k−1}) when
 * r_1 ≤ 0.5, where CARRY_TERMS terms reach 1e-7 (Lion: r_1 = 0.35); else by the window loop.
 */
const CARRY_UP_TO = 0.5;
const CARRY_TERMS = 24;

const usesCarries = (filter: MomentumFilter): boolean =>
  filter.gain !== 0 && filter.beta > 0 && Math.abs(filterAutocorrelation(filter, 1)) <= CARRY_UP_TO;

/** Whether a run of T steps is cheap enough pair by pair: ≤ 4·10⁶ window products and ≤ 2·10⁶ transient pairs. */
export function signExactAffordable(filter: MomentumFilter, T: number): boolean {
  const W = windowOf(filter, T);
  const products = usesCarries(filter) ? T * CARRY_TERMS : T * W;
  return T <= SIGN_EXACT_MAX_STEPS && products <= 4e6 && settledStep(filter, T) * W <= 2e6;
}

/** c_n of the carries: Cov_k = Σ_n c_n·(q^n)^k for the settled h, c_n = 4φ(h)²He_{n−1}(h)²/n!·(r_1/q)^n. */
function carryCoefficients(s: StepStats, settled: number, filter: MomentumFilter): Float64Array {
  const h = s.h[settled - 1];
  const he = new Float64Array(CARRY_TERMS);
  he[0] = 1;
  he[1] = h;
  for (let n = 1; n + 1 < CARRY_TERMS; n++) he[n + 1] = h * he[n] - n * he[n - 1];
  const base = filterAutocorrelation(filter, 1) / filter.beta;
  const pdf2 = s.pdf[settled - 1] ** 2;
  return Float64Array.from(he, (v, k) => (4 * pdf2 * v * v * Math.pow(base, k + 1)) / factorial(k + 1));
}

/** Weight RMS at the given 1-based steps (NaN past T; step 0 is θ0). */
export function signWeightRmsExact(run: SignRunSteps, steps: readonly number[]): Float64Array {
  const T = run.lr.length;
  const { filter } = run;
  const s = stepStats(filter, run.snr, T);
  const W = windowOf(filter, T);
  const settled = settledStep(filter, T);
  // β^k for k ≤ 2·settled + W, tabulated: the transient pairs ask for it ~10⁵–10⁶ times.
  const powers = new Float64Array(2 * settled + W + 2);
  powers[0] = 1;
  for (let k = 1; k < powers.length; k++) powers[k] = powers[k - 1] * filter.beta;
  const pow = (k: number): number => (k < powers.length ? powers[k] : Math.pow(filter.beta, k));
  const stationary = new Float64Array(W + 1);
  for (let lag = 1; lag <= W && settled - 1 + lag < T; lag++) {
    const i = settled - 1;
    stationary[lag] = signCov(s, i, i + lag, lagged(filter, i + 1, lag, pow) / Math.sqrt(s.a2[i] * s.a2[i + lag]));
  }
  const wanted = new Map<number, number[]>();
  steps.forEach((step, idx) => wanted.set(step, [...(wanted.get(step) ?? []), idx]));
  const out = new Float64Array(steps.length).fill(Number.NaN);
  for (const idx of wanted.get(0) ?? []) out[idx] = run.theta0Rms;
  // w_i of the last W steps, slot i mod W, stored as w_i/pRing so that decaying them all is one multiplication.
  const ring = new Float64Array(Math.max(1, W));
  let pRing = 1;
  const carries = usesCarries(filter) ? new Float64Array(CARRY_TERMS) : null;
  const coefficients = carries ? carryCoefficients(s, settled, filter) : null;
  const qn = Float64Array.from({ length: CARRY_TERMS }, (_, n) => Math.pow(filter.beta, n + 1));
  let x = 0;
  let meanSum = 0;
  let p = 1;
  for (let t = 0; t < T; t++) {
    const a = 1 - run.decay[t];
    const eta = run.lr[t];
    x *= a * a;
    meanSum *= a;
    p *= a;
    pRing *= a;
    if (pRing < 1e-150) {
      for (let k = 0; k < ring.length; k++) ring[k] = ring[k] * pRing;
      pRing = 1;
    }
    let cross = s.mean[t] * meanSum;
    // With carries only the transient pairs (i < settled − 1) are summed here.
    const firstLag = carries ? Math.max(1, t - settled + 2) : 1;
    for (let lag = firstLag; lag <= W && lag <= t; lag++) {
      const i = t - lag;
      const cov = i >= settled - 1
        ? stationary[lag]
        : signCov(s, i, t, lagged(filter, i + 1, lag, pow) / Math.sqrt(s.a2[i] * s.a2[t]));
      cross += ring[i % ring.length] * pRing * cov;
    }
    if (carries && coefficients) {
      for (let n = 0; n < CARRY_TERMS; n++) {
        carries[n] = carries[n] * a * qn[n];
        cross += coefficients[n] * carries[n];
      }
    }
    x += eta * eta + 2 * eta * cross;
    ring[t % ring.length] = eta / pRing;
    if (carries && t >= settled - 1) for (let n = 0; n < CARRY_TERMS; n++) carries[n] = carries[n] + eta;
    meanSum += eta * s.mean[t];
    for (const idx of wanted.get(t + 1) ?? []) out[idx] =
      Math.sqrt(Math.max(0, p * p * run.theta0Rms * run.theta0Rms + x));
  }
  return out;
}
