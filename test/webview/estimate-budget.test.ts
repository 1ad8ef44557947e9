/** The first estimate's plan: the same experiments on ~1/32 of the work, long trajectories left to the
 * refinement. */
import { describe, expect, it } from 'vitest';
import { CPU_BUDGET, estimateBudget, FIRST_ESTIMATE_SHARE, planExperiments } from '../../webview/experiments';
import { taskCost } from '../../webview/sim-protocol';
import { DEFAULT_PARAMS } from '../../webview/params';
import { cpuWorkerCount, shareOut } from '../../webview/runner';

const cost = (params: typeof DEFAULT_PARAMS, budget = CPU_BUDGET) =>
  planExperiments(params, budget).tasks.reduce((s, t) => s + taskCost(t), 0);

describe('the first estimate', () => {
  it('runs every chart of a short run on a small share of the full work', () => {
    const estimate = planExperiments(DEFAULT_PARAMS, estimateBudget(CPU_BUDGET));
    expect(new Set(estimate.roles.map((r) => r.chart))).toEqual(new Set(['updateRms', 'weightRms', 'surge', 'eps']));
    const ratio = cost(DEFAULT_PARAMS, estimateBudget(CPU_BUDGET)) / cost(DEFAULT_PARAMS);
    expect(ratio).toBeLessThan(2 * FIRST_ESTIMATE_SHARE);
  });

  it('leaves a 600,000-step trajectory (nanoGPT) to the refinement rather than blow its time', () => {
    const nanoGpt = { ...DEFAULT_PARAMS, steps: 600_000, lr: 6e-4, batchSize: 480 };
    const estimate = planExperiments(nanoGpt, estimateBudget(CPU_BUDGET));
    expect(estimate.roles.some((r) => r.chart === 'weightRms')).toBe(false);
    expect(planExperiments(nanoGpt, CPU_BUDGET).roles.some((r) => r.chart === 'weightRms')).toBe(true);
    expect(cost(nanoGpt, estimateBudget(CPU_BUDGET)) / cost(nanoGpt)).toBeLessThan(0.05);
  });
});

describe('sharing a job over CPU workers', () => {
  it('one worker per spare core, at most 4, at least 1', () => {
    expect([1, 2, 4, 16, undefined].map(cpuWorkerCount)).toEqual([1, 1, 3, 4, 1]);
  });

  it('every task once, groups of similar cost, indices in order', () => {
    const costs = [9, 1, 1, 1, 5, 4, 3, 2];
    const groups = shareOut(costs, 3, (c) => c);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(costs.map((_, i) => i));
    const sums = groups.map((g) => g.reduce((s, i) => s + costs[i], 0));
    expect(Math.max(...sums) - Math.min(...sums)).toBeLessThanOrEqual(Math.max(...costs) - 1);
    for (const g of groups) expect(g).toEqual([...g].sort((a, b) => a - b));
    expect(shareOut([1], 4, (c) => c)).toEqual([[0]]);
  });
});
