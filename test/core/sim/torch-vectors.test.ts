/**
 * PyTorch's own AdamW, Adam (coupled L2) and SGD (momentum, Nesterov, dampening) stepping on fixed
 * gradients (test/fixtures/vectors/torch-optimizers.json, float64): the simulator's update rules must
 * reproduce every parameter after every step to 1e-12 relative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementwiseStep, stepScalars, type ElementwiseKind } from '../../../core/sim/elementwise';
import type { OptimizerSettings } from '../../../core/sim/types';

interface TorchCase {
  name: string;
  optimizer: 'AdamW' | 'Adam' | 'SGD';
  hyperparameters: {
    lr: number;
    betas?: [number, number];
    eps?: number;
    weight_decay: number;
    momentum?: number;
    dampening?: number;
    nesterov?: boolean;
  };
  lr_per_step: number[];
  theta0: number[];
  grads: number[][];
  params_after_step: number[][];
}

const file = join(__dirname, '../../fixtures/vectors/torch-optimizers.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: TorchCase[] }).cases;

function settingsOf(c: TorchCase): { kind: ElementwiseKind; settings: OptimizerSettings } {
  const h = c.hyperparameters;
  const kind: ElementwiseKind = c.optimizer === 'AdamW' ? 'adamw' : c.optimizer === 'Adam' ? 'adam' : 'sgd';
  return {
    kind,
    settings: {
      optimizer: kind,
      beta1: h.betas?.[0] ?? 0.9,
      beta2: h.betas?.[1] ?? 0.999,
      eps: h.eps ?? 1e-8,
      weightDecay: h.weight_decay,
      // torch AdamW decays decoupled by lr·λ; Adam and SGD add λθ to the gradient.
      weightDecaySemantics: kind === 'adamw' ? 'lr' : 'coupled-l2',
      momentum: h.momentum ?? 0,
      dampening: h.dampening ?? 0,
      nesterov: h.nesterov ?? false,
      shape: null,
      muonAdjustLr: 'original',
    },
  };
}

/** Runs the case through the simulator and returns the largest relative error over steps and coordinates. */
function maxRelativeError(c: TorchCase): number {
  const { kind, settings } = settingsOf(c);
  const n = c.theta0.length;
  const state = { theta: Float64Array.from(c.theta0), m: new Float64Array(n), v: new Float64Array(n) };
  let worst = 0;
  c.grads.forEach((grad, index) => {
    const t = index + 1;
    const lr = c.lr_per_step[index];
    const scalars = stepScalars(settings, lr, c.hyperparameters.lr, t);
    // Mean 0 and std 1 make g = 0 + 1·z exactly the recorded gradient.
    elementwiseStep(kind, settings, scalars, state, Float64Array.from(grad), 0, 0, n, 0, 1, null);
    c.params_after_step[index].forEach((want, i) => {
      worst = Math.max(worst, Math.abs(state.theta[i] - want) / Math.max(Math.abs(want), 1e-300));
    });
  });
  return worst;
}

describe('torch optimizer vectors', () => {
  it('cover AdamW, Adam and SGD', () => {
    expect(new Set(cases.map((c) => c.optimizer))).toEqual(new Set(['AdamW', 'Adam', 'SGD']));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s matches PyTorch to 1e-12 relative', (_name, c) => {
    expect(maxRelativeError(c)).toBeLessThan(1e-12);
  });

  it('detects a wrong rule: AdamW without bias correction misses by far more than 1e-12', () => {
    const c = cases.find((x) => x.name === 'adamw-default')!;
    const { settings } = settingsOf(c);
    const n = c.theta0.length;
    const state = { theta: Float64Array.from(c.theta0), m: new Float64Array(n), v: new Float64Array(n) };
    const scalars = { ...stepScalars(settings, c.lr_per_step[0], c.hyperparameters.lr, 1), bc1: 1, bc2Sqrt: 1 };
    elementwiseStep('adamw', settings, scalars, state, Float64Array.from(c.grads[0]), 0, 0, n, 0, 1, null);
    const err = Math.abs(state.theta[0] - c.params_after_step[0][0]) / Math.abs(c.params_after_step[0][0]);
    expect(err).toBeGreaterThan(1e-6);
  });
});
