/**
 * The CPU reference simulator (science.md §5): float64, PyTorch update rules, gradients from
 * core/sim/rng. A run covers a shard of the experiment (a rectangle of replicas × coordinates)
 * so that worker threads (host/sim-worker.ts) or Web Workers can split one experiment; the
 * numbers of a coordinate never depend on the split. Runs on the main thread as well: each
 * `advance` is synchronous work of the size the caller asks for.
 */
import { lrAt } from '../theory/schedule';
import { buildResult, emptyAccumulators, unitSize, type RecordAccumulators } from './accumulate';
import { elementwiseStep, emptyMoments, stepScalars, type ElementwiseKind, type ElementwiseState, type StepScalars } from './elementwise';
import { createMuonState, muonStep, type MuonState } from './muon';
import { fillNormals, NORMAL_BLOCK, STREAM } from './rng';
import { recordSteps, type SimulationProgress, type SimulationRun, type SimulationSpec } from './types';
import { specProblem } from './validate';
import { createSimKernels, fillNormalsWasm, type SimKernels } from './wasm-kernels';

/** Replicas [replicaLo, replicaHi) × coordinates [coordLo, coordHi) of one experiment. */
export interface Shard {
  replicaLo: number;
  replicaHi: number;
  coordLo: number;
  coordHi: number;
}

export interface CpuRun extends SimulationRun {
  /** Raw sums at the recorded steps, for merging shards. */
  accumulators(): RecordAccumulators;
  readonly stepsDone: number;
  /** Milliseconds spent stepping (excludes set-up and idle time between chunks). */
  readonly elapsedMs: number;
}

export function wholeShard(spec: SimulationSpec): Shard {
  return { replicaLo: 0, replicaHi: spec.seeds, coordLo: 0, coordHi: spec.params };
}

const now = (): number => globalThis.performance.now();

export interface CpuRunOptions {
  /**
   * Use the WebAssembly loops (results are identical). Default: in Node only. A browser page
   * must allow 'wasm-unsafe-eval' to compile them, and a refused compile is a CSP violation in
   * the console, so pages opt in explicitly where their CSP allows it.
   */
  wasm?: boolean;
}

const IN_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Largest state the WebAssembly memory is asked for; bigger runs use plain typed arrays. */
const WASM_MAX_BYTES = 1 << 30;

