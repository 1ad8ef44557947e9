/** Checks a `SimulationSpec` before any memory is allocated; the message names the bad field. */
import type { SimulationSpec } from './types';

/** Coordinates × replicas the CPU simulator accepts in one run (8 arrays of float64 each). */
export const MAX_ELEMENTS = 50_000_000;

const isCount = (x: number) => Number.isInteger(x) && x >= 1;

/** Returns null when the spec can run, else a one-line reason. */
export function specProblem(spec: SimulationSpec): string | null {
  const o = spec.optimizer;
  if (!isCount(spec.params)) return `params must be a positive integer (got ${spec.params})`;
  if (!isCount(spec.steps)) return `steps must be a positive integer (got ${spec.steps})`;
  if (!isCount(spec.seeds)) return `seeds must be a positive integer (got ${spec.seeds})`;
  if (!isCount(spec.record)) return `record must be a positive integer (got ${spec.record})`;
  if (spec.params * spec.seeds > MAX_ELEMENTS) {
    return `params × seeds = ${spec.params * spec.seeds} exceeds ${MAX_ELEMENTS}`;
  }
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > 0xffffffff) {
    return `seed must be an integer in [0, 2^32) (got ${spec.seed})`;
  }
  for (const [name, value] of [
    ['gradMean', spec.gradMean],
    ['gradStd', spec.gradStd],
    ['theta0Rms', spec.theta0Rms],
    ['lr', spec.schedule.peakLr],
    ['eps', o.eps],
    ['weightDecay', o.weightDecay],
  ] as const) {
    if (!Number.isFinite(value)) return `${name} must be a finite number (got ${value})`;
  }
  if (spec.gradStd < 0 || spec.theta0Rms < 0) return 'gradStd and theta0Rms must be ≥ 0';
  if (!(spec.schedule.peakLr > 0)) return `lr must be > 0 (got ${spec.schedule.peakLr})`;
  if (spec.schedule.steps !== spec.steps) {
    return `the schedule's steps (${spec.schedule.steps}) must equal the simulated steps (${spec.steps})`;
  }
  for (const [name, value] of [['beta1', o.beta1], ['beta2', o.beta2], ['momentum', o.momentum], ['dampening', o.dampening]] as const) {
    if (!(value >= 0 && value < 1) && !(name === 'dampening' && value === 1)) {
      return `${name} must be in [0, 1) (got ${value})`;
    }
  }
  if (o.eps < 0 || o.weightDecay < 0) return 'eps and weightDecay must be ≥ 0';
  if (o.optimizer === 'muon') {
    const shape = o.shape;
    if (!shape || !isCount(shape[0]) || !isCount(shape[1])) return 'muon needs a matrix shape m×n';
    if (shape[0] * shape[1] > 1_000_000) return `muon matrix ${shape[0]}×${shape[1]} is too large to simulate`;
    if (spec.params % (shape[0] * shape[1]) !== 0) {
      return `params (${spec.params}) must be a multiple of the matrix size ${shape[0]}×${shape[1]}`;
    }
  }
  return null;
}
