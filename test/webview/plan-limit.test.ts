/**
 * Hostile input, class "wrong output": `max_steps: 1e12` once made the playground plan a 5·10¹⁴ element-step
 * weight-RMS run. The plan leaves such a trajectory out (the chart keeps its formula), as Simulate Current
 * Config refuses it, while a real long run (nanoGPT's 600,000 steps) is still simulated.
 */
import { describe, expect, it } from 'vitest';
import { CPU_BUDGET, planExperiments, SOFTWARE_GPU_BUDGET } from '../../webview/experiments';
import { DEFAULT_PARAMS } from '../../webview/params';
import { taskCost } from '../../webview/sim-protocol';

describe('the playground plan refuses runs it cannot afford', () => {
  it('plans no weight-RMS trajectory for 10¹² steps, and a bounded total', () => {
    for (const budget of [CPU_BUDGET, SOFTWARE_GPU_BUDGET]) {
      const plan = planExperiments({ ...DEFAULT_PARAMS, steps: 1e12 }, budget);
      expect(plan.roles.some((r) => r.chart === 'weightRms')).toBe(false);
      const cost = plan.tasks.reduce((s, t) => s + taskCost(t), 0);
      expect(cost).toBeLessThan(1e10);
    }
  });

  it('still simulates nanoGPT\'s 600,000-step trajectory', () => {
    const nanoGpt = { ...DEFAULT_PARAMS, steps: 600_000, lr: 6e-4, batchSize: 480 };
    for (const budget of [CPU_BUDGET, SOFTWARE_GPU_BUDGET]) {
      expect(planExperiments(nanoGpt, budget).roles.some((r) => r.chart === 'weightRms')).toBe(true);
    }
  });
});
