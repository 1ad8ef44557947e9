/**
 * science.md §3.3: the loss decrease per step at the optimal lr, ΔL(B) = ΔL_max/(1 + B_noise_eff/B)
 * with B_noise_eff = k·B_simple/(1+ρ), independent of ε, against the Surge Monte Carlo
 * (core/sim/surge.ts; B_simple = 1000, H = I, g_i = 1, ρ = 0).
 *
 * With a one-step horizon each measured ΔL(η) is exactly aη − ½bη² (common random numbers), so
 * two grid points give ΔL* = a²/(2b) per run. That ratio of noisy means is checked across 12
 * independently seeded runs, whose spread gives the standard error (single runs underestimate it).
 */
import { describe, expect, it } from 'vitest';
import { createSurgeRun } from '../../../core/sim/surge';
import type { OptimizerSettings } from '../../../core/sim/types';
import { lossDecreaseRelative } from '../../../core/theory/surge';
import { settings } from '../sim/spec-fixtures';
import { K_STDERR } from '../theory-vs-sim/harness';

const B_SIMPLE = 1000;
const K = (1 - 0.9) / (1 + 0.9);
const BATCHES = [30, 100, 300, 1000];
const REFERENCE = 30_000;
const SEEDS = 12;
const GRID = [0.05, 0.2];

/** ΔL*(B)/ΔL*(REFERENCE) for each batch, one value per seed. */
async function relativeLossDecrease(optimizer: Partial<OptimizerSettings>): Promise<number[][]> {
  const perSeed: number[][] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const run = createSurgeRun({
      optimizer: settings({ weightDecay: 0, weightDecaySemantics: 'none', ...optimizer }),
      problem: { dim: 256, hessianDiagonal: 1, alignment: 0, gradMean: 1, noiseStd: Math.sqrt(B_SIMPLE) },
      batchSizes: [...BATCHES, REFERENCE],
      lrGrid: GRID,
      warmupSteps: 1000,
      horizon: 1,
      rounds: 200,
      replicas: 1,
      seed,
    });
    await run.advance(BATCHES.length + 1);
    const best = run.result().points.map((p) => {
      const [[e1, e2], [y1, y2]] = [GRID, p.lossDecrease] as [number[], number[]];
      const b = (2 * (y1 / e1 - y2 / e2)) / (e2 - e1);
      const a = y1 / e1 + 0.5 * b * e1;
      return (a * a) / (2 * b);
    });
    perSeed.push(best.slice(0, BATCHES.length).map((v) => v / best[BATCHES.length]));
  }
  return perSeed;
}

describe('ΔL(B) at the optimal lr (science.md §3.3)', () => {
  it.each([
    // SGDM is linear in the gradient: §3.3 is exact for it.
    ['SGD momentum 0.9', { optimizer: 'sgd', momentum: 0.9 }, 0],
    // Adam: ΔL* = a·η*/2 with a = E[gᵀφ] and η* each within §6's 0.3% of the mean field: 0.6%.
    ['AdamW β1 0.9, ε = 0', { optimizer: 'adamw', beta1: 0.9, beta2: 0.999, eps: 0 }, 0.006],
    ['AdamW β1 0.9, ε = ḡ (no change: ΔL is independent of ε)', { optimizer: 'adamw', beta1: 0.9, beta2: 0.999, eps: 1 }, 0.006],
  ] as const)('%s', async (_name, optimizer, modelError) => {
    const perSeed = await relativeLossDecrease(optimizer);
    BATCHES.forEach((batch, i) => {
      const values = perSeed.map((row) => row[i]);
      const mean = values.reduce((s, v) => s + v, 0) / SEEDS;
      const stderr = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (SEEDS - 1) / SEEDS);
      const predicted = lossDecreaseRelative(K, 0, batch, B_SIMPLE) / lossDecreaseRelative(K, 0, REFERENCE, B_SIMPLE);
      expect(Math.abs(mean - predicted), `B = ${batch}: ${mean} ± ${stderr} vs ${predicted}`).toBeLessThanOrEqual(modelError * predicted + K_STDERR * stderr);
    });
  }, 300_000);
});
