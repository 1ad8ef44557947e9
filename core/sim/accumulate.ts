/**
 * What a run accumulates at its recorded steps, and how accumulators from shards (workers, GPU
 * tiles) merge into one `SimulationResult`. The unit of the standard error is one coordinate for
 * element-wise optimizers and one matrix for Muon: those are independent across the run.
 */
import { rmsWithStderr } from './stats';
import { recordSteps, type SimulationResult, type SimulationSpec } from './types';

/** Per recorded step k: Σ over units of the unit's mean square of u and of θ, and of their squares. */
export interface RecordAccumulators {
  units: number;
  u2: Float64Array;
  u4: Float64Array;
  w2: Float64Array;
  w4: Float64Array;
}

export function emptyAccumulators(points: number, units: number): RecordAccumulators {
  return {
    units,
    u2: new Float64Array(points),
    u4: new Float64Array(points),
    w2: new Float64Array(points),
    w4: new Float64Array(points),
  };
}

/** Sums shards that each cover disjoint units of the same experiment. */
export function mergeAccumulators(parts: RecordAccumulators[]): RecordAccumulators {
  const points = parts[0]?.u2.length ?? 0;
  const total = emptyAccumulators(points, 0);
  for (const p of parts) {
    total.units += p.units;
    for (let k = 0; k < points; k++) {
      total.u2[k] += p.u2[k];
      total.u4[k] += p.u4[k];
      total.w2[k] += p.w2[k];
      total.w4[k] += p.w4[k];
    }
  }
  return total;
}

/** Number of independent units in a whole experiment (coordinates, or matrices for Muon). */
export function unitSize(spec: SimulationSpec): number {
  const shape = spec.optimizer.shape;
  return spec.optimizer.optimizer === 'muon' && shape ? shape[0] * shape[1] : 1;
}

/** The result after `stepsDone` steps: trajectory up to the last recorded step reached. */
export function buildResult(
  spec: SimulationSpec,
  acc: RecordAccumulators,
  stepsDone: number,
  backend: string,
  elapsedMs: number,
): SimulationResult {
  const steps = recordSteps(spec.steps, spec.record);
  const trajectory: SimulationResult['trajectory'] = {
    step: [],
    updateRms: [],
    weightRms: [],
    updateRmsStderr: [],
    weightRmsStderr: [],
  };
  steps.forEach((step, k) => {
    if (step > stepsDone) return;
    const u = rmsWithStderr(acc.u2[k], acc.u4[k], acc.units);
    const w = rmsWithStderr(acc.w2[k], acc.w4[k], acc.units);
    trajectory.step.push(step);
    trajectory.updateRms.push(u.rms);
    trajectory.weightRms.push(w.rms);
    trajectory.updateRmsStderr.push(u.stderr);
    trajectory.weightRmsStderr.push(w.stderr);
  });
  const last = trajectory.step.length - 1;
  return {
    updateRms: last >= 0 ? trajectory.updateRms[last] : NaN,
    weightRms: last >= 0 ? trajectory.weightRms[last] : NaN,
    stderr: {
      updateRms: last >= 0 ? trajectory.updateRmsStderr[last] : NaN,
      weightRms: last >= 0 ? trajectory.weightRmsStderr[last] : NaN,
    },
    trajectory,
    backend,
    elementStepsPerSecond: elapsedMs > 0 ? (spec.params * spec.seeds * stepsDone) / (elapsedMs / 1000) : 0,
    stepsDone,
    complete: stepsDone >= spec.steps,
  };
}
