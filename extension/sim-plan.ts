/**
 * "Simulate Current Config": the size of the Monte Carlo experiment (science.md §5) that checks a
 * config's predictions (core/sim/from-prediction builds it), and the comparison of its result with them. The run uses
 * the config's own optimizer,
 * schedule and length, so its last point is the predicted end-of-run weight RMS (§2.4) and its update
 * RMS the predicted one (§1). Pure: the worker runs the spec, this module only plans and compares.
 */
import type { PredictionInput, Prediction } from '../core/prediction';
import { simulationSpecOf } from '../core/sim/from-prediction';
import { MIN_COORDINATES, runRefusal, SIMULATION_BUDGET } from '../core/sim/run-limit';
import type { SimulationResult, SimulationSpec } from '../core/sim/types';
import { specProblem } from '../core/sim/validate';

/** Coordinates over all replicas: enough for a ~1% standard error on an RMS (1/√(2n)), not more. */
const MAX_COORDINATES = 16_384;
/** Muon simulates whole matrices of this shape (Newton–Schulz stays cheap; the update RMS is away from the 1×n edge).
 * */
const MUON_SHAPE: [number, number] = [32, 32];
const SEEDS = 4;
const RECORD_POINTS = 60;

/** `refused`: the run is past the simulation limit (run-limit.ts), as opposed to a spec it cannot run at all. */
export type SimulationPlan = { ok: true; spec: SimulationSpec } | { ok: false; message: string; refused?: boolean };

/** A run of the config as written: its steps (1000 when the file does not say), its schedule, its optimizer. */
export function planSimulation(input: PredictionInput, seed = 1): SimulationPlan {
  const steps = Math.max(1, Math.round(input.steps ?? 1000));
  const shape = input.optimizer === 'muon' ? (input.shape ?? MUON_SHAPE) : null;
  const unit = shape ? shape[0] * shape[1] : 1;
  const refusal = runRefusal(steps, unit);
  if (refusal) return { ok: false, message: refusal.message, refused: true };
  const total = Math.min(MAX_COORDINATES, Math.floor(SIMULATION_BUDGET / steps));
  // Independent replicas when the budget allows several of a useful size, else one.
  const seeds = total >= SEEDS * Math.max(unit, MIN_COORDINATES) ? SEEDS : 1;
  const coordinates = Math.floor(total / seeds / unit) * unit;
  const spec = simulationSpecOf(shape ? { ...input, shape } : input,
    { params: coordinates, steps, seeds, record: Math.min(RECORD_POINTS, steps), seed });
  const problem = specProblem(spec);
  return problem ? { ok: false, message: problem } : { ok: true, spec };
}

export interface SimulationComparison {
  quantity: 'update RMS' | 'weight RMS at end';
  predicted: number | null;
  simulated: number;
  stderr: number;
  /** (simulated − predicted)/predicted, or null without a prediction. */
  relativeGap: number | null;
  /** |gap| in standard errors, or null: tells sampling noise from a formula's error. */
  sigmas: number | null;
}

function compare(quantity: SimulationComparison['quantity'], predicted: number | null, simulated: number, stderr: number): SimulationComparison {
  const has = predicted !== null && Number.isFinite(predicted) && predicted !== 0;
  return {
    quantity, predicted, simulated, stderr,
    relativeGap: has ? (simulated - (predicted)) / (predicted) : null,
    sigmas: has && stderr > 0 ? Math.abs(simulated - (predicted)) / stderr : null,
  };
}

/**
 * Sets the simulated end of run beside the predictions. SGDM's update RMS is in gradient units with σ = 1,
 * which is the simulator's unit too, so the numbers compare directly for every optimizer.
 */
export function compareWithPrediction(result: SimulationResult, prediction: Prediction | null): SimulationComparison[] {
  return [
    compare('update RMS', prediction?.updateRms ?? null, result.updateRms, result.stderr.updateRms),
    compare('weight RMS at end', prediction?.weightRms.atEnd ?? null, result.weightRms, result.stderr.weightRms),
  ];
}
