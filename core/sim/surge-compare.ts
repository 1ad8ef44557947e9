/**
 * The Surge Monte Carlo (core/sim/surge.ts) set up from a `PredictionInput` and laid beside
 * FORMULAS.md §3.2: η*(B)/max η* from simulation and from the formula on the same batch grid,
 * and the two peak batch sizes. Used by `optlens simulate --surge` and the playground.
 */
import type { PredictionInput } from '../prediction';
import { etaStarCurve, surgePeakBatch } from '../theory/surge';
import { surgeModelOf } from '../theory/predict';
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
  const e = surgeModelOf(input).e ?? 0;
  const adam = input.optimizer === 'adam' || input.optimizer === 'adamw';
  // Stationarity: a few memory lengths of the slowest state (v for Adam; m otherwise).
  const memory = adam ? 1 / (1 - input.beta2) : input.optimizer === 'sgd' ? 1 / (1 - input.momentum) : 1 / (1 - input.beta1);
  return {
    optimizer: { ...settings, eps: adam ? Math.sqrt(e) : settings.eps, weightDecay: 0 },
    problem: { dim: options.dim ?? 256, hessianDiagonal: 1, alignment: input.hessianAlignment, gradMean: 1, noiseStd: Math.sqrt(s) },
    batchSizes: geometricGrid(s / 1000, 10 * s, options.perDecade ?? 6),
    lrGrid: geometricGrid(1e-3, 10, 3),
    warmupSteps: Math.min(5000, Math.max(100, Math.ceil(3 * memory))),
    horizon: 1,
    rounds: options.rounds ?? 300,
    replicas: options.replicas ?? 4,
    seed: options.seed,
  };
}

export interface SurgeRow {
  batchSize: number;
  /** Simulated η*(B) over its maximum on the grid, and its standard error. */
  simulated: number;
  simulatedStderr: number;
  /** FORMULAS.md §3.2 η*(B) over its maximum on the same grid. */
  predicted: number;
}

export interface SurgeComparison {
  rows: SurgeRow[];
  /** Peak of the simulated curve (parabola in log B through the best point), null at the grid's edge. */
  simulatedPeak: number | null;
  /** The formula's peak (core/theory), null when η* keeps rising. */
  predictedPeak: number | null;
  backend: string;
}

/** Vertex of the parabola through (log B, y) at the best interior point; null at an edge. */
export function peakOfCurve(batches: readonly number[], values: readonly number[]): number | null {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  if (best === 0 || best === values.length - 1) return null;
  const [x0, x1, x2] = [best - 1, best, best + 1].map((i) => Math.log(batches[i]!)) as [number, number, number];
  const [y0, y1, y2] = [values[best - 1]!, values[best]!, values[best + 1]!];
  const denom = (x0 - x1) * (x0 - x2) * (x1 - x2);
  const a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denom;
  const b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denom;
  return a < 0 ? Math.exp(-b / (2 * a)) : Math.exp(x1);
}

export function compareSurge(input: PredictionInput, spec: SurgeSpec, result: SurgeResult): SurgeComparison {
  const s = input.noiseScale ?? 1;
  const batches = result.points.map((p) => p.batchSize);
  const sim = result.points.map((p) => p.bestLr);
  const model = { ...surgeModelOf(input), e: (spec.optimizer.eps / spec.problem.gradMean) ** 2 };
  const theory = Array.from(etaStarCurve(model, batches, s));
  const simMax = Math.max(...sim.filter(Number.isFinite));
  const thMax = Math.max(...theory);
  return {
    rows: result.points.map((p, i) => ({
      batchSize: p.batchSize,
      simulated: p.bestLr / simMax,
      simulatedStderr: p.bestLrStderr / simMax,
      predicted: theory[i]! / thMax,
    })),
    simulatedPeak: peakOfCurve(batches, sim),
    predictedPeak: surgePeakBatch(model, s),
    backend: result.backend,
  };
}
