/**
 * The playground's simulation worker, so that no simulation runs on the page's thread. Two copies run:
 * - the CPU worker: float64 reference simulator (core/sim);
 * - the GPU worker: the same script started after gpu.js's browser build (the page joins the two into one
 *   blob), running kernels (core/sim/gpu) on WebGL2 through an OffscreenCanvas.
 * A job's tasks run in order, in chunks (core/sim/drive.ts), with progress after each chunk; the page
 * cancels by terminating the worker.
 */
import type { GPU } from 'gpu.js';
import { createCpuRun } from '../core/sim/cpu-run';
import { driveRun } from '../core/sim/drive';
import { createGpuRun, gpuSpecProblem } from '../core/sim/gpu/gpu-run';
import { createSurgeRun } from '../core/sim/surge';
import type { SimTask, SimTaskResult, WorkerReply } from './sim-protocol';
import { isWorkerJob, taskCost } from './sim-protocol';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  GPU?: (new (settings: { mode: string }) => GPU) & { isWebGL2Supported?: boolean };
}
const scope = self as unknown as WorkerScope;

let gpu: GPU | null | undefined;
/** gpu.js on WebGL2 in this worker, when this copy was started with gpu.js and the context exists. */
function workerGpu(): GPU | null {
  if (gpu === undefined) {
    const ctor = scope.GPU;
    try {
      gpu = ctor?.isWebGL2Supported ? new ctor({ mode: 'webgl2' }) : null;
    } catch {
      gpu = null;
    }
  }
  return gpu;
}

scope.onmessage = (event) => {
  const job = event.data;
  if (!isWorkerJob(job)) {
    const id = typeof (job as { id?: unknown } | null)?.id === 'number' ? (job as { id: number }).id : -1;
    scope.postMessage({ type: 'error', id, message: 'malformed simulation job' });
    return;
  }
  void runJob(job.id, job.tasks, job.gpu ? workerGpu() : null);
};

async function runTask(task: SimTask, g: GPU | null, report: (fraction: number) => void): Promise<SimTaskResult> {
  if (task.kind === 'run') {
    const onGpu = g !== null && gpuSpecProblem(task.spec) === null;
    const run = onGpu ? createGpuRun(g, task.spec) : createCpuRun(task.spec, undefined, 'cpu-worker');
    try {
      const result = await driveRun(run, { chunkMs: 100, onProgress: (p) => report(p.stepsDone / p.totalSteps) });
      return { kind: 'run', result };
    } finally {
      run.dispose();
    }
  }
  const run = createSurgeRun(task.spec);
  for (;;) {
    const p = await run.advance(1);
    report(p.stepsDone / p.totalSteps);
    if (p.done) break;
  }
  return { kind: 'surge', result: { ...run.result(), backend: 'cpu-worker' } };
}

async function runJob(id: number, tasks: SimTask[], g: GPU | null): Promise<void> {
  const costs = tasks.map(taskCost);
  const total = costs.reduce((a, b) => a + b, 0) || 1;
  let done = 0;
  const results: SimTaskResult[] = [];
  try {
    for (const [i, task] of tasks.entries()) {
      const cost = costs[i] ?? 0;
      results.push(await runTask(task, g, (fraction) => scope.postMessage({ type: 'progress', id, fraction: (done + fraction * cost) / total })));
      done += cost;
    }
    scope.postMessage({ type: 'done', id, results });
  } catch (error) {
    scope.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
