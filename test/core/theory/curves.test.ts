import { describe, expect, it } from 'vitest';
import {
  defaultPredictionInput, etaStarVsBatch, etaStarVsBatchForEps, inputEpsOverGrad, predict, surgePeakVsEps,
    updateRmsVsBeta1, updateRmsVsStep, weightRmsAtSteps,
} from '../../../core/theory/predict';
import { scheduledRunOf } from '../../../core/theory/optimizer-model';
import { scheduledWeightRms } from '../../../core/theory/weight-rms';
import { weightRmsTrajectory } from '../../../core/theory/weight-rms-forward';

const input = defaultPredictionInput({
  lr: 1e-3, weightDecay: 0.1, steps: 30_000, schedule: 'cosine', warmupSteps: 1000, noiseScale: 1000, batchSize: 128, gradNorm: 1, params: 1e6,
});

describe('playground curves agree with predict at the configured point', () => {
  it('update RMS vs β1 passes through predict().updateRms and falls with β1', () => {
    const ratio = predict(input).epsRegime.ratio!;
    const curve = updateRmsVsBeta1([0, 0.5, 0.9, 0.99], input.snr, ratio);
    expect(curve[2]).toBeCloseTo(predict(input).updateRms!, 12);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThan(curve[i - 1]);
  });

  it('update RMS vs step starts at 1 and settles at √k', () => {
    const curve = updateRmsVsStep(0.9, 0.999, [1, 10, 100, 1000], 0);
    expect(curve[0]).toBeCloseTo(1, 7);
    // At SNR 0 the exact E[m̂²/v̂] differs from the mean field only through v̂'s unequal weights (≪ 1%).
    expect(Math.abs(curve[3] / Math.sqrt(1 / 19) - 1)).toBeLessThan(2e-3);
  });

  it('the weight-RMS trajectory ends at predict().weightRms.atEnd', () => {
    const steps = [0, 1000, 10_000, 30_000];
    const curve = weightRmsAtSteps(input, steps)!;
    expect(curve[3]).toBeCloseTo(predict(input).weightRms.atEnd!, 12);
    expect(curve[0]).toBe(input.theta0Rms);
    expect(weightRmsAtSteps({ ...input, optimizer: 'adam', weightDecaySemantics: 'coupled-l2' }, steps)).toBeNull();
  });

  it('η*(B) for the optimizer reads predict().surge.etaStarRelative at the configured batch, SGD and SignSGD beside it', () => {
    const batches = [1, 10, 58.8235294117647, 128, 1e4];
    const curves = etaStarVsBatch(input, batches)!;
    expect(curves.optimizer[3]).toBeCloseTo(predict(input).surge.etaStarRelative!, 12);
    expect(curves.peakBatch).toBeCloseTo(predict(input).surge.peakBatch!, 9);
    expect(curves.optimizer[2]).toBeCloseTo(1, 6);
    for (let i = 1; i < batches.length; i++) expect(curves.sgd[i]).toBeGreaterThan(curves.sgd[i - 1]);
    expect(curves.signSgd[4]).toBeGreaterThan(curves.signSgd[0]); // ρ = 0: no Surge for SignSGD
    expect(etaStarVsBatch({ ...input, noiseScale: null }, batches)).toBeNull();
  });

  it('ε lifts the Surge peak and finally removes it (science.md §3.4, §3.6: ε = 3ḡ → 262, 10ḡ → none)', () => {
    // §3.6's Monte Carlo had coordinates of equal size: spread 0 (§7.3).
    const peaks = surgePeakVsEps({ ...input, gradientScaleSpread: 0 }, [0, 0.1, 1, 3, 10])!;
    expect(peaks[0]).toBeCloseTo(1000 / 17, 9);
    for (let i = 1; i < 4; i++) expect(peaks[i]!).toBeGreaterThan(peaks[i - 1]!);
    expect(peaks[3]! / 262 - 1).toBeLessThan(0.01);
    expect(peaks[4]).toBeNull();
    const curves = etaStarVsBatchForEps(input, [10, 100, 1000], [0, 3])!;
    expect(curves).toHaveLength(2);
    expect(Math.max(...curves[0])).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('the input\'s own ε/ḡ is the ε that predict puts into the Surge model', () => {
    const v = inputEpsOverGrad({ ...input, eps: 1e-3 })!;
    // gradient scale 1e-3, ratio 1; ḡ = scale/√(1 + 1000/128)
    expect(v).toBeCloseTo(Math.sqrt(1 + 1000 / 128), 12);
    expect(surgePeakVsEps(input, [v])![0]).toBeCloseTo(
      predict({ ...input, eps: 1e-3 }).surge.peakBatch ?? Number.NaN, 6);
  });
});

describe('streaming long runs', () => {
  it('the streamed end value equals the one-array backward pass across chunk boundaries', () => {
    for (const over of [
      // Up to EXACT_STEPS (2¹⁷), where runs are walked step by step; block-fold.test.ts compares the longer ones.
      { optimizer: 'adamw', steps: 130_000, schedule: 'cosine', warmupSteps: 3000, lr: 1e-4, weightDecay: 0.01, theta0Rms: 0.02 },
      { optimizer: 'signsgdm', steps: 120_000, schedule: 'wsd', lr: 1e-5, weightDecay: 0.1 },
      { optimizer: 'adamw', steps: 100_000, weightDecay: 0, lr: 1e-3 },
    ] as const) {
      const input = defaultPredictionInput(over);
      const whole = scheduledWeightRms(scheduledRunOf(input)!);
      expect(predict(input).weightRms.atEnd! / whole - 1).toBeLessThan(1e-10);
      const steps = [1, 65_536, 65_537, over.steps];
      const streamed = weightRmsAtSteps(input, steps)!;
      const arrays = weightRmsTrajectory(scheduledRunOf(input)!, steps);
      streamed.forEach((v, i) => expect(v / arrays[i] - 1).toBeLessThan(1e-10));
    }
  });

  it('a config claiming 10⁹ steps stops after the last few τ and gives the equilibrium value', () => {
    const input = defaultPredictionInput({ lr: 1e-3, weightDecay: 0.1, steps: 1_000_000_000, theta0Rms: 0.02 });
    // Constant lr, τ = 10⁴ ≪ T: the run ends at §2.1's equilibrium (Σc² vs Σw² differ by O(ηλ/(1−β1)) there).
    expect(predict(input).weightRms.atEnd! / Math.sqrt(1e-3 / 0.2) - 1).toBeLessThan(1e-3);
    // Past 2²⁰ steps the trajectory is evaluated by blocks (block-fold.ts): at equilibrium the constant-lr blocks
    // are exact powers of the one-step map.
    const [late, past] = weightRmsAtSteps(input, [500_000_000, 1_000_000_001])!;
    expect(late / predict(input).weightRms.atEnd! - 1).toBeLessThan(1e-9);
    expect(past).toBeNaN();
  });

  it('a run that never settles gets its end value in bounded work: without decay, the random walk of §2.3', () => {
    const p = predict(defaultPredictionInput({ lr: 1e-3, weightDecay: 0, steps: 2_000_000_000 }));
    // §2.3 at SNR 0: ‖θ_T‖ ≈ η·√T; Adam's first steps and momentum's memory change it by O(memory/T).
    expect(p.weightRms.atEnd! / (1e-3 * Math.sqrt(2e9)) - 1).toBeLessThan(1e-6);
    expect(p.notes.map((n) => n.code)).not.toContain('weight-rms-at-end-not-evaluated');
  });

  it('a run past 2⁵³ steps gets no atEnd, and a note says why', () => {
    const p = predict(defaultPredictionInput({ lr: 1e-3, weightDecay: 0, steps: 1e300 }));
    expect(p.weightRms.atEnd).toBeNull();
    expect(p.notes.map((n) => n.code)).toContain('weight-rms-at-end-not-evaluated');
  });
});
