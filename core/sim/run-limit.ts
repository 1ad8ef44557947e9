/**
 * The one limit on how long a run OptLens simulates (science.md §5), and the one decision that refuses a longer
 * one, shared by "Simulate Current Config" (extension/sim-plan.ts) and the playground's weight-RMS trajectory
 * (webview/experiments.ts): a run is refused when even its smallest simulation (one block of coordinates, one
 * replica, the whole schedule) is past the limit, since a run cut short would not check the end-of-run
 * prediction, and fewer coordinates would make the RMS too noisy to check anything.
 */
import { formatSignificant } from '../format-number';

/**
 * Element-steps (coordinates × replicas × steps) one run may take. The CPU simulator does roughly
 * 10⁸ element-steps per second per core (bench/sim.bench.ts), so this is a few seconds of a worker thread.
 */
export const SIMULATION_BUDGET = 4e8;
/** Below this many coordinates the RMS's standard error passes 4% (1/√(2n)), too coarse to check a formula. */
export const MIN_COORDINATES = 256;

export interface RunRefusal {
  steps: number;
  /** Coordinates of the smallest simulation that still checks the formula. */
  coordinates: number;
  /** Its cost: coordinates × steps. */
  elementSteps: number;
  limit: number;
  /** The longest run that is simulated at this block size. */
  maxSteps: number;
  /** What the size was, the limit, and what to change; no leading capital or final stop, to fit in a sentence. */
  message: string;
}

/**
 * Null when a run of `steps` fits the limit, else why not. `block` is the coordinates that must move together
 * (a Muon matrix m·n, else 1); the smallest simulation has at least `MIN_COORDINATES` of them.
 */
export function runRefusal(steps: number, block = 1): RunRefusal | null {
  const coordinates = Math.max(block, MIN_COORDINATES);
  const elementSteps = coordinates * steps;
  if (elementSteps <= SIMULATION_BUDGET) return null;
  const maxSteps = Math.floor(SIMULATION_BUDGET / coordinates);
  const n = formatSignificant;
  return {
    steps, coordinates, elementSteps, limit: SIMULATION_BUDGET, maxSteps,
    message: `this run is ${n(steps)} steps: even its smallest simulation (${coordinates} coordinates × ${n(steps)} `
      + `steps = ${n(elementSteps)} element-steps) is past the ${n(SIMULATION_BUDGET)} element-steps OptLens `
      + `simulates; lower the steps to at most ${n(maxSteps)} to simulate a shorter run`,
  };
}