export function createCpuRun(
  spec: SimulationSpec,
  shard: Shard = wholeShard(spec),
  backend = 'cpu',
  options: CpuRunOptions = {},
): CpuRun {
  const problem = specProblem(spec);
  if (problem) throw new RangeError(problem);
  const opt = spec.optimizer;
  const width = shard.coordHi - shard.coordLo;
  const replicas = shard.replicaHi - shard.replicaLo;
  const unit = unitSize(spec);
  if (width % unit !== 0 || shard.coordLo % unit !== 0) throw new RangeError('a shard must hold whole matrices');
  const total = width * replicas;
  const recorded = recordSteps(spec.steps, spec.record);
  const recordIndex = new Map(recorded.map((step, k) => [step, k] as const));
  const acc = emptyAccumulators(recorded.length, (total / unit) | 0);

  const isAdam = opt.optimizer === 'adam' || opt.optimizer === 'adamw';
  const isMuon = opt.optimizer === 'muon';
  // Element-wise runs draw their normals in WebAssembly; Adam's state lives there too (θ, m, v,
  // then the block of normals) so its update loop runs there. Same numbers as the JS loops.
  const wasmBytes = 8 * ((isAdam ? 3 * total : 0) + NORMAL_BLOCK);
  const kernels = !isMuon && (options.wasm ?? IN_NODE) &&
    wasmBytes <= WASM_MAX_BYTES ? createSimKernels(wasmBytes) : null;
  const wasmAdam = kernels !== null && isAdam;
  const heap = kernels?.heap ?? 0;
  const zByte = heap + 8 * (isAdam ? 3 * total : 0);
  const adamArray = (index: number) =>
    wasmAdam ? new Float64Array(kernels.memory.buffer, heap + 8 * index * total, total) : new Float64Array(total);
  const theta = adamArray(0);
  for (let r = 0; r < replicas; r++) {
    fillNormals(theta, r * width, shard.coordLo, width, spec.seed, STREAM.theta0, 0, shard.replicaLo + r);
  }
  for (let i = 0; i < total; i++) theta[i] *= spec.theta0Rms;
  const z = kernels ? new Float64Array(kernels.memory.buffer, zByte, NORMAL_BLOCK) : new Float64Array(
    isMuon ? width : NORMAL_BLOCK);
  const shape = opt.shape ?? [1, 1];
  const muon: MuonState | null = isMuon ? createMuonState(theta, shape) : null;
  const state: ElementwiseState = {
    theta,
    m: isMuon ? new Float64Array(0) : adamArray(1),
    v: isAdam ? adamArray(2) : new Float64Array(0),
  };
  const peak = spec.schedule.peakLr;
  let stepsDone = 0;
  let elapsedMs = 0;
  let disposed = false;

  function adamInWasm(k: SimKernels, sc: StepScalars, from: number, pairs: number): void {
    const b1 = opt.beta1;
    const b2 = opt.beta2;
    k.adam(
      { theta: heap + 8 * from, m: heap + 8 * (total + from), v: heap + 8 * (2 * total + from), z: zByte },
      pairs, sc.keep, b1, 1 - b1, b2, 1 - b2, 1 / sc.bc2Sqrt, opt.eps, sc.lr / sc.bc1, spec.gradMean, spec.gradStd,
        sc.l2,
    );
  }

  function step(t: number): void {
    const lr = lrAt(spec.schedule, t);
    const k = recordIndex.get(t);
    const moments = k === undefined ? null : emptyMoments();
    const scalars = isMuon ? null : stepScalars(opt, lr, peak, t);
    for (let r = 0; r < replicas; r++) {
      const base = r * width;
      if (muon) {
        fillNormals(z, 0, shard.coordLo, width, spec.seed, STREAM.gradient, t, shard.replicaLo + r);
        muonStep(opt, shape, lr, peak, muon, z, base, base, base + width, spec.gradMean, spec.gradStd, moments);
        continue;
      }
      // Element-wise: draw and apply one RNG block at a time, so the normals never leave L1.
      const kind = opt.optimizer as ElementwiseKind;
      for (let lo = 0; lo < width; ) {
        const hi = Math.min(width, lo + NORMAL_BLOCK - ((shard.coordLo + lo) % NORMAL_BLOCK));
        const [first, count, replica] = [shard.coordLo + lo, hi - lo, shard.replicaLo + r];
        if (kernels) fillNormalsWasm(kernels, z, zByte, first, count, spec.seed, STREAM.gradient, t, replica);
        else fillNormals(z, 0, first, count, spec.seed, STREAM.gradient, t, replica);
        let from = base + lo;
        if (wasmAdam && !moments) {
          // Pairs in WebAssembly, an odd last coordinate in JS: the same arithmetic either way.
          const pairs = (hi - lo) >> 1;
          adamInWasm(kernels, scalars!, from, pairs);
          from += 2 * pairs;
        }
        elementwiseStep(kind, opt, scalars!, state, z, base + lo, from, base + hi, spec.gradMean, spec.gradStd,
          moments);
        lo = hi;
      }
    }
    if (moments && k !== undefined) {
      // Element-wise: each coordinate is a unit, so Σu² and Σu⁴ are the sums of unit mean squares and their squares.
      acc.u2[k] = moments.u2;
      acc.u4[k] = moments.u4;
      acc.w2[k] = moments.w2;
      acc.w4[k] = moments.w4;
    }
  }

  return {
    spec,
    backend,
    get stepsDone() {
      return stepsDone;
    },
    get elapsedMs() {
      return elapsedMs;
    },
    async advance(maxSteps: number): Promise<SimulationProgress> {
      if (disposed) throw new Error('simulation run was disposed');
      const started = now();
      const end = Math.min(spec.steps, stepsDone + Math.max(0, Math.floor(maxSteps)));
      while (stepsDone < end) step(++stepsDone);
      elapsedMs += now() - started;
      return { stepsDone, totalSteps: spec.steps, done: stepsDone >= spec.steps };
    },
    accumulators: () => acc,
    result: () => buildResult(spec, acc, stepsDone, backend, elapsedMs),
    dispose() {
      disposed = true;
    },
  };
}

/**
 * Splits an experiment into at most `parts` disjoint shards of similar size: by replicas when
 * there are enough, else by coordinates in whole RNG blocks (element-wise) or whole matrices
 * (Muon), so that a shard never splits a unit.
 */
export function splitShards(spec: SimulationSpec, parts: number, align: number): Shard[] {
  const n = Math.max(1, Math.floor(parts));
  if (spec.seeds >= n) {
    return Array.from({ length: n }, (_, k) => ({
      replicaLo: Math.floor((k * spec.seeds) / n),
      replicaHi: Math.floor(((k + 1) * spec.seeds) / n),
      coordLo: 0,
      coordHi: spec.params,
    }));
  }
  // Whole matrices, and at least an RNG block, per chunk.
  const size = unitSize(spec);
  const unit = size * Math.max(1, Math.ceil(align / size));
  const chunks = Math.ceil(spec.params / unit);
  const count = Math.min(n, chunks);
  const shards: Shard[] = [];
  for (let k = 0; k < count; k++) {
    const lo = Math.floor((k * chunks) / count) * unit;
    const hi = Math.min(spec.params, Math.floor(((k + 1) * chunks) / count) * unit);
    if (hi > lo) shards.push({ replicaLo: 0, replicaHi: spec.seeds, coordLo: lo, coordHi: hi });
  }
  return shards;
}
