/**
 * How each optimizer kind maps onto the formulas: its momentum filter, its schedule, its §3.2
 * Surge model and its §2.4 weight-decay run. Shared by `predict` and the playground's curves so
 * that a curve and the number beside it can never disagree.
 */
import type { PredictionInput } from '../prediction';
import { adamFiniteT } from './adam-finite-t';
import { blockWeightRmsAtSteps, type FoldWork } from './block-fold';
import { DEFAULT_GRADIENT_SCALE_SPREAD } from './coordinate-scales';
import { epsRatio, gradScale, surgeEpsTerm } from './eps-regime';
import { emaFilter, lionFilter, NO_MOMENTUM, noiseFactor, torchMuonFilter, torchSgdFilter, type MomentumFilter } from './momentum';
import { muonUpdateRms } from './muon';
import { fillLr, lrAt, lrSeries, type ScheduleSpec } from './schedule';
import { signExactAffordable, signWeightRmsExact } from './sign-weight-rms';
import type { SurgeModel } from './surge';
import {
  linearUpdateCorrelation, mixUpdateCorrelation, signMeanFactors, signUpdateCorrelation, type UpdateCorrelation,
} from './update-correlation';
import { decayRule, isDecoupled, type DecayRule } from './weight-decay';
import {
  backwardSettled, emptyBackwardSums, foldBackward, weightRmsFromSums,
  type NoiseModel, type ScheduledRun, type StepFactors,
} from './weight-rms';
import { emptyForwardState, foldForward, stepIndex, weightRmsFromForward } from './weight-rms-forward';

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
    return { family: 'adam', k, rho, e, spread: input.gradientScaleSpread ?? DEFAULT_GRADIENT_SCALE_SPREAD };
  }
  if (input.optimizer === 'sgd') return { family: 'linear', k, rho };
  // Muon: the orthogonalised update follows the mean field μ/√(μ² + kσ²/B) (η* ≈ η_max/√(1 + k·B_simple/B), §3.5),
  // within 1.7% of its Monte Carlo, where the erf form is ~7% off: Newton–Schulz is not an entrywise sign.
  if (input.optimizer === 'muon') return { family: 'sign', k, rho: 0 };
  return { family: scalar ? 'sign' : 'sign-erf', k, rho };
}

/** Whether decoupled decay acts (λ > 0 with lr, lr-ratio or lr² semantics). */
export function decaysOf(input: PredictionInput): boolean {
  return isDecoupled(input.weightDecaySemantics) && input.weightDecay > 0;
}

/**
 * Whether §2.7's Muon weight RMS applies: it needs the matrix shape, and it is derived and checked at
 * SNR 0 only (Newton–Schulz of a matrix with a mean is not a per-entry function of the gradient).
 */
export const muonWeightRmsApplies = (input: PredictionInput): boolean =>
  input.optimizer === 'muon' && input.shape !== null && input.snr === 0;

/**
 * Step size per unit of the normalized update that the §2 formulas count: ε shrinks Adam's by
 * 1/(1+ε/scale) (§1.3); SGD's update is in gradient units (null when the scale is unknown);
 * sign updates are ±1; Muon's entries have RMS `muonUpdateRms` per unit lr (§2.7; null where it does
 * not apply). Coupled L2 has no §2 formula: null.
 */
export function weightStepScaleOf(input: PredictionInput): number | null {
  if (input.weightDecaySemantics === 'coupled-l2' && input.weightDecay > 0) return null;
  if (input.optimizer === 'muon') return muonWeightRmsApplies(input) ? muonUpdateRms(input.shape!, input.muonAdjustLr) : null;
  if (isAdamKind(input)) return 1 / (1 + (epsRatioOf(input) ?? 0));
  if (input.optimizer === 'sgd') return gradScaleOf(input);
  return 1;
}

const correlations = new Map<string, UpdateCorrelation>();

/**
 * The stationary update moments of sign types (§2.6, exact Gaussian form at any SNR) and of Muon (§2.7:
 * (1−a)·linear + a·arcsine, a = min(m,n)/max(m,n), at SNR 0); null for updates linear in the gradient.
 * Cached: a table of up to ~10⁴ lags of Φ₂.
 */
export function updateCorrelationOf(input: PredictionInput): UpdateCorrelation | null {
  if (!isSignKind(input) && input.optimizer !== 'muon') return null;
  const filter = momentumFilterOf(input);
  const key = `${input.optimizer}|${filter.direct}|${filter.gain}|${filter.beta}|${input.snr}|${input.shape?.join('x') ?? ''}`;
  const hit = correlations.get(key);
  if (hit) return hit;
  let c: UpdateCorrelation;
  if (input.optimizer === 'muon') {
    const [m, n] = input.shape ?? [1, 1];
    const a = Math.min(m, n) / Math.max(m, n);
    c = mixUpdateCorrelation(linearUpdateCorrelation(filter), signUpdateCorrelation(filter, 0), a);
  } else {
    c = signUpdateCorrelation(filter, input.snr);
  }
  if (correlations.size > 64) correlations.clear();
  correlations.set(key, c);
  return c;
}

