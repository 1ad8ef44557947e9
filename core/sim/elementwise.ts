/**
 * One optimizer step for the element-wise optimizers, in float64, with PyTorch's order of
 * operations (torch/optim/adamw.py, adam.py, sgd.py `_single_tensor_*`; lion-pytorch for Lion;
 * science.md §0), so that test/fixtures/vectors/torch-optimizers.json is reproduced to ~1e-15.
 *
 * The gradient of coordinate i is g = gradMean + gradStd·z[i] (z = standard normals, or the
 * fixed gradients themselves with mean 0 and std 1, which is exact). Weight decay follows
 * `weightDecaySemantics`: decoupled rules shrink θ by δ_t first (core/theory/weight-decay.ts),
 * coupled L2 adds λθ to the gradient.
 */
import { decayPerStep } from '../theory/weight-decay';
import type { OptimizerSettings } from './types';

export type ElementwiseKind = 'adamw' | 'adam' | 'sgd' | 'signsgd' | 'signsgdm' | 'lion';

/** Optimizer state of a range of coordinates; `m` is Adam's m, SGD's momentum buffer, Lion's m. */
export interface ElementwiseState {
  theta: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

/** Per-step constants, computed once per step (not per coordinate). */
export interface StepScalars {
  lr: number;
  /** θ ← θ·keep before the update (decoupled decay: keep = 1 − δ_t). */
  keep: number;
  /** Coupled L2: g ← g + l2·θ. */
  l2: number;
  /** 1 − β1^t and √(1 − β2^t) (Adam's bias corrections). */
  bc1: number;
  bc2Sqrt: number;
  /** Step t (1-based): SGD's momentum buffer starts as the first gradient. */
  t: number;
}

export function stepScalars(settings: OptimizerSettings, lr: number, peakLr: number, t: number): StepScalars {
  const coupled = settings.weightDecaySemantics === 'coupled-l2';
  return {
    lr,
    keep: 1 - decayPerStep(settings.weightDecaySemantics, lr, peakLr, settings.weightDecay),
    l2: coupled ? settings.weightDecay : 0,
    bc1: 1 - Math.pow(settings.beta1, t),
    bc2Sqrt: Math.sqrt(1 - Math.pow(settings.beta2, t)),
    t,
  };
}

/**
 * Mean squares accumulated at a recorded step: Σu², Σu⁴ over coordinates of the update
 * direction u (θ change without decay, over −lr), and Σθ², Σθ⁴ after the step.
 */
export interface Moments {
  u2: number;
  u4: number;
  w2: number;
  w4: number;
}

export function emptyMoments(): Moments {
  return { u2: 0, u4: 0, w2: 0, w4: 0 };
}

/**
 * Applies one step to coordinates [lo, hi) of `state`, reading z[i − zOffset]. When `moments`
 * is given, adds this step's update and weight moments to it (only at recorded steps: the
 * extra work is wasted elsewhere).
 */
export function elementwiseStep(
  kind: ElementwiseKind,
  settings: OptimizerSettings,
  s: StepScalars,
  state: ElementwiseState,
  z: Float64Array,
  zOffset: number,
  lo: number,
  hi: number,
  gradMean: number,
  gradStd: number,
  moments: Moments | null,
): void {
  const { theta, m, v } = state;
  const { lr, keep, l2 } = s;
  const b1 = settings.beta1;
  const b2 = settings.beta2;
  let u2 = 0;
  let u4 = 0;
  let w2 = 0;
  let w4 = 0;
  const measure = moments !== null;
  switch (kind) {
    case 'adamw':
    case 'adam': {
      // torch: exp_avg.mul_(β1).add_(g, 1−β1); exp_avg_sq.mul_(β2).addcmul_(g, g, 1−β2);
      // denom = sqrt(exp_avg_sq)/√bc2 + ε; param.addcdiv_(exp_avg, denom, −lr/bc1).
      const c1 = 1 - b1;
      const c2 = 1 - b2;
      const { bc1, bc2Sqrt } = s;
      const eps = settings.eps;
      const stepSize = lr / bc1;
      // torch divides √v by √bc2; multiplying by the reciprocal differs by at most an ulp and keeps
      // one division per coordinate instead of two (the divider bounds this loop).
      const invBc2Sqrt = 1 / bc2Sqrt;
      for (let i = lo; i < hi; i++) {
        const th = theta[i] * keep;
        const g = gradMean + gradStd * z[i - zOffset] + l2 * th;
        const mi = m[i] * b1 + c1 * g;
        const vi = v[i] * b2 + c2 * g * g;
        m[i] = mi;
        v[i] = vi;
        const ratio = mi / (Math.sqrt(vi) * invBc2Sqrt + eps);
        const next = th - stepSize * ratio;
        theta[i] = next;
        if (measure) {
          const u = ratio / bc1;
          u2 += u * u;
          u4 += u * u * u * u;
          w2 += next * next;
          w4 += next * next * next * next;
        }
      }
      break;
    }
    case 'sgd': {
      // torch: d_p = g + λθ; buf = d_p at the first step, else buf·μ + (1−dampening)·d_p;
      // d_p = d_p + μ·buf (Nesterov) or buf; param.add_(d_p, −lr).
      const mu = settings.momentum;
      const damp = 1 - settings.dampening;
      const first = s.t === 1;
      const nesterov = settings.nesterov;
      for (let i = lo; i < hi; i++) {
        const th = theta[i] * keep;
        const g = gradMean + gradStd * z[i - zOffset] + l2 * th;
        let u = g;
        if (mu !== 0) {
          const buf = first ? g : m[i] * mu + damp * g;
          m[i] = buf;
          u = nesterov ? g + mu * buf : buf;
        }
        const next = th - lr * u;
        theta[i] = next;
        if (measure) {
          u2 += u * u;
          u4 += u * u * u * u;
          w2 += next * next;
          w4 += next * next * next * next;
        }
      }
      break;
    }
    case 'signsgd':
    case 'signsgdm':
    case 'lion': {
      // SignSGD: u = sign(g). SignSGDM: m = β1·m + (1−β1)·g, u = sign(m).
      // Lion (science.md §0): c = β1·m + (1−β1)·g, u = sign(c), m ← β2·m + (1−β2)·g.
      const c1 = 1 - b1;
      const c2 = 1 - b2;
      for (let i = lo; i < hi; i++) {
        const th = theta[i] * keep;
        const g = gradMean + gradStd * z[i - zOffset] + l2 * th;
        let u: number;
        if (kind === 'signsgd') {
          u = Math.sign(g);
        } else if (kind === 'signsgdm') {
          const mi = m[i] * b1 + c1 * g;
          m[i] = mi;
          u = Math.sign(mi);
        } else {
          const mi = m[i];
          u = Math.sign(mi * b1 + c1 * g);
          m[i] = mi * b2 + c2 * g;
        }
        const next = th - lr * u;
        theta[i] = next;
        if (measure) {
          u2 += u * u;
          u4 += u * u;
          w2 += next * next;
          w4 += next * next * next * next;
        }
      }
      break;
    }
  }
  if (moments) {
    moments.u2 += u2;
    moments.u4 += u4;
    moments.w2 += w2;
    moments.w4 += w4;
  }
}
