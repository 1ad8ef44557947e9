/**
 * What each playground control edits and how its slider maps to a value. Pure data and arithmetic:
 * the DOM side (controls.ts) builds one labelled slider + number box per numeric spec.
 *
 * Sliders are integer positions 0…SLIDER_STEPS so that keyboard arrows move in even steps; a log scale
 * (lr, ε, batch) or a log scale of 1−β (β2, whose interesting values are 0.95…0.99999) spreads the range.
 */
import { OPTIMIZER_KINDS, SCHEDULE_KINDS, type OptimizerKind, type ScheduleKind } from '../core/hyperparams';
import type { PlaygroundParams } from '../core/webview-messages';

export const SLIDER_STEPS = 1000;

/** The parameters with a slider (the optional ones come only from a bound config or the settings). */
export type NumericParam = Extract<keyof PlaygroundParams, 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'batchSize' | 'noiseScale' | 'snr' | 'steps'>;

export interface NumericSpec {
  name: NumericParam;
  label: string;
  scale: 'linear' | 'log' | 'log-one-minus';
  min: number;
  max: number;
  integer: boolean;
  /** Smallest value the number box accepts (the slider's range may be narrower, e.g. λ = 0). */
  hardMin: number;
  hardMax: number;
}

export const NUMERIC_SPECS: readonly NumericSpec[] = [
  { name: 'lr', label: 'Learning rate', scale: 'log', min: 1e-5, max: 1, integer: false, hardMin: 1e-12, hardMax: 100 },
  { name: 'beta1', label: 'Momentum β1', scale: 'linear', min: 0, max: 0.999, integer: false, hardMin: 0, hardMax: 0.999999 },
  { name: 'beta2', label: 'Second moment β2', scale: 'log-one-minus', min: 0.5, max: 0.99999, integer: false, hardMin: 0, hardMax: 0.9999999 },
  { name: 'eps', label: 'Epsilon ε', scale: 'log', min: 1e-12, max: 10, integer: false, hardMin: 0, hardMax: 1e3 },
  { name: 'weightDecay', label: 'Weight decay λ', scale: 'log', min: 1e-4, max: 1, integer: false, hardMin: 0, hardMax: 100 },
  { name: 'batchSize', label: 'Batch size B', scale: 'log', min: 1, max: 1e7, integer: true, hardMin: 1, hardMax: 1e12 },
  { name: 'noiseScale', label: 'Noise scale B_simple', scale: 'log', min: 1, max: 1e8, integer: false, hardMin: 1e-6, hardMax: 1e15 },
  { name: 'snr', label: 'Gradient SNR', scale: 'linear', min: 0, max: 2, integer: false, hardMin: 0, hardMax: 1e6 },
  { name: 'steps', label: 'Steps T', scale: 'log', min: 10, max: 1e6, integer: true, hardMin: 1, hardMax: 1e9 },
];

export const OPTIMIZER_LABELS: Record<OptimizerKind, string> = {
  adamw: 'AdamW',
  adam: 'Adam (coupled L2)',
  sgd: 'SGD with momentum',
  signsgd: 'SignSGD',
  signsgdm: 'SignSGD with momentum',
  lion: 'Lion',
  muon: 'Muon',
};

export const SCHEDULE_LABELS: Record<ScheduleKind, string> = {
  constant: 'Constant',
  cosine: 'Cosine',
  linear: 'Linear decay',
  wsd: 'Warmup–stable–decay',
  'inverse-sqrt': 'Inverse square root',
};

export const OPTIMIZER_CHOICES: readonly OptimizerKind[] = OPTIMIZER_KINDS;
export const SCHEDULE_CHOICES: readonly ScheduleKind[] = SCHEDULE_KINDS;

export function specFor(name: NumericParam): NumericSpec {
  const spec = NUMERIC_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`no control for ${name}`);
  return spec;
}

/** Slider position (0…SLIDER_STEPS) → value. */
export function positionToValue(spec: NumericSpec, position: number): number {
  const f = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  let value: number;
  if (spec.scale === 'linear') value = spec.min + f * (spec.max - spec.min);
  else if (spec.scale === 'log') value = Math.exp(Math.log(spec.min) + f * (Math.log(spec.max) - Math.log(spec.min)));
  else {
    // 1−β runs from 1−min (left) down to 1−max (right) on a log scale.
    const lo = Math.log(1 - spec.min);
    const hi = Math.log(1 - spec.max);
    value = 1 - Math.exp(lo + f * (hi - lo));
  }
  return roundForDisplay(spec, value);
}

/** Value → nearest slider position (values outside the slider's range sit at its ends). */
export function valueToPosition(spec: NumericSpec, value: number): number {
  let f: number;
  if (spec.scale === 'linear') f = (value - spec.min) / (spec.max - spec.min);
  else if (spec.scale === 'log') f = value > 0 ? (Math.log(value) - Math.log(spec.min)) / (Math.log(spec.max) - Math.log(spec.min)) : 0;
  else {
    const lo = Math.log(1 - spec.min);
    const hi = Math.log(1 - spec.max);
    f = value < 1 ? (Math.log(1 - value) - lo) / (hi - lo) : 1;
  }
  if (!Number.isFinite(f)) f = 0;
  return Math.round(Math.min(1, Math.max(0, f)) * SLIDER_STEPS);
}

/**
 * Rounds a slider value to what a person would type: integers for counts, 3 significant digits on log
 * scales (of 1−β for β2), so that a written-back literal reads `0.0003`, not `0.000301995`.
 */
export function roundForDisplay(spec: NumericSpec, value: number): number {
  if (spec.integer) return Math.max(spec.hardMin, Math.round(value));
  if (spec.scale === 'log') return Number(value.toPrecision(3));
  if (spec.scale === 'log-one-minus') return 1 - Number((1 - value).toPrecision(3));
  return Math.round(value * 1000) / 1000;
}

/** Parses what a person typed into a number box; null when it is not a number inside the hard limits. */
export function parseTyped(spec: NumericSpec, text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < spec.hardMin || value > spec.hardMax) return null;
  return spec.integer ? Math.round(value) : value;
}

/** A compact, exact-enough rendering for number boxes and formulas (1e-8, 0.9, 3.00e-4, 512). */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs < 1e7) return String(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(digits)));
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const m = String(Number(mantissa));
  return `${m}e${Number(exponent)}`;
}
