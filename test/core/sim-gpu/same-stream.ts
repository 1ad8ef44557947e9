/**
 * The float64 reference update rules (core/sim/elementwise.ts, B's CPU simulator) fed the very
 * normals the GPU draws, so a GPU run and this run differ only by float32 arithmetic in the update:
 * the tightest check of the kernels' update rules. Shared by the Node tests and the browser tests.
 */
import { createGpuStepper } from '../../../core/sim/gpu/gpu-run';
import { STATE_WIDTH } from '../../../core/sim/gpu/update-kernel';
import { elementwiseStep, stepScalars, type ElementwiseKind } from '../../../core/sim/elementwise';
import type { OptimizerSettings, SimulationSpec } from '../../../core/sim/types';
import { lrAt } from '../../../core/theory/schedule';
import type { GPU } from 'gpu.js';
import { settings } from '../sim/spec-fixtures';

/** The blog case's AdamW (science.md §2.2), the base of every kernel case. */
export const ADAMW: OptimizerSettings = settings();

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

export function makeSpec(optimizer: OptimizerSettings, over: Partial<SimulationSpec> & { lr?: number } = {}):
  SimulationSpec {
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
 * A GPU run whose stored update is the kernel's normal: plain SGD, lr 1, μ = 0, σ = 1, θ0 = 0, on
 * the same seed and coordinates as `spec`, stepped one step at a time. The kernel computes z from
 * the same inputs in the same code, so these are bit for bit the normals `spec`'s run draws.
 */
export function gpuNormalsOf(gpu: GPU, spec: SimulationSpec): { next(): Float32Array; dispose(): void } {
  const plain: OptimizerSettings = { ...ADAMW, optimizer: 'sgd', weightDecaySemantics: 'none' };
  const schedule = { kind: 'constant' as const, peakLr: 1, steps: spec.steps, warmupSteps: 0 };
  const probe = createGpuStepper(gpu, { ...spec, optimizer: plain, schedule, gradMean: 0, gradStd: 1, theta0Rms: 0 });
  const total = spec.params * spec.seeds;
  const z = new Float32Array(total);
  return {
    next() {
      probe.step(1);
      for (let i = 0; i < total; i++) z[i] = probe.state[i * STATE_WIDTH + 3];
      return z;
    },
    dispose: () => probe.dispose(),
  };
}

/**
 * Runs `spec` on the GPU in chunks of `chunk` steps and the float64 reference on the GPU's own
 * normals, from the same (float32) θ0, and compares θ after every chunk.
 *
 * Float32 error budget per coordinate, accumulated over steps: each step rounds θ·keep and
 * θ − lr·u (≤ 2 ulp of |θ|, 2·2^-24·|θ|) and computes the update lr·u with a relative error below
 * 1e-5 (Adam's m and v carry ~1/(1−β) ≈ 20 roundings of 2^-24 each, ×2 through the square root and
 * the division), so |Δθ| ≤ Σ_t (2·2^-24·|θ_t| + 1e-5·|lr_t·u_t|) + 1e-30, summed along the
 * reference trajectory. Exceeding it means a different update rule, not rounding.
 */
export function compareSameStream(gpu: GPU, spec: SimulationSpec, chunk: number): SameStreamComparison {
  const stepper = createGpuStepper(gpu, spec);
  const normals = gpuNormalsOf(gpu, spec);
  const total = spec.params * spec.seeds;
  const theta = new Float64Array(total);
  for (let i = 0; i < total; i++) theta[i] = stepper.state[i * STATE_WIDTH];
  const state = { theta, m: new Float64Array(total), v: new Float64Array(total) };
  const budget = new Float64Array(total).fill(1e-30);
  const before = new Float64Array(total);
  const z = new Float64Array(total);
  const kind = spec.optimizer.optimizer as ElementwiseKind;
  let worstRatio = 0;
  let overBudget = 0;
  let thetaScale = 0;
  while (stepper.stepsDone < spec.steps) {
    const count = Math.min(chunk, spec.steps - stepper.stepsDone);
    for (let t = stepper.stepsDone + 1; t <= stepper.stepsDone + count; t++) {
      z.set(normals.next());
      before.set(theta);
      const scalars = stepScalars(spec.optimizer, lrAt(spec.schedule, t), spec.schedule.peakLr, t);
      elementwiseStep(kind, spec.optimizer, scalars, state, z, 0, 0, total, spec.gradMean, spec.gradStd, null);
      for (let i = 0; i < total; i++) {
        const th = theta[i];
        // |lr·u|, the size of the step's update (0 at a schedule's final lr of 0).
        const step = Math.abs((before[i]) * scalars.keep - th);
        budget[i] = (budget[i]) + 2 * 2 ** -24 * Math.max(Math.abs(th), Math.abs(before[i])) + 1e-5 * step;
      }
    }
    stepper.step(count);
    for (let i = 0; i < total; i++) {
      const diff = Math.abs((stepper.state[i * STATE_WIDTH]) - (theta[i]));
      const ratio = diff / (budget[i]);
      worstRatio = Math.max(worstRatio, ratio);
      thetaScale = Math.max(thetaScale, Math.abs(theta[i]));
      if (ratio > 1 && stepper.stepsDone === spec.steps) overBudget++;
    }
  }
  stepper.dispose();
  normals.dispose();
  return { worstRatio, overBudget, coordinates: total, thetaScale };
}
