/**
 * The Surge Monte Carlo (core/sim/surge.ts) set up from a `PredictionInput` and laid beside
 * science.md §3.2: η*(B)/max η* from simulation and from the formula on the same batch grid,
 * and the two peak batch sizes. Used by `optlens simulate --surge` and the playground.
 */
import type { PredictionInput } from '../prediction';
import { surgeModelOf } from '../theory/optimizer-model';
import { etaStarUnscaled, peakX, surgeModelTolerance, surgePeakBatch, type SurgeModel } from '../theory/surge';
import { agreement, type Agreement } from './agreement';
import { optimizerSettingsOf } from './from-prediction';
import { geometricGrid } from './surge';
import type { SurgeResult, SurgeSpec } from './types';

export interface SurgeOptions {
  seed: number;
  /** Quadratic dimension (coordinates per replica), default 256. */
  dim?: number;
  replicas?: number;
  rounds?: number;
  /** Batch sizes per decade of the sweep, default 6. */
  perDecade?: number;
  /** Batch sizes as multiples of B_simple, instead of the geometric sweep. */
  batchRatios?: readonly number[];
  /** Spread of the coordinates' sizes (science.md §7.3); default: the input's model (0 for equal sizes). */
  spread?: number;
}

/**
 * The sweep: B from B_simple/1000 to 10·B_simple on a unit quadratic (H_ii = 1, g_i = 1, per-example
 * noise √B_simple, so B is in the input's batch unit) with the input's alignment ρ. ε enters as
 * e = ε²/ḡ² (§3.2) from the input's gradient scale, else as negligible. Weight decay is ignored.
 */
export function surgeSpecOf(input: PredictionInput, options: SurgeOptions): SurgeSpec {
  const s = input.noiseScale;
  if (s === null) throw new RangeError('the Surge simulation needs the noise scale B_simple (--noise-scale)');
  const settings = optimizerSettingsOf(input);
  const model = surgeModelOf(input);
  const e = model.e ?? 0;
  const adam = input.optimizer === 'adam' || input.optimizer === 'adamw';
  // Stationarity: a few memory lengths of the slowest state (v for Adam; m otherwise).
  const memory = adam ? 1 / (1 - input.beta2) : input.optimizer === 'sgd' ? 1 / (1 - input.momentum) : 1 / (1 - input.beta1);
  return {
    optimizer: { ...settings, eps: adam ? Math.sqrt(e) : settings.eps, weightDecay: 0 },
    problem: {
      dim: options.dim ?? 256, hessianDiagonal: 1, alignment: input.hessianAlignment,
      gradMean: 1, noiseStd: Math.sqrt(s),
      // Without ε Adam is scale-free per coordinate: a spread would change nothing but add noise.
      scaleSpread: options.spread ?? (e > 0 ? model.spread ?? 0 : 0),
    },
    batchSizes: options.batchRatios
      ? options.batchRatios.map((r) => r * s)
      : geometricGrid(s / 1000, 10 * s, options.perDecade ?? 6),
    // With a one-step horizon ΔL(η) is exactly aη − ½bη², so three learning rates give η* exactly.
    lrGrid: [0.05, 0.2, 0.8],
    warmupSteps: Math.min(5000, Math.max(100, Math.ceil(3 * memory))),
    horizon: 1,
    // Eight replicas: each point's standard error is a jackknife over them (7 degrees of freedom).
    rounds: options.rounds ?? 150,
    replicas: options.replicas ?? 8,
    seed: options.seed,
  };
}

export interface SurgeRow {
  batchSize: number;
  /**
   * Simulated η*(B) in the formula's units: the Monte Carlo divided by its fitted scale C (see
   * `normaliseSurge`), then by the formula's maximum over all B, as `predicted` is.
   */
  simulated: number;
  /** Standard error of `simulated`, the scale's error included (jackknife over replicas). */
  simulatedStderr: number;
  /** science.md §3.2 η*(B) over its maximum over all B (not over the grid). */
  predicted: number;
  /** `simulated` against `predicted` (core/sim/agreement.ts). */
  agreement: Agreement;
}

