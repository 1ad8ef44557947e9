/**
 * Shared by the theory-vs-simulation tests: run the CPU reference simulator for a
 * `PredictionInput`, and check a formula against it with a tolerance made of two parts,
 *   |simulated − predicted| ≤ modelError·|predicted| + k·stderr,
 * the first the approximation error science.md §6 states for that formula (the formula is a mean
 * field, not exact), the second the Monte Carlo sampling error this run measured (k = 4: a false
 * alarm about once in 16 000 checks for a Gaussian estimate, and the seeds are fixed anyway).
 */
import { expect } from 'vitest';
import type { PredictionInput } from '../../../core/prediction';
import { createCpuRun } from '../../../core/sim/cpu-run';
import { simulationSpecOf, type SimulationSize } from '../../../core/sim/from-prediction';
import type { SimulationResult } from '../../../core/sim/types';
import { defaultPredictionInput } from '../../../core/theory/predict';

export const K_STDERR = 4;

export function inputOf(overrides: Partial<PredictionInput>): PredictionInput {
  return defaultPredictionInput(overrides);
}

export async function simulate(
  input: PredictionInput, size: Partial<SimulationSize> & { params: number; steps: number }):
    Promise<SimulationResult> {
  const spec = simulationSpecOf({ ...input, steps: size.steps }, { seeds: 1, record: 1, seed: 20261123, ...size });
  const run = createCpuRun(spec);
  await run.advance(size.steps);
  return run.result();
}

/** Asserts the formula is within its stated model error plus K_STDERR sampling errors; returns the gap. */
export function expectAgreement(
  label: string, simulated: number, stderr: number, predicted: number | null, modelError: number): number {
  expect(predicted, `${label}: no prediction`).not.toBeNull();
  const p = predicted as number;
  const tolerance = modelError * Math.abs(p) + K_STDERR * stderr;
  expect(
    Math.abs(simulated - p),
    `${label}: simulated ${simulated.toPrecision(5)} ± ${stderr.toPrecision(2)}, predicted ${p.toPrecision(5)}, tolerance ${tolerance.toPrecision(2)}`,
  ).toBeLessThanOrEqual(tolerance);
  return simulated / p - 1;
}
