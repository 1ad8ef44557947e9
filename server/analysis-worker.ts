/**
 * Every analysis runs on a worker thread, so that no file, however slow, blocks the server's event loop:
 * hovers on other documents, cancellations and newer edits keep flowing. The worker runs the same bundle
 * (`dist/server.js`) in worker mode. Two lanes, each one worker: small files never wait behind a big one.
 *
 * Each lane runs one job at a time and keeps at most one queued job per file: a newer version of a file
 * replaces its queued one (latest version wins; the replaced caller gets the newer result, which
 * documents.ts then sees is not its version), so typing in a large file holds at most two copies of it.
 * A job that runs past its time budget, or makes the worker run out of memory, is stopped with the
 * worker; the file gets an `analysis-stopped` finding and a fresh worker takes the next job. Closing a file drops
 * its jobs (`cancel`). Only if a worker cannot start at all does analysis fall back to the main thread.
 */
import { existsSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnalysisSettings, FileAnalysis } from '../core/analysis';
import { type AnalyzeOptions, stoppedAnalysis } from './analyze';
import type { Analyzer } from './documents';

const ROLE = 'optlens-analysis';
/** ~2,000 lines of YAML: texts this long or longer go to the big-file lane. */
export const WORKER_THRESHOLD_CHARS = 64_000;
/** How long one file's analysis may take before it is stopped (a 10 MB config takes ~2 s). */
export const ANALYSIS_BUDGET_MS = 10_000;
/** The worker's heap: past it the worker dies, not the server (Node's own default is ~4 GB). */
const WORKER_HEAP_MB = 1_536;

interface JobMessage {
  id: number;
  text: string;
  fileName: string;
  settings: AnalysisSettings;
  options: AnalyzeOptions;
}
type Reply = { id: number; analysis: FileAnalysis } | { id: number; error: string };

export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

