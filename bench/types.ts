/** One table of `npm run bench`: each `bench/*.bench.ts` default-exports a function returning these. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** What the figures mean, the peer they are compared with, what bounds them. */
  notes?: string[];
}

export type BenchSuite = () => Promise<BenchTable[]>;

/** Median and p95 of a list of durations (ms). */
export function percentiles(samples: number[]): { p50: number; p95: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), min: sorted[0] ?? NaN };
}

/** Runs `fn` repeatedly for at least `minMs` (and `minRuns` times) and returns the per-run times in ms. */
export async function timeRuns(fn: () => unknown, minRuns = 5, minMs = 200): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (times.length > 10_000) break;
  }
  return times;
}