export interface SurgeComparison {
  rows: SurgeRow[];
  /** Peak of the simulated curve (parabola in log B through the best point), null at the grid's edge. */
  simulatedPeak: number | null;
  /** Its jackknife standard error over replicas (NaN when it cannot be estimated). */
  simulatedPeakStderr: number;
  /** The formula's peak (core/theory), null when η* keeps rising. */
  predictedPeak: number | null;
  /** The same peak estimator on the formula's curve over the simulated grid: what `simulatedPeak` should be. */
  predictedPeakOnGrid: number | null;
  /** The fitted scale C of simulated = C·formula (in the simulator's units), and its standard error. */
  scale: number;
  scaleStderr: number;
  /** The model error the science reference states for this η*(B) formula (relative). */
  modelTolerance: number;
  /** Spread of the coordinates' sizes the simulation and the formula used (science.md §7.3). */
  spread: number;
  backend: string;
}

/** The least-squares scale C of sim ≈ C·f (unweighted: no estimated weights, so no bias from them). */
function fitScale(sim: readonly number[], f: readonly number[]): number {
  let num = 0;
  let den = 0;
  sim.forEach((y, i) => {
    if (!Number.isFinite(y)) return;
    num += y * f[i];
    den += f[i] * f[i];
  });
  return den > 0 ? num / den : NaN;
}

/** Mean over replicas of each point's best η, leaving replica `skip` out (−1: none). */
function replicaMean(result: SurgeResult, skip: number): number[] {
  return result.points.map((p) => {
    let sum = 0;
    let n = 0;
    p.replicaBestLr.forEach((x, r) => {
      if (r !== skip && Number.isFinite(x)) {
        sum += x;
        n++;
      }
    });
    return n > 0 ? sum / n : NaN;
  });
}

/**
 * Monte Carlo η*(B) in the formula's units, with honest errors (science.md §7.5). The simulated and the
 * formula's curve are normalised by the same reference: the formula's maximum over all B, the simulation
 * after dividing by the scale C fitted over every point (the simulator's η* is in its own units: momentum
 * gains, Hessian and gradient size). C is itself a Monte Carlo estimate, and the replicas share it, so each
 * point's error comes from a jackknife over replicas of the whole chain (mean curve → C → normalised
 * point): the normaliser's error is in every point's standard error. `formula(batch)` is η* up to a constant.
 */
export function normaliseSurge(
  result: SurgeResult,
  formula: (batch: number) => number,
  formulaMax: number,
  modelTolerance: number,
): { rows: SurgeRow[]; scale: number; scaleStderr: number } {
  const f = result.points.map((p) => formula(p.batchSize));
  const normalise = (curve: number[]) => {
    const c = fitScale(curve, f);
    return { c, y: curve.map((v) => v / (c * formulaMax)) };
  };
  const full = normalise(replicaMean(result, -1));
  const replicas = result.points[0]?.replicaBestLr.length ?? 0;
  const leaveOut = Array.from({ length: replicas }, (_, r) => normalise(replicaMean(result, r)));
  const jackknife = (pick: (n: { c: number; y: number[] }) => number): number => {
    const xs = leaveOut.map(pick).filter(Number.isFinite);
    const n = xs.length;
    if (n < 2) return NaN;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    return Math.sqrt(((n - 1) / n) * xs.reduce((a, x) => a + (x - mean) ** 2, 0));
  };
  const rows = result.points.map((p, i) => {
    const predicted = f[i] / formulaMax;
    const simulated = full.y[i];
    const simulatedStderr = jackknife((n) => n.y[i]);
    const verdict = agreement(simulated, simulatedStderr, predicted, modelTolerance, replicas - 1);
    return { batchSize: p.batchSize, simulated, simulatedStderr, predicted, agreement: verdict };
  });
  return { rows, scale: full.c, scaleStderr: jackknife((n) => n.c) };
}

/**
 * Vertex of the least-squares parabola in (log B, y) over the best interior point and up to
 * `halfWidth` neighbours each side; null when the best point is at the grid's edge.
 */
