/**
 * Small statistics used by the simulators and their tests: the normal CDF, the
 * Kolmogorov–Smirnov distance to it, and the standard error of an RMS over independent units.
 */

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, `erfcc`): fractional error
 * below 1.2e-7 everywhere, ample for a KS statistic (whose sampling noise is ~1/√n).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Kolmogorov–Smirnov statistic D = sup |F_n − Φ| of a sample against the standard normal. */
export function ksNormal(sample: ArrayLike<number>): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * RMS over units and its standard error, from per-unit mean squares x_u (u = 1..n, independent):
 * RMS = √x̄, se(x̄) = sd(x)/√n, and by the delta method se(RMS) = se(x̄)/(2·RMS).
 * `sum` = Σx_u, `sumSq` = Σx_u².
 */
export function rmsWithStderr(sum: number, sumSq: number, n: number): { rms: number; stderr: number } {
  const mean = sum / n;
  const rms = Math.sqrt(Math.max(mean, 0));
  if (n < 2 || rms === 0) return { rms, stderr: 0 };
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  return { rms, stderr: Math.sqrt(variance / n) / (2 * rms) };
}
