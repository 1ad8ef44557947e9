/**
 * `npm run bench -- sim`: the CPU reference simulator's throughput in coordinate-steps per second,
 * against the seed article's numpy script (seed 002 of docs/science.md, its check script: AdamW without bias
 * correction, `w = w - 0.001*(m/v**0.5 + 0.1*w)`, N = 10⁴) run by this machine's python3 + numpy
 * in the same bench run, printed as a ratio (target ≥ 5×). Beside it, the normal generator and the
 * update rule alone, to show what bounds the simulator, and the blog case end to end
 * (AdamW β1 0.9, β2 0.95, η 1e-3, λ 0.1, N 10⁴, T 10⁵ → weight RMS ≈ 0.070).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { createCpuRun } from '../core/sim/cpu-run';
import { driveRun } from '../core/sim/drive';
import { elementwiseStep, stepScalars } from '../core/sim/elementwise';
import { createWorkerRun } from '../host/sim-worker';
import { fillNormals, STREAM } from '../core/sim/rng';
import { createSimKernels, fillNormalsWasm } from '../core/sim/wasm-kernels';
import type { OptimizerSettings, SimulationSpec } from '../core/sim/types';
import { predict } from '../core/theory/predict';
import { defaultPredictionInput } from '../core/theory/input';
import type { BenchSuite, BenchTable } from './types';

const ROOT = process.cwd();
const N = 10_000;
// The seed script runs T = 10⁵; 2·10⁴ steps keeps each row near a second while amortising what a short run
// over-weights (worker round-trips per chunk), for numpy and for us alike.
const STEPS = 20_000;

/** The seed article's loop, timed inside python (excluding interpreter start-up). */
const NUMPY_SCRIPT = `
import numpy as np, time, sys
N, T = ${N}, int(sys.argv[1])
beta1, beta2 = 0.9, 0.95
m, v = 0, 0
w = np.random.randn(N) * 0.1
t0, c0 = time.perf_counter(), time.process_time()
for i in range(T):
    g = np.random.randn(N)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    w = w - 0.001 * (m / v**0.5 + 0.1 * w)
print(N * T / (time.perf_counter() - t0), N * T / (time.process_time() - c0), np.__version__)
`;

/** Coordinate-steps per second of wall clock and per CPU-second (all threads of the process). */
interface Rate {
  wall: number;
  cpu: number;
}

function numpyThroughput(steps: number): (Rate & { version: string }) | string {
  // One BLAS/OpenMP thread: the seed script is element-wise, and a fair peer uses one core.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const run = spawnSync('python3', ['-c', NUMPY_SCRIPT, String(steps)], { encoding: 'utf8', timeout: 120_000, env });
  if (run.status !== 0) return `python3 + numpy unavailable (${(run.stderr || run.error?.message || '').split('\n')[0]})`;
  const [wall, cpu, version] = run.stdout.trim().split(/\s+/);
  return { wall: Number(wall), cpu: Number(cpu), version: version ?? '?' };
}

/** Runs `work` (`elements` coordinate-steps) and measures it both ways. */
async function measure(elements: number, work: () => unknown): Promise<Rate> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: elements / wallS, cpu: elements / ((c.user + c.system) / 1e6) };
}

const ADAMW: OptimizerSettings = {
  optimizer: 'adamw', beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, weightDecaySemantics: 'lr',
  momentum: 0, dampening: 0, nesterov: false, shape: null, muonAdjustLr: 'original',
};

function seedSpec(steps: number, lr = 1e-3): SimulationSpec {
  return {
    optimizer: ADAMW, schedule: { kind: 'constant', peakLr: lr, steps, warmupSteps: 0 },
    params: N, steps, seeds: 1, record: 1, gradMean: 0, gradStd: 1, theta0Rms: 0.1, seed: 1,
  };
}

async function buildWorker(): Promise<string> {
  const script = join(ROOT, 'bench/out/sim-worker.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'host/sim-worker.ts')], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', outfile: script, logLevel: 'warning',
  });
  return script;
}

