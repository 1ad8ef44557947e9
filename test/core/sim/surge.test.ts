import { describe, expect, it } from 'vitest';
import { createSurgeRun, geometricGrid, surgeNoiseScale, surgeProblemOf } from '../../../core/sim/surge';
import { peakOfCurve } from '../../../core/sim/surge-compare';
import type { SurgeSpec } from '../../../core/sim/types';
import { settings } from './spec-fixtures';

function sgdSpec(alignment: number): SurgeSpec {
  return {
    optimizer: settings({ optimizer: 'sgd', momentum: 0, weightDecay: 0, weightDecaySemantics: 'none' }),
    problem: { dim: 64, hessianDiagonal: 2, alignment, gradMean: 1, noiseStd: 10 },
    batchSizes: [10, 100, 1000],
    lrGrid: geometricGrid(0.01, 1, 2),
    warmupSteps: 0,
    horizon: 1,
    rounds: 200,
    replicas: 6,
    seed: 3,
  };
}

describe('Surge Monte Carlo', () => {
  it.each([0, 3])('recovers plain SGD’s exact one-step η* = 1/(h((1+ρ)g² + σ²/B)) at ρ = %d', async (rho) => {
    const spec = sgdSpec(rho);
    const run = createSurgeRun(spec);
    await run.advance(10);
    const { points, complete } = run.result();
    expect(complete).toBe(true);
    expect(surgeNoiseScale(spec)).toBe(100);
    for (const p of points) {
      // With φ = g̃ the expected one-step decrease is ηE[gᵀφ] − ½η²E[φᵀHφ]; its maximiser is exact.
      const exact = 1 / (2 * (1 + rho + 100 / p.batchSize));
      expect(p.bestLrStderr).toBeGreaterThan(0);
      expect(Math.abs(p.bestLr - exact)).toBeLessThan(4.5 * p.bestLrStderr);
    }
  });

  it('measures the loss decrease with common random numbers (smooth in η)', async () => {
    const run = createSurgeRun({ ...sgdSpec(0), batchSizes: [100], lrGrid: geometricGrid(0.05, 0.8, 8) });
    await run.advance(1);
    const [p] = run.result().points;
    // ΔL(η) = aη − ½bη² exactly for one step with the same noise at every η: a and b from two
    // grid points predict all the others to rounding. Independent noise per η would miss by ~stderr.
    const etas = geometricGrid(0.05, 0.8, 8);
    const d = p.lossDecrease;
    const [e1, e2] = [etas[0], etas[etas.length - 1]];
    const [y1, y2] = [d[0], d[d.length - 1]];
    const b = (2 * (y1 / e1 - y2 / e2)) / (e2 - e1);
    const a = y1 / e1 + 0.5 * b * e1;
    etas.forEach((eta, i) => expect(Math.abs(d[i] - (a * eta - 0.5 * b * eta * eta))).toBeLessThan(
      1e-9 * Math.abs(a * eta)));
    expect(Math.max(...p.lossDecreaseStderr)).toBeGreaterThan(1e-6 * Math.abs(a));
  });

  it('rejects problems it cannot simulate', () => {
    expect(surgeProblemOf({ ...sgdSpec(0), optimizer: settings({ optimizer: 'muon', shape: [2, 2] }) })).toMatch(/Muon/);
    expect(surgeProblemOf({ ...sgdSpec(0), batchSizes: [] })).toMatch(/batch/);
    expect(surgeProblemOf({ ...sgdSpec(70), problem: { ...sgdSpec(0).problem, alignment: 70 } })).toMatch(/alignment/);
    expect(surgeProblemOf(sgdSpec(0))).toBeNull();
  });

  it('finds the vertex of a parabola in log B', () => {
    const batches = geometricGrid(1, 1000, 4);
    const values = batches.map((b) => 1 - (Math.log(b) - Math.log(42)) ** 2);
    expect(peakOfCurve(batches, values)).toBeCloseTo(42, 8);
    expect(peakOfCurve(batches, batches.map((b) => b))).toBeNull();
  });
});
