/**
 * "Sweep Batch Size": shows η*(B) from the theory at once, then checks it by the Surge Monte Carlo
 * (science.md §3.6, core/sim/surge-compare) on a worker thread (dist/surge-worker.js) behind a
 * cancellable progress notification, and redraws the report with the measured points.
 */
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { PredictionInput } from '../core/prediction';
import { compareSurge, surgeSpecOf } from '../core/sim/surge-compare';
import type { SurgeResult, SurgeSpec } from '../core/sim/types';
import type { ReportDocument } from '../core/webview-messages';
import { formatCount } from './format';
import { OPTIMIZER_DISPLAY_NAMES } from './optimizer-names';
import type { SurgeWorkerReply } from './surge-protocol';
import { sweepReport, type SimulatedSweep } from './report/sweep-report';

/**
 * Size of the sweep: 128 coordinates × 8 replicas × 100 rounds at 5 batch sizes per decade (the same work as
 * 4 × 200; eight replicas give each point's jackknife standard error 7 degrees of freedom). About a second
 * of one core.
 */
const SWEEP_SIZE = { dim: 128, replicas: 8, rounds: 100, perDecade: 5 } as const;

/** The Monte Carlo sweep of `input`'s optimizer, normalised as the report draws it. */
export function simulatedSweep(input: PredictionInput, spec: SurgeSpec, result: SurgeResult): SimulatedSweep {
  const s = input.noiseScale ?? 1;
  const comparison = compareSurge(input, spec, result);
  return {
    label: OPTIMIZER_DISPLAY_NAMES[input.optimizer],
    backend: comparison.backend,
    points: comparison.rows.map((r) => ({
      batchRatio: r.batchSize / s, relative: r.simulated, stderr: r.simulatedStderr, predicted: r.predicted,
      agreement: r.agreement,
    })),
    peakRatio: comparison.simulatedPeak === null ? null : comparison.simulatedPeak / s,
    predictedPeakRatio: comparison.predictedPeakOnGrid === null ? null : comparison.predictedPeakOnGrid / s,
  };
}

/** Runs `spec` on a worker thread; resolves null when cancelled. */
function runInWorker(
  script: string, spec: SurgeSpec, onProgress: (done: number, total: number) => void, token: vscode.CancellationToken,
): Promise<SurgeResult | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    const finish = (value: SurgeResult | null, error?: Error) => {
      void worker.terminate();
      if (error) reject(error);
      else resolve(value);
    };
    token.onCancellationRequested(() => finish(null));
    worker.on('message', (m: SurgeWorkerReply) => {
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') finish(m.result);
      else finish(null, new Error(m.message));
    });
    worker.on('error', (error) => finish(null, error));
    worker.postMessage(spec);
  });
}

/**
 * Shows the theory sweep, then the same with Monte Carlo points. Returns the final report, or null when
 * the config has no noise scale (the caller explains).
 */
export async function sweepBatchSize(
  workerScript: string, input: PredictionInput, fileName: string, show: (report: ReportDocument) => void,
): Promise<ReportDocument | null> {
  const theory = sweepReport(input, fileName);
  if (!theory) return null;
  show(theory);
  const spec = surgeSpecOf(input, { seed: 1, ...SWEEP_SIZE });
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `OptLens: checking η*(B) by Monte Carlo (B_simple = ${formatCount(input.noiseScale)})`, cancellable: true },
    (progress, token) => {
      let reported = 0;
      return runInWorker(workerScript, spec, (done, total) => {
        const percent = (100 * done) / total;
        progress.report({ increment: percent - reported, message: `${done} / ${total} batch sizes` });
        reported = percent;
      }, token);
    },
  );
  if (!result) return theory;
  const report = sweepReport(input, fileName, [simulatedSweep(input, spec, result)]) ?? theory;
  show(report);
  return report;
}
