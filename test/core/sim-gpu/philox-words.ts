/**
 * A gpu.js kernel that returns the raw Philox2x24-12 words for counters (thread, pair), built from
 * the same float-exact helper functions as the update kernel: on any backend its output must equal
 * the TypeScript mirror exactly, which is what "exact in float32" promises. Shared by the Node and
 * browser tests.
 */
import type { GPU } from 'gpu.js';
import { createKernel, type KernelThis } from '../../../core/sim/gpu/gpu-kernel';
import { PHILOX24_HELPERS, philox24Pair, type Philox24Helpers } from '../../../core/sim/gpu/philox24';

function philoxWordsKernel(this: KernelThis<unknown, Philox24Helpers>, pair: number, key: number): number[] {
  let x0 = this.thread.x * 1.0;
  let x1 = pair;
  let roundKey = key;
  for (let round = 0; round < 12; round++) {
    const hi = this.mulHi24(13783327.0, x0);
    const lo = this.mulLo24(13783327.0, x0);
    x0 = this.addMod24(this.rotate7(this.addMod24(hi, x1)), roundKey);
    x1 = this.rotate13(lo);
    roundKey = this.addMod24(roundKey, 10368889.0);
  }
  return [x0, x1, 0.0, 0.0];
}

/** Counters (0…count−1, pair) under `key` whose GPU words differ from the mirror's. */
export function philoxWordMismatches(gpu: GPU, count: number, pair: number, key: number): number {
  const kernel = createKernel(gpu, philoxWordsKernel, {
    output: [count],
    precision: 'single',
    tactic: 'precision',
    returnType: 'Array(4)',
    functions: PHILOX24_HELPERS,
  });
  const out = kernel(pair, key) as Float32Array[];
  kernel.destroy();
  let mismatches = 0;
  out.forEach((texel, i) => {
    const [w0, w1] = philox24Pair(i, pair, key);
    if (texel[0] !== w0 || texel[1] !== w1) mismatches++;
  });
  return mismatches;
}
