/**
 * The float64 reference update rules (core/sim/elementwise.ts, B's CPU simulator) fed the GPU
 * simulator's own random stream (`gpuNormal`), so a GPU run and this run differ only by float32
 * arithmetic: the tightest check of the kernels' update rules. Shared by the Node tests and the
 * browser tests.
 */
import { createGpuStepper, STATE_WIDTH } from '../../../core/sim/gpu/gpu-run';
import { gpuNormal, philox24Key } from '../../../core/sim/gpu/philox24';
import { elementwiseStep, stepScalars, type ElementwiseKind } from '../../../core/sim/elementwise';
import type { OptimizerSettings, SimulationSpec } from '../../../core/sim/types';
import { lrAt } from '../../../core/theory/schedule';
import type { GPU } from 'gpu.js';

export const ADAMW: OptimizerSettings = {
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
};

/** The optimizers the kernel implements, each with settings that exercise its branches. */
export const KERNEL_CASES: Record<string, OptimizerSettings> = {
  adamw: ADAMW,
  'adam coupled L2': { ...ADAMW, optimizer: 'adam', weightDecaySemantics: 'coupled-l2', weightDecay: 0.05 },
  'sgd nesterov': { ...ADAMW, optimizer: 'sgd', momentum: 0.9, nesterov: true, weightDecaySemantics: 'coupled-l2', weightDecay: 0.01 },
  'sgd dampening': { ...ADAMW, optimizer: 'sgd', momentum: 0.8, dampening: 0.5, weightDecaySemantics: 'lr-ratio' },
  'sgd plain': { ...ADAMW, optimizer: 'sgd', weightDecaySemantics: 'none' },
  signsgd: { ...ADAMW, optimizer: 'signsgd', weightDecaySemantics: 'lr-squared', weightDecay: 10 },
  signsgdm: { ...ADAMW, optimizer: 'signsgdm' },
  lion: { ...ADAMW, optimizer: 'lion', beta2: 0.99 },
};

export function makeSpec(optimizer: OptimizerSettings, over: Partial<SimulationSpec> & { lr?: number } = {}): SimulationSpec {
  const steps = over.steps ?? 100;
  const lr = over.lr ?? 1e-2;
  return {
    optimizer,
    // Cosine with warmup, so the per-step scalars (lr, decay, bias corrections) all vary.
    schedule: over.schedule ?? { kind: 'cosine', peakLr: lr, steps, warmupSteps: Math.floor(steps / 10) },
    params: over.params ?? 256,
    steps,
    seeds: over.seeds ?? 2,
    record: over.record ?? 4,
    gradMean: over.gradMean ?? 0.1,
    gradStd: over.gradStd ?? 1,
    theta0Rms: over.theta0Rms ?? 0.05,
    seed: over.seed ?? 20240601,
  };
}

export interface SameStreamComparison {
  /** max over coordinates of |θ_gpu − θ_ref| / bound, where bound is the float32 error budget below. */
  worstRatio: number;
  /** Coordinates over budget (sign-type optimizers may flip one sign where the argument is ~0). */
  overBudget: number;
  coordinates: number;
  /** Largest |θ| seen, for scale. */
  thetaScale: number;
}

/**
 * Runs `spec` on the GPU in chunks of `chunk` steps and the float64 reference on the same normals,
 * from the same (float32) θ0, and compares θ after every chunk.
 *
 * Float32 error budget per coordinate, accumulated over steps: each step rounds θ·keep and
 * θ − lr·u (≤ 2 ulp of |θ|, 2·2^-24·|θ|) and computes u with a relative error below 1e-5 (the normal
 * from float32 log/sqrt/cos is good to ~1e-6; Adam's m and v carry ~1/(1−β) ≈ 20 roundings of
 * 2^-24 each), so |Δθ| ≤ Σ_t (2·2^-24·|θ_t| + 1e-5·lr_t·|u_t|) + 1e-30. The bound is summed along
 * the reference trajectory; exceeding it means a different update rule, not rounding.
 */
export function compareSameStream(gpu: GPU, spec: SimulationSpec, chunk: number): SameStreamComparison {
  const stepper = createGpuStepper(gpu, spec);
  const total = spec.params * spec.seeds;
  const theta = new Float64Array(total);
  for (let i = 0; i < total; i++) theta[i] = stepper.state[i * STATE_WIDTH] as number;
  const state = { theta, m: new Float64Array(total), v: new Float64Array(total) };
  const budget = new Float64Array(total).fill(1e-30);
  const before = new Float64Array(total);
  const z = new Float64Array(total);
  const key = philox24Key(spec.seed);
  const kind = spec.optimizer.optimizer as ElementwiseKind;
  let worstRatio = 0;
  let overBudget = 0;
  let thetaScale = 0;
  while (stepper.stepsDone < spec.steps) {
    const count = Math.min(chunk, spec.steps - stepper.stepsDone);
    for (let t = stepper.stepsDone + 1; t <= stepper.stepsDone + count; t++) {
      const lr = lrAt(spec.schedule, t);
      for (let i = 0; i < total; i++) z[i] = gpuNormal(i, t, key);
      before.set(theta);
      const scalars = stepScalars(spec.optimizer, lr, spec.schedule.peakLr, t);
      elementwiseStep(kind, spec.optimizer, scalars, state, z, 0, 0, total, spec.gradMean, spec.gradStd, null);
      for (let i = 0; i < total; i++) {
        const th = theta[i] as number;
        const u = Math.abs((before[i] as number) * scalars.keep - th) / lr;
        budget[i] = (budget[i] as number) + 2 * 2 ** -24 * Math.max(Math.abs(th), Math.abs(before[i] as number)) + 1e-5 * lr * u;
      }
    }
    stepper.step(count);
    for (let i = 0; i < total; i++) {
      const diff = Math.abs((stepper.state[i * STATE_WIDTH] as number) - (theta[i] as number));
      const ratio = diff / (budget[i] as number);
      worstRatio = Math.max(worstRatio, ratio);
      thetaScale = Math.max(thetaScale, Math.abs(theta[i] as number));
      if (ratio > 1 && stepper.stepsDone === spec.steps) overBudget++;
    }
  }
  stepper.dispose();
  return { worstRatio, overBudget, coordinates: total, thetaScale };
}
