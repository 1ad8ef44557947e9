/**
 * Measuring B_simple from gradient norms at two batch sizes (science.md §4; McCandlish et al.
 * 2018, "An Empirical Model of Large-Batch Training", appendix A), e.g. the per-device gradient
 * (B_small) and the all-reduced one (B_big) in data-parallel training.
 *
 * E|G_B|² = |G|² + tr(Σ)/B, so two batch sizes give unbiased estimates of |G|² and tr(Σ) from one
 * step; their ratio is not unbiased, so both are averaged over many steps before dividing.
 * B_simple comes out in the unit the batch sizes are counted in (sequences or tokens): never mix them.
 */

export interface GradNormMeasurement {
  /** |G_small|², squared gradient norm at the small batch. */
  smallSq: number;
  /** |G_big|², squared gradient norm at the big batch (same step). */
  bigSq: number;
}

export type NoiseScaleSmoothing =
  /** Plain average of every measurement (the sheet's "average over many steps"). */
  | { kind: 'mean' }
  /** Exponential moving average with rate β, bias-corrected like Adam's moments (tracks drift). */
  | { kind: 'ema'; beta: number };

export interface NoiseScaleOptions {
  batchSmall: number;
  batchBig: number;
  smoothing?: NoiseScaleSmoothing;
}

export interface NoiseScaleEstimate {
  /** tr(Σ)/|G|² from the smoothed estimates; null while either smoothed estimate is not positive (too few steps). */
  bSimple: number | null;
  /** Smoothed |G|² (true gradient squared norm). */
  gradSq: number;
  /** Smoothed tr(Σ) (per-example gradient covariance trace). */
  traceSigma: number;
  count: number;
  /** B_simple after each measurement (NaN where undefined), for plotting. */
  series: Float64Array;
}

/** One step's unbiased estimates (science.md §4). */
export function twoBatchEstimates(m: GradNormMeasurement, batchSmall: number, batchBig: number): {
  gradSq: number; traceSigma: number } {
  return {
    gradSq: (batchBig * m.bigSq - batchSmall * m.smallSq) / (batchBig - batchSmall),
    traceSigma: (m.smallSq - m.bigSq) / (1 / batchSmall - 1 / batchBig),
  };
}

/** B_simple over a stream of measurements, smoothing |G|² and tr(Σ) separately before dividing (§4). */
export function estimateNoiseScale(
  measurements: readonly GradNormMeasurement[], options: NoiseScaleOptions): NoiseScaleEstimate {
  const { batchSmall, batchBig } = options;
  if (!(batchSmall > 0 && batchBig > batchSmall)) {
    throw new RangeError(`need 0 < batchSmall < batchBig, got ${batchSmall} and ${batchBig}`);
  }
  const smoothing = options.smoothing ?? { kind: 'mean' };
  const beta = smoothing.kind === 'ema' ? smoothing.beta : 0;
  const series = new Float64Array(measurements.length);
  let g = 0;
  let s = 0;
  let weight = 0; // mean: count; ema: 1 − β^n (the bias correction)
  measurements.forEach((m, i) => {
    const est = twoBatchEstimates(m, batchSmall, batchBig);
    if (smoothing.kind === 'mean') {
      weight += 1;
      g += (est.gradSq - g) / weight;
      s += (est.traceSigma - s) / weight;
      series[i] = g > 0 && s > 0 ? s / g : Number.NaN;
    } else {
      g = beta * g + (1 - beta) * est.gradSq;
      s = beta * s + (1 - beta) * est.traceSigma;
      weight = 1 - Math.pow(beta, i + 1);
      // The common bias-correction factor cancels in the ratio; it matters only for gradSq/traceSigma.
      series[i] = g > 0 && s > 0 ? s / g : Number.NaN;
    }
  });
  const norm = smoothing.kind === 'ema' && weight > 0 ? 1 / weight : 1;
  const gradSq = g * norm;
  const traceSigma = s * norm;
  return { bSimple: gradSq > 0 && traceSigma > 0 ? traceSigma / gradSq : null, gradSq, traceSigma,
    count: measurements.length, series };
}
