/**
 * Weight decay over the schedule (science.md §8.4). With a decaying lr and a constant λ, the equilibrium
 * √(η_t/(2λ)) of science.md §2.2 moves during the run, and the weights follow it with lag τ_t = 1/(η_t·λ).
 * In a run many τ long the weight RMS falls with the lr at the end (Defazio 2025, arXiv 2506.02285, who
 * links it to the rise of the gradient norm at the end of training and proposes λ_t ∝ η_t, "AdamC").
 * The curves come from the same §2.4 evaluation as every other weight-RMS number.
 */
import type { PredictionInput } from '../../prediction';
import { scheduleOf, weightRmsAtStepsOf } from '../optimizer-model';
import { lrAt } from '../schedule';
import { decayPerStep, isDecoupled } from '../weight-decay';
import { weightRmsSteady } from '../weight-rms';

export const ADAMC_SOURCE =
  'Defazio 2025, "Why Gradients Rapidly Increase Near the End of Training", arXiv 2506.02285: λ_t = λ·η_t/η_max';

/** Points per curve: enough for a chart and the end-of-run ratio, independent of the run length. */
const POINTS = 64;

export interface WeightDecayOverRun {
  /** 1-based steps at which the curves are evaluated. */
  steps: number[];
  /** Predicted weight RMS with the config's constant λ (science.md §2.4). */
  weightRms: number[];
  /** The moving equilibrium at each step's lr (science.md §2.1 with η_t). */
  equilibrium: number[];
  /** The same run with λ_t ∝ η_t (AdamC): its equilibrium stays at the peak value. */
  withLrProportionalDecay: number[];
  /** Weight RMS at the end over its largest value during the run. */
  endOverPeak: number;
  /** The run length in units of τ at the peak lr (T/τ_iter). */
  runOverTau: number;
}

/** Evenly spaced 1-based steps from 1 to T (fewer when T is small). */
function sampleSteps(total: number): number[] {
  const n = Math.min(POINTS, total);
  return Array.from({ length: n }, (_, i) => Math.max(1, Math.round(((i + 1) * total) / n)));
}

/**
 * The weight-RMS curve with constant λ beside λ_t ∝ η_t, for a decoupled rule with a known run length;
 * null where science.md §2 does not apply or the schedule is constant (nothing moves).
 */
export function weightDecayOverRun(input: PredictionInput): WeightDecayOverRun | null {
  const schedule = scheduleOf(input);
  if (schedule === null || input.schedule === 'constant' || !isDecoupled(input.weightDecaySemantics)) return null;
  // §2.4 is evaluated in bounded work at any length (block-fold.ts), not past 2⁵³ steps, which a double cannot count.
  if (schedule.steps > Number.MAX_SAFE_INTEGER) return null;
  const peakDecay = decayPerStep(input.weightDecaySemantics, input.lr, input.lr, input.weightDecay);
  if (!(peakDecay > 0)) return null;
  const steps = sampleSteps(schedule.steps);
  const constant = weightRmsAtStepsOf(input, steps);
  // λ_t = λ·η_t/η_max with torch AdamW's rule is δ_t = (λ/η_max)·η_t²: the lr² rule with λ/η_max.
  const adamc = weightRmsAtStepsOf({ ...input, weightDecaySemantics: 'lr-squared', weightDecay: peakDecay / input.lr ** 2 }, steps);
  if (constant === null || adamc === null) return null;
  const equilibrium = steps.map((t) => {
    const lr = lrAt(schedule, t);
    return weightRmsSteady(lr, decayPerStep(input.weightDecaySemantics, lr, input.lr, input.weightDecay), input.snr) ??
      Number.NaN;
  });
  const weightRms = Array.from(constant);
  const finite = weightRms.filter(Number.isFinite);
  const peak = finite.length > 0 ? Math.max(...finite) : Number.NaN;
  const end = weightRms[weightRms.length - 1] ?? Number.NaN;
  return {
    steps,
    weightRms,
    equilibrium,
    withLrProportionalDecay: Array.from(adamc),
    endOverPeak: end / peak,
    runOverTau: schedule.steps * peakDecay,
  };
}

/** The end-of-run shrink worth a finding: the run spans several τ and the weight RMS ends well below its peak. */
export const END_SHRINK = { minRunOverTau: 3, maxEndOverPeak: 0.8 } as const;

export function shrinksAtEnd(curve: WeightDecayOverRun): boolean {
  return curve.runOverTau >= END_SHRINK.minRunOverTau && curve.endOverPeak < END_SHRINK.maxEndOverPeak;
}
