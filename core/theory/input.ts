/**
 * What `predict` starts from when a value is not given: each optimizer's own defaults (as data,
 * with their sources), and the checks an input must pass before the formulas mean anything.
 */
import type { OptimizerKind } from '../hyperparams';
import type { PredictionInput } from '../prediction';
import { MAX_GRADIENT_SCALE_SPREAD } from './coordinate-scales';
import { torchRejections } from './torch-rejects';
import { decayPerStep, isDecoupled } from './weight-decay';

type OptimizerDefaults = Pick<
  PredictionInput,
  'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'weightDecaySemantics' | 'momentum' | 'nesterov'
> & { source: string };

/** The implementation each optimizer kind stands for, with its constructor defaults. */
export const OPTIMIZER_DEFAULTS: Readonly<Record<OptimizerKind, OptimizerDefaults>> = {
  adamw: {
    lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, weightDecaySemantics: 'lr',
    momentum: 0, nesterov: false, source: 'torch.optim.AdamW defaults (PyTorch docs)',
  },
  adam: {
    lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, weightDecaySemantics: 'coupled-l2',
    momentum: 0, nesterov: false, source: 'torch.optim.Adam defaults (PyTorch docs)',
  },
  sgd: {
    lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, weightDecaySemantics: 'coupled-l2',
    momentum: 0, nesterov: false, source: 'torch.optim.SGD defaults (PyTorch docs)',
  },
  signsgd: {
    lr: 1e-4, beta1: 0, beta2: 0.999, eps: 1e-8, weightDecay: 0, weightDecaySemantics: 'lr',
    momentum: 0, nesterov: false, source: 'SignSGD (Bernstein et al. 2018); decoupled decay as in science.md §2.5',
  },
  signsgdm: {
    lr: 1e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, weightDecaySemantics: 'lr',
    momentum: 0, nesterov: false, source: 'Signum (Bernstein et al. 2018) β = 0.9; decoupled decay as in science.md §2.5',
  },
  lion: {
    lr: 1e-4, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0, weightDecaySemantics: 'lr',
    momentum: 0, nesterov: false, source: 'lucidrains/lion-pytorch Lion defaults',
  },
  muon: {
    lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, weightDecaySemantics: 'lr',
    momentum: 0.95, nesterov: true, source: 'torch.optim.Muon defaults (pytorch/pytorch@098e03f9 torch/optim/_muon.py)',
  },
};

/** Settings that do not depend on the optimizer; null = unknown, so the predictions needing it are null. */
const GENERIC: Omit<PredictionInput, keyof OptimizerDefaults | 'optimizer'> = {
  dampening: 0,
  steps: null,
  warmupSteps: 0,
  schedule: 'constant',
  decaySteps: null,
  snr: 0,
  batchSize: null,
  noiseScale: null,
  hessianAlignment: 0,
  gradNorm: null,
  params: null,
  // 0: the weight-RMS predictions count only what the optimizer adds to the weights.
  theta0Rms: 0,
  shape: null,
  muonAdjustLr: 'original',
  fp16: false,
};

/** A complete input: the chosen optimizer's defaults, then `overrides`. */
export function defaultPredictionInput(overrides: Partial<PredictionInput> = {}): PredictionInput {
  const optimizer = overrides.optimizer ?? 'adamw';
  const { source: _source, ...defaults } = OPTIMIZER_DEFAULTS[optimizer];
  return { optimizer, ...GENERIC, ...defaults, ...overrides };
}

export interface InputProblem {
  field: keyof PredictionInput;
  message: string;
}

const isNum = (v: number) => typeof v === 'number' && Number.isFinite(v);

/**
 * Every reason the formulas would not apply to this input, by field (the CLI turns each into a
 * one-line usage error naming the flag). Empty = valid.
 */
export function validatePredictionInput(input: PredictionInput): InputProblem[] {
  const problems: InputProblem[] = [];
  const fail = (field: keyof PredictionInput, message: string) => problems.push({ field, message });
  // First what PyTorch itself refuses, in its own words (science.md §7.4): such a run never starts.
  for (const r of torchRejections(input)) fail(r.field, `torch.optim refuses it: ValueError: ${r.message}`);
  const unit = (field: 'beta1' | 'beta2' | 'momentum') => {
    const v = input[field];
    if (!isNum(v) || v < 0 || v >= 1) fail(field, `must be in [0, 1), got ${v}`);
  };
  unit('beta1');
  unit('beta2');
  unit('momentum');
  if (!isNum(input.dampening) || input.dampening < 0 || input.dampening > 1) fail('dampening', `must be in [0, 1], got ${input.dampening}`);
  if (!isNum(input.lr) || input.lr <= 0) fail('lr', `must be a positive number, got ${input.lr}`);
  const nonNegative = (field: 'eps' | 'weightDecay' | 'snr' | 'theta0Rms') => {
    const v = input[field];
    if (!isNum(v) || v < 0) fail(field, `must be a non-negative number, got ${v}`);
  };
  nonNegative('eps');
  nonNegative('weightDecay');
  nonNegative('snr');
  nonNegative('theta0Rms');
  const positiveOrNull = (field: 'batchSize' | 'noiseScale' | 'gradNorm') => {
    const v = input[field];
    if (v !== null && (!isNum(v) || v <= 0)) fail(field, `must be a positive number, got ${v}`);
  };
  positiveOrNull('batchSize');
  positiveOrNull('noiseScale');
  positiveOrNull('gradNorm');
  const count = (field: 'steps' | 'params' | 'warmupSteps' | 'decaySteps', min: number) => {
    const v = input[field];
    if (v !== null && (!Number.isInteger(v) || v < min)) fail(field, `must be an integer ≥ ${min}, got ${v}`);
  };
  count('steps', 1);
  count('params', 1);
  count('warmupSteps', 0);
  count('decaySteps', 0);
  const spread = input.gradientScaleSpread;
  if (spread !== undefined && (!isNum(spread) || spread < 0 || spread > MAX_GRADIENT_SCALE_SPREAD)) {
    fail('gradientScaleSpread', `must be in [0, ${MAX_GRADIENT_SCALE_SPREAD}] (the standard deviation of ln|g| across coordinates), got ${spread}`);
  }
  if (!isNum(input.hessianAlignment) || input.hessianAlignment <= -1) {
    fail('hessianAlignment', `must be a number > −1 (ρ ≤ −1 makes the curvature along the gradient non-positive), got ${input.hessianAlignment}`);
  }
  const minLr = input.minLrRatio ?? 0;
  if (!isNum(minLr) || minLr < 0 || minLr > 1) fail('minLrRatio', `must be in [0, 1], got ${minLr}`);
  if (input.shape !== null && !input.shape.every((d) => Number.isInteger(d) && d >= 1)) {
    fail('shape', `must be two positive integers MxN, got ${input.shape.join('x')}`);
  }
  if (problems.length === 0 && isDecoupled(input.weightDecaySemantics)) {
    const delta = decayPerStep(input.weightDecaySemantics, input.lr, input.lr, input.weightDecay);
    if (delta >= 1) fail('weightDecay', `decays the weights by ${delta} ≥ 1 of themselves per step at the peak lr`);
  }
  return problems;
}