const suite: BenchSuite = async () => {
  const script = await buildWorker();
  const threads = availableParallelism();
  const z = new Float64Array(N);
  const state = { theta: new Float64Array(N), m: new Float64Array(N), v: new Float64Array(N).fill(1) };
  const kernel = createSimKernels(8 * 4 * N);
  const heap = kernel?.heap ?? 0;
  if (kernel) new Float64Array(kernel.memory.buffer, heap + 8 * 2 * N, N).fill(1);
  const zWasm = kernel ? new Float64Array(kernel.memory.buffer, heap + 8 * 3 * N, N) : z;
  const work = N * STEPS;
  // Every row is measured in three interleaved rounds (numpy included) and the best kept: on a
  // shared machine the least disturbed run is the one that measures the code.
  const best: Record<string, Rate> = {};
  let numpyLabel = '';
  const keep = (key: string, r: Rate) => {
    const b = best[key];
    best[key] = { wall: Math.max(b?.wall ?? 0, r.wall), cpu: Math.max(b?.cpu ?? 0, r.cpu) };
  };
  for (let round = 0; round < 3; round++) {
    const numpy = numpyThroughput(STEPS);
    if (typeof numpy === 'string') numpyLabel = numpy;
    else {
      numpyLabel = `seed script, numpy ${numpy.version} (1 thread)`;
      keep('numpy', numpy);
    }
    keep('normals', await measure(work, () => {
      for (let t = 1; t <= STEPS; t++) fillNormals(z, 0, 0, N, 1, STREAM.gradient, t, 0);
    }));
    keep('update', await measure(work, () => {
      for (let t = 1; t <= STEPS; t++) elementwiseStep('adamw', ADAMW, stepScalars(ADAMW, 1e-3, 1e-3, t), state, z, 0, 0, N, 0, 1, null);
    }));
    if (kernel) {
      keep('wasmNormals', await measure(work, () => {
        for (let t = 1; t <= STEPS; t++) fillNormalsWasm(
          kernel, zWasm, heap + 8 * 3 * N, 0, N, 1, STREAM.gradient, t, 0);
      }));
      const pointers = { theta: heap, m: heap + 8 * N, v: heap + 8 * 2 * N, z: heap + 8 * 3 * N };
      keep('wasmUpdate', await measure(work, () => {
        for (let t = 1; t <= STEPS; t++) kernel.adam(
          pointers, N / 2, 0.9999, 0.9, 0.1, 0.95, 0.05, 1, 1e-8, 1e-3, 0, 1, 0);
      }));
    }
    keep('singleJs', await measure(work, () => driveRun(createCpuRun(seedSpec(STEPS), undefined, 'cpu', { wasm: false }))));
    keep('single', await measure(work, () => driveRun(createCpuRun(seedSpec(STEPS)))));
    const run = await createWorkerRun(seedSpec(STEPS), { script, workers: threads });
    try {
      keep('workers', await measure(work, () => driveRun(run)));
    } finally {
      run.dispose();
    }
  }
  const none: Rate = { wall: NaN, cpu: NaN };
  const numpy = best.numpy ?? none;
  const row = (label: string, key: string) => {
    const r = best[key] ?? none;
    return [label, r.wall, `${(r.wall / numpy.wall).toFixed(2)}×`, r.cpu, `${(r.cpu / numpy.cpu).toFixed(2)}×`];
  };
  const throughput: BenchTable = {
    title: `CPU simulator throughput, AdamW, N = ${N}, ${STEPS} steps (coordinate-steps per second)`,
    columns: ['what', 'per second (wall)', 'vs numpy', 'per CPU-second', 'vs numpy'],
    rows: [
      [numpyLabel, numpy.wall, '1×', numpy.cpu, '1×'],
      row('optlens CPU simulator, 1 thread, JS loops', 'singleJs'),
      row('optlens CPU simulator, 1 thread, WebAssembly loops', 'single'),
      row(`optlens CPU simulator, ${threads} worker threads, WebAssembly loops`, 'workers'),
      row('  part: normal generator alone, JS (1 thread)', 'normals'),
      row('  part: normal generator alone, WebAssembly (1 thread)', 'wasmNormals'),
      row('  part: AdamW update alone, JS (1 thread)', 'update'),
      row('  part: AdamW update alone, WebAssembly f64x2 (1 thread)', 'wasmUpdate'),
    ],
    notes: [
      'Same loop as the seed article (one N(0,1) draw, m, v, w per coordinate-step); ours adds bias correction and ε (PyTorch AdamW), in float64.',
      'Best of 3 interleaved rounds for every row, numpy included; the machine is shared, so only ratios from one run compare.',
      'Per CPU-second counts the CPU time of all the process\'s threads: it does not depend on what else the machine runs, and N threads on N idle cores give N× the per-thread figure.',
      'One thread costs ≈ 1/normal-rate + 1/update-rate per coordinate-step; the smaller of the two part rows is the bound.',
      'Here that is the normal generator (xoshiro128** integer work and ziggurat table lookups): the f64x2 update is ~2× faster. Memory is not the bound: the state is 24 B per coordinate, 240 KB at N = 10⁴, in L2.',
    ],
  };

  // The blog case: T = 10⁵, so ~10⁹ coordinate-steps on the worker threads.
  const blogSteps = 100_000;
  const blogInput = defaultPredictionInput({ optimizer: 'adamw', beta1: 0.9, beta2: 0.95, lr: 1e-3, weightDecay: 0.1, steps: blogSteps, theta0Rms: 0.1 });
  const blogRun = await createWorkerRun(seedSpec(blogSteps), { script, workers: threads });
  const t0 = performance.now();
  const blog = await driveRun(blogRun);
  const seconds = (performance.now() - t0) / 1000;
  blogRun.dispose();
  const p = predict(blogInput);
  const blogTable: BenchTable = {
    title: 'Blog case: AdamW β1 0.9, β2 0.95, η 1e-3, λ 0.1, θ0 RMS 0.1, N 10⁴, T 10⁵',
    columns: ['weight RMS simulated', '± stderr', 'FORMULAS §2.4 at T', '§2.2 √(η/2λ)', 'gap', 'wall s', 'coordinate-steps/s'],
    rows: [[blog.weightRms.toPrecision(4), blog.stderr.weightRms.toPrecision(2),
      (p.weightRms.atEnd ?? NaN).toPrecision(4), (p.weightRms.steady ?? NaN).toPrecision(4),
      `${(100 * (blog.weightRms / (p.weightRms.atEnd ?? NaN) - 1)).toFixed(2)}%`, seconds, blog.elementStepsPerSecond]],
    notes: ['The seed article reports ≈ 0.0699 from its numpy script (no bias correction); science.md §6: MC 0.0699 vs 0.0707.'],
  };
  return [throughput, blogTable];
};

export default suite;
