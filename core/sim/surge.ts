/**
 * The Surge mode (science.md §3.1, §3.6): Monte Carlo of η*(B) on a noisy quadratic.
 *
 * For each batch size B and replica, the optimizer state starts at its stationary mean for
 * gradients g + N(0, σ²/B) (step counter at 10⁶, so bias corrections are 1) and is run
 * `warmupSteps` more steps with θ held at 0 (learning rate 0), which samples the stationary
 * state. Then, `rounds` times: from the current state, each grid η runs `horizon` steps on the
 * quadratic with the same noise (common random numbers, so differences between η are not noise)
 * and records ΔL = L(0) − L(θ_h); the state then takes one more stationary step.
 * With the rank-one-plus-diagonal Hessian (types.ts `SurgeProblem`), Hθ costs O(d).
 */
import { MAX_GRADIENT_SCALE_SPREAD } from '../theory/coordinate-scales';
import { elementwiseStep, stepScalars, type ElementwiseKind, type ElementwiseState } from './elementwise';
import { fillNormals, STREAM } from './rng';
import type { OptimizerSettings, SimulationProgress, SurgePoint, SurgeResult, SurgeSpec } from './types';

/** Step number the Surge runs start counting from: β^t ≈ 0, so Adam's bias corrections are 1. */
const STATIONARY_T = 1_000_000;

export interface SurgeRun {
  readonly spec: SurgeSpec;
  /** Computes up to `maxPoints` more batch sizes. */
  advance(maxPoints: number): Promise<SimulationProgress>;
  result(): SurgeResult;
}

/** B_simple = tr(Σ)/‖g‖² of the problem (science.md §3.1). */
export function surgeNoiseScale(spec: SurgeSpec): number {
  return (spec.problem.noiseStd / spec.problem.gradMean) ** 2;
}

export function surgeProblemOf(spec: SurgeSpec): string | null {
  const p = spec.problem;
  const kind = spec.optimizer.optimizer;
  if (kind === 'muon') return 'the Surge mode simulates element-wise optimizers (science.md §3.5 treats Muon as SignSGDM)';
  if (!Number.isInteger(p.dim) || p.dim < 2) return `dim must be an integer ≥ 2 (got ${p.dim})`;
  if (!(p.hessianDiagonal > 0) || !(p.gradMean > 0) || !(p.noiseStd >= 0)) {
    return 'hessianDiagonal and gradMean must be > 0, noiseStd ≥ 0';
  }
  if (!(p.alignment >= 0 && p.alignment < p.dim - 1)) return `alignment must be in [0, d − 1) (got ${p.alignment})`;
  const spread = p.scaleSpread ?? 0;
  if (!(spread >= 0 && spread <= MAX_GRADIENT_SCALE_SPREAD)) {
    return `the coordinate-size spread must be in [0, ${MAX_GRADIENT_SCALE_SPREAD}] (got ${spread})`;
  }
  if (spec.batchSizes.length === 0 || spec.batchSizes.some((b) => !(b > 0))) return 'batch sizes must be > 0';
  if (spec.lrGrid.length === 0 || spec.lrGrid.some((l) => !(l > 0))) return 'learning rates must be > 0';
  for (const [name, v] of [['horizon', spec.horizon], ['rounds', spec.rounds], ['replicas', spec.replicas]] as const) {
    if (!Number.isInteger(v) || v < 1) return `${name} must be a positive integer (got ${v})`;
  }
  if (!Number.isInteger(spec.warmupSteps) || spec.warmupSteps < 0) return 'warmupSteps must be a non-negative integer';
  return null;
}

/** Means of the optimizer state for gradients with mean g and variance s2 (start of the warm-up). */
function stationaryState(o: OptimizerSettings, g: number, s2: number): { m: number; v: number } {
  switch (o.optimizer) {
    case 'sgd':
      return { m: o.momentum > 0 ? ((1 - o.dampening) * g) / (1 - o.momentum) : 0, v: 0 };
    case 'adam':
    case 'adamw':
      return { m: g, v: g * g + s2 };
    default:
      return { m: g, v: 0 };
  }
}

