/**
 * The GPU simulator: the `SimulationRun` of core/sim/types.ts on gpu.js, so the CLI, the tests and
 * the webview drive it exactly like the CPU reference (core/sim/cpu-run.ts).
 *
 * It takes a gpu.js `GPU` instance instead of importing gpu.js: the webview passes one built from
 * the browser bundle it loads as a script (dist/webview/gpu-browser.min.js, global `GPU`), Node
 * passes one from the npm package, and no bundle contains gpu.js twice.
 *
 * Each `advance` runs the update kernel (update-kernel.ts) over chunks of at most
 * `MAX_CHUNK_STEPS` steps, ending a chunk at every recorded step, and reads the state back between
 * chunks (θ, m, v and the last update, float32): the readback is what the recorded moments are
 * computed from, and it costs 16 bytes per coordinate against hundreds of float operations per
 * coordinate-step. Muon goes one step per chunk, with Newton–Schulz in between (muon-run.ts).
 * Random numbers come from an in-kernel counter-based generator (philox24.ts), not gpu.js's
 * Math.random; θ0 is the CPU simulator's, so only the gradient stream differs between backends.
 */
import type { GPU, IKernelRunShortcut, Kernel } from 'gpu.js';
import { lrAt } from '../../theory/schedule';
import { buildResult, emptyAccumulators } from '../accumulate';
import { fillNormals, STREAM } from '../rng';
import { recordSteps, type SimulationProgress, type SimulationRun, type SimulationSpec } from '../types';
import { specProblem } from '../validate';
import { createGpuMuonRun } from './muon-run';
import { createKernel } from './gpu-kernel';
import { PHILOX24_COUNTER_LIMIT, PHILOX24_HELPERS, philox24Key } from './philox24';
import {
  fillSchedule,
  SCHEDULE_COLUMNS,
  STATE_WIDTH,
  updateConstants,
  updateKernel,
} from './update-kernel';

/**
 * Steps one kernel call may loop over, and so its `loopMaxIterations`: gpu.js's default of 1000
 * silently truncates longer loops (vscode-anchors.md §4), so it is set explicitly and a test runs
 * a chunk longer than 1000 steps.
 */
export const MAX_CHUNK_STEPS = 4096;

export interface GpuRunOptions {
  /**
   * Run Muon on the GPU (muon-run.ts). Off by default: each Muon step is 16 kernel calls with a
   * readback between them, so for the matrices the playground and the CLI simulate it is slower
   * than the CPU simulator (bench/gpu.bench.ts: ~15× slower on SwiftShader); worth it only for
   * large batches of large matrices on a hardware GPU.
   */
  allowMuon?: boolean;
}

/**
 * Why the GPU simulator cannot (or, for Muon, by default does not) run `spec`; null when it runs
 * it. The CPU simulator is the fallback. The hard limits are the generator's 24-bit counters:
 * coordinate index (all replicas) and Box–Muller pair.
 */
export function gpuSpecProblem(spec: SimulationSpec, options: GpuRunOptions = {}): string | null {
  const problem = specProblem(spec);
  if (problem) return problem;
  if (spec.optimizer.optimizer === 'muon' && !options.allowMuon) {
    return 'Muon runs on the CPU simulator: on the GPU its per-step Newton–Schulz (16 kernel calls) is slower at these sizes';
  }
  if (spec.params * spec.seeds > PHILOX24_COUNTER_LIMIT) {
    return `params × seeds must stay below 2^24 = ${PHILOX24_COUNTER_LIMIT} on the GPU (got ${spec.params * spec.seeds})`;
  }
  if (spec.steps > 2 * PHILOX24_COUNTER_LIMIT) return `steps must stay below 2^25 on the GPU (got ${spec.steps})`;
  return null;
}

/** The gpu.js backend a `GPU` instance picked (`webgl2`, `webgl`, `webgpu`, `webasm`, `cpu`, …). */
export function gpuBackendName(gpu: GPU): string {
  if (gpu.mode !== 'gpu' && gpu.mode !== 'async' && gpu.mode !== 'dev') return gpu.mode;
  const chosen = gpu.Kernel as typeof Kernel | null;
  if (!chosen) return gpu.mode;
  if (chosen.mode !== 'gpu') return chosen.mode;
  // Every WebGL kernel class reports 'gpu'; WebGL2's fragment shader is GLSL ES 3.00.
  const shader: unknown = (chosen as unknown as { fragmentShader?: unknown }).fragmentShader;
  return typeof shader === 'string' && shader.startsWith('#version 300 es') ? 'webgl2' : 'webgl';
}

const now = (): number => globalThis.performance.now();

/** A WebGL output texture: gpu.js reads it back as one flat RGBA float array. */
interface RawTexture {
  renderRawOutput(): Float32Array;
}

function isRawTexture(output: unknown): output is RawTexture {
  return typeof output === 'object' && output !== null && typeof (output as Partial<RawTexture>).renderRawOutput === 'function';
}

/**
 * Copies a kernel's Array(4) output into the flat state: a WebGL texture read back in one piece
 * (pipeline mode: no per-coordinate arrays), or, on other backends, one Float32Array per coordinate.
 */
function unpackState(output: unknown, into: Float32Array): void {
  if (isRawTexture(output)) {
    into.set(output.renderRawOutput().subarray(0, into.length));
    return;
  }
  if (!Array.isArray(output)) throw new Error('gpu.js returned no per-coordinate state');
  output.forEach((texel: ArrayLike<number>, i: number) => into.set(texel, i * STATE_WIDTH));
}

