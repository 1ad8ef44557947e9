/**
 * Worker threads for the CPU simulator in Node, on the host side that starts them (the extension host and
 * the CLI; core/ stays free of I/O). Bundled as dist/sim-worker.js: run as a worker it serves one shard of an
 * experiment; imported
 * on the main thread it provides `createWorkerRun`, which splits an experiment over workers and
 * merges their accumulators into one `SimulationRun`. The browser's equivalent is
 * webview/sim-worker.ts around the same `createCpuRun`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, type MessagePort } from 'node:worker_threads';
import { buildResult, mergeAccumulators, type RecordAccumulators } from '../core/sim/accumulate';
import { createCpuRun, splitShards, type CpuRun, type Shard } from '../core/sim/cpu-run';
import { NORMAL_BLOCK } from '../core/sim/rng';
import type { SimulationProgress, SimulationResult, SimulationRun, SimulationSpec } from '../core/sim/types';

type ToWorker = { type: 'init'; spec: SimulationSpec; shard: Shard } | { type: 'advance'; maxSteps: number };
type FromWorker =
  | { type: 'progress'; stepsDone: number; elapsedMs: number; acc: RecordAccumulators }
  | { type: 'error'; message: string };

function serve(port: MessagePort): void {
  let run: CpuRun | null = null;
  port.on('message', (message: ToWorker) => {
    const reply = (m: FromWorker) => port.postMessage(m);
    try {
      if (message.type === 'init') {
        run = createCpuRun(message.spec, message.shard);
        reply({ type: 'progress', stepsDone: 0, elapsedMs: 0, acc: run.accumulators() });
      } else if (run) {
        const current = run;
        void current.advance(message.maxSteps).then(
          () => reply({ type: 'progress', stepsDone: current.stepsDone, elapsedMs: current.elapsedMs, acc: current.accumulators() }),
          (error: unknown) => reply({ type: 'error', message: String(error) }),
        );
      } else {
        reply({ type: 'error', message: 'advance before init' });
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

if (!isMainThread && parentPort) serve(parentPort);

/** Sends one message to a worker and waits for its answer. */
function ask(worker: Worker, message: ToWorker): Promise<Extract<FromWorker, { type: 'progress' }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      worker.off('error', onError);
      if (m.type === 'error') reject(new Error(m.message));
      else resolve(m);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message);
  });
}

export interface WorkerRunOptions {
  /** Path of the bundled worker (dist/sim-worker.js). */
  script: string;
  /** Worker threads to use; default: the machine's available parallelism. */
  workers?: number;
}

/** Whether worker threads can be used: the bundled worker exists next to the caller. */
export function workerScriptExists(script: string): boolean {
  return existsSync(script);
}

/** Runs an experiment over worker threads; one shard per worker, the same numbers as `createCpuRun`. */
export async function createWorkerRun(spec: SimulationSpec, options: WorkerRunOptions): Promise<SimulationRun> {
  const shards = splitShards(spec, options.workers ?? availableParallelism(), NORMAL_BLOCK);
  const workers = shards.map(() => new Worker(options.script));
  const latest: { stepsDone: number; elapsedMs: number; acc: RecordAccumulators }[] = [];
  const backend = `cpu-workers:${shards.length}`;
  let wallMs = 0;
  try {
    latest.push(...(await Promise.all(workers.map((w, k) => ask(w, { type: 'init', spec, shard: shards[k] })))));
  } catch (error) {
    for (const w of workers) void w.terminate();
    throw error;
  }
  const stepsDone = () => Math.min(...latest.map((l) => l.stepsDone));
  return {
    spec,
    backend,
    async advance(maxSteps: number): Promise<SimulationProgress> {
      const started = performance.now();
      const replies = await Promise.all(workers.map((w) => ask(w, { type: 'advance', maxSteps })));
      wallMs += performance.now() - started;
      replies.forEach((r, k) => (latest[k] = r));
      const done = stepsDone();
      return { stepsDone: done, totalSteps: spec.steps, done: done >= spec.steps };
    },
    result(): SimulationResult {
      const acc = mergeAccumulators(latest.map((l) => l.acc));
      return buildResult(spec, acc, stepsDone(), backend, wallMs);
    },
    dispose() {
      for (const w of workers) void w.terminate();
    },
  };
}
