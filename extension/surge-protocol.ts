/** What dist/surge-worker.js posts back to the extension host (surge-worker.ts). */
import type { SurgeResult } from '../core/sim/types';

export type SurgeWorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: SurgeResult }
  | { type: 'error'; message: string };
