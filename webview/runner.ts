/**
 * Runs a job of simulation tasks where it is fastest without blocking the page:
 * - on the GPU through gpu.js (WebGL2; engineer H's kernels, core/sim/gpu) when the page has a WebGL2
 *   context: the arithmetic runs on the GPU and the page thread only queues short chunks (~30 ms) with
 *   a macrotask between them, so sliders and the Cancel button stay live;
 * - otherwise, and for what the GPU simulator cannot run (Muon, the Surge sweeps), in the CPU Web Worker.
 * gpu.js's own cpu and webasm fallbacks are never used: they need 'unsafe-eval'/'wasm-unsafe-eval', which
 * the webview's CSP does not grant.
 */
import type { GPU } from 'gpu.js';
import { driveRun } from '../core/sim/drive';
import { createGpuRun, gpuBackendName, gpuSpecProblem } from '../core/sim/gpu/gpu-run';
import type { SimulationProgress, SimulationRun } from '../core/sim/types';
import type { SimTask, SimTaskResult, WorkerJob } from './sim-protocol';
import { isWorkerReply, taskCost } from './sim-protocol';

export interface Backend {
  kind: 'gpu' | 'worker';
  /** A software WebGL2 (SwiftShader, llvmpipe): correct but slower than the worker, so it gets less work. */
  software: boolean;
  /** As shown to the user: `gpu:webgl2`, `cpu-worker`. */
  label: string;
}

export interface JobHandle {
  /** Results in task order; rejects with `CancelledError` after `cancel()`. */
  done: Promise<SimTaskResult[]>;
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'CancelledError';
  }
}

type GpuConstructor = (new (settings?: { mode?: string }) => GPU) & { isWebGL2Supported?: boolean };

/** Whether this page's WebGL2 is a CPU rasterizer (the renderer string names it). */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
}

function webglRenderer(): string {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return '';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return '';
  }
}

/** gpu.js's WebGL2 backend when the page has one (the global `GPU` comes from gpu-browser.min.js), else null. */
export function detectGpu(global: { GPU?: unknown } = globalThis as { GPU?: unknown }): GPU | null {
  const ctor = global.GPU as GpuConstructor | undefined;
  if (typeof ctor !== 'function' || !ctor.isWebGL2Supported) return null;
  try {
    const gpu = new ctor({ mode: 'webgl2' });
    return gpuBackendName(gpu) === 'webgl2' ? gpu : null;
  } catch {
    return null;
  }
}

