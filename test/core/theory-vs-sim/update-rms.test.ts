/**
 * science.md §1 (update RMS) against the reference simulator. Sizes: 4000 coordinates, a few
 * thousand steps, so each case is ~10⁷ coordinate-steps (well under a second) and the measured RMS
 * has a relative standard error of ~0.3%.
 */
import { describe, expect, it } from 'vitest';
import { predict, updateRmsVsStep } from '../../../core/theory/predict';
import { expectAgreement, inputOf, simulate } from './harness';

// §6: "Adam update RMS (1.1) holds within ~3% for β2 ≥ 0.95 and any β1, SNR".
const ADAM_MODEL_ERROR = 0.03;

describe('§1.1 Adam update RMS, ε → 0', () => {
  it.each([
    [0.9, 0.999, 0],
    [0.95, 0.999, 0],
    [0.9, 0.95, 0],
    [0.9, 0.95, 1],
    [0.5, 0.99, 0.2],
  ])('β1 = %d, β2 = %d, SNR = %d', async (beta1, beta2, snr) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2, snr, weightDecay: 0 });
    // t ≫ 1/(1−β2): the steady state the formula describes.
    const steps = Math.round(4 / (1 - beta2));
    const r = await simulate(input, { params: 4000, steps });
    expectAgreement('update RMS', r.updateRms, r.stderr.updateRms, predict(input).updateRms, ADAM_MODEL_ERROR);
  });
});

describe('§1.2 bias correction over the first steps (SNR = 0)', () => {
  it.each([[0.9, 0.999], [0.95, 0.999], [0.5, 0.999]])('β1 = %d, β2 = %d: RMS is 1 at t = 1 and follows k_t', async (beta1, beta2) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2, weightDecay: 0 });
    const r = await simulate(input, { params: 20_000, steps: 30, record: 30 });
    const predicted = updateRmsVsStep(beta1, beta2, r.trajectory.step, 0);
    // At t = 1 the update is g/(|g| + ε) = ±1 exactly (ε = 1e-8 ≪ |g|): no model error.
    expect(r.trajectory.updateRms[0]).toBeCloseTo(1, 6);
    r.trajectory.step.forEach((t, k) => {
      expectAgreement(`t = ${t}`, r.trajectory.updateRms[k], r.trajectory.updateRmsStderr[k], predicted[k], ADAM_MODEL_ERROR);
    });
  });
});

describe('§1.3 ε outside the root', () => {
  it.each([0.1, 0.3, 1])('ε = %d × the gradient scale', async (ratio) => {
    // Gradient scale ‖G‖/√N = 1 per coordinate; ε in those units.
    const input = inputOf({ optimizer: 'adamw', beta1: 0.9, beta2: 0.99, eps: ratio, gradNorm: 100, params: 10_000, weightDecay: 0 });
    const r = await simulate(input, { params: 10_000, steps: 400 });
    // §1.3 is the same mean field as §1.1 with ε added to the denominator: §6's 3% applies.
    expectAgreement('update RMS', r.updateRms, r.stderr.updateRms, predict(input).updateRms, ADAM_MODEL_ERROR);
  });
});

describe('§1.4 sign-type and SGD momentum', () => {
  it.each(['signsgd', 'signsgdm', 'lion'] as const)('%s: RMS(u) = 1 exactly', async (optimizer) => {
    const input = inputOf({ optimizer, weightDecay: 0.1, snr: 0.5 });
    const r = await simulate(input, { params: 2000, steps: 200 });
    expect(predict(input).updateRms).toBe(1);
    // sign(x) of a continuous variable is ±1: the RMS is 1 to rounding, not just on average.
    expect(Math.abs(r.updateRms - 1)).toBeLessThan(1e-12);
  });

  it.each([
    [0.9, 0, false, 0],
    [0.9, 0, true, 0],
    [0.9, 0.9, false, 0.5],
  ])('torch SGD momentum %d, dampening %d, Nesterov %s, SNR %d: √(μ²·G1² + σ²·G2)', async (momentum, dampening, nesterov, snr) => {
    const input = inputOf({ optimizer: 'sgd', momentum, dampening, nesterov, snr, gradNorm: 200, params: 10_000 });
    const r = await simulate(input, { params: 10_000, steps: 300 });
    // A linear filter of Gaussian gradients: E[u²] is exact, not a mean field. The only model error
    // is the start-up transient, ~μ^T = 0.9^300 ≈ 2e-14: sampling error alone sets the tolerance.
    expectAgreement('update RMS', r.updateRms, r.stderr.updateRms, predict(input).updateRms, 0);
  });
});

describe('Muon update RMS (core/theory/muon.ts: Newton–Schulz gain over the Marchenko–Pastur spectrum)', () => {
  it.each([
    [[32, 64], 'original'],
    [[64, 32], 'match_rms_adamw'],
    [[48, 48], 'original'],
  ] as const)('%j, adjust_lr_fn %s', async (shape, muonAdjustLr) => {
    const input = inputOf({ optimizer: 'muon', shape: [shape[0], shape[1]], muonAdjustLr, weightDecay: 0.1 });
    // At SNR 0 the momentum matrix is Gaussian from the first step (a sum of Gaussian matrices),
    // so a short run is already in the regime the formula describes. Units: one per matrix.
    const r = await simulate(input, { params: 8 * shape[0] * shape[1], steps: 12 });
    // science.md has no Muon update-RMS figure; core/theory/muon.ts states agreement within 1%
    // with float64 Newton–Schulz (torch runs it in bfloat16, which this reference leaves out).
    expectAgreement('update RMS', r.updateRms, r.stderr.updateRms, predict(input).updateRms, 0.01);
  });
});
