import { describe, expect, it } from 'vitest';
import { createCpuRun } from '../../core/sim/cpu-run';
import { driveRun } from '../../core/sim/drive';
import { predict } from '../../core/theory/predict';
import { SIMULATION_BUDGET } from '../../core/sim/run-limit';
import { compareWithPrediction, planSimulation } from '../../extension/sim-plan';
import { predictionInput } from './fixtures';

describe('planSimulation', () => {
  it('simulates the config as written: its optimizer, schedule and length', () => {
    const plan = planSimulation(predictionInput());
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.spec.steps).toBe(3000);
    expect(plan.spec.schedule).toMatchObject({ kind: 'cosine', peakLr: 2e-5, steps: 3000, warmupSteps: 100 });
    expect(plan.spec.optimizer).toMatchObject({ optimizer: 'adamw', beta1: 0.9, beta2: 0.95, weightDecay: 0.1 });
    expect(plan.spec.params * plan.spec.seeds * plan.spec.steps).toBeLessThanOrEqual(SIMULATION_BUDGET);
    expect(plan.spec.seeds).toBe(4);
  });

  it('keeps long runs within the budget with one replica, and refuses runs too long to check', () => {
    const long = planSimulation(predictionInput({ steps: 600_000 }));
    if (!long.ok) throw new Error(long.message);
    expect(long.spec.seeds).toBe(1);
    expect(long.spec.params).toBe(Math.floor(SIMULATION_BUDGET / 600_000));
    const tooLong = planSimulation(predictionInput({ steps: 1e7 }));
    expect(tooLong).toMatchObject({ ok: false, refused: true, message: expect.stringContaining('this run is 1e7 steps') });
    // The longest run it still simulates is the one the refusal names.
    expect(planSimulation(predictionInput({ steps: SIMULATION_BUDGET / 256 })).ok).toBe(true);
    expect(planSimulation(predictionInput({ steps: SIMULATION_BUDGET / 256 + 1 })).ok).toBe(false);
  });

  it('simulates Muon on whole matrices', () => {
    const plan = planSimulation(predictionInput({ optimizer: 'muon', momentum: 0.95, nesterov: true, steps: 500 }));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.spec.optimizer.shape).toEqual([32, 32]);
    expect(plan.spec.params % 1024).toBe(0);
  });

  it('assumes 1000 steps when the file does not say', () => {
    const plan = planSimulation(predictionInput({ steps: null }));
    expect(plan.ok && plan.spec.steps).toBe(1000);
  });
});

describe('compareWithPrediction', () => {
  it('agrees with AdamW\'s predictions within the sampling error on a short run', async () => {
    // A cut-down plan (fewer coordinates) keeps the test quick; the comparison logic is what is tested.
    const input = predictionInput({ steps: 400, warmupSteps: 0, schedule: 'constant', lr: 1e-2, weightDecay: 0.1 });
    const plan = planSimulation(input);
    if (!plan.ok) throw new Error(plan.message);
    const run = createCpuRun({ ...plan.spec, params: 2048, seeds: 2 });
    const result = await driveRun(run);
    const [update, weight] = compareWithPrediction(result, predict(input));
    // Update RMS: science.md §6 gives ~3% for β2 = 0.95 (plus bias correction, ~0 after 400 steps at β1 = 0.9);
    // the check allows that model error plus 4 standard errors of the Monte Carlo estimate.
    expect(Math.abs(update.relativeGap!)).toBeLessThan(0.03 + (4 * update.stderr) / update.predicted!);
    // Weight RMS at the end (§2.4, exact second moments per the sheet): 4 standard errors plus §6's 2%.
    expect(Math.abs(weight.relativeGap!)).toBeLessThan(0.02 + (4 * weight.stderr) / weight.predicted!);
    expect(update.sigmas).toBeGreaterThanOrEqual(0);
  });

  it('has no gap without a prediction', () => {
    const result = { updateRms: 0.2, weightRms: 0.1,
      stderr: { updateRms: 0.01, weightRms: 0.01 } } as Parameters<typeof compareWithPrediction>[0];
    const [update] = compareWithPrediction(result, null);
    expect(update).toEqual({ quantity: 'update RMS', predicted: null, simulated: 0.2, stderr: 0.01, relativeGap: null, sigmas: null });
  });
});
