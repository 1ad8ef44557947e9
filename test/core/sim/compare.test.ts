import { describe, expect, it } from 'vitest';
import { compareWithTheory, relativeGap } from '../../../core/sim/compare';
import { createCpuRun } from '../../../core/sim/cpu-run';
import { simulationSpecOf } from '../../../core/sim/from-prediction';
import { surgeSpecOf } from '../../../core/sim/surge-compare';
import { defaultPredictionInput, surgeModelOf, weightRmsAtSteps } from '../../../core/theory/predict';

describe('simulation beside theory', () => {
  it('compares an interrupted run with the prediction at its last step under the whole schedule', async () => {
    const input = defaultPredictionInput({ optimizer: 'adamw', lr: 1e-2, weightDecay: 0.5, schedule: 'cosine', steps: 400 });
    const run = createCpuRun(simulationSpecOf(input, { params: 3000, steps: 400, seeds: 1, record: 4, seed: 1 }));
    await run.advance(200);
    const result = run.result();
    const theory = compareWithTheory(input, result);
    expect(result.stepsDone).toBe(200);
    expect(theory.weightRms).toBe(weightRmsAtSteps(input, [200])![0]);
    // Not the end-of-run value, which is lower after the cosine decay.
    expect(theory.weightRms).not.toBeCloseTo(theory.prediction.weightRms.atEnd!, 4);
    expect(theory.gap.weightRms).toBeCloseTo(result.weightRms / theory.weightRms! - 1, 12);
    expect(theory.arcsineWeightRms).toBeNull();
  });

  it('gives no gap where either side is missing', () => {
    expect(relativeGap(1, null)).toBeNull();
    expect(relativeGap(Number.NaN, 2)).toBeNull();
    expect(relativeGap(3, 2)).toBeCloseTo(0.5, 15);
  });

  it('maps gradient statistics from SNR and ‖G‖/√N', () => {
    const spec = simulationSpecOf(defaultPredictionInput({ snr: 3, gradNorm: 200, params: 10_000 }),
      { params: 10, steps: 5, seeds: 1, record: 1, seed: 0 });
    // per-coordinate scale 2: μ² + σ² = 4 and μ²/σ² = 3.
    expect(spec.gradMean ** 2 + spec.gradStd ** 2).toBeCloseTo(4, 12);
    expect(spec.gradMean ** 2 / spec.gradStd ** 2).toBeCloseTo(3, 12);
  });

  it('sets up the Surge sweep around B_simple with ε as e = ε²/ḡ²', () => {
    const input = defaultPredictionInput({ optimizer: 'adamw', eps: 0.5, gradNorm: 100, params: 10_000, batchSize: 256, noiseScale: 1000, beta2: 0.99 });
    const spec = surgeSpecOf(input, { seed: 1 });
    expect(spec.batchSizes[0]).toBeCloseTo(1, 9);
    expect(spec.batchSizes[spec.batchSizes.length - 1]).toBeCloseTo(10_000, 6);
    expect(spec.problem.noiseStd ** 2 / spec.problem.gradMean ** 2).toBeCloseTo(1000, 9);
    expect(spec.optimizer.eps ** 2).toBeCloseTo(surgeModelOf(input).e!, 12);
    expect(spec.optimizer.weightDecay).toBe(0);
    expect(spec.warmupSteps).toBe(300);
    expect(() => surgeSpecOf({ ...input, noiseScale: null }, { seed: 1 })).toThrow(/noise scale/);
  });
});
