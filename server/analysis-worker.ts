/**
 * Big files are analysed on a worker thread, so that parsing 10,000 lines never blocks the server's
 * event loop (hovers on other documents, cancellations and newer edits keep flowing). The worker runs
 * the same bundle (`dist/server.js`) in worker mode; small files stay on the main thread, where the
 * message round trip would cost more than the parse. If the worker fails, analysis falls back to the
 * main thread and a new worker is started for the next big file.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnalysisSettings, FileAnalysis } from '../core/analysis';
import type { Analyzer } from './documents';

const ROLE = 'optlens-analysis';
/** ~2,000 lines of YAML: below this a parse takes a few milliseconds (bench/lsp.bench.ts). */
export const WORKER_THRESHOLD_CHARS = 64_000;

interface Job {
  id: number;
  text: string;
  fileName: string;
  settings: AnalysisSettings;
  options: { languageId?: string };
}
type Reply = { id: number; analysis: FileAnalysis } | { id: number; error: string };

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** The worker's side: analyse every job posted, reply with the result or the error. */
export function serveAnalysisJobs(analyze: Analyzer): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', async (job: Job) => {
    try {
      port.postMessage({ id: job.id, analysis: await analyze(job.text, job.fileName, job.settings, job.options) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}

/** An analyzer that sends texts of `threshold` characters or more to a worker running `script`. */
export function workerAnalyzer(script: string, local: Analyzer, threshold = WORKER_THRESHOLD_CHARS): Analyzer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (a: FileAnalysis) => void; fallback: () => void }>();

  const failAll = () => {
    worker = null;
    for (const job of pending.values()) job.fallback();
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(script, { workerData: { role: ROLE } });
    // The worker must not keep the server alive after the client goes.
    w.unref();
    w.on('message', (reply: Reply) => {
      const job = pending.get(reply.id);
      pending.delete(reply.id);
      if (!job) return;
      if ('analysis' in reply) job.resolve(reply.analysis);
      else job.fallback();
    });
    w.on('error', failAll);
    w.on('exit', failAll);
    return w;
  };

  return (text, fileName, settings, options) => {
    if (text.length < threshold) return local(text, fileName, settings, options);
    return new Promise<FileAnalysis>((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve, fallback: () => resolve(local(text, fileName, settings, options)) });
      try {
        worker ??= start();
        worker.postMessage({ id, text, fileName, settings, options } satisfies Job);
      } catch {
        pending.delete(id);
        resolve(local(text, fileName, settings, options));
      }
    });
  };
}
