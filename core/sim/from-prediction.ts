/**
 * The simulation that checks a prediction: the same optimizer, hyperparameters and schedule as
 * a `PredictionInput`, with gradients whose per-coordinate statistics match its SNR and scale
 * (science.md §0, §1.3: per-coordinate √(μ²+σ²) = ‖G‖/√N, SNR = μ²/σ²).
 */
import type { PredictionInput } from '../prediction';
import { gradScaleOf, scheduleOf } from '../theory/optimizer-model';
import type { OptimizerSettings, SimulationSpec } from './types';

export interface SimulationSize {
  /** Simulated coordinates N (per replica). */
  params: number;
  steps: number;
  seeds: number;
  record: number;
  seed: number;
}

export function optimizerSettingsOf(input: PredictionInput): OptimizerSettings {
  return {
    optimizer: input.optimizer,
    beta1: input.beta1,
    beta2: input.beta2,
    eps: input.eps,
    weightDecay: input.weightDecay,
    weightDecaySemantics: input.weightDecaySemantics,
    momentum: input.momentum,
    dampening: input.dampening,
    nesterov: input.nesterov,
    shape: input.shape,
    muonAdjustLr: input.muonAdjustLr,
  };
}

/**
 * Per-coordinate gradient mean and standard deviation: μ² + σ² = s² with s = ‖G‖/√params when
 * both are known (else s = 1, the unit the formulas are written in), and μ²/σ² = SNR.
 */
export function gradientStatsOf(input: PredictionInput): { gradMean: number; gradStd: number } {
  const scale = gradScaleOf(input) ?? 1;
  const gradStd = scale / Math.sqrt(1 + input.snr);
  return { gradMean: gradStd * Math.sqrt(input.snr), gradStd };
}

export function simulationSpecOf(input: PredictionInput, size: SimulationSize): SimulationSpec {
  const schedule = scheduleOf({ ...input, steps: size.steps });
  if (schedule === null) throw new RangeError('a simulation needs a step count');
  return {
    optimizer: optimizerSettingsOf(input),
    schedule,
    ...size,
    ...gradientStatsOf(input),
    theta0Rms: input.theta0Rms,
  };
}
