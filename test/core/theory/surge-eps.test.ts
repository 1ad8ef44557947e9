/**
 * ε and the Surge (science.md §3.2, §3.4) against the Surge Monte Carlo (core/sim/surge.ts) on
 * §3.6's noisy quadratic: B_simple = 1000, H = I, g_i = 1 (so ε is in units of ḡ), β1 = 0.9,
 * β2 = 0.999. The one-step η* of the simulation is on the same absolute scale as `etaStarUnscaled`.
 *
 * This is the check behind core/theory/surge.ts placing ε as PyTorch does (m/(√v + ε)) rather than
 * inside the root as §3.2 writes it: the PyTorch form must agree, the sheet's form must not.
 */
import { describe, expect, it } from 'vitest';
import { createSurgeRun } from '../../../core/sim/surge';
import { simulatedPeak } from '../../../core/sim/surge-compare';
import type { SurgeResult } from '../../../core/sim/types';
import { etaStarUnscaled, surgePeakBatch, type SurgeModel } from '../../../core/theory/surge';
import { settings } from '../sim/spec-fixtures';
import { K_STDERR } from '../theory-vs-sim/harness';

const B_SIMPLE = 1000;
const K = (1 - 0.9) / (1 + 0.9);
// §6: "Surge 3.2: within 0.3% of Monte Carlo for Adam with a homogeneous diagonal Hessian and β2 = 0.999".
const MODEL_ERROR = 0.003;

async function sweep(eps: number, batchSizes: number[]): Promise<SurgeResult> {
  const run = createSurgeRun({
    optimizer: settings({ optimizer: 'adamw', beta1: 0.9, beta2: 0.999, eps, weightDecay: 0, weightDecaySemantics: 'none' }),
    problem: { dim: 256, hessianDiagonal: 1, alignment: 0, gradMean: 1, noiseStd: Math.sqrt(B_SIMPLE) },
    batchSizes,
    lrGrid: [0.05, 0.2, 0.8],
    warmupSteps: 1000,
    horizon: 1,
    rounds: 400,
    replicas: 4,
    seed: 5,
  });
  await run.advance(batchSizes.length);
  return run.result();
}

/** The batches B at which η*(B) ≥ (1 − δ)·max η*, scanned finely in log B: where the peak could be. */
function flatTop(model: SurgeModel, delta: number): [number, number] {
  const max = etaStarUnscaled(model, B_SIMPLE / surgePeakBatch(model, B_SIMPLE)!);
  const inside: number[] = [];
  for (let i = 0; i <= 4000; i++) {
    const b = B_SIMPLE * 10 ** (-3 + (i * 5) / 4000);
    if (etaStarUnscaled(model, B_SIMPLE / b) >= (1 - delta) * max) inside.push(b);
  }
  return [inside[0], inside[inside.length - 1]];
}

describe('Adam with ε: η*(B) and its peak', () => {
  it.each([0.3, 1, 3])('ε = %d·ḡ: PyTorch\'s placement matches, the inside-root form does not', async (eps) => {
    const model: SurgeModel = { family: 'adam', k: K, rho: 0, e: eps * eps };
    const peak = surgePeakBatch(model, B_SIMPLE)!;
    const batches = [0.3, 0.45, 0.67, 1, 1.5, 2.2, 3.3].map((f) => f * peak);
    const result = await sweep(eps, batches);
    let insideMisses = 0;
    for (const p of result.points) {
      const tolerance = (predicted: number) => MODEL_ERROR * predicted + K_STDERR * p.bestLrStderr;
      const predicted = etaStarUnscaled(model, B_SIMPLE / p.batchSize);
      expect(Math.abs(p.bestLr - predicted), `B = ${p.batchSize}: ${p.bestLr} ± ${p.bestLrStderr} vs ${predicted}`).toBeLessThanOrEqual(tolerance(predicted));
      const inside = etaStarUnscaled({ ...model, epsInsideRoot: true }, B_SIMPLE / p.batchSize);
      if (Math.abs(p.bestLr - inside) > tolerance(inside)) insideMisses++;
    }
    expect(insideMisses).toBe(result.points.length);
    // Peak location. The top flattens as ε grows, so a value error δ moves the peak a long way: the
    // peak is only determined up to the batches where the formula is within δ of its maximum, with
    // δ = 2·(model error + K relative standard errors at the top). The simulated peak must lie there.
    const top = result.points[3];
    const delta = 2 * (MODEL_ERROR + (K_STDERR * top.bestLrStderr) / top.bestLr);
    const [lo, hi] = flatTop(model, delta);
    expect(lo).toBeLessThan(peak);
    expect(hi).toBeGreaterThan(peak);
    const simulated = simulatedPeak(result)!;
    expect(simulated.peak, `simulated peak ${simulated.peak} vs [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
    expect(simulated.peak).toBeLessThanOrEqual(hi);
  }, 300_000);

  it('ε = 10·ḡ removes the Surge: η*(B) rises monotonically, as predicted', async () => {
    const model: SurgeModel = { family: 'adam', k: K, rho: 0, e: 100 };
    expect(surgePeakBatch(model, B_SIMPLE)).toBeNull();
    const batches = [30, 100, 300, 1000, 3000];
    const result = await sweep(10, batches);
    for (let i = 1; i < result.points.length; i++) {
      const [a, b] = [result.points[i - 1], result.points[i]];
      expect(b.bestLr - a.bestLr).toBeGreaterThan(-K_STDERR * Math.hypot(a.bestLrStderr, b.bestLrStderr));
    }
    expect(simulatedPeak(result)).toBeNull();
  }, 300_000);
});
