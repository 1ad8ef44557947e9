/**
 * Messages between the playground page and its simulation Web Workers (sim-worker.ts). A job is a list of
 * tasks run in order: plain runs (SimulationSpec, science.md §5) and Surge sweeps (SurgeSpec, §3.6).
 * Cancel = the page terminates the worker, which is immediate whatever the worker is doing.
 */
import type { SimulationResult, SimulationSpec, SurgeResult, SurgeSpec } from '../core/sim/types';

export type SimTask = { kind: 'run'; spec: SimulationSpec } | { kind: 'surge'; spec: SurgeSpec };
export type SimTaskResult = { kind: 'run'; result: SimulationResult } | { kind: 'surge'; result: SurgeResult };

export interface WorkerJob {
  type: 'job';
  id: number;
  tasks: SimTask[];
  /** Run the plain runs through gpu.js (WebGL2 on an OffscreenCanvas): only in the worker started with gpu.js. */
  gpu: boolean;
}

export type WorkerReply =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; results: SimTaskResult[] }
  | { type: 'error'; id: number; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The worker's check of what it receives (it only accepts jobs built by the page, but checks the shape). */
export function isWorkerJob(value: unknown): value is WorkerJob {
  if (!isRecord(value) || value.type !== 'job' || typeof value.id !== 'number' || typeof value.gpu !== 'boolean' || !Array.isArray(value.tasks)) return false;
  return value.tasks.every((t) => isRecord(t) && (t.kind === 'run' || t.kind === 'surge') && isRecord(t.spec));
}

/** The page's check of what the worker replies. */
export function isWorkerReply(value: unknown): value is WorkerReply {
  if (!isRecord(value) || typeof value.id !== 'number') return false;
  switch (value.type) {
    case 'progress':
      return typeof value.fraction === 'number';
    case 'done':
      return Array.isArray(value.results);
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

/** Work of a task in element-steps (Surge: every stationary and trial step of every replica), for one progress bar over
 * a job. */
export function taskCost(task: SimTask): number {
  if (task.kind === 'run') return task.spec.params * task.spec.seeds * task.spec.steps;
  const s = task.spec;
  return s.problem.dim * s.batchSizes.length * s.replicas * (
    s.warmupSteps + s.rounds * (s.lrGrid.length * s.horizon + 1));
}
