/**
 * The gpu.js kernel that advances every element-wise optimizer (AdamW, Adam with coupled L2, SGD
 * with momentum/dampening/Nesterov, SignSGD, SignSGDM, Lion) by a chunk of steps: one thread per
 * coordinate, a loop over the chunk inside the thread, state (θ, m, v, last update) in and out.
 * For Muon it runs one step of the momentum buffer only (Newton–Schulz is in muon-run.ts).
 *
 * One kernel for all of them, with the optimizer chosen by a kernel constant: gpu.js writes
 * constants into the GLSL source as `const float`, so the compiler drops the branches not taken,
 * and the random-number code (which gpu.js cannot share between kernels, since a helper function
 * returns one number and Philox produces two) exists once. The update rules and their order of
 * operations follow the CPU reference, core/sim/elementwise.ts; everything that depends only on
 * the step (learning rate, decay, bias corrections, SGD's first-step buffer) is computed there in
 * float64 by `stepScalars` and passed in per step, so schedules cost the kernel nothing.
 *
 * The function bodies below are what gpu.js parses (acorn on `fn.toString()`) and transpiles:
 * plain arithmetic, `Math.*`, loops and ifs only; literals instead of module constants; helpers
 * called through `this` (gpu-kernel.ts says why).
 */
import { stepScalars } from '../elementwise';
import type { OptimizerSettings } from '../types';
import type { KernelThis } from './gpu-kernel';
import type { Philox24Helpers } from './philox24';

/** Optimizer codes of the kernel constant `kind`. */
export const KERNEL_KIND = { adam: 0, sgd: 1, signsgd: 2, signsgdm: 3, lion: 4, muon: 5 } as const;

/** Per-step scalars, `SCHEDULE_COLUMNS` floats per step (see `fillSchedule`). */
export const SCHEDULE_COLUMNS = 6;

/** Floats of state per coordinate: θ, m, v, and the update direction u of the last step. */
export const STATE_WIDTH = 4;

export interface UpdateConstants {
  [name: string]: number;
  kind: number;
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  eps: number;
  /** Coupled L2 coefficient (0 unless weightDecaySemantics is `coupled-l2`). */
  l2: number;
  gradMean: number;
  gradStd: number;
  /** SGD and Muon: momentum μ, whether there is a buffer at all (μ ≠ 0), and Nesterov (1) or not (0). */
  momentum: number;
  oneMinusMomentum: number;
  hasMomentum: number;
  nesterov: number;
}

export function updateConstants(settings: OptimizerSettings, gradMean: number, gradStd: number): UpdateConstants {
  const kind = settings.optimizer === 'adamw' ? 'adam' : settings.optimizer;
  return {
    kind: KERNEL_KIND[kind],
    beta1: settings.beta1,
    oneMinusBeta1: 1 - settings.beta1,
    beta2: settings.beta2,
    oneMinusBeta2: 1 - settings.beta2,
    eps: settings.eps,
    l2: settings.weightDecaySemantics === 'coupled-l2' ? settings.weightDecay : 0,
    gradMean,
    gradStd,
    momentum: settings.momentum,
    oneMinusMomentum: 1 - settings.momentum,
    hasMomentum: settings.momentum !== 0 ? 1 : 0,
    nesterov: settings.nesterov ? 1 : 0,
  };
}

/**
 * Writes the scalars of steps firstStep … firstStep+count−1 into `out` (row k = step firstStep+k):
 * lr_t, keep_t = 1 − decay_t, 1/(1−β1^t), 1/√(1−β2^t), and SGD's buffer coefficients
 * (buf ← a·buf + b·g: a = 0, b = 1 at t = 1 as in torch, else a = μ, b = 1 − dampening).
 */
export function fillSchedule(
  out: Float32Array,
  settings: OptimizerSettings,
  lrAtStep: (t: number) => number,
  peakLr: number,
  firstStep: number,
  count: number,
): void {
  // Muon's θ moves outside this kernel (muon-run.ts): here lr 0 and no decay leave it as it is.
  const muon = settings.optimizer === 'muon';
  for (let k = 0; k < count; k++) {
    const t = firstStep + k;
    const s = stepScalars(settings, lrAtStep(t), peakLr, t);
    const row = k * SCHEDULE_COLUMNS;
    out[row] = muon ? 0 : s.lr;
    out[row + 1] = muon ? 1 : s.keep;
    out[row + 2] = 1 / s.bc1;
    out[row + 3] = 1 / s.bc2Sqrt;
    out[row + 4] = t === 1 ? 0 : settings.momentum;
    out[row + 5] = t === 1 ? 1 : 1 - settings.dampening;
  }
}

