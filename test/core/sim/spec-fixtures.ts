/** Small simulation specs shared by the simulator's tests. */
import type { OptimizerSettings, SimulationSpec } from '../../../core/sim/types';

export function settings(overrides: Partial<OptimizerSettings> = {}): OptimizerSettings {
  return {
    optimizer: 'adamw',
    beta1: 0.9,
    beta2: 0.95,
    eps: 1e-8,
    weightDecay: 0.1,
    weightDecaySemantics: 'lr',
    momentum: 0,
    dampening: 0,
    nesterov: false,
    shape: null,
    muonAdjustLr: 'original',
    ...overrides,
  };
}

export function spec(overrides: Partial<SimulationSpec> = {}, optimizer: Partial<OptimizerSettings> = {}):
  SimulationSpec {
  const steps = overrides.steps ?? 50;
  return {
    optimizer: settings(optimizer),
    schedule: { kind: 'constant', peakLr: 1e-2, steps, warmupSteps: 0 },
    params: 1500,
    steps,
    seeds: 2,
    record: 5,
    gradMean: 0.1,
    gradStd: 1,
    theta0Rms: 0.02,
    seed: 7,
    ...overrides,
  };
}