/** How update noise accumulates into the weights for this optimizer (weight-rms.ts NoiseModel). */
export function noiseModelOf(input: PredictionInput): NoiseModel {
  const correlation = updateCorrelationOf(input);
  return correlation === null ? { kind: 'linear' } : { kind: 'correlated', correlation };
}

/**
 * Finite-t corrections (weight-rms.ts StepFactors): Adam's exact moments of m̂/√v̂ (§1.2), a sign
 * update's mean while its filter fills (§2.6); none for SGD (exactly linear) and Muon.
 */
export function stepFactorsOf(input: PredictionInput): StepFactors | undefined {
  if (isAdamKind(input)) return adamFiniteT(input.beta1, input.beta2, input.snr);
  if (isSignKind(input)) {
    const mean = signMeanFactors(momentumFilterOf(input), input.snr);
    return { mean, noise: new Float64Array(0) };
  }
  return undefined;
}

/** Everything a §2.4 run needs besides its lr series: the schedule and the decay rule, in step units. */
export interface RunPlan {
  /** The input's schedule with the step-size unit folded into its peak (every schedule is linear in it). */
  schedule: ScheduleSpec;
  /** δ_t as a rule on the scaled lr: the rule reads the raw lr η_t = lr_t/unit. */
  decay: DecayRule;
  run: Omit<ScheduledRun, 'lr' | 'decay'>;
}

/** The §2.4 plan for the input, or null when §2 does not apply or the step count is unknown. */
export function runPlanOf(input: PredictionInput): RunPlan | null {
  const schedule = scheduleOf(input);
  const unit = weightStepScaleOf(input);
  if (schedule === null || unit === null) return null;
  const rule = decayRule(decaysOf(input) ? input.weightDecaySemantics : 'none', input.lr, input.weightDecay);
  return {
    schedule: { ...schedule, peakLr: schedule.peakLr * unit },
    decay: { perLr: rule.perLr / unit, perLrSquared: rule.perLrSquared / (unit * unit) },
    run: {
      filter: momentumFilterOf(input), biasCorrection: isAdamKind(input), snr: input.snr, theta0Rms: input.theta0Rms,
      noise: noiseModelOf(input), factors: stepFactorsOf(input),
    },
  };
}

/**
 * Sign types in runs short enough to evaluate pair by pair (science.md §2.6, sign-weight-rms.ts: the filter's
 * transient covariances, which the stationary sums miss); null otherwise.
 */
function signExactOf(
  input: PredictionInput, plan: RunPlan, steps: readonly number[], last: number,
): Float64Array | null {
  if (!isSignKind(input) || last < 1 || !signExactAffordable(plan.run.filter, last)) return null;
  // Only the steps evaluated: the schedule itself may claim far more.
  const lr = new Float64Array(last);
  fillLr(plan.schedule, 1, lr);
  const { perLr, perLrSquared } = plan.decay;
  const decay = lr.map((l) => l * (perLr + perLrSquared * l));
  const run = { filter: plan.run.filter, snr: input.snr, theta0Rms: plan.run.theta0Rms, lr, decay };
  return signWeightRmsExact(run, steps);
}

/** The whole run as arrays (a T-long series: for tests and short runs; `endWeightRmsOf` streams). */
export function scheduledRunOf(input: PredictionInput): ScheduledRun | null {
  const plan = runPlanOf(input);
  return plan === null ? null : { ...plan.run, lr: lrSeries(plan.schedule), decay: plan.decay };
}

/**
 * Steps per chunk when streaming a run: the lr series is produced 2¹⁶ steps at a time into one
 * reused buffer, so a run of any length needs 512 KB, not 8 bytes per step.
 */
const CHUNK = 1 << 16;
let chunkBuffer: Float64Array | null = null;

function chunk(): Float64Array {
  chunkBuffer ??= new Float64Array(CHUNK);
  return chunkBuffer;
}

/**
 * Steps up to which §2.4 is walked step by step (a few ms); past it, a run is evaluated in bounded work by blocks
 * (block-fold.ts, within 1e-4 of the walk), so that no step count a file claims costs more than ~10⁵ steps.
 */
export const EXACT_STEPS = 1 << 17;