/** a, b of ΔL(η) ≈ aη − ½bη², least squares over the given points; returns a/b (or NaN). */
function quadraticPeak(etas: number[], values: number[]): number {
  let s11 = 0, s12 = 0, s22 = 0, r1 = 0, r2 = 0;
  etas.forEach((eta, i) => {
    const x1 = eta;
    const x2 = -0.5 * eta * eta;
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    r1 += x1 * values[i];
    r2 += x2 * values[i];
  });
  const det = s11 * s22 - s12 * s12;
  const a = (r1 * s22 - r2 * s12) / det;
  const b = (s11 * r2 - s12 * r1) / det;
  return b > 0 && a > 0 ? a / b : NaN;
}

/** Grid indices the peak is fitted on: the best point and its neighbours. */
function fitWindow(mean: number[]): number[] {
  const n = mean.length;
  let best = 0;
  for (let i = 1; i < n; i++) if (mean[i] > mean[best]) best = i;
  if (n < 3) return [...Array(n).keys()];
  const centre = Math.min(n - 2, Math.max(1, best));
  return [centre - 1, centre, centre + 1];
}

/**
 * The coordinates' sizes c_i of one replica (science.md §7.3): ln c ~ N(−s², s²), so E[c²] = 1. Drawn at
 * counter 0 of the replica's own stream (the noise uses counters from 1), hence the same for every batch
 * size: the η*(B) curve of a replica is one problem, and its shape is not blurred by redrawing sizes.
 */
export function surgeCoordinateScales(spec: SurgeSpec, replica: number): Float64Array {
  const d = spec.problem.dim;
  const s = spec.problem.scaleSpread ?? 0;
  const scales = new Float64Array(d).fill(1);
  if (s > 0) {
    fillNormals(scales, 0, 0, d, spec.seed, STREAM.surge, 0, replica);
    for (let i = 0; i < d; i++) scales[i] = Math.exp(s * scales[i] - s * s);
  }
  return scales;
}

/** Mean ΔL per coordinate at each grid η, for one replica at one batch size. */
function replicaLossDecrease(spec: SurgeSpec, batch: number, stream: number, scales: Float64Array): Float64Array {
  const p = spec.problem;
  const d = p.dim;
  const kind = spec.optimizer.optimizer as ElementwiseKind;
  const settings: OptimizerSettings = { ...spec.optimizer, weightDecay: 0 };
  const noise = p.noiseStd / Math.sqrt(batch);
  const state: ElementwiseState = { theta: new Float64Array(d), m: new Float64Array(d), v: new Float64Array(d) };
  for (let i = 0; i < d; i++) {
    const init = stationaryState(settings, scales[i] * p.gradMean, (scales[i] * noise) ** 2);
    state.m[i] = init.m;
    state.v[i] = init.v;
  }
  const mSave = new Float64Array(d);
  const vSave = new Float64Array(d);
  const grad = new Float64Array(d);
  const z = Array.from({ length: spec.horizon }, () => new Float64Array(d));
  // H = h(1 − c)·I + h·c·11ᵀ with c = ρ/(d − 1): H_ii = h, Σ_{i≠j} H_ij / Σ H_ii = ρ.
  const c = p.alignment / (d - 1);
  const hDiag = p.hessianDiagonal * (1 - c);
  const hRank = p.hessianDiagonal * c;
  // Bias corrections are 1 from STATIONARY_T on, so each η's step constants never change.
  const stationary = stepScalars(settings, 0, 1, STATIONARY_T);
  const scalars = spec.lrGrid.map((eta) => stepScalars(settings, eta, eta, STATIONARY_T));
  let counter = 0;
  const stationaryStep = (noiseZ: Float64Array) => {
    for (let i = 0; i < d; i++) grad[i] = scales[i] * (p.gradMean + noise * noiseZ[i]);
    elementwiseStep(kind, settings, stationary, state, grad, 0, 0, d, 0, 1, null);
  };
  for (let w = 0; w < spec.warmupSteps; w++) {
    fillNormals(z[0], 0, 0, d, spec.seed, STREAM.surge, ++counter, stream);
    stationaryStep(z[0]);
  }
  const sums = new Float64Array(spec.lrGrid.length);
  const { theta } = state;
  for (let round = 0; round < spec.rounds; round++) {
    mSave.set(state.m);
    vSave.set(state.v);
    for (const zj of z) fillNormals(zj, 0, 0, d, spec.seed, STREAM.surge, ++counter, stream);
    for (let e = 0; e < scalars.length; e++) {
      state.m.set(mSave);
      state.v.set(vSave);
      theta.fill(0);
      let sum = 0;
      for (let j = 0; j < spec.horizon; j++) {
        const zj = z[j];
        for (let i = 0; i < d; i++) grad[i] = scales[i] * (p.gradMean + noise * zj[i]) + hDiag * theta[i] + hRank * sum;
        elementwiseStep(kind, settings, scalars[e], state, grad, 0, 0, d, 0, 1, null);
        sum = 0;
        for (let i = 0; i < d; i++) sum += theta[i];
      }
      let sq = 0;
      let gTheta = 0;
      for (let i = 0; i < d; i++) {
        sq += theta[i] * theta[i];
        gTheta += scales[i] * theta[i];
      }
      // ΔL = L(0) − L(θ) = −(gᵀθ + ½θᵀHθ), per coordinate.
      sums[e] += -(p.gradMean * gTheta + 0.5 * (hDiag * sq + hRank * sum * sum)) / d;
    }
    state.m.set(mSave);
    state.v.set(vSave);
    theta.fill(0);
    stationaryStep(z[0]);
  }
  return sums.map((s) => s / spec.rounds);
}