export function peakOfCurve(batches: readonly number[], values: readonly number[], halfWidth = 2): number | null {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  if (best === 0 || best === values.length - 1) return null;
  const lo = Math.max(0, best - halfWidth);
  const hi = Math.min(values.length - 1, best + halfWidth);
  // Normal equations for y = c0 + c1·x + c2·x², x = log B − log B_best (centred for conditioning).
  const x0 = Math.log(batches[best]);
  const m = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const r = [0, 0, 0];
  for (let i = lo; i <= hi; i++) {
    const x = Math.log(batches[i]) - x0;
    const basis = [1, x, x * x];
    for (let a = 0; a < 3; a++) {
      r[a] += basis[a] * values[i];
      for (let b = 0; b < 3; b++) m[a][b] += basis[a] * basis[b];
    }
  }
  const c = solve3(m, r);
  if (c === null || !(c[2] < 0)) return batches[best];
  const vertex = -c[1] / (2 * c[2]);
  // A vertex outside the fitted span is an extrapolation: keep the best grid point instead.
  return Math.abs(vertex) <= Math.log(batches[hi] / batches[lo]) ? Math.exp(x0 + vertex) : batches[best];
}

/** Solves the 3×3 system m·c = r by Cramer's rule; null when singular. */
function solve3(m: number[][], r: number[]): [number, number, number] | null {
  const det = (a: number[][]) =>
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const d = det(m);
  if (d === 0) return null;
  const column = (k: number) => m.map((row, i) => row.map((v, j) => (j === k ? r[i] : v)));
  return [det(column(0)) / d, det(column(1)) / d, det(column(2)) / d];
}

/**
 * The simulated peak batch and its jackknife standard error over replicas (each replica left out
 * in turn, the peak refitted on the others' mean η*). null when the peak is at the grid's edge.
 */
export function simulatedPeak(result: SurgeResult): { peak: number; stderr: number } | null {
  const batches = result.points.map((p) => p.batchSize);
  const peak = peakOfCurve(batches, result.points.map((p) => p.bestLr));
  const replicas = result.points[0]?.replicaBestLr.length ?? 0;
  if (peak === null || replicas < 2) return peak === null ? null : { peak, stderr: NaN };
  const leaveOneOut: number[] = [];
  for (let r = 0; r < replicas; r++) {
    const curve = result.points.map(
      (p) => p.replicaBestLr.reduce((sum, x, j) => (j === r ? sum : sum + x), 0) / (replicas - 1),
    );
    const x = peakOfCurve(batches, curve);
    if (x !== null) leaveOneOut.push(Math.log(x));
  }
  if (leaveOneOut.length < 2) return { peak, stderr: NaN };
  const mean = leaveOneOut.reduce((a, b) => a + b, 0) / leaveOneOut.length;
  const n = leaveOneOut.length;
  const logSe = Math.sqrt(((n - 1) / n) * leaveOneOut.reduce((a, x) => a + (x - mean) ** 2, 0));
  return { peak, stderr: peak * logSe };
}

/** The §3.2 model the simulation of `spec` tests: the input's, with the simulated ε and coordinate spread. */
export function surgeModelOfSpec(input: PredictionInput, spec: SurgeSpec): SurgeModel {
  const model = surgeModelOf(input);
  if (model.family !== 'adam') return model;
  return { ...model, e: (spec.optimizer.eps / spec.problem.gradMean) ** 2, spread: spec.problem.scaleSpread ?? 0 };
}

export function compareSurge(input: PredictionInput, spec: SurgeSpec, result: SurgeResult): SurgeComparison {
  const s = input.noiseScale ?? 1;
  const batches = result.points.map((p) => p.batchSize);
  const model = surgeModelOfSpec(input, spec);
  const formula = (b: number) => etaStarUnscaled(model, s / b);
  const formulaMax = etaStarUnscaled(model, peakX(model) ?? 0);
  const tolerance = surgeModelTolerance(model, input.beta2);
  const peak = simulatedPeak(result);
  return {
    ...normaliseSurge(result, formula, formulaMax, tolerance),
    simulatedPeak: peak?.peak ?? null,
    simulatedPeakStderr: peak?.stderr ?? NaN,
    predictedPeak: surgePeakBatch(model, s),
    predictedPeakOnGrid: peakOfCurve(batches, batches.map(formula)),
    modelTolerance: tolerance,
    spread: spec.problem.scaleSpread ?? 0,
    backend: result.backend,
  };
}
