/**
 * The worker thread of "Sweep Batch Size" (bundled as dist/surge-worker.js): runs the Surge Monte Carlo
 * (core/sim/surge.ts, science.md §3.6) one batch size at a time, off the extension host's thread, and
 * reports after each. The host cancels by terminating the worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { createSurgeRun } from '../core/sim/surge';
import type { SurgeSpec } from '../core/sim/types';
import type { SurgeWorkerReply } from './surge-protocol';

async function serve(spec: SurgeSpec, reply: (m: SurgeWorkerReply) => void): Promise<void> {
  const run = createSurgeRun(spec);
  for (;;) {
    const progress = await run.advance(1);
    reply({ type: 'progress', done: progress.stepsDone, total: progress.totalSteps });
    if (progress.done) break;
  }
  reply({ type: 'done', result: run.result() });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.once('message', (spec: SurgeSpec) => {
    serve(spec, (m) => port.postMessage(m)).catch((error: unknown) => port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  });
}
