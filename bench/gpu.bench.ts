/**
 * `npm run bench -- gpu`: the GPU simulator's throughput in coordinate-steps per second, through
 * gpu.js's WebGL2 backend in headless Chromium (test/e2e/gpu/harness.ts: the production-minified
 * kernels under the webview's CSP). On this machine WebGL2 is SwiftShader, a CPU rasteriser, so the
 * figure is for reference only; beside it, in the same run, the CPU reference simulator on one
 * Node thread (core/sim/cpu-run.ts) on the same experiment.
 */
import { cpus } from 'node:os';
import { createCpuRun } from '../core/sim/cpu-run';
import type { OptimizerSettings, SimulationSpec } from '../core/sim/types';
import { openGpuPage } from '../test/e2e/gpu/harness';
import { settings } from '../test/core/sim/spec-fixtures';
import type { BenchSuite, BenchTable } from './types';

const ADAMW: OptimizerSettings = settings();

/** Element-wise optimizers at two sizes; Muon on 16 matrices of 64×64 (Newton–Schulz dominates). */
const CASES: { name: string; optimizer: OptimizerSettings; sizes: [number, number][] }[] = [
  { name: 'AdamW', optimizer: ADAMW, sizes: [[16_384, 400], [262_144, 64]] },
  { name: 'SGD (momentum 0.9, Nesterov)', optimizer: { ...ADAMW, optimizer: 'sgd', momentum: 0.9, nesterov: true }, sizes: [[16_384, 400], [262_144, 64]] },
  { name: 'Lion', optimizer: { ...ADAMW, optimizer: 'lion', beta2: 0.99 }, sizes: [[16_384, 400], [262_144, 64]] },
  { name: 'Muon 64×64', optimizer: { ...ADAMW, optimizer: 'muon', momentum: 0.95, nesterov: true, shape: [64, 64] }, sizes: [[16 * 4096, 4]] },
];

function spec(optimizer: OptimizerSettings, params: number, steps: number): SimulationSpec {
  return {
    optimizer,
    schedule: { kind: 'cosine', peakLr: 1e-3, steps, warmupSteps: 0 },
    params,
    steps,
    seeds: 1,
    record: 1,
    gradMean: 0,
    gradStd: 1,
    theta0Rms: 0.1,
    seed: 1,
  };
}

/** The CPU reference on one thread, timed the same way (all but the first step). */
async function cpuThroughput(s: SimulationSpec): Promise<number> {
  const run = createCpuRun(s);
  await run.advance(1);
  const started = performance.now();
  await run.advance(s.steps - 1);
  return (s.params * s.seeds * (s.steps - 1)) / ((performance.now() - started) / 1000);
}

const suite: BenchSuite = async () => {
  const page = await openGpuPage();
  const rows: (string | number)[][] = [];
  let backend = '';
  try {
    for (const { name, optimizer, sizes } of CASES) {
      for (const [params, steps] of sizes) {
        const gpu = await page.call('throughput', spec(optimizer, params, steps), { allowMuon: true });
        backend = gpu.backend;
        const cpu = await cpuThroughput(spec(optimizer, params, Math.min(steps, 100)));
        rows.push([name, params, steps, gpu.elementStepsPerSecond, cpu, gpu.elementStepsPerSecond / cpu]);
      }
    }
  } finally {
    await page.close();
  }
  const table: BenchTable = {
    title: 'GPU simulator (gpu.js) throughput',
    columns: ['optimizer', 'coordinates', 'steps', 'GPU coord-steps/s', 'CPU reference 1 thread coord-steps/s', 'GPU / CPU'],
    rows,
    notes: [
      `GPU: ${backend} in headless Chromium with SwiftShader (software WebGL2, no real GPU) on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}: a reference figure, not a GPU's.`,
      'One thread per coordinate; about 500 float32 operations per coordinate-step, two thirds of them the in-kernel generator (Philox2x24-12: 12 rounds of ~60 exact-float operations per Box–Muller pair, which two steps share), the rest the per-step schedule reads and the update; one state readback per chunk.',
      'Timed: all steps but the first (which compiles the kernel); the chunk is the whole run (≤ 4096 steps per kernel call).',
      'Muon (opt-in on the GPU, `allowMuon`): per step one momentum kernel and 15 Newton–Schulz kernels over the batch of matrices, each product reading two texels through gpu.js\'s addressing, which SwiftShader emulates on the CPU.',
    ],
  };
  return [table];
};

export default suite;
