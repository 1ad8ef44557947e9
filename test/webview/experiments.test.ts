import { describe, expect, it } from 'vitest';
import { createCpuRun } from '../../core/sim/cpu-run';
import { driveRun } from '../../core/sim/drive';
import { surgeNoiseScale, surgeProblemOf } from '../../core/sim/surge';
import type { SimulationResult, SurgeResult } from '../../core/sim/types';
import { specProblem } from '../../core/sim/validate';
import { adamUpdateRms } from '../../core/theory/update-rms';
import {
  BETA1_POINTS, CPU_BUDGET, EPS_RATIO_POINTS, normalisedSurge, planExperiments, simulatedSeries,
  stationarySteps, stationaryUpdateRms,
} from '../../webview/experiments';
import { DEFAULT_PARAMS } from '../../webview/params';
import { theoryCurves } from '../../webview/theory-series';

describe('the experiment plan', () => {
  it('builds specs the simulators accept, one per chart point', () => {
    const plan = planExperiments({ ...DEFAULT_PARAMS, beta1: 0.93 }, CPU_BUDGET);
    expect(plan.tasks).toHaveLength(plan.roles.length);
    for (const task of plan.tasks) {
      if (task.kind === 'run') expect(specProblem(task.spec)).toBeNull();
      else expect(surgeProblemOf(task.spec)).toBeNull();
    }
    const betas = plan.roles.flatMap((r) => (r.chart === 'updateRms' ? [r.beta1] : []));
    expect(betas).toEqual([...BETA1_POINTS.slice(0, 4), 0.93, ...BETA1_POINTS.slice(4)]);
    expect(plan.roles.filter((r) => r.chart === 'eps').map((r) => (r.chart === 'eps' ? r.ratio : 0))).toEqual([...EPS_RATIO_POINTS]);
    expect(plan.roles.filter((r) => r.chart === 'surge').map((r) => (r.chart === 'surge' ? r.optimizer : ''))).toEqual(['adamw', 'sgd', 'signsgd']);
  });

  it('simulates the configured run for the weight trajectory, and a noisy quadratic with the config\'s B_simple for Surge', () => {
    const plan = planExperiments(DEFAULT_PARAMS, CPU_BUDGET);
    const trajectory = plan.tasks[plan.roles.findIndex((r) => r.chart === 'weightRms')];
    expect(trajectory?.kind === 'run' && trajectory.spec.steps).toBe(DEFAULT_PARAMS.steps);
    expect(trajectory?.kind === 'run' && trajectory.spec.schedule).toMatchObject({ kind: 'cosine', peakLr: DEFAULT_PARAMS.lr });
    const surge = plan.tasks.find((t) => t.kind === 'surge');
    expect(surge?.kind === 'surge' && surgeNoiseScale(surge.spec)).toBeCloseTo(DEFAULT_PARAMS.noiseScale, 9);
    const other = planExperiments({ ...DEFAULT_PARAMS, noiseScale: 4000 }, CPU_BUDGET).tasks.find((t) => t.kind === 'surge');
    expect(other?.kind === 'surge' && surgeNoiseScale(other.spec)).toBeCloseTo(4000, 9);
    expect(other?.kind === 'surge' && other.spec.batchSizes[0]).toBeCloseTo(40, 9);
  });

  it('has no ε points for optimizers without ε', () => {
    expect(planExperiments({ ...DEFAULT_PARAMS, optimizer: 'lion' }, CPU_BUDGET).roles.some((r) => r.chart === 'eps')).toBe(false);
  });

  it('draws gradients with SNR = μ²/σ² and √(μ²+σ²) = the gradient scale', () => {
    const plan = planExperiments({ ...DEFAULT_PARAMS, snr: 0.25, gradNorm: 2, params: 4 }, CPU_BUDGET);
    const run = plan.tasks.find((t) => t.kind === 'run');
    if (run?.kind !== 'run') throw new Error('no run in the plan');
    const { gradMean, gradStd } = run.spec;
    expect(gradMean ** 2 / gradStd ** 2).toBeCloseTo(0.25, 12);
    expect(Math.hypot(gradMean, gradStd)).toBeCloseTo(1, 12);
  });

  it('runs stationary points for many memory lengths of both moments', () => {
    expect(stationarySteps(0.9, 0.999)).toBe(8000);
    expect(stationarySteps(0.5, 0.9)).toBe(200);
    expect(stationarySteps(0.999, 0.9999)).toBe(20000);
  });
});

