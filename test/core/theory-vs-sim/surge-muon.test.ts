/**
 * Muon has no Surge (science.md §3.5): under the mean-field model its optimal learning rate is
 * η*(B) ≈ η_max/√(1 + k·B_simple/B) (Su Jianlin, kexue.fm/archives/11285, with momentum's noise factor k),
 * which rises for ever. Checked by the Muon Surge Monte Carlo (core/sim/surge-muon.ts): one 16×16 matrix,
 * torch Muon (μ = 0.95, Nesterov, 5 Newton–Schulz steps), B_simple = 1000, B from 10 to 10⁵, 4 replicas.
 */
import { describe, expect, it } from 'vitest';
import { muonSurgeSweep } from '../../../core/sim/surge-muon';
import { noiseFactor, torchMuonFilter } from '../../../core/theory/momentum';
import { defaultPredictionInput, surgeModelOf } from '../../../core/theory/predict';
import { etaStarUnscaled } from '../../../core/theory/surge';
import { K_STDERR } from './harness';

const B_SIMPLE = 1000;
/** Measured: the mean-field shape is within 1.7% of the simulation at every batch (16×32, 8 batches). */
const MODEL_ERROR = 0.03;

describe('§3.5 Muon: η*(B) rises with the batch and never turns down', () => {
  it('monotone within the noise, with the mean field\'s shape', () => {
    const ratios = [0.01, 0.1, 1, 10, 100];
    const points = muonSurgeSweep({
      shape: [16, 16], momentum: 0.95, nesterov: true, bSimple: B_SIMPLE, batchSizes: ratios.map((r) => r * B_SIMPLE),
      warmupSteps: 60, rounds: 80, replicas: 4, seed: 3,
    });
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      expect(b.bestLr - a.bestLr, `B ${a.batchSize} → ${b.batchSize}`).toBeGreaterThan(-K_STDERR * Math.hypot(a.bestLrStderr, b.bestLrStderr));
    }
    // The largest batch is the best one (no interior peak), up to the noise.
    const last = points[points.length - 1];
    for (const p of points) {
      expect(p.bestLr - last.bestLr).toBeLessThan(K_STDERR * Math.hypot(p.bestLrStderr, last.bestLrStderr));
    }
    // Shape: η*(B)/η*(B_last) against the product's own Muon model (1/√(1 + kx)) on the same reference.
    const model = surgeModelOf(defaultPredictionInput({ optimizer: 'muon', momentum: 0.95, nesterov: true }));
    const k = noiseFactor(torchMuonFilter(0.95, true));
    expect(model).toMatchObject({ family: 'sign', k, rho: 0 });
    const shape = (batch: number) => etaStarUnscaled(model, B_SIMPLE / batch);
    expect(shape(B_SIMPLE)).toBeCloseTo(1 / Math.sqrt(1 + k), 12);
    for (const p of points) {
      const ratio = p.bestLr / last.bestLr;
      const se = ratio * Math.hypot(p.bestLrStderr / p.bestLr, last.bestLrStderr / last.bestLr);
      const predicted = shape(p.batchSize) / shape(last.batchSize);
      expect(Math.abs(ratio - predicted), `B = ${p.batchSize}: ${ratio} ± ${se} vs ${predicted}`).toBeLessThanOrEqual(MODEL_ERROR * predicted + K_STDERR * se);
    }
    // The rise is real: the smallest batch's η* is far below the largest's.
    expect(points[0].bestLr / last.bestLr).toBeLessThan(0.6);
  });
});
