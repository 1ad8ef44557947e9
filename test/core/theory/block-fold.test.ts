/**
 * The block fold (science.md §2.4 in bounded work): against the exact step-by-step walk at moderate T, and with its
 * work counted at T = 10¹² (no timed assertion: the number of single steps and matrix products is the bound).
 */
import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../../core/prediction';
import { blockWeightRmsAtSteps, constantPhaseFrom, type FoldWork } from '../../../core/theory/block-fold';
import { endWeightRmsOf, EXACT_STEPS, runPlanOf, weightRmsAtStepsOf } from '../../../core/theory/optimizer-model';
import { defaultPredictionInput } from '../../../core/theory/predict';
import { fillLr } from '../../../core/theory/schedule';
import { emptyForwardState, foldForward, weightRmsFromForward } from '../../../core/theory/weight-rms-forward';

/** The exact forward walk over every step, recording at `steps`. */
function exactWalk(input: PredictionInput, steps: number[]): number[] {
  const plan = runPlanOf(input)!;
  const out = steps.map(() => Number.NaN);
  const state = emptyForwardState();
  const buffer = new Float64Array(1 << 16);
  const end = Math.max(...steps);
  for (let first = 1; first <= end; first += buffer.length) {
    const lr = buffer.subarray(0, Math.min(buffer.length, end - first + 1));
    fillLr(plan.schedule, first, lr);
    foldForward(state, plan.run, lr, plan.decay, (t) => steps.forEach((s, i) => {
      if (s === t) out[i] = weightRmsFromForward(plan.run, state);
    }));
  }
  return out;
}

const RUNS: Partial<PredictionInput>[] = [
  { schedule: 'cosine', warmupSteps: 2000, lr: 3e-4, weightDecay: 0.1 },
  { schedule: 'cosine', warmupSteps: 2000, lr: 3e-4, weightDecay: 0.1, minLrRatio: 0.1, theta0Rms: 0.02 },
  { schedule: 'linear', warmupSteps: 100, lr: 1e-3, weightDecay: 0.01, snr: 0.5 },
  { schedule: 'wsd', warmupSteps: 1000, lr: 1e-3, weightDecay: 0.1 },
  { schedule: 'inverse-sqrt', warmupSteps: 100, lr: 1e-3, weightDecay: 0.1 },
  { schedule: 'constant', lr: 1e-3, weightDecay: 0 },
  { optimizer: 'signsgdm', schedule: 'cosine', lr: 1e-4, weightDecay: 0.1, momentum: 0.9 },
  { optimizer: 'lion', schedule: 'cosine', lr: 1e-4, weightDecay: 1, warmupSteps: 1000 },
];

describe('the block fold', () => {
  it('is within 1e-4 of the exact walk at T = 10⁵ (measured ≤ 2e-5), over the schedules and optimizer families', () => {
    for (const run of RUNS) {
      const input = defaultPredictionInput({ steps: 100_000, ...run });
      const plan = runPlanOf(input)!;
      const steps = [1000, 5000, 20_000, 50_000, 77_777, 99_999, 100_000];
      const blocks = blockWeightRmsAtSteps(plan.schedule, plan.decay, plan.run, steps);
      const exact = exactWalk(input, steps);
      steps.forEach((s, i) => expect(Math.abs(blocks[i] / exact[i] - 1), `${run.schedule} ${s}`).toBeLessThan(1e-4));
    }
  });

  it('is within 1e-4 of the exact walk past EXACT_STEPS, where the blocks are far longer than the decay memory', () => {
    const input = defaultPredictionInput({ steps: 4_000_000, schedule: 'cosine', warmupSteps: 2000, lr: 6e-4, weightDecay: 0.1 });
    const steps = [1_000_000, 3_000_000, 3_900_000, 4_000_000];
    const exact = exactWalk(input, steps);
    const curve = weightRmsAtStepsOf(input, steps)!;
    steps.forEach((s, i) => expect(Math.abs(curve[i] / exact[i] - 1), String(s)).toBeLessThan(1e-4));
    expect(Math.abs(endWeightRmsOf(input)! / exact[3] - 1)).toBeLessThan(1e-4);
  });

  it('evaluates a 10¹² step cosine run in bounded work', () => {
    const input = defaultPredictionInput({ steps: 1e12, schedule: 'cosine', warmupSteps: 2000, lr: 3e-4, weightDecay: 0.1 });
    const work: FoldWork = { steps: 0, products: 0 };
    const end = endWeightRmsOf(input, undefined, work)!;
    // The first steps walked one by one, a bounded number of blocks of ~2·log₂L products each: not 10¹² steps.
    expect(work.steps).toBeLessThan(constantPhaseFrom(runPlanOf(input)!.run) + 256 * 48 * 6);
    expect(work.products).toBeLessThan(100_000);
    // A cosine to 0 ends below its equilibrium at the peak lr, and above 0.
    expect(end).toBeGreaterThan(0);
    expect(end).toBeLessThan(Math.sqrt(3e-4 / 0.2));
    const curve: FoldWork = { steps: 0, products: 0 };
    const points = Array.from({ length: 100 }, (_, i) => Math.round(((i + 1) / 100) * 1e12));
    const values = weightRmsAtStepsOf(input, points, curve)!;
    expect(values.every(Number.isFinite)).toBe(true);
    expect(curve.products).toBeLessThan(200_000);
    expect(values[99] / end - 1).toBeLessThan(1e-12);
  });

  it('leaves runs up to EXACT_STEPS to the exact walk', () => {
    const input = defaultPredictionInput({ steps: EXACT_STEPS, schedule: 'cosine', warmupSteps: 100, lr: 1e-3, weightDecay: 0.1 });
    const work: FoldWork = { steps: 0, products: 0 };
    const curve = weightRmsAtStepsOf(input, [EXACT_STEPS], work)!;
    expect(work).toEqual({ steps: 0, products: 0 });
    expect(curve[0]).toBe(exactWalk(input, [EXACT_STEPS])[0]);
  });
});