function fakeRun(values: number[], stderrs: number[], steps: number[]): SimulationResult {
  return {
    updateRms: values[values.length - 1], weightRms: 0,
      stderr: { updateRms: stderrs[stderrs.length - 1], weightRms: 0 },
    trajectory: { step: steps, updateRms: values, weightRms: values.map(() => 0), updateRmsStderr: stderrs,
      weightRmsStderr: stderrs.map(() => 0) },
    backend: 'cpu', elementStepsPerSecond: 1, stepsDone: steps[steps.length - 1], complete: true,
  };
}

describe('from results to points', () => {
  it('averages the second half of a stationary run, counting only points one β2 memory apart as independent', () => {
    const r = fakeRun([1, 1, 0.3, 0.2, 0.2, 0.3], [0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
      [1000, 2000, 3000, 4000, 5000, 6000]);
    const p = stationaryUpdateRms(r, 0.999);
    expect(p.y).toBeCloseTo(Math.sqrt((0.2 ** 2 + 0.2 ** 2 + 0.3 ** 2) / 3), 12);
    // last/2 = 3000 steps hold 3 memories of 1000 steps: m_eff = 3.
    expect(p.stderr).toBeCloseTo(0.01 / Math.sqrt(3), 12);
    expect(stationaryUpdateRms(r, 0.9999).stderr).toBeCloseTo(0.01, 12);
  });

  it('puts the Monte Carlo on the formula\'s reference: a simulation exactly 3 × the formula lands on the curve, "agrees"', () => {
    const params = { ...DEFAULT_PARAMS, noiseScale: 4000 };
    const curves = theoryCurves(params);
    // Three batch sizes on the theory's own axis, so the drawn curve gives the expected values directly.
    const picks = [20, 80, 140];
    const relative = picks.map((i) => curves.surge.curves[0].y[i]);
    const batches = picks.map((i) => curves.surge.batches[i]);
    const point = (b: number, y: number) => ({
      batchSize: b, lossDecrease: [], lossDecreaseStderr: [], bestLr: 3 * y, bestLrStderr: 0,
      replicaBestLr: [3 * y, 3 * y, 3 * y, 3 * y],
    });
    const result: SurgeResult = { backend: 'cpu', complete: true, points: batches.map((b, i) => point(b, relative[i])) };
    const points = normalisedSurge(result, params, params.optimizer);
    points.forEach((p, i) => {
      expect(p.x).toBeCloseTo(batches[i] / 4000, 12);
      expect(p.y).toBeCloseTo(relative[i], 9);
      expect(p.agreement?.verdict).toBe('agrees');
    });
  });
});

describe('a playground point against its formula (Monte Carlo)', () => {
  it('measures Adam’s update RMS at β1 = 0.9 where science.md §1.1 puts it', async () => {
    const params = { ...DEFAULT_PARAMS, beta2: 0.99 };
    const plan = planExperiments(params, CPU_BUDGET);
    const i = plan.roles.findIndex((r) => r.chart === 'updateRms' && r.beta1 === 0.9);
    const task = plan.tasks[i];
    if (task?.kind !== 'run') throw new Error('no β1 = 0.9 run');
    const result = await driveRun(createCpuRun(task.spec));
    const series = simulatedSeries({ tasks: [task], roles: [plan.roles[i]] }, [{ kind: 'run', result }], params);
    const point = series.updateRms[0];
    const formula = adamUpdateRms({ beta1: 0.9, snr: 0 });
    // Tolerance: 4 standard errors of the measured mean (sampling), plus science.md §6's model error of
    // §1.1 at β2 = 0.99 (within ~3% for β2 ≥ 0.95): the test fails if the plan measured the wrong thing.
    expect(Math.abs(point.y - formula)).toBeLessThan(4 * point.stderr + 0.03 * formula);
    expect(point.stderr).toBeLessThan(0.01 * formula);
  });
});