/**
 * Advances coordinate `this.thread.x` (an index over all replicas) by `steps` steps starting at
 * step `firstStep` (1-based). Steps 2p+1 and 2p+2 use the two normals of one Box–Muller pair from
 * Philox2x24-12 on counter (coordinate, p) under `key` (core/sim/gpu/philox24.ts `gpuNormal`).
 */
export function updateKernel(
  this: KernelThis<UpdateConstants, Philox24Helpers>,
  state: Float32Array,
  schedule: Float32Array,
  firstStep: number,
  steps: number,
  key: number,
): number[] {
  const index = this.thread.x;
  let theta = state[index * 4];
  let m = state[index * 4 + 1];
  let v = state[index * 4 + 2];
  let u = state[index * 4 + 3];
  const coordinate = index * 1.0;
  let z0 = 0.0;
  let z1 = 0.0;
  for (let k = 0; k < steps; k++) {
    const t = firstStep + k;
    const pair = Math.floor((t - 1.0) * 0.5);
    const second = t - 1.0 - pair * 2.0;
    // A chunk may start on the second step of a pair, so its first step draws the pair too.
    if (k == 0 || second < 0.5) {
      let x0 = coordinate;
      let x1 = pair;
      let roundKey = key;
      for (let round = 0; round < 12; round++) {
        const hi = this.mulHi24(13783327.0, x0);
        const lo = this.mulLo24(13783327.0, x0);
        x0 = this.addMod24(this.rotate7(this.addMod24(hi, x1)), roundKey);
        x1 = this.rotate13(lo);
        roundKey = this.addMod24(roundKey, 10368889.0);
      }
      const radius = Math.sqrt(-2.0 * Math.log((x0 + 1.0) * 0.000000059604644775390625));
      const angle = 6.283185307179586 * (x1 * 0.000000059604644775390625) - 3.141592653589793;
      z0 = radius * Math.cos(angle);
      z1 = radius * Math.sin(angle);
    }
    let z = z0;
    if (second > 0.5) {
      z = z1;
    }
    const row = k * 6;
    const lr = schedule[row];
    const th = theta * schedule[row + 1];
    const g = this.constants.gradMean + this.constants.gradStd * z + this.constants.l2 * th;
    if (this.constants.kind < 0.5) {
      m = m * this.constants.beta1 + this.constants.oneMinusBeta1 * g;
      v = v * this.constants.beta2 + this.constants.oneMinusBeta2 * g * g;
      u = (m / (Math.sqrt(v) * schedule[row + 3] + this.constants.eps)) * schedule[row + 2];
    } else if (this.constants.kind < 1.5) {
      u = g;
      if (this.constants.hasMomentum > 0.5) {
        m = schedule[row + 4] * m + schedule[row + 5] * g;
        u = m;
        if (this.constants.nesterov > 0.5) {
          u = g + this.constants.momentum * m;
        }
      }
    } else if (this.constants.kind < 2.5) {
      u = Math.sign(g);
    } else if (this.constants.kind < 3.5) {
      m = m * this.constants.beta1 + this.constants.oneMinusBeta1 * g;
      u = Math.sign(m);
    } else if (this.constants.kind < 4.5) {
      u = Math.sign(m * this.constants.beta1 + this.constants.oneMinusBeta1 * g);
      m = m * this.constants.beta2 + this.constants.oneMinusBeta2 * g;
    } else {
      // Muon's momentum (torch: buf.lerp_(g, 1 − μ); update = g.lerp(buf, μ) with Nesterov). The
      // update u is the matrix Newton–Schulz orthogonalises next (core/sim/gpu/muon-run.ts); the
      // schedule's lr is 0 here, θ moves there.
      m = m + this.constants.oneMinusMomentum * (g - m);
      u = m;
      if (this.constants.nesterov > 0.5) {
        u = g + this.constants.momentum * (m - g);
      }
    }
    theta = th - lr * u;
  }
  return [theta, m, v, u];
}
