/**
 * Browser side of the GPU simulator's e2e test and bench: bundled (minified, as in production)
 * with esbuild and loaded next to gpu.js's browser build (global `GPU`) in a page whose CSP has no
 * 'unsafe-eval', like the webview's. Each check returns plain data; the Node side asserts.
 */
import type { GPU as GpuClass } from 'gpu.js';
import { driveRun } from '../../../core/sim/drive';
import { createGpuRun, createGpuStepper, type GpuRunOptions } from '../../../core/sim/gpu/gpu-run';
import { gpuNormal, philox24Key } from '../../../core/sim/gpu/philox24';
import { STATE_WIDTH } from '../../../core/sim/gpu/update-kernel';
import type { SimulationResult, SimulationSpec } from '../../../core/sim/types';
import { normalSampleZScores, type NormalZScores } from '../../core/sim-gpu/normal-checks';
import { compareMuonSameStream, type MuonComparison } from '../../core/sim-gpu/muon-same-stream';
import { philoxWordMismatches } from '../../core/sim-gpu/philox-words';
import { ADAMW, compareSameStream, KERNEL_CASES, makeSpec, type SameStreamComparison } from '../../core/sim-gpu/same-stream';

declare const GPU: typeof GpuClass;

let shared: GpuClass | null = null;
function gpu(): GpuClass {
  shared ??= new GPU({ mode: 'webgl2' });
  return shared;
}

export interface RngCheck {
  backend: string;
  /** max |z_gpu − z_mirror| / (1 + |z|) over all draws. */
  worstMirrorGap: number;
  scores: NormalZScores[];
}

/** Two steps of plain SGD with lr 1 from θ0 = 0: the stored update is the kernel's normal. */
function rngCheck(params: number): RngCheck {
  const plain = { ...ADAMW, optimizer: 'sgd' as const, weightDecaySemantics: 'none' as const };
  const spec = makeSpec(plain, { params, seeds: 1, steps: 2, gradMean: 0, theta0Rms: 0, lr: 1, schedule: { kind: 'constant', peakLr: 1, steps: 2, warmupSteps: 0 } });
  const stepper = createGpuStepper(gpu(), spec);
  const key = philox24Key(spec.seed);
  let worstMirrorGap = 0;
  const scores: NormalZScores[] = [];
  for (let t = 1; t <= 2; t++) {
    stepper.step(1);
    const sample = Float64Array.from({ length: params }, (_, i) => stepper.state[i * STATE_WIDTH + 3]);
    sample.forEach((z, i) => {
      worstMirrorGap = Math.max(worstMirrorGap, Math.abs(z - gpuNormal(i, t, key)) / (1 + Math.abs(z)));
    });
    scores.push(normalSampleZScores(sample));
  }
  stepper.dispose();
  return { backend: stepper.backend, worstMirrorGap, scores };
}

/** θ after one 2500-step kernel call of plain SGD, and θ0 − lr·Σg from the mirror stream. */
function longChunk(): { gpu: number[]; mirror: number[] } {
  const steps = 2500;
  const plain = { ...ADAMW, optimizer: 'sgd' as const, weightDecaySemantics: 'none' as const };
  const spec = makeSpec(plain, { params: 64, seeds: 1, steps, lr: 0.01, theta0Rms: 0, schedule: { kind: 'constant', peakLr: 0.01, steps, warmupSteps: 0 } });
  const stepper = createGpuStepper(gpu(), spec);
  stepper.step(steps);
  const key = philox24Key(spec.seed);
  const mirror = Array.from({ length: 64 }, (_, i) => {
    let theta = 0;
    for (let t = 1; t <= steps; t++) theta -= 0.01 * (spec.gradMean + gpuNormal(i, t, key));
    return theta;
  });
  const out = Array.from({ length: 64 }, (_, i) => stepper.state[i * STATE_WIDTH]);
  stepper.dispose();
  return { gpu: out, mirror };
}

function sameStream(): Record<string, SameStreamComparison> {
  const out: Record<string, SameStreamComparison> = {};
  for (const [name, optimizer] of Object.entries(KERNEL_CASES)) {
    out[name] = compareSameStream(gpu(), makeSpec(optimizer, { steps: 120, params: 256, seeds: 2 }), 50);
  }
  return out;
}

/** Muon, wide and tall (transposed), against the float64 reference on the GPU's normals. */
async function muonSameStream(): Promise<MuonComparison[]> {
  const base = { ...ADAMW, optimizer: 'muon' as const, momentum: 0.95, nesterov: true };
  return [
    await compareMuonSameStream(gpu(),
      makeSpec({ ...base, shape: [8, 24] }, { params: 192 * 4, seeds: 2, steps: 30, lr: 0.02 })),
    await compareMuonSameStream(gpu(), makeSpec({ ...base, shape: [24, 8], nesterov: false, muonAdjustLr: 'match_rms_adamw' }, { params: 192 * 4, seeds: 2, steps: 30, lr: 0.02 })),
  ];
}

/** Runs any spec to completion on the GPU (the Node side builds the spec). */
async function simulate(spec: SimulationSpec): Promise<SimulationResult> {
  const run = createGpuRun(gpu(), spec);
  const result = await driveRun(run, { chunkMs: 500 });
  run.dispose();
  return result;
}

export interface Throughput {
  backend: string;
  seconds: number;
  elementStepsPerSecond: number;
}

/** Times all but the first step of `spec` (the first compiles the kernel), in one `advance`. */
async function throughput(spec: SimulationSpec, options: GpuRunOptions = {}): Promise<Throughput> {
  const run = createGpuRun(gpu(), spec, options);
  await run.advance(1);
  const started = performance.now();
  await run.advance(spec.steps - 1);
  const seconds = (performance.now() - started) / 1000;
  run.dispose();
  return { backend: run.backend, seconds,
    elementStepsPerSecond: (spec.params * spec.seeds * (spec.steps - 1)) / seconds };
}

const checks = {
  throughput,
  muonSameStream,
  philoxWordMismatches: (count: number, pair: number, key: number) => philoxWordMismatches(gpu(), count, pair, key),
  webgl2: () => GPU.isWebGL2Supported,
  rngCheck,
  longChunk,
  sameStream,
  simulate,
};
export type GpuPageChecks = typeof checks;
(globalThis as unknown as { gpuChecks: GpuPageChecks }).gpuChecks = checks;
