/**
 * Hostile input, class "wrong output": `max_steps: 1e12` once made the playground plan a 5·10¹⁴ element-step
 * weight-RMS run. The plan refuses such a trajectory by the same decision and limit as Simulate Current Config
 * (core/sim/run-limit.ts), says why in the simulated series, and still simulates a real long run (nanoGPT's 600,000
 * steps).
 */
import { describe, expect, it } from 'vitest';
import { defaultPredictionInput } from '../../core/theory/predict';
import { SIMULATION_BUDGET } from '../../core/sim/run-limit';
import { planSimulation } from '../../extension/sim-plan';
import { CPU_BUDGET, estimateBudget, GPU_BUDGET, planExperiments, simulatedSeries, SOFTWARE_GPU_BUDGET } from '../../webview/experiments';
import { DEFAULT_PARAMS } from '../../webview/params';
import { taskCost } from '../../webview/sim-protocol';

const BUDGETS = [CPU_BUDGET, SOFTWARE_GPU_BUDGET, GPU_BUDGET];

describe('the playground plan refuses runs it cannot afford', () => {
  it('plans no weight-RMS trajectory for 10¹² steps, says why, and keeps a bounded total', () => {
    for (const budget of [...BUDGETS, estimateBudget(CPU_BUDGET)]) {
      const params = { ...DEFAULT_PARAMS, steps: 1e12 };
      const plan = planExperiments(params, budget);
      expect(plan.roles.some((r) => r.chart === 'weightRms')).toBe(false);
      expect(plan.refused).toMatchObject({ steps: 1e12, limit: SIMULATION_BUDGET });
      const cost = plan.tasks.reduce((s, t) => s + taskCost(t), 0);
      expect(cost).toBeLessThan(1e10);
      const series = simulatedSeries(plan, [], params);
      expect(series.refused).toBe('this run is 1e12 steps: even its smallest simulation (256 coordinates × 1e12 steps = '
        + '2.56e14 element-steps) is past the 4e8 element-steps OptLens simulates; lower the steps to at most 1.56e6 to '
        + 'simulate a shorter run');
    }
  });

  it('refuses exactly the runs Simulate Current Config refuses', () => {
    for (const optimizer of ['adamw', 'muon'] as const) {
      for (const steps of [1e3, 6e5, 1.5e6, 1.6e6, 1e7]) {
        const playground = planExperiments({ ...DEFAULT_PARAMS, optimizer, steps }, CPU_BUDGET);
        const command = planSimulation({ ...defaultPredictionInput({ optimizer }), steps });
        expect(playground.refused === undefined, `${optimizer} ${steps}`).toBe(command.ok);
        expect(playground.roles.some((r) => r.chart === 'weightRms')).toBe(command.ok);
        if (!command.ok) expect(command.message).toBe(playground.refused?.message);
      }
    }
  });

  it('still simulates nanoGPT\'s 600,000-step trajectory, within the limit', () => {
    const nanoGpt = { ...DEFAULT_PARAMS, steps: 600_000, lr: 6e-4, batchSize: 480 };
    for (const budget of BUDGETS) {
      const plan = planExperiments(nanoGpt, budget);
      const trajectory = plan.tasks[plan.roles.findIndex((r) => r.chart === 'weightRms')];
      expect(trajectory).toBeDefined();
      expect(plan.refused).toBeUndefined();
      const cap = Math.max(SIMULATION_BUDGET, budget.trajectoryElementSteps);
      if (trajectory) expect(taskCost(trajectory)).toBeLessThanOrEqual(cap);
    }
  });
});
