/**
 * Surge with ε when coordinates differ in size (science.md §3.6a, §7.3): the per-coordinate mean field
 * (core/theory/coordinate-scales.ts) against the Surge Monte Carlo with log-normal coordinate sizes
 * (core/sim/surge.ts `scaleSpread`), §3.6's quadratic: B_simple = 1000, H = I, RMS true gradient 1,
 * Adam β1 = 0.9, β2 = 0.999, ε = 0.3·ḡ. The one-step η* is on the absolute scale of `etaStarUnscaled`.
 * Each case: 7 batch sizes × 8 replicas × 256 coordinates (~1 s).
 */
import { describe, expect, it } from 'vitest';
import { createSurgeRun } from '../../../core/sim/surge';
import { peakOfCurve, simulatedPeak } from '../../../core/sim/surge-compare';
import type { SurgeResult } from '../../../core/sim/types';
import { etaStarUnscaled, surgePeakBatch, type SurgeModel } from '../../../core/theory/surge';
import { settings } from '../sim/spec-fixtures';
import { K_STDERR } from './harness';

const B_SIMPLE = 1000;
const K = (1 - 0.9) / (1 + 0.9);
const EPS = 0.3;
/**
 * Model error of the per-coordinate mean field, η* at each batch: measured +0.3…+1.7% at spread 1 (mean over
 * the sweep, sim above formula), 0.3% at spread 0 (§6); 3% covers the worst point beyond its sampling error.
 */
const VALUE_MODEL_ERROR = 0.03;
/** The goal for the peak batch: within 5% of the Monte Carlo for spreads 0–1. */
const PEAK_MODEL_ERROR = 0.05;

async function sweep(spread: number, batchSizes: number[]): Promise<SurgeResult> {
  const run = createSurgeRun({
    optimizer: settings({ optimizer: 'adamw', beta1: 0.9, beta2: 0.999, eps: EPS, weightDecay: 0, weightDecaySemantics: 'none' }),
    problem: {
      dim: 256, hessianDiagonal: 1, alignment: 0, gradMean: 1, noiseStd: Math.sqrt(B_SIMPLE), scaleSpread: spread,
    },
    batchSizes,
    lrGrid: [0.05, 0.2, 0.8],
    warmupSteps: 1000,
    horizon: 1,
    rounds: 400,
    replicas: 8,
    seed: 5,
  });
  await run.advance(batchSizes.length);
  return run.result();
}

describe('§7.3 Adam with ε = 0.3ḡ and coordinates of unequal size', () => {
  it.each([0, 0.5, 1])('spread %d: η*(B) and the peak batch follow the per-coordinate mean field', async (spread) => {
    const model: SurgeModel = { family: 'adam', k: K, rho: 0, e: EPS * EPS, spread };
    const peak = surgePeakBatch(model, B_SIMPLE)!;
    const batches = [0.3, 0.45, 0.67, 1, 1.5, 2.2, 3.3].map((f) => f * peak);
    const result = await sweep(spread, batches);
    for (const p of result.points) {
      const predicted = etaStarUnscaled(model, B_SIMPLE / p.batchSize);
      expect(Math.abs(p.bestLr - predicted), `B = ${p.batchSize}: ${p.bestLr} ± ${p.bestLrStderr} vs ${predicted}`)
        .toBeLessThanOrEqual(VALUE_MODEL_ERROR * predicted + K_STDERR * p.bestLrStderr);
    }
    // The same peak estimator on the formula's curve over the same grid removes the grid's own bias.
    const simulated = simulatedPeak(result)!;
    const onGrid = peakOfCurve(batches, batches.map((b) => etaStarUnscaled(model, B_SIMPLE / b)))!;
    expect(Math.abs(simulated.peak / onGrid - 1), `peak ${simulated.peak} ± ${simulated.stderr} vs ${onGrid}`)
      .toBeLessThanOrEqual(PEAK_MODEL_ERROR + (K_STDERR * simulated.stderr) / onGrid);
  });

  it('spread 1: the scalar form (one ε/ḡ for every coordinate) misses the peak height by far more than the noise', async () => {
    const model: SurgeModel = { family: 'adam', k: K, rho: 0, e: EPS * EPS, spread: 1 };
    const scalar: SurgeModel = { ...model, spread: 0 };
    const peak = surgePeakBatch(model, B_SIMPLE)!;
    const result = await sweep(1, [peak]);
    const p = result.points[0];
    const scalarMax = etaStarUnscaled(scalar, B_SIMPLE / surgePeakBatch(scalar, B_SIMPLE)!);
    // The scalar form's peak η* is ~20% above the simulated one (the audit: 16–23%).
    expect(scalarMax / p.bestLr - 1).toBeGreaterThan(0.1 + (K_STDERR * p.bestLrStderr) / p.bestLr);
    expect(surgePeakBatch(model, B_SIMPLE)! / surgePeakBatch(scalar, B_SIMPLE)!).toBeGreaterThan(1.3);
  });
});
