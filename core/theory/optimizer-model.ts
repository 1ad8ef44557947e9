/**
 * How each optimizer kind maps onto the formulas: its momentum filter, its schedule, its §3.2
 * Surge model and its §2.4 weight-decay run. Shared by `predict` and the playground's curves so
 * that a curve and the number beside it can never disagree.
 */
import type { PredictionInput } from '../prediction';
import { epsRatio, gradScale, surgeEpsTerm } from './eps-regime';
import { emaFilter, lionFilter, NO_MOMENTUM, noiseFactor, torchMuonFilter, torchSgdFilter, type MomentumFilter } from './momentum';
import { lrSeries, type ScheduleSpec } from './schedule';
import { signLongRunVariance } from './sign-variance';
import type { SurgeModel } from './surge';
import { decayRule, isDecoupled } from './weight-decay';
import type { NoiseModel, ScheduledRun } from './weight-rms';

export const isAdamKind = (input: PredictionInput) => input.optimizer === 'adam' || input.optimizer === 'adamw';
export const isSignKind = (input: PredictionInput) =>
  input.optimizer === 'signsgd' || input.optimizer === 'signsgdm' || input.optimizer === 'lion';

/** The momentum filter each optimizer applies to its gradients (momentum.ts). */
export function momentumFilterOf(input: PredictionInput): MomentumFilter {
  switch (input.optimizer) {
    case 'adam':
    case 'adamw':
    case 'signsgdm':
      return emaFilter(input.beta1);
    case 'signsgd':
      return NO_MOMENTUM;
    case 'lion':
      return lionFilter(input.beta1, input.beta2);
    case 'sgd':
      return torchSgdFilter(input.momentum, input.dampening, input.nesterov);
    case 'muon':
      return torchMuonFilter(input.momentum, input.nesterov);
  }
}

/** The schedule the input describes, or null without a step count. */
export function scheduleOf(input: PredictionInput): ScheduleSpec | null {
  if (input.steps === null) return null;
  return {
    kind: input.schedule,
    peakLr: input.lr,
    steps: input.steps,
    warmupSteps: input.warmupSteps,
    decaySteps: input.decaySteps,
    minLrRatio: input.minLrRatio ?? 0,
  };
}

/** Per-coordinate gradient scale ‖G‖/√N (§1.3), or null when not given. */
export function gradScaleOf(input: PredictionInput): number | null {
  return input.gradNorm !== null && input.params !== null ? gradScale(input.gradNorm, input.params) : null;
}

/** ε/(‖G‖/√N) for Adam-type optimizers (§1.3), or null (no ε in the update, or scale unknown). */
export function epsRatioOf(input: PredictionInput): number | null {
  if (!isAdamKind(input) || input.gradNorm === null || input.params === null) return null;
  return epsRatio(input.eps, input.gradNorm, input.params);
}

/**
 * The §3.2 mean-field model for this optimizer, with ε's e = ε²/ḡ² when it can be computed.
 * Sign-type updates use the exact Gaussian E[sign] (§3.6 b) unless `scalar` asks for the
 * closed-form model. Muon: §3.5 finds no Surge under the seed's Hessian structure, so ρ is not applied.
 */
export function surgeModelOf(input: PredictionInput, scalar = false): SurgeModel {
  const k = noiseFactor(momentumFilterOf(input));
  const rho = input.hessianAlignment;
  if (isAdamKind(input)) {
    const ratio = epsRatioOf(input);
    const e = ratio !== null && input.batchSize !== null && input.noiseScale !== null
      ? surgeEpsTerm(ratio, input.batchSize, input.noiseScale)
      : 0;
    return { family: 'adam', k, rho, e };
  }
  if (input.optimizer === 'sgd') return { family: 'linear', k, rho };
  return { family: scalar ? 'sign' : 'sign-erf', k, rho: input.optimizer === 'muon' ? 0 : rho };
}

/** Whether decoupled decay acts (λ > 0 with lr, lr-ratio or lr² semantics). */
export function decaysOf(input: PredictionInput): boolean {
  return isDecoupled(input.weightDecaySemantics) && input.weightDecay > 0;
}

/**
 * Step size per unit of the normalized update that the §2 formulas count: ε shrinks Adam's by
 * 1/(1+ε/scale) (§1.3); SGD's update is in gradient units (null when the scale is unknown);
 * sign updates are ±1. Muon and coupled L2 have no §2 formula: null.
 */
export function weightStepScaleOf(input: PredictionInput): number | null {
  if (input.optimizer === 'muon') return null;
  if (input.weightDecaySemantics === 'coupled-l2' && input.weightDecay > 0) return null;
  if (isAdamKind(input)) return 1 / (1 + (epsRatioOf(input) ?? 0));
  if (input.optimizer === 'sgd') return gradScaleOf(input);
  return 1;
}

/** How update noise accumulates into the weights for this optimizer (weight-rms.ts NoiseModel). */
export function noiseModelOf(input: PredictionInput): NoiseModel {
  if (!isSignKind(input)) return { kind: 'linear' };
  const filter = momentumFilterOf(input);
  return input.snr === 0
    ? { kind: 'sign-arcsine', longRunVariance: signLongRunVariance(filter) }
    : { kind: 'sign-mean-field', k: noiseFactor(filter) };
}

/** Buffer reused by `scheduledRunOf(input, true)`: see there. */
let pool: Float64Array | null = null;

/**
 * The §2.4 run over the input's schedule, or null when §2 does not apply or the step count is
 * unknown. The step-size unit is folded into the schedule's peak (every schedule is linear in it)
 * and into the decay rule (which reads the raw lr), so the run costs one O(T) series.
 * With `transient` that series lives in a shared buffer that the next transient call overwrites:
 * a 10⁶-step run needs 8 MB, and allocating it per call (a playground slider calls predict every
 * frame) costs more than the pass itself. Use such a run at once (predict and the curves do).
 */
export function scheduledRunOf(input: PredictionInput, transient = false): ScheduledRun | null {
  const schedule = scheduleOf(input);
  const unit = weightStepScaleOf(input);
  if (schedule === null || unit === null) return null;
  if (transient && (pool === null || pool.length < schedule.steps)) pool = new Float64Array(schedule.steps);
  const lr = lrSeries({ ...schedule, peakLr: schedule.peakLr * unit }, transient ? pool! : undefined);
  const rule = decayRule(decaysOf(input) ? input.weightDecaySemantics : 'none', input.lr, input.weightDecay);
  return {
    lr,
    // δ reads the raw lr η_t = lr_t/unit: δ = (perLr/unit)·lr_t + (perLrSquared/unit²)·lr_t².
    decay: { perLr: rule.perLr / unit, perLrSquared: rule.perLrSquared / (unit * unit) },
    filter: momentumFilterOf(input),
    biasCorrection: isAdamKind(input),
    snr: input.snr,
    theta0Rms: input.theta0Rms,
    noise: noiseModelOf(input),
  };
}
