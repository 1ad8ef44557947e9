import { describe, expect, it } from 'vitest';
import { CPU_BUDGET, planExperiments } from '../../webview/experiments';
import { DEFAULT_PARAMS } from '../../webview/params';
import { isWorkerJob, isWorkerReply, taskCost } from '../../webview/sim-protocol';

describe('worker messages', () => {
  const plan = planExperiments(DEFAULT_PARAMS, CPU_BUDGET);

  it('accept the jobs the page builds, after structured cloning', () => {
    expect(isWorkerJob(structuredClone({ type: 'job', id: 1, tasks: plan.tasks, gpu: false }))).toBe(true);
  });

  it('reject anything else', () => {
    expect(isWorkerJob({ type: 'job', id: '1', tasks: [], gpu: false })).toBe(false);
    expect(isWorkerJob({ type: 'job', id: 1, tasks: [] })).toBe(false);
    expect(isWorkerJob({ type: 'job', id: 1, tasks: [{ kind: 'eval', spec: {} }], gpu: false })).toBe(false);
    expect(isWorkerReply({ type: 'progress', id: 1, fraction: 0.5 })).toBe(true);
    expect(isWorkerReply({ type: 'done', id: 1, results: [] })).toBe(true);
    expect(isWorkerReply({ type: 'error', id: 1 })).toBe(false);
    expect(isWorkerReply({ type: 'other', id: 1 })).toBe(false);
  });

  it('count a run as coordinates × seeds × steps and a Surge sweep by all its steps', () => {
    const run = plan.tasks.find((t) => t.kind === 'run');
    if (run?.kind !== 'run') throw new Error('no run');
    expect(taskCost(run)).toBe(run.spec.params * run.spec.seeds * run.spec.steps);
    const surge = plan.tasks.find((t) => t.kind === 'surge');
    if (surge?.kind !== 'surge') throw new Error('no sweep');
    const s = surge.spec;
    expect(taskCost(surge)).toBe(s.problem.dim * s.batchSizes.length * s.replicas * (
      s.warmupSteps + s.rounds * (s.lrGrid.length * s.horizon + 1)));
  });
});
