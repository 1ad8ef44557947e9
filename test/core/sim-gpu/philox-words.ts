/**
 * A gpu.js kernel that returns the raw Philox2x24-12 words for counters (thread, pair), built from
 * the same float-exact helper functions as the update kernel: on any backend its output must equal
 * the TypeScript mirror exactly, which is what "exact in float32" promises. Shared by the Node and
 * browser tests.
 */
import type { GPU, IGPUKernelSettings, IKernelFunctionThis } from 'gpu.js';
import { addMod24, mulHi24, mulLo24, philox24Pair, rotate13, rotate7 } from '../../../core/sim/gpu/philox24';

function philoxWordsKernel(this: IKernelFunctionThis, pair: number, key: number): number[] {
  let x0 = this.thread.x * 1.0;
  let x1 = pair;
  let roundKey = key;
  for (let round = 0; round < 12; round++) {
    const hi = mulHi24(13783327.0, x0);
    const lo = mulLo24(13783327.0, x0);
    x0 = addMod24(rotate7(addMod24(hi, x1)), roundKey);
    x1 = rotate13(lo);
    roundKey = addMod24(roundKey, 10368889.0);
  }
  return [x0, x1, 0.0, 0.0];
}

/** Counters (0…count−1, pair) under `key` whose GPU words differ from the mirror's. */
export function philoxWordMismatches(gpu: GPU, count: number, pair: number, key: number): number {
  const settings: IGPUKernelSettings & { returnType: 'Array(4)' } = {
    output: [count],
    precision: 'single',
    tactic: 'precision',
    returnType: 'Array(4)',
    functions: [mulHi24, mulLo24, addMod24, rotate7, rotate13],
  };
  const kernel = gpu.createKernel(philoxWordsKernel, settings);
  const out = kernel(pair, key) as Float32Array[];
  kernel.destroy();
  let mismatches = 0;
  out.forEach((texel, i) => {
    const [w0, w1] = philox24Pair(i, pair, key);
    if (texel[0] !== w0 || texel[1] !== w1) mismatches++;
  });
  return mismatches;
}