/**
 * The GPU state of one experiment and the kernel that advances it: the layer under `createGpuRun`,
 * exposed so tests can read every coordinate (index r·params + i for replica r, coordinate i).
 */
export interface GpuStepper {
  /** θ, m, v, u of every coordinate (`STATE_WIDTH` floats each) after `stepsDone` steps. */
  readonly state: Float32Array;
  readonly stepsDone: number;
  readonly backend: string;
  readonly disposed: boolean;
  /** Runs the next `count` steps (at most `MAX_CHUNK_STEPS`) in one kernel call. */
  step(count: number): void;
  dispose(): void;
}

export function createGpuStepper(gpu: GPU, spec: SimulationSpec, options: GpuRunOptions = {}): GpuStepper {
  const problem = gpuSpecProblem(spec, options);
  if (problem) throw new RangeError(problem);
  const opt = spec.optimizer;
  const width = spec.params;
  const total = width * spec.seeds;

  // θ0 is drawn exactly as the CPU simulator draws it (same stream, same numbers), then rounded.
  const theta0 = new Float64Array(width);
  const state = new Float32Array(total * STATE_WIDTH);
  for (let r = 0; r < spec.seeds; r++) {
    fillNormals(theta0, 0, 0, width, spec.seed, STREAM.theta0, 0, r);
    for (let i = 0; i < width; i++) state[(r * width + i) * STATE_WIDTH] = (theta0[i]) * spec.theta0Rms;
  }

  const backend = `gpu:${gpuBackendName(gpu)}`;
  const kernel: IKernelRunShortcut = createKernel(gpu, updateKernel, {
    output: [total],
    // On WebGL, keep the output a texture and read it back flat (see `unpackState`).
    pipeline: /^gpu:(webgl|headlessgl)/.test(backend),
    precision: 'single',
    // Without it gpu.js picks lowp/mediump for small outputs on GPUs that have them.
    tactic: 'precision',
    returnType: 'Array(4)',
    loopMaxIterations: MAX_CHUNK_STEPS,
    constants: updateConstants(opt, spec.gradMean, spec.gradStd),
    functions: PHILOX24_HELPERS,
  });
  // Always the full length, so gpu.js never recompiles for a shorter chunk.
  const schedule = new Float32Array(MAX_CHUNK_STEPS * SCHEDULE_COLUMNS);
  const key = philox24Key(spec.seed);
  const lrAtStep = (t: number): number => lrAt(spec.schedule, t);
  let stepsDone = 0;
  let disposed = false;

  return {
    state,
    backend,
    get stepsDone() {
      return stepsDone;
    },
    get disposed() {
      return disposed;
    },
    step(count: number): void {
      if (disposed) throw new Error('simulation run was disposed');
      if (!(Number.isInteger(count) && count >= 1 && count <= MAX_CHUNK_STEPS)) {
        throw new RangeError(`a GPU chunk is 1 to ${MAX_CHUNK_STEPS} steps (got ${count})`);
      }
      fillSchedule(schedule, opt, lrAtStep, spec.schedule.peakLr, stepsDone + 1, count);
      unpackState(kernel(state, schedule, stepsDone + 1, count, key), state);
      stepsDone += count;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      kernel.destroy();
    },
  };
}

export function createGpuRun(gpu: GPU, spec: SimulationSpec, options: GpuRunOptions = {}): SimulationRun {
  const stepper = createGpuStepper(gpu, spec, options);
  if (spec.optimizer.optimizer === 'muon') return createGpuMuonRun(gpu, spec, stepper);
  const { state, backend } = stepper;
  const total = spec.params * spec.seeds;
  const recorded = recordSteps(spec.steps, spec.record);
  const acc = emptyAccumulators(recorded.length, total);
  let nextRecord = 0;
  let elapsedMs = 0;

  function accumulate(k: number): void {
    let u2 = 0;
    let u4 = 0;
    let w2 = 0;
    let w4 = 0;
    for (let i = 0; i < total; i++) {
      const theta = state[i * STATE_WIDTH];
      const u = state[i * STATE_WIDTH + 3];
      u2 += u * u;
      u4 += u * u * u * u;
      w2 += theta * theta;
      w4 += theta * theta * theta * theta;
    }
    acc.u2[k] = u2;
    acc.u4[k] = u4;
    acc.w2[k] = w2;
    acc.w4[k] = w4;
  }

  return {
    spec,
    backend,
    async advance(maxSteps: number): Promise<SimulationProgress> {
      if (stepper.disposed) throw new Error('simulation run was disposed');
      const started = now();
      const end = Math.min(spec.steps, stepper.stepsDone + Math.max(0, Math.floor(maxSteps)));
      while (stepper.stepsDone < end) {
        const recordAt = recorded[nextRecord] ?? spec.steps;
        stepper.step(Math.min(end, recordAt, stepper.stepsDone + MAX_CHUNK_STEPS) - stepper.stepsDone);
        if (stepper.stepsDone === recordAt) accumulate(nextRecord++);
      }
      elapsedMs += now() - started;
      return { stepsDone: stepper.stepsDone, totalSteps: spec.steps, done: stepper.stepsDone >= spec.steps };
    },
    result: () => buildResult(spec, acc, stepper.stepsDone, backend, elapsedMs),
    dispose: () => stepper.dispose(),
  };
}
