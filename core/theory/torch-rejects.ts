/**
 * What PyTorch's optimizers refuse at construction, with PyTorch's own messages, so that OptLens never
 * predicts for a config that would not start (science.md §7.4). Read from torch/optim/adam.py, adamw.py
 * and sgd.py (PyTorch 2.x, unchanged from 1.x): each check raises `ValueError(message)`.
 *   Adam, AdamW: not 0 ≤ lr → "Invalid learning rate: {lr}"; not 0 ≤ eps → "Invalid epsilon value: {eps}";
 *     not 0 ≤ betas[i] < 1 → "Invalid beta parameter at index {i}: {betas[i]}";
 *     not 0 ≤ weight_decay → "Invalid weight_decay value: {weight_decay}".
 *   SGD: lr < 0 → "Invalid learning rate: {lr}"; momentum < 0 → "Invalid momentum value: {momentum}";
 *     weight_decay < 0 → "Invalid weight_decay value: {weight_decay}";
 *     nesterov and (momentum ≤ 0 or dampening ≠ 0) → "Nesterov momentum requires a momentum and zero dampening".
 * Other kinds (sign optimizers, Lion, Muon) are not torch.optim classes with these checks: nothing here.
 */
import type { OptimizerKind } from '../hyperparams';

/** The fields a check reads (a PredictionInput has them all; an extraction has some). */
export interface TorchArguments {
  optimizer: OptimizerKind;
  lr?: number;
  eps?: number;
  beta1?: number;
  beta2?: number;
  weightDecay?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
}

export type TorchField = 'lr' | 'eps' | 'beta1' | 'beta2' | 'weightDecay' | 'momentum' | 'dampening' | 'nesterov';

export interface TorchRejection {
  /** The argument the message is about (where an editor puts the error). */
  field: TorchField;
  /** PyTorch's ValueError message, verbatim with Python's number formatting. */
  message: string;
}

/**
 * A float as Python's repr prints it inside an f-string: shortest round-trip digits, fixed notation for
 * decimal exponents in [−4, 16), else d.ddde±XX (`1e-08`, `-0.001`, `1.0`, `1e+16`).
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    const fixed = x.toFixed(Math.max(0, ((mantissa ?? '').split('.')[1]?.length ?? 0) - exponent));
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

const ADAM_KINDS: readonly OptimizerKind[] = ['adam', 'adamw'];

/** Every check of the torch.optim class of `args.optimizer` that `args` fails, in PyTorch's order. */
export function torchRejections(args: TorchArguments): TorchRejection[] {
  const out: TorchRejection[] = [];
  /** PyTorch's `if not ok(value): raise ValueError(text(value))`; NaN is invalid-value's business, not torch's. */
  const check = (
    field: TorchField, value: number | undefined, ok: (v: number) => boolean, text: (shown: string) => string,
  ) => {
    if (value !== undefined && !Number.isNaN(value) && !ok(value)) {
      out.push({ field, message: text(pythonFloat(value)) });
    }
  };
  const nonNegative = (v: number) => v >= 0;
  const unit = (v: number) => v >= 0 && v < 1;
  if (ADAM_KINDS.includes(args.optimizer)) {
    check('lr', args.lr, nonNegative, (v) => `Invalid learning rate: ${v}`);
    check('eps', args.eps, nonNegative, (v) => `Invalid epsilon value: ${v}`);
    check('beta1', args.beta1, unit, (v) => `Invalid beta parameter at index 0: ${v}`);
    check('beta2', args.beta2, unit, (v) => `Invalid beta parameter at index 1: ${v}`);
    check('weightDecay', args.weightDecay, nonNegative, (v) => `Invalid weight_decay value: ${v}`);
  } else if (args.optimizer === 'sgd') {
    check('lr', args.lr, nonNegative, (v) => `Invalid learning rate: ${v}`);
    check('momentum', args.momentum, nonNegative, (v) => `Invalid momentum value: ${v}`);
    check('weightDecay', args.weightDecay, nonNegative, (v) => `Invalid weight_decay value: ${v}`);
    const momentum = args.momentum ?? 0;
    const dampening = args.dampening ?? 0;
    if (args.nesterov === true && (momentum <= 0 || dampening !== 0)) {
      out.push({ field: dampening !== 0 ? 'dampening' : 'nesterov', message: 'Nesterov momentum requires a momentum and zero dampening' });
    }
  }
  return out;
}
