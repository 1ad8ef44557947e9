/**
 * The stationary first and second moments of a per-step update that is a fixed function of a linear
 * filter of i.i.d. Gaussian gradients (science.md §2.5, §2.6, §2.7): its mean E[u], its variance and its
 * autocovariance at every lag. Weight RMS under decay needs exactly these (§2.4's discounted sums):
 *   ‖θ_T‖² ≈ P_0²θ0² + (E[u]·Σw_i)² + Σ_{i,k} w_i w_k Cov(u_i, u_k).
 *
 * Sign updates, u = sign(c), c ~ N(m_c, s_c²) with correlation r_k between c_t and c_{t+k} (§2.6):
 *   h = m_c/s_c, E[u] = erf(h/√2), Cov_k = 4·Φ₂(−h, −h; r_k) − 4·Φ(−h)²
 * (at h = 0: (2/π)·arcsin r_k, §2.5's arcsine law). A linear update has Cov_k = r_k (times its variance).
 */
import { filterAutocorrelation, meanGain, noiseGain, type MomentumFilter } from './momentum';
import { bivariateNormalCdf, erf, normalCdf, normalPdf } from './normal';

/** Below this r_k the covariance is its tetrachoric series to r³ (error ~r⁴ ≤ 1e-12 of a unit variance). */
const SERIES_BELOW = 1e-3;
/** Longest exact lag table (β ≥ 0.9999 filters are summed past it by the series). */
const MAX_LAGS = 100_000;

export interface UpdateCorrelation {
  /** E[u] in units of the update (0 at SNR 0). */
  mean: number;
  /** Var(u). */
  variance: number;
  /** Cov(u_t, u_{t+k}) for k = 1 … cov.length (index k − 1). */
  cov: Float64Array;
  /**
   * Past the table: Cov_k = Σ_n series[n−1]·q^{n(k − W)}, n = 1, 2, 3, W = cov.length (the filter's
   * autocorrelation is geometric with ratio q there).
   */
  series: [number, number, number];
  ratio: number;
}

/** Lags k = 1, 2, … with their autocorrelation r_k, until r_k < SERIES_BELOW (or MAX_LAGS). */
function lagTable(filter: MomentumFilter): number[] {
  const r: number[] = [];
  if (filter.gain === 0) return r;
  let rk = filterAutocorrelation(filter, 1);
  while (Math.abs(rk) >= SERIES_BELOW && r.length < MAX_LAGS) {
    r.push(rk);
    rk *= filter.beta;
  }
  return r;
}

/**
 * h = √SNR·G1/√G2 = √(SNR/k) (G1 = Σa_j, G2 = Σa_j², k = G2/G1²): the steady momentum's mean over its noise, whose
 * sign gives E[sign(c)] = erf(h/√2) (science.md §2.6).
 */
export function signAmplitude(filter: MomentumFilter, snr: number): number {
  return Math.sqrt(snr) * (meanGain(filter) / Math.sqrt(noiseGain(filter)));
}

/**
 * u = sign(c_t) at gradient SNR = μ²/σ² (science.md §2.6), with h = `signAmplitude`.
 * Exact under Gaussian noise, for any SNR; reduces to the arcsine law at SNR 0.
 */
export function signUpdateCorrelation(filter: MomentumFilter, snr: number): UpdateCorrelation {
  const h = signAmplitude(filter, snr);
  const mean = erf(h / Math.SQRT2);
  const tail = normalCdf(-h);
  const rs = lagTable(filter);
  const cov = Float64Array.from(rs, (r) => 4 * bivariateNormalCdf(-h, -h, r) - 4 * tail * tail);
  // Tetrachoric (Mehler) series: Cov(r) = 4φ(h)²·Σ_n rⁿ·He_{n−1}(h)²/n!.
  const p2 = 4 * normalPdf(h) ** 2;
  const coef = [p2, (p2 * h * h) / 2, (p2 * (h * h - 1) ** 2) / 6];
  return { mean, variance: 1 - mean * mean, cov, ...seriesPast(filter, rs, coef) };
}

/**
 * An update linear in the filtered gradient, normalized to unit variance (Adam with v at its mean,
 * Muon as if Newton–Schulz were linear: §2.7's L_lin): Cov_k = r_k, mean 0 (SNR 0).
 */
