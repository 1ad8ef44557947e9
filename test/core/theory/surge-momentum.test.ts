/**
 * Momentum filters and the Surge (science.md §3.2, §3.5, §3.6 b) against the Surge Monte Carlo
 * (core/sim/surge.ts): B_simple = 1000, H_ii = 1, g_i = 1, alignment ρ as given.
 *
 * With θ held still and Gaussian noise, the filtered gradient c of SignSGDM or Lion is Gaussian with
 * mean ḡ·G1 and variance G2·σ²/B, so E[sign(c)] = erf(1/√(2kx)) holds exactly, coordinates are
 * independent, and the one-step η* = E[gᵀφ]/E[φᵀHφ] = m/(1 + ρm²) (m = E[sign]) is exact: no model
 * error, the tolerance is the sampling error alone. The scalar mean field (§3.2's closed form,
 * `family: 'sign'`) is not exact, and with strong alignment must miss.
 */
import { describe, expect, it } from 'vitest';
import { emaFilter, lionFilter, meanGain, noiseFactor, torchSgdFilter } from '../../../core/theory/momentum';
import { createSurgeRun } from '../../../core/sim/surge';
import type { OptimizerSettings, SurgeResult } from '../../../core/sim/types';
import { etaStarUnscaled, surgePeakBatch, type SurgeModel } from '../../../core/theory/surge';
import { settings } from '../sim/spec-fixtures';
import { K_STDERR } from '../theory-vs-sim/harness';

const B_SIMPLE = 1000;

async function sweep(optimizer: Partial<OptimizerSettings>, alignment: number, batchSizes: number[]):
  Promise<SurgeResult> {
  const run = createSurgeRun({
    optimizer: settings({ eps: 0, weightDecay: 0, weightDecaySemantics: 'none', ...optimizer }),
    problem: { dim: 256, hessianDiagonal: 1, alignment, gradMean: 1, noiseStd: Math.sqrt(B_SIMPLE) },
    batchSizes,
    lrGrid: [0.05, 0.2, 0.8],
    // Several memories of the slowest filter (Lion's β2 = 0.99: 100 steps).
    warmupSteps: 600,
    horizon: 1,
    rounds: 400,
    replicas: 4,
    seed: 17,
  });
  await run.advance(batchSizes.length);
  return run.result();
}

describe('sign-type η*(B), exact Gaussian E[sign]', () => {
  it.each([
    ['SignSGDM β1 0.9, ρ = 0 (B → B/k)', { optimizer: 'signsgdm', beta1: 0.9 }, noiseFactor(emaFilter(0.9)), 0],
    ['Lion β1 0.9, β2 0.99, ρ = 0', { optimizer: 'lion', beta1: 0.9, beta2: 0.99 }, noiseFactor(lionFilter(0.9, 0.99)), 0],
    ['SignSGD, ρ = 3 (Surge)', { optimizer: 'signsgd' }, 1, 3],
    ['SignSGDM β1 0.9, ρ = 3 (Surge at B/k)', { optimizer: 'signsgdm', beta1: 0.9 }, noiseFactor(emaFilter(0.9)), 3],
  ] as const)('%s', async (_name, optimizer, k, rho) => {
    const model: SurgeModel = { family: 'sign-erf', k, rho };
    const centre = surgePeakBatch(model, B_SIMPLE) ?? k * B_SIMPLE;
    const batches = [0.1, 0.25, 0.5, 1, 2, 4, 10].map((f) => f * centre);
    const result = await sweep(optimizer, rho, batches);
    let scalarMisses = 0;
    for (const p of result.points) {
      const predicted = etaStarUnscaled(model, B_SIMPLE / p.batchSize);
      expect(Math.abs(p.bestLr - predicted), `B = ${p.batchSize}: ${p.bestLr} ± ${p.bestLrStderr} vs ${predicted}`)
        .toBeLessThanOrEqual(K_STDERR * p.bestLrStderr);
      const scalar = etaStarUnscaled({ ...model, family: 'sign' }, B_SIMPLE / p.batchSize);
      if (Math.abs(p.bestLr - scalar) > K_STDERR * p.bestLrStderr) scalarMisses++;
    }
    // The scalar mean field μ/√(μ² + kσ²/B) is not E[sign]: it misses somewhere on every sweep.
    expect(scalarMisses).toBeGreaterThan(0);
  }, 300_000);
});

describe('torch SGD momentum (not an EMA): η* = (1/G1)·1/(1 + ρ + k·B_simple/B)', () => {
  // φ = the momentum buffer, a linear filter of Gaussian gradients: mean G1·g, variance G2·σ²/B, so
  // the one-step η* = G1/(G1²(1+ρ) + G2·x) exactly. The 1/G1 is the effective-step factor of the
  // buffer (10 for μ = 0.9 without dampening); k = G2/G1² sets the batch multiplier.
  it.each([
    [0.9, 0, true, 0],
    [0.9, 0.5, false, 1],
  ])('momentum %d, dampening %d, Nesterov %s, ρ = %d', async (momentum, dampening, nesterov, rho) => {
    const filter = torchSgdFilter(momentum, dampening, nesterov);
    const model: SurgeModel = { family: 'linear', k: noiseFactor(filter), rho };
    const batches = [10, 30, 100, 300, 1000];
    const result = await sweep({ optimizer: 'sgd', momentum, dampening, nesterov }, rho, batches);
    for (const p of result.points) {
      const predicted = etaStarUnscaled(model, B_SIMPLE / p.batchSize) / meanGain(filter);
      expect(Math.abs(p.bestLr - predicted), `B = ${p.batchSize}: ${p.bestLr} ± ${p.bestLrStderr} vs ${predicted}`)
        .toBeLessThanOrEqual(K_STDERR * p.bestLrStderr);
      // Treating the buffer as an EMA (G1 = 1, k = (1−μ)/(1+μ)) is off by the factor G1 and more.
      const asEma = etaStarUnscaled({ ...model, k: noiseFactor(emaFilter(momentum)) }, B_SIMPLE / p.batchSize);
      expect(Math.abs(p.bestLr - asEma)).toBeGreaterThan(K_STDERR * p.bestLrStderr);
    }
  }, 300_000);
});
