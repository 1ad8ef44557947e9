/**
 * Runs a job of simulation tasks off the page's thread, where it is fastest:
 * - the GPU worker: gpu.js on WebGL2 through an OffscreenCanvas, running kernels
 *   (core/sim/gpu), when the page's browser has WebGL2 and OffscreenCanvas;
 * - the CPU workers (one per spare core, up to 4, the tasks shared out by cost): reference simulator, for
 *   everything else and for what the GPU simulator cannot run (Muon, the Surge sweeps); all run at once.
 * gpu.js's own cpu and webasm fallbacks are never used: they need 'unsafe-eval'/'wasm-unsafe-eval', which
 * the webview's CSP does not grant.
 */
import type { GPU } from 'gpu.js';
import { gpuBackendName, gpuSpecProblem } from '../core/sim/gpu/gpu-run';
import type { SimTask, SimTaskResult, WorkerJob } from './sim-protocol';
import { isWorkerReply, taskCost } from './sim-protocol';

export interface Backend {
  kind: 'gpu' | 'worker';
  /** A software WebGL2 (SwiftShader, llvmpipe): correct but slower than the CPU worker, so it gets less work. */
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

type GpuConstructor = (new (settings?: { mode?: string }) => GPU) & {
  isWebGL2Supported?: boolean; isOffscreenCanvasSupported?: boolean };

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

/**
 * The gpu.js backend a worker will get, when gpu.js is loaded (global `GPU` from gpu-browser.min.js) and
 * the browser has WebGL2 and OffscreenCanvas (a worker has no DOM canvas); else null. The probe instance
 * is destroyed at once: the GPU worker makes its own.
 */
export function detectGpu(global: { GPU?: unknown } = globalThis as { GPU?: unknown }): string | null {
  const ctor = global.GPU as GpuConstructor | undefined;
  if (typeof ctor !== 'function' || !ctor.isWebGL2Supported || !ctor.isOffscreenCanvasSupported) return null;
  try {
    const gpu = new ctor({ mode: 'webgl2' });
    const name = gpuBackendName(gpu);
    void gpu.destroy();
    return name === 'webgl2' ? name : null;
  } catch {
    return null;
  }
}

/**
 * Starts a worker from a blob of its script (VS Code serves webview resources through a service worker
 * that `new Worker(url)` cannot use); `prefix` scripts (gpu.js) are joined in front, since a worker from a
 * blob cannot importScripts under a nonce-only CSP.
 */
async function startWorker(urls: string[]): Promise<Worker> {
  const sources = await Promise.all(urls.map(async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  }));
  return new Worker(URL.createObjectURL(new Blob([sources.join(';\n')], { type: 'text/javascript' })));
}

export interface Runner {
  readonly backend: Backend;
  /** `gpuWanted(i)` says which tasks may go to the GPU (default all it can run); the rest go to the CPU worker. */
  run(tasks: SimTask[], onProgress: (fraction: number) => void, gpuWanted?: (index: number) => boolean): JobHandle;
  dispose(): void;
}

let nextJobId = 1;

/**
 * CPU workers to spread a job over: the cores the browser reports, less one for the page and the editor,
 * at most 4 (a job has ~15 tasks of unequal size; more workers mostly wait on the largest).
 */
export function cpuWorkerCount(cores: number | undefined): number {
  return Math.max(1, Math.min(4, (cores ?? 2) - 1));
}

/** Tasks split into `n` groups of similar cost (largest first into the lightest group), each keeping its indices. */
export function shareOut<T>(tasks: readonly T[], n: number, cost: (t: T) => number): number[][] {
  const groups = Array.from({ length: n }, () => ({ indices: [] as number[], cost: 0 }));
  const order = tasks.map((t, i) => ({ i, c: cost(t) })).sort((a, b) => b.c - a.c);
  for (const { i, c } of order) {
    const lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.indices.push(i);
    lightest.cost += c;
  }
  return groups.map((g) => g.indices.sort((a, b) => a - b)).filter((g) => g.length > 0);
}

