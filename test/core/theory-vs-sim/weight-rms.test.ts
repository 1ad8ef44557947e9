/**
 * science.md §2 (weight RMS under decoupled weight decay) against the reference simulator.
 * The compared value is `predict(...).weightRms.atEnd` (§2.4's O(T) form over the actual schedule
 * and run length, which reduces to §2.1/§2.2 at constant η), so a run need not reach equilibrium.
 * Relative standard error of one weight-RMS measurement over n coordinates ≈ 0.71/√n.
 */
import { describe, expect, it } from 'vitest';
import { predict } from '../../../core/theory/predict';
import { expectAgreement, inputOf, K_STDERR, simulate } from './harness';

// §6: "Weight RMS 2.1: within ~2% for AdamW when τ = 1/(ηλ) ≫ 1/(1−β1) and t ≫ 1/(1−β1) … otherwise
// use the Σc² form of 2.4". We hold §2.4 to the same 2% (its own Monte Carlo, 0.3%, held v at its mean).
const ADAMW_MODEL_ERROR = 0.02;
// §6: "the arcsine form 2.5 is within 0.3%" (sign-type updates, SNR 0).
const ARCSINE_MODEL_ERROR = 0.003;

describe('§2.1–2.2 AdamW, constant η and λ', () => {
  it.each([
    [0.9, 0.95, 1e-3, 1, 0],
    [0.9, 0.999, 1e-3, 0.5, 0],
    [0.9, 0.95, 1e-3, 1, 0.5],
  ])('β1 %d, β2 %d, η %d, λ %d, SNR %d', async (beta1, beta2, lr, weightDecay, snr) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2, lr, weightDecay, snr });
    const tau = 1 / (lr * weightDecay);
    const r = await simulate(input, { params: 4000, steps: Math.round(4 * tau) });
    const p = predict({ ...input, steps: Math.round(4 * tau) });
    expectAgreement('weight RMS at T', r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, ADAMW_MODEL_ERROR);
    if (snr === 0) {
      // §2.2: √(η/2λ) at equilibrium (4τ: β3^{2T} ≈ e^{-8}, within 0.03% of it).
      expect(p.weightRms.steady).toBeCloseTo(Math.sqrt(lr / (2 * weightDecay)), 12);
      expectAgreement('weight RMS steady', r.weightRms, r.stderr.weightRms, p.weightRms.steady, ADAMW_MODEL_ERROR + 3e-4);
    }
  });
});

describe('§2.3 no decay: random walk', () => {
  it('‖θ_t‖² ≈ ‖θ0‖² + η²t', async () => {
    const input = inputOf({ optimizer: 'adamw', beta1: 0.9, beta2: 0.95, lr: 1e-3, weightDecay: 0, theta0Rms: 0.02 });
    const r = await simulate(input, { params: 4000, steps: 3000 });
    const walk = Math.sqrt(0.02 ** 2 + 1e-6 * 3000);
    expect(predict({ ...input, steps: 3000 }).weightRms.atEnd).toBeCloseTo(walk, 3);
    expectAgreement('weight RMS', r.weightRms, r.stderr.weightRms, walk, ADAMW_MODEL_ERROR);
  });
});

describe('§2.4 schedules and bias-corrected momentum', () => {
  it.each([
    ['cosine', 200, 0.9, 1e-3, 1, 0.03],
    ['linear', 0, 0.9, 1e-3, 1, 0],
    ['wsd', 100, 0.99, 1e-2, 1, 0],
    ['inverse-sqrt', 300, 0.9, 3e-3, 0.3, 0.01],
  ] as const)('%s (warmup %d), β1 %d, η %d, λ %d, θ0 %d', async (schedule, warmupSteps, beta1, lr, weightDecay, theta0Rms) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2: 0.999, lr, weightDecay, schedule, warmupSteps, theta0Rms });
    const steps = 3000;
    const r = await simulate(input, { params: 4000, steps });
    expectAgreement('weight RMS at T', r.weightRms, r.stderr.weightRms, predict({ ...input, steps }).weightRms.atEnd, ADAMW_MODEL_ERROR);
  });
});

describe('§2.5 sign-type updates, SNR 0', () => {
  // τ = 1/(ηλ) is chosen ≫ the long-run correlation L of the update (13 steps for SignSGDM, 46 for
  // Lion): the arcsine law assumes the weights average many independent stretches of updates.
  it.each([
    ['signsgd', 0.9, 0.99, 1e-3, 1, 3000],
    ['signsgdm', 0.9, 0.99, 5e-4, 1, 6000],
    ['lion', 0.9, 0.99, 2e-4, 1, 10_000],
  ] as const)('%s: arcsine law, and the mean field where it differs', async (optimizer, beta1, beta2, lr, weightDecay, steps) => {
    const input = inputOf({ optimizer, beta1, beta2, lr, weightDecay });
    const r = await simulate(input, { params: 4000, steps });
    const p = predict({ ...input, steps });
    expectAgreement('arcsine-law weight RMS', r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, ARCSINE_MODEL_ERROR);
    if (optimizer === 'signsgdm') {
      // §2.5/§6: the seed's mean field is "~19% too high at β1 = 0.9"; hold it to 19% ± 3 points.
      const gap = (p.weightRms.meanField as number) / r.weightRms - 1;
      expect(Math.abs(gap - 0.19)).toBeLessThan(0.03 + K_STDERR * (r.stderr.weightRms / r.weightRms));
    }
  });
});