export function linearUpdateCorrelation(filter: MomentumFilter): UpdateCorrelation {
  const rs = lagTable(filter);
  return { mean: 0, variance: 1, cov: Float64Array.from(rs), ...seriesPast(filter, rs, [1, 0, 0]) };
}

/** (1 − a)·x + a·y, table by table (both built from the same filter, so the same lags). */
export function mixUpdateCorrelation(x: UpdateCorrelation, y: UpdateCorrelation, a: number): UpdateCorrelation {
  const mix = (p: number, q: number) => (1 - a) * p + a * q;
  return {
    mean: mix(x.mean, y.mean),
    variance: mix(x.variance, y.variance),
    cov: x.cov.map((v, i) => mix(v, y.cov[i] ?? 0)),
    series: [mix(x.series[0], y.series[0]), mix(x.series[1], y.series[1]), mix(x.series[2], y.series[2])],
    ratio: x.ratio,
  };
}

function seriesPast(filter: MomentumFilter, rs: number[], coef: number[]): Pick<UpdateCorrelation, 'series' | 'ratio'> {
  if (filter.gain === 0 || filter.beta === 0) return { series: [0, 0, 0], ratio: 0 };
  // r at the first lag past the table, divided by q so that series·q^{n(k−W)} is the term at lag k.
  const next = (rs.length === 0 ? filterAutocorrelation(filter, 1) : rs[rs.length - 1] * filter.beta) / filter.beta;
  return { series: [coef[0] * next, coef[1] * next ** 2, coef[2] * next ** 3], ratio: filter.beta };
}

/**
 * The discounted long-run variance L(d) = Var(u) + 2·Σ_{k≥1} Cov_k·d^k (science.md §2.4, §2.6): the
 * fluctuation term of the weights is Σw_i²·L(d) when Σ_i w_i w_{i+k} = d^k·Σw_i² (exact at equilibrium
 * under constant η and δ, where d = 1 − δ). d = 1 is the undiscounted long-run variance of §2.5.
 */
export function discountedLongRunVariance(c: UpdateCorrelation, d: number): number {
  let sum = 0;
  let dk = 1;
  for (let k = 0; k < c.cov.length; k++) {
    dk *= d;
    sum += c.cov[k] * dk;
  }
  // Σ_{k>W} q^{n(k−W)}·d^k = d^W·(q^n d)/(1 − q^n d).
  let qn = 1;
  for (let n = 0; n < 3; n++) {
    qn *= c.ratio;
    const x = qn * d;
    if (c.series[n] !== 0 && x < 1) sum += c.series[n] * dk * (x / (1 - x));
  }
  return c.variance + 2 * sum;
}

/**
 * A sign update's mean while its filter fills (science.md §2.6): at step t only the taps a_0 … a_{t−1} have
 * seen a gradient, so h_t = √SNR·Σ_{l<t}a_l/√Σ_{l<t}a_l²; returns E[u_t]/E[u_∞] at index t − 1 until it is
 * within 1e-9 of 1 or for 10⁵ steps (at SNR 0, the ratio of the h's: the limit of erf's ratio).
 */
export function signMeanFactors(filter: MomentumFilter, snr: number): Float64Array {
  if (filter.gain === 0 || filter.beta === 0) return new Float64Array(0);
  const g1 = meanGain(filter);
  const g2 = noiseGain(filter);
  const hInf = Math.sqrt(snr) * (g1 / Math.sqrt(g2));
  const meanInf = erf(hInf / Math.SQRT2);
  const out: number[] = [];
  let a1 = filter.direct;
  let a2 = filter.direct * filter.direct;
  let tap = filter.gain;
  for (let t = 1; t <= 100_000; t++) {
    const ratio = a1 / Math.sqrt(a2) / (g1 / Math.sqrt(g2));
    const f = snr > 0 ? erf((hInf * ratio) / Math.SQRT2) / meanInf : ratio;
    out.push(f);
    if (Math.abs(f - 1) < 1e-9) break;
    a1 += tap;
    a2 += tap * tap;
    tap *= filter.beta;
  }
  return Float64Array.from(out);
}