/** Starts the worker from a blob of its script: VS Code's resource URLs cannot be loaded by `new Worker`. */
async function startWorker(url: string): Promise<Worker> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status}`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    return new Worker(URL.createObjectURL(blob));
  } catch {
    return new Worker(url);
  }
}

/** A macrotask boundary: lets the page handle input and paint between GPU chunks. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Wraps a run so that every chunk starts after a macrotask, and stops once `signal` is aborted. */
function yieldingRun(run: SimulationRun, signal: AbortSignal): SimulationRun {
  return {
    spec: run.spec,
    backend: run.backend,
    async advance(maxSteps: number): Promise<SimulationProgress> {
      await yieldToPage();
      if (signal.aborted) throw new CancelledError();
      return run.advance(maxSteps);
    },
    result: () => run.result(),
    dispose: () => run.dispose(),
  };
}

export interface Runner {
  readonly backend: Backend;
  /** `gpuWanted(i)` says which tasks may go to the GPU (default all it can run); the rest go to the worker. */
  run(tasks: SimTask[], onProgress: (fraction: number) => void, gpuWanted?: (index: number) => boolean): JobHandle;
  dispose(): void;
}

let nextJobId = 1;

export function createRunner(options: { workerUrl: string; gpu: GPU | null }): Runner {
  const { gpu } = options;
  let worker: Promise<Worker> | null = null;
  const software = gpu !== null && isSoftwareRenderer(webglRenderer());
  const backend: Backend = gpu
    ? { kind: 'gpu', software, label: `gpu:${gpuBackendName(gpu)}${software ? ' (software)' : ''}` }
    : { kind: 'worker', software: false, label: 'cpu-worker' };

  const killWorker = () => {
    const w = worker;
    worker = null;
    void w?.then((x) => x.terminate());
  };

  function runInWorker(tasks: SimTask[], onProgress: (fraction: number) => void): Promise<SimTaskResult[]> {
    if (tasks.length === 0) return Promise.resolve([]);
    worker ??= startWorker(options.workerUrl);
    const id = nextJobId++;
    return worker.then(
      (w) =>
        new Promise<SimTaskResult[]>((resolve, reject) => {
          w.onmessage = (event: MessageEvent<unknown>) => {
            const reply = event.data;
            if (!isWorkerReply(reply) || reply.id !== id) return;
            if (reply.type === 'progress') onProgress(reply.fraction);
            else if (reply.type === 'done') resolve(reply.results);
            else reject(new Error(reply.message));
          };
          w.onerror = (event) => reject(new Error(event.message || 'the simulation worker failed'));
          const job: WorkerJob = { type: 'job', id, tasks };
          w.postMessage(job);
        }),
    );
  }

  async function runOnGpu(g: GPU, tasks: SimTask[], signal: AbortSignal, onProgress: (fraction: number) => void): Promise<SimTaskResult[]> {
    const costs = tasks.map(taskCost);
    const total = costs.reduce((a, b) => a + b, 0) || 1;
    let done = 0;
    const out: SimTaskResult[] = [];
    for (const [i, task] of tasks.entries()) {
      if (task.kind !== 'run') throw new Error('only plain runs go to the GPU');
      const run = yieldingRun(createGpuRun(g, task.spec), signal);
      try {
        const cost = costs[i] ?? 0;
        // ~60 ms chunks: each gpu.js call has a fixed cost (upload, readback), so shorter ones waste the GPU.
        out.push({ kind: 'run', result: await driveRun(run, { chunkMs: 60, signal, onProgress: (p) => onProgress((done + (cost * p.stepsDone) / p.totalSteps) / total) }) });
        done += cost;
      } finally {
        run.dispose();
      }
      if (signal.aborted) throw new CancelledError();
    }
    return out;
  }

  return {
    backend,
    run(tasks, onProgress, gpuWanted = () => true) {
      const controller = new AbortController();
      let cancelled = false;
      // A terminated worker never answers: cancelling settles the job through this promise instead.
      let settleCancelled = (_: Error) => {};
      const cancelledPromise = new Promise<never>((_, reject) => (settleCancelled = reject));
      // Split: plain runs the GPU can do go there; the rest to the worker, both at once.
      const onGpu = tasks.map((t, i) => gpu !== null && t.kind === 'run' && gpuWanted(i) && gpuSpecProblem(t.spec) === null);
      const gpuTasks = tasks.filter((_, i) => onGpu[i]);
      const workerTasks = tasks.filter((_, i) => !onGpu[i]);
      const gpuShare = gpuTasks.reduce((s, t) => s + taskCost(t), 0);
      const workerShare = workerTasks.reduce((s, t) => s + taskCost(t), 0);
      const progress = { gpu: 0, worker: 0 };
      const report = () => onProgress((progress.gpu * gpuShare + progress.worker * workerShare) / Math.max(1, gpuShare + workerShare));
      const all = Promise.all([
        gpu && gpuTasks.length > 0 ? runOnGpu(gpu, gpuTasks, controller.signal, (f) => ((progress.gpu = f), report())) : Promise.resolve([]),
        runInWorker(workerTasks, (f) => ((progress.worker = f), report())),
      ]).then(([fromGpu, fromWorker]) => {
        if (cancelled) throw new CancelledError();
        let g = 0;
        let w = 0;
        return tasks.map((_, i) => (onGpu[i] ? fromGpu[g++] : fromWorker[w++]) as SimTaskResult);
      });
      const done = Promise.race([all, cancelledPromise]);
      // Whichever loses the race must not surface as an unhandled rejection.
      all.catch(() => {});
      cancelledPromise.catch(() => {});
      return {
        done,
        cancel() {
          if (cancelled) return;
          cancelled = true;
          controller.abort();
          killWorker();
          settleCancelled(new CancelledError());
        },
      };
    },
    dispose: killWorker,
  };
}
