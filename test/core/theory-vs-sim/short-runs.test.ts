/**
 * The first steps of a run, where the steady-state forms do not hold, against the reference simulator:
 * - torch SGD's first momentum buffer is the undampened gradient (science.md §2.4, `firstScale`): the
 *   update is linear in Gaussian gradients, so §2.4's sums are exact (model error 0);
 * - Adam's m̂/√v̂ at finite t at SNR > 0 (science.md §1.2): exact moments by one-dimensional quadrature
 *   (model error: quadrature ~1e-10 and ε = 1e-8, left out); weight RMS after 5–50 steps from those
 *   moments, with cross-step correlations from the linear form (the one approximation; goal 2%).
 */
import { describe, expect, it } from 'vitest';
import { scheduledRunOf } from '../../../core/theory/optimizer-model';
import { predict, updateRmsVsStep } from '../../../core/theory/predict';
import { scheduledWeightRms } from '../../../core/theory/weight-rms';
import { expectAgreement, inputOf, simulate } from './harness';

describe('§2.4 torch SGD: the first buffer is the undampened gradient', () => {
  it.each([
    [0.99, 0.9, 0],
    [0.99, 0.9, 0.3],
    [0.9, 0.5, 0],
  ])('μ %d, dampening %d, SNR %d, 30 steps', async (momentum, dampening, snr) => {
    // gradNorm = √params: per-coordinate gradient scale 1 (§1.3), so the update is in gradient units.
    const input = inputOf({ optimizer: 'sgd', momentum, dampening, snr, lr: 0.01, weightDecay: 0, gradNorm: 100, params: 10_000 });
    const steps = 30;
    const r = await simulate(input, { params: 10_000, seeds: 2, steps });
    const p = predict({ ...input, steps });
    const gap = expectAgreement('weight RMS at T', r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, 1e-9);
    // Without the first-step term the prediction was far off (−68% at μ 0.99, dampening 0.9, SNR 0).
    const run = scheduledRunOf({ ...input, steps })!;
    const old = scheduledWeightRms({ ...run, filter: { ...run.filter, firstScale: 1 } });
    console.log(`SGD μ ${momentum} d ${dampening} SNR ${snr}: gap ${(100 * gap).toFixed(2)}%, ignoring the first buffer ${(100 * (old / r.weightRms - 1)).toFixed(1)}%`);
    if (dampening === 0.9) expect(old / r.weightRms - 1).toBeLessThan(-0.3);
  }, 60_000);
});

describe('§1.2 Adam update RMS at finite t, SNR > 0 (exact moments)', () => {
  it.each([
    [0.9, 0.999, 0.3],
    [0.9, 0.95, 0.3],
    [0.95, 0.999, 1],
  ])('β1 %d, β2 %d, SNR %d, t = 1…10', async (beta1, beta2, snr) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2, snr, weightDecay: 0 });
    const r = await simulate(input, { params: 100_000, steps: 10, record: 10 });
    const predicted = updateRmsVsStep(beta1, beta2, r.trajectory.step, snr);
    const gaps = r.trajectory.step.map((t, k) =>
      expectAgreement(`t = ${t}`, r.trajectory.updateRms[k], r.trajectory.updateRmsStderr[k], predicted[k], 1e-6));
    console.log(`Adam β1 ${beta1} β2 ${beta2} SNR ${snr} update RMS gaps t=1..10: ${gaps.map((g) => (100 * g).toFixed(2)).join(' ')}%`);
  }, 60_000);
});

describe('§2.4 with §1.2: Adam weight RMS after 5–50 steps at SNR > 0', () => {
  // The accuracy goal (the mean field was +2…+6% here), held as the model error.
  const SHORT_RUN_MODEL_ERROR = 0.02;
  it.each([
    [0.9, 0.999, 0.3],
    [0.9, 0.95, 0.3],
    [0.9, 0.999, 1],
    [0.95, 0.999, 0.1],
  ])('β1 %d, β2 %d, SNR %d', async (beta1, beta2, snr) => {
    const input = inputOf({ optimizer: 'adamw', beta1, beta2, snr, lr: 1e-3, weightDecay: 0.1 });
    const out: string[] = [];
    for (const steps of [5, 10, 20, 50]) {
      const r = await simulate(input, { params: 40_000, steps });
      const p = predict({ ...input, steps });
      const gap = expectAgreement(`T = ${steps}`, r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, SHORT_RUN_MODEL_ERROR);
      out.push(`${steps}: ${(100 * gap).toFixed(2)}%`);
    }
    console.log(`Adam β1 ${beta1} β2 ${beta2} SNR ${snr} weight RMS gaps ${out.join(', ')}`);
  }, 60_000);
});

describe('§2.6 sign types in short runs: the filter\'s transient, pair by pair', () => {
  // The stationary form was −24…+88% off here (Lion's momentum starts empty, so its first signs are nearly
  // independent); the pair-by-pair recursion is exact up to the dropped correlations below 1e-4: model error 1%.
  it.each([
    ['signsgdm', 0],
    ['signsgdm', 0.1],
    ['lion', 0],
    ['lion', 0.1],
  ] as const)('%s, SNR %d, after 5, 20 and 200 steps', async (optimizer, snr) => {
    const input = inputOf({ optimizer, snr, lr: 1e-3, weightDecay: 0.1 });
    const out: string[] = [];
    for (const steps of [5, 20, 200]) {
      const r = await simulate(input, { params: 40_000, steps });
      const p = predict({ ...input, steps });
      const gap = expectAgreement(`T = ${steps}`, r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, 0.01);
      out.push(`${steps}: ${(100 * gap).toFixed(2)}%`);
    }
    console.log(`${optimizer} SNR ${snr} weight RMS gaps ${out.join(', ')}`);
  }, 120_000);
});