function surgePoint(spec: SurgeSpec, index: number): SurgePoint {
  const batch = spec.batchSizes[index];
  const n = spec.lrGrid.length;
  const perReplica = Array.from({ length: spec.replicas }, (_, r) =>
    replicaLossDecrease(spec, batch, index * spec.replicas + r, surgeCoordinateScales(spec, r)),
  );
  const mean: number[] = [];
  const stderr: number[] = [];
  for (let e = 0; e < n; e++) {
    const xs = perReplica.map((x) => x[e]);
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (xs.length - 1) : 0;
    mean.push(mu);
    stderr.push(Math.sqrt(variance / xs.length));
  }
  const window = fitWindow(mean);
  const etas = window.map((i) => spec.lrGrid[i]);
  const bestLr = quadraticPeak(etas, window.map((i) => mean[i]));
  const replicaBestLr = perReplica.map((x) => quadraticPeak(etas, window.map((i) => x[i])));
  const perReplicaBest = replicaBestLr.filter(Number.isFinite);
  const bMean = perReplicaBest.reduce((a, b) => a + b, 0) / Math.max(1, perReplicaBest.length);
  const bVar = perReplicaBest.length > 1
    ? perReplicaBest.reduce((a, b) => a + (b - bMean) ** 2, 0) / (perReplicaBest.length - 1)
    : NaN;
  return {
    batchSize: batch,
    lossDecrease: mean,
    lossDecreaseStderr: stderr,
    bestLr,
    bestLrStderr: Math.sqrt(bVar / perReplicaBest.length),
    replicaBestLr,
  };
}

export function createSurgeRun(spec: SurgeSpec): SurgeRun {
  const problem = surgeProblemOf(spec);
  if (problem) throw new RangeError(problem);
  const points: SurgePoint[] = [];
  const total = spec.batchSizes.length;
  return {
    spec,
    async advance(maxPoints: number): Promise<SimulationProgress> {
      const end = Math.min(total, points.length + Math.max(1, Math.floor(maxPoints)));
      while (points.length < end) points.push(surgePoint(spec, points.length));
      return { stepsDone: points.length, totalSteps: total, done: points.length >= total };
    },
    result: () => ({ points: [...points], backend: 'cpu', complete: points.length >= total }),
  };
}

/** Batch sizes, geometric, `perDecade` per factor 10 from `lo` to `hi`. */
export function geometricGrid(lo: number, hi: number, perDecade: number): number[] {
  const n = Math.max(1, Math.round(Math.log10(hi / lo) * perDecade));
  return Array.from({ length: n + 1 }, (_, i) => lo * (hi / lo) ** (i / n));
}