/**
 * Weight RMS at step `end` (default: the end of the run) by science.md §2.4: the schedule streamed backward in
 * chunks, stopping once the earlier steps cannot change the result (`backwardSettled`), which a run with τ ≪ T
 * does after its last few τ; a run that has not settled within EXACT_STEPS goes to the block fold. `work` counts
 * what the block fold does. null when §2 does not apply, past 2⁵³ steps (a double no longer counts them), or when
 * the sums leave double precision.
 */
export function endWeightRmsOf(input: PredictionInput, end?: number, work?: FoldWork): number | null {
  const plan = runPlanOf(input);
  if (plan === null) return null;
  const T = Math.min(end ?? plan.schedule.steps, plan.schedule.steps);
  if (T > Number.MAX_SAFE_INTEGER) return null;
  const exact = signExactOf(input, plan, [T], T);
  if (exact !== null) return exact[0] ?? null;
  const blocks = () => {
    const value = blockWeightRmsAtSteps(plan.schedule, plan.decay, plan.run, [T], { work })[0];
    return Number.isFinite(value) ? value : null;
  };
  if (T > EXACT_STEPS && cannotSettle(plan, T)) return blocks();
  const buffer = chunk();
  const sums = emptyBackwardSums();
  let walked = 0;
  for (let last = T; last >= 1; last -= CHUNK) {
    walked += CHUNK;
    if (walked > EXACT_STEPS) return blocks();
    const first = Math.max(1, last - CHUNK + 1);
    const lr = buffer.subarray(0, last - first + 1);
    fillLr(plan.schedule, first, lr);
    foldBackward(sums, plan.run, lr, plan.decay, first);
    if (first > 1 && backwardSettled(sums, plan.run, plan.schedule.peakLr, first - 1, plan.run.theta0Rms)) break;
  }
  return weightRmsFromSums(plan.run, sums);
}

/**
 * Whether the backward walk over the last EXACT_STEPS steps must end without settling: settling needs
 * P = Π(1−δ_t) ≤ 1e-17 there, i.e. Σδ_t ≥ ln 10¹⁷ ≈ 39 over the window. Σδ_t is estimated by a 1024-point
 * midpoint sum (the schedules are smooth; a 2× margin covers its error), so a long run whose last steps decay
 * little goes to the block fold at once instead of after a walk of EXACT_STEPS.
 */
function cannotSettle(plan: RunPlan, T: number): boolean {
  const samples = 1024;
  const { perLr, perLrSquared } = plan.decay;
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const eta = lrAt(plan.schedule, T - EXACT_STEPS * ((i + 0.5) / samples));
    sum += eta * (perLr + perLrSquared * eta);
  }
  return 2 * sum * (EXACT_STEPS / samples) < Math.log(1e17);
}

/**
 * Weight RMS at the given 1-based steps (science.md §2.4), by the forward recursion streamed in
 * chunks up to the largest step asked for, or, past EXACT_STEPS, by the block fold (block-fold.ts).
 * Step 0 is θ0; steps past T, and points whose sums leave double precision, give NaN.
 */
export function weightRmsAtStepsOf(
  input: PredictionInput, steps: readonly number[], work?: FoldWork): Float64Array | null {
  const plan = runPlanOf(input);
  if (plan === null) return null;
  const exact = signExactOf(input, plan, steps, plan.schedule.steps);
  if (exact !== null) return exact;
  const T = plan.schedule.steps;
  const out = new Float64Array(steps.length).fill(Number.NaN);
  // Past 2⁵³ a double no longer counts steps: such points are not evaluated.
  const inRun = steps.filter((s) => s >= 1 && s <= T && s <= Number.MAX_SAFE_INTEGER);
  const end = inRun.length > 0 ? Math.max(...inRun) : 0;
  steps.forEach((s, idx) => {
    if (s === 0) out[idx] = plan.run.theta0Rms;
  });
  if (end > EXACT_STEPS) {
    const blocks = blockWeightRmsAtSteps(plan.schedule, plan.decay, plan.run, steps, { work });
    return blocks.map((v) => (Number.isFinite(v) ? v : Number.NaN));
  }
  const wanted = stepIndex(steps);
  const buffer = chunk();
  const state = emptyForwardState();
  const record = (t: number) => {
    const hits = wanted.get(t);
    if (hits) for (const idx of hits) out[idx] = weightRmsFromForward(plan.run, state);
  };
  for (let first = 1; first <= end; first += CHUNK) {
    const lr = buffer.subarray(0, Math.min(CHUNK, end - first + 1));
    fillLr(plan.schedule, first, lr);
    foldForward(state, plan.run, lr, plan.decay, record);
  }
  return out;
}
