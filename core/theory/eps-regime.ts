/**
 * Adam's ε against the gradient scale (science.md §1.3, §3.2, §3.4), and the fp16 hazard.
 * Per coordinate, Adam divides by √v̂ + ε with √v̂ ≈ √(μ²+σ²) ≈ ‖G‖/√N (the minibatch gradient
 * norm over the square root of the parameter count).
 */
import type { EpsRegime } from '../prediction';

/** Per-coordinate gradient scale √(μ²+σ²) ≈ ‖G‖/√N (science.md §1.3). */
export function gradScale(gradNorm: number, params: number): number {
  return gradNorm / Math.sqrt(params);
}

/** ε divided by the per-coordinate gradient scale (science.md §1.3). */
export function epsRatio(eps: number, gradNorm: number, params: number): number {
  return eps / gradScale(gradNorm, params);
}

/**
 * Regime boundaries. §1.3: "ε matters once ε ≳ 0.1·√(μ²+σ²)" (the update shrinks by 1/(1+ratio),
 * 9% at 0.1). Symmetrically, past 10 the gradient scale is under 10% of the denominator and the
 * update is ≈ g/ε, SGD's form (§3.4: as e → ∞, η*(B) follows SGD).
 */
export const EPS_SOFTSIGN_FROM = 0.1;
export const EPS_SGD_LIKE_FROM = 10;

export function classifyEps(ratio: number): EpsRegime {
  if (ratio < EPS_SOFTSIGN_FROM) return 'negligible';
  return ratio < EPS_SGD_LIKE_FROM ? 'softsign' : 'sgd-like';
}

/**
 * e = ε²/ḡ² of science.md §3.2, with ḡ² the squared true-gradient coordinate. The measured
 * minibatch scale at batch B satisfies scale² = ḡ²(1 + B_simple/B), hence e = ratio²·(1 + B_simple/B).
 */
export function surgeEpsTerm(ratio: number, batch: number, bSimple: number): number {
  return ratio * ratio * (1 + bSimple / batch);
}

/** fp16's smallest subnormal, 2^−24 ≈ 5.96e-8. */
export const FP16_MIN_SUBNORMAL = 2 ** -24;

/**
 * Whether ε becomes 0 when stored in fp16 (pytorch/pytorch#26218, #147437). IEEE round-to-nearest-even
 * flushes values up to half the smallest subnormal (2^−25 ≈ 2.98e-8, ties to 0) to 0; ε = 1e-8 does.
 * Between 2^−25 and 2^−24 ε survives, rounded up to 2^−24 (see `fp16Value`).
 */
export function fp16FlushesToZero(eps: number): boolean {
  return eps > 0 && eps <= FP16_MIN_SUBNORMAL / 2;
}

/** The floating-point type in which an optimizer computes √v + ε (server/extract/optimizer-state-precision.ts). */
export type OptimizerArithmetic = 'fp32' | 'bf16' | 'fp16';

/**
 * The one rule for "ε vanishes" (science.md §1.3, §7.6): only where the optimizer's arithmetic is IEEE fp16
 * (true half precision: fp16 parameters, state created like them) and ε ≤ 2^−25, which fp16 rounds to 0.
 * Mixed precision computes in fp32; bf16 shares fp32's exponent range (its smallest subnormal is ~9e-41), so
 * no ε in use is lost there. null (not known) never fires.
 */
export function epsVanishes(eps: number, arithmetic: OptimizerArithmetic | null): boolean {
  return arithmetic === 'fp16' && fp16FlushesToZero(eps);
}

/** ε as fp16 stores it in the subnormal range (below 2^−14): the nearest multiple of 2^−24, ties to even. */
export function fp16Value(eps: number): number {
  if (eps >= 2 ** -14) return eps;
  const units = eps / FP16_MIN_SUBNORMAL;
  const floor = Math.floor(units);
  const frac = units - floor;
  const rounded = frac > 0.5 || (frac === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return rounded * FP16_MIN_SUBNORMAL;
}