export function createRunner(options: {
  workerUrl: string; gpuScriptUrl: string; gpuBackend: string | null; cpuWorkers?: number }): Runner {
  const cpuCount = options.cpuWorkers ?? cpuWorkerCount(globalThis.navigator?.hardwareConcurrency);
  const workers: { cpu: (Promise<Worker> | null)[]; gpu: Promise<Worker> | null } =
    { cpu: Array.from({ length: cpuCount }, () => null), gpu: null };
  const software = options.gpuBackend !== null && isSoftwareRenderer(webglRenderer());
  const backend: Backend = options.gpuBackend
    ? { kind: 'gpu', software, label: `gpu:${options.gpuBackend}${software ? ' (software)' : ''}` }
    : { kind: 'worker', software: false, label: 'cpu-worker' };

  const killWorkers = () => {
    for (const w of [workers.gpu, ...workers.cpu]) void w?.then((x) => x.terminate(), () => undefined);
    workers.gpu = null;
    workers.cpu = workers.cpu.map(() => null);
  };

  function workerFor(kind: 'cpu' | 'gpu', slot: number): Promise<Worker> {
    if (kind === 'gpu') return (workers.gpu ??= startWorker([options.gpuScriptUrl, options.workerUrl]));
    return (workers.cpu[slot] ??= startWorker([options.workerUrl]));
  }

  /** The CPU share of a job, spread over the CPU workers; results back in task order. */
  function runOnCpus(tasks: SimTask[], onProgress: (fraction: number) => void): Promise<SimTaskResult[]> {
    const groups = shareOut(tasks, workers.cpu.length, taskCost);
    const weights = groups.map((g) => g.reduce((s, i) => s + taskCost(tasks[i]), 0));
    const total = Math.max(1, weights.reduce((a, b) => a + b, 0));
    const progress = groups.map(() => 0);
    return Promise.all(groups.map((g, slot) => runIn('cpu', g.map((i) => tasks[i]), (f) => {
      progress[slot] = f;
      onProgress(progress.reduce((s, p, k) => s + p * (weights[k] ?? 0), 0) / total);
    }, slot))).then((parts) => {
      const out = new Array<SimTaskResult>(tasks.length);
      groups.forEach((g, slot) => g.forEach((i, k) => (out[i] = parts[slot][k]!)));
      return out;
    });
  }

  function runIn(kind: 'cpu' | 'gpu', tasks: SimTask[], onProgress: (fraction: number) => void, slot = 0): Promise<SimTaskResult[]> {
    if (tasks.length === 0) return Promise.resolve([]);
    const id = nextJobId++;
    return workerFor(kind, slot).then(
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
          const job: WorkerJob = { type: 'job', id, tasks, gpu: kind === 'gpu' };
          w.postMessage(job);
        }),
    );
  }

  return {
    backend,
    run(tasks, onProgress, gpuWanted = () => true) {
      let cancelled = false;
      // A terminated worker never answers: cancelling settles the job through this promise instead.
      let settleCancelled = (_: Error) => {};
      const cancelledPromise = new Promise<never>((_, reject) => (settleCancelled = reject));
      const onGpu = tasks.map((t, i) => backend.kind === 'gpu' && t.kind === 'run' && gpuWanted(i) && gpuSpecProblem(t.spec) === null);
      const gpuTasks = tasks.filter((_, i) => onGpu[i]);
      const cpuTasks = tasks.filter((_, i) => !onGpu[i]);
      const share = { gpu: gpuTasks.reduce((s, t) => s + taskCost(t), 0),
        cpu: cpuTasks.reduce((s, t) => s + taskCost(t), 0) };
      const progress = { gpu: 0, cpu: 0 };
      const report = () => onProgress(
        (progress.gpu * share.gpu + progress.cpu * share.cpu) / Math.max(1, share.gpu + share.cpu));
      const all = Promise.all([
        runIn('gpu', gpuTasks, (f) => ((progress.gpu = f), report())),
        runOnCpus(cpuTasks, (f) => ((progress.cpu = f), report())),
      ]).then(([fromGpu, fromCpu]) => {
        if (cancelled) throw new CancelledError();
        let g = 0;
        let c = 0;
        return tasks.map((_, i) => (onGpu[i] ? fromGpu[g++] : fromCpu[c++]));
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
          killWorkers();
          settleCancelled(new CancelledError());
        },
      };
    },
    dispose: killWorkers,
  };
}
