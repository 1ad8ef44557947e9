/**
 * The playground's CPU simulation backend: engineer B's float64 reference simulator (core/sim) in a Web
 * Worker, so that the UI thread only draws. Runs a job's tasks in order and reports progress after each
 * chunk (core/sim/drive.ts sizes chunks to ~50 ms); the page cancels by terminating the worker.
 */
import { createCpuRun } from '../core/sim/cpu-run';
import { driveRun } from '../core/sim/drive';
import { createSurgeRun } from '../core/sim/surge';
import type { SimTask, SimTaskResult, WorkerReply } from './sim-protocol';
import { isWorkerJob, taskCost } from './sim-protocol';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const job = event.data;
  if (!isWorkerJob(job)) {
    const id = typeof (job as { id?: unknown } | null)?.id === 'number' ? (job as { id: number }).id : -1;
    scope.postMessage({ type: 'error', id, message: 'malformed simulation job' });
    return;
  }
  void runJob(job.id, job.tasks);
};

async function runTask(task: SimTask, report: (fraction: number) => void): Promise<SimTaskResult> {
  if (task.kind === 'run') {
    const run = createCpuRun(task.spec, undefined, 'cpu-worker');
    const result = await driveRun(run, { chunkMs: 50, onProgress: (p) => report(p.stepsDone / p.totalSteps) });
    run.dispose();
    return { kind: 'run', result };
  }
  const run = createSurgeRun(task.spec);
  for (;;) {
    const p = await run.advance(1);
    report(p.stepsDone / p.totalSteps);
    if (p.done) break;
  }
  return { kind: 'surge', result: { ...run.result(), backend: 'cpu-worker' } };
}

async function runJob(id: number, tasks: SimTask[]): Promise<void> {
  const costs = tasks.map(taskCost);
  const total = costs.reduce((a, b) => a + b, 0) || 1;
  let done = 0;
  const results: SimTaskResult[] = [];
  try {
    for (const [i, task] of tasks.entries()) {
      const cost = costs[i] ?? 0;
      results.push(await runTask(task, (fraction) => scope.postMessage({ type: 'progress', id, fraction: (done + fraction * cost) / total })));
      done += cost;
    }
    scope.postMessage({ type: 'done', id, results });
  } catch (error) {
    scope.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
