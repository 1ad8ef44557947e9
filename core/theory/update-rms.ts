/**
 * RMS of one step's update direction (science.md §1), per coordinate.
 * Adam's u = m̂/(√v̂ + ε) is measured in units of the learning rate; SGD's update is in gradient units.
 */
import { meanGain, noiseGain, type MomentumFilter } from './momentum';

/** k = (1−β1)/(1+β1) (science.md §0). */
export function emaNoiseFactor(beta1: number): number {
  return (1 - beta1) / (1 + beta1);
}

/**
 * k_t = k·(1+β1^t)/(1−β1^t): the noise factor of Adam's bias-corrected first moment after t steps
 * (science.md §1.2); 1 at t = 1, → k as t → ∞.
 */
export function biasCorrectedNoiseFactor(beta1: number, t: number): number {
  const p = Math.pow(beta1, t);
  return p >= 1 ? 1 : (emaNoiseFactor(beta1) * (1 + p)) / (1 - p);
}

export interface AdamUpdateRmsInput {
  beta1: number;
  /** SNR = ‖μ‖²/‖σ‖² of a minibatch gradient (science.md §0). */
  snr: number;
  /** Step count for the finite-t bias correction (§1.2); omitted = steady state (§1.1). */
  step?: number;
  /** ε divided by the per-coordinate gradient scale √(μ²+σ²) ≈ ‖G‖/√N (§1.3); omitted = 0. */
  epsRatio?: number;
}

/**
 * Adam/AdamW update RMS (science.md §1.1–§1.3):
 *   RMS(u)² ≈ (SNR + k_t)/(SNR + 1) · (1/(1 + ε/√(μ²+σ²)))²,
 * √k = 0.229 at β1 = 0.9, SNR = 0. β2 does not enter at this order (§6: trust it for β2 ≥ 0.95).
 */
export function adamUpdateRms(input: AdamUpdateRmsInput): number {
  const k = input.step === undefined ? emaNoiseFactor(input.beta1) : biasCorrectedNoiseFactor(input.beta1, input.step);
  const shrink = 1 / (1 + (input.epsRatio ?? 0));
  return Math.sqrt((input.snr + k) / (input.snr + 1)) * shrink;
}

/** SignSGD, SignSGDM and Lion: every coordinate of the update is ±1 (science.md §1.4). */
export const SIGN_UPDATE_RMS = 1;

/**
 * SGD with momentum, in gradient units (science.md §1.4 `√(μ² + kσ²)`, generalized to any
 * momentum filter): RMS² = G1²μ² + G2σ², with μ² = scale²·SNR/(1+SNR), σ² = scale²/(1+SNR) and
 * `gradScale` = √(μ²+σ²). For torch SGD (not an EMA) G1 = (1−dampening)/(1−μ).
 */
export function sgdUpdateRms(filter: MomentumFilter, snr: number, gradScale: number): number {
  const g1 = meanGain(filter);
  return gradScale * Math.sqrt((g1 * g1 * snr + noiseGain(filter)) / (snr + 1));
}
