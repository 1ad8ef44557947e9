/**
 * Moment and Kolmogorov–Smirnov checks of a sample against N(0,1), as z-scores, shared by the Node
 * tests and the browser tests of the GPU simulator's random numbers.
 */
import { ksNormal } from '../../../core/sim/stats';

/** Asymptotic critical value of √n·D at α = 0.001 (Kolmogorov distribution). */
export const KS_CRITICAL_0_001 = 1.949;

export interface NormalZScores {
  mean: number;
  variance: number;
  third: number;
  fourth: number;
  ksSqrtN: number;
}

/**
 * Raw moments m1…m4 of the sample minus those of N(0,1) (0, 1, 0, 3), each divided by its sampling
 * standard error under N(0,1): √(1/n), √(2/n), √(15/n), √(96/n) (the variances of x, x², x³, x⁴
 * are 1, 2, 15, 96). √n·D of the KS statistic.
 */
export function normalSampleZScores(sample: ArrayLike<number>): NormalZScores {
  const n = sample.length;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const x = sample[i];
    const x2 = x * x;
    s1 += x;
    s2 += x2;
    s3 += x2 * x;
    s4 += x2 * x2;
  }
  return {
    mean: s1 / n / Math.sqrt(1 / n),
    variance: (s2 / n - 1) / Math.sqrt(2 / n),
    third: s3 / n / Math.sqrt(15 / n),
    fourth: (s4 / n - 3) / Math.sqrt(96 / n),
    ksSqrtN: ksNormal(sample) * Math.sqrt(n),
  };
}