/** The worker's side: analyse every job posted, reply with the result or the error. */
export function serveAnalysisJobs(analyze: Analyzer): void {
  const port = parentPort;
  if (!port) return;
  // Each job replies on its own; the port ignores what the listener returns, so errors are caught inside.
  port.on('message', (job: JobMessage) => void (async () => {
    try {
      port.postMessage({ id: job.id, analysis: await analyze(
        job.text, job.fileName, job.settings, job.options) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  })());
}

export interface WorkerAnalyzerOptions {
  /** Texts this long or longer use the big-file lane. */
  bigFileChars?: number;
  /** Per-job time budget. */
  budgetMs?: number;
}

interface Job {
  message: JobMessage;
  /** Everyone waiting for this file's analysis (superseded callers included). */
  waiting: ((analysis: FileAnalysis | PromiseLike<FileAnalysis>) => void)[];
  local: () => FileAnalysis | Promise<FileAnalysis>;
}

interface Lane {
  worker: Worker | null;
  running: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
  queue: Job[];
}

/** Observable state, for tests and the bench: how many jobs are running and queued. */
export interface AnalyzerState {
  running: number;
  queued: number;
}

/** An analyzer that runs every text on a worker started from `script`; `local` is the fallback when none can start. */
export function workerAnalyzer(script: string, localAnalyzer: Analyzer, options: WorkerAnalyzerOptions = {}):
  Analyzer & { cancel(fileName: string): void; state(): AnalyzerState } {
  const bigFileChars = options.bigFileChars ?? WORKER_THRESHOLD_CHARS;
  const budgetMs = options.budgetMs ?? ANALYSIS_BUDGET_MS;
  const lanes: Lane[] = [0, 1].map(() => ({ worker: null, running: null, timer: null, queue: [] }));
  /** No worker can run (no bundle to start it from): then every job runs on the main thread. */
  let unavailable = !existsSync(script);
  let nextId = 1;

  const finish = (job: Job, analysis: FileAnalysis | Promise<FileAnalysis>) => {
    for (const resolve of job.waiting) resolve(analysis);
  };
  const runLocally = (job: Job) => {
    try {
      finish(job, job.local());
    } catch (error) {
      finish(job, stoppedAnalysis(job.message.fileName, `analysis stopped: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  const stopWorker = (lane: Lane) => {
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    const worker = lane.worker;
    lane.worker = null;
    if (worker) void worker.terminate();
  };
  /** The running job ended one way or another: answer it and start the next. */
  const settle = (lane: Lane, analysis: FileAnalysis | null) => {
    const job = lane.running;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    lane.running = null;
    if (job) {
      if (analysis) finish(job, analysis);
      else runLocally(job);
    }
    pump(lane);
  };
  const start = (lane: Lane): Worker => {
    const worker = new Worker(script,
      { workerData: { role: ROLE }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // The worker must not keep the server alive after the client goes.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      if (lane.worker !== worker) return;
      const job = lane.running;
      if (!job || job.message.id !== reply.id) return;
      if ('analysis' in reply) settle(lane, reply.analysis);
      else settle(lane, stoppedAnalysis(job.message.fileName, `analysis stopped: ${reply.error}`));
    });
    const gone = (error?: Error) => {
      if (lane.worker !== worker) return;
      stopWorker(lane);
      // A crash is the file's doing (memory, a bug): never retried on the main thread, which it could crash too.
      const job = lane.running;
      const why = error?.message.includes('memory') ? 'it needed more memory than an editor can give it' : `the analysis crashed (${error?.message ?? 'exited'})`;
      settle(lane, job ? stoppedAnalysis(job.message.fileName, `analysis stopped: ${why}. OptLens shows no values for this file.`) : null);
    };
    worker.on('error', gone);
    worker.on('exit', () => gone());
    return worker;
  };
  const pump = (lane: Lane) => {
    if (lane.running) return;
    const job = lane.queue.shift();
    if (!job) return;
    if (unavailable) {
      runLocally(job);
      return pump(lane);
    }
    lane.running = job;
    try {
      lane.worker ??= start(lane);
      lane.worker.postMessage(job.message);
    } catch {
      unavailable = true;
      return settle(lane, null);
    }
    lane.timer = setTimeout(() => {
      stopWorker(lane);
      const seconds = Math.round(budgetMs / 100) / 10;
      settle(lane, stoppedAnalysis(job.message.fileName,
        `analysis stopped: file too complex (still running after ${seconds} s). OptLens shows no values for this file; other files are not affected.`));
    }, budgetMs);
    lane.timer.unref?.();
  };

  const analyzer: Analyzer = (text, fileName, settings, options) =>
    new Promise<FileAnalysis>((resolve) => {
      const local = () => localAnalyzer(text, fileName, settings, options);
      const lane = lanes[text.length >= bigFileChars ? 1 : 0];
      const message: JobMessage = { id: nextId++, text, fileName, settings, options };
      // Latest version wins: a queued job for the same file takes the newer text, and both callers its result.
      const queued = lanes.flatMap((l) => l.queue).find((j) => j.message.fileName === fileName);
      if (queued) {
        for (const l of lanes) l.queue = l.queue.filter((j) => j !== queued);
        queued.message = message;
        queued.local = local;
        queued.waiting.push(resolve);
        lane.queue.push(queued);
      } else {
        lane.queue.push({ message, waiting: [resolve], local });
      }
      pump(lane);
    });
  /**
   * The file was closed: its queued job is dropped and a running one stopped with its worker (the next job gets a
   * fresh one), so no copy of its text stays behind; its callers get a stopped analysis, which they discard.
   */
  const cancel = (fileName: string) => {
    const closed = () => stoppedAnalysis(fileName, 'analysis stopped: the document was closed.');
    for (const lane of lanes) {
      const dropped = lane.queue.filter((j) => j.message.fileName === fileName);
      lane.queue = lane.queue.filter((j) => j.message.fileName !== fileName);
      for (const job of dropped) finish(job, closed());
      if (lane.running?.message.fileName === fileName) {
        stopWorker(lane);
        settle(lane, closed());
      }
    }
  };
  return Object.assign(analyzer, {
    cancel,
    state: (): AnalyzerState => ({
      running: lanes.filter((l) => l.running).length,
      queued: lanes.reduce((n, l) => n + l.queue.length, 0),
    }),
  });
}
