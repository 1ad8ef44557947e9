/**
 * Drives any `SimulationRun` (CPU, workers, GPU) to completion in chunks of about `chunkMs`,
 * reporting progress and stopping at the next chunk once `signal` is aborted. The chunk length
 * adapts to the measured speed, so a slow backend still reports progress and cancels promptly.
 */
import type { SimulationProgress, SimulationResult, SimulationRun } from './types';

export interface DriveOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SimulationProgress) => void;
  /** Target wall-clock length of one chunk, in ms (default 100). */
  chunkMs?: number;
}

export async function driveRun(run: SimulationRun, options: DriveOptions = {}): Promise<SimulationResult> {
  const target = options.chunkMs ?? 100;
  const perStep = run.spec.params * run.spec.seeds;
  // First chunk: ~1e6 element-steps, small enough to come back quickly on any backend.
  let chunk = Math.max(1, Math.floor(1e6 / perStep));
  for (;;) {
    if (options.signal?.aborted) break;
    const started = globalThis.performance.now();
    const progress = await run.advance(chunk);
    const took = globalThis.performance.now() - started;
    options.onProgress?.(progress);
    if (progress.done) break;
    // Scale the next chunk toward the target duration, at most ×4 at a time.
    const scale = took > 0 ? Math.min(4, Math.max(0.25, target / took)) : 4;
    chunk = Math.max(1, Math.floor(chunk * scale));
  }
  return run.result();
}
