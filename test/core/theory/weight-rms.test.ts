import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emaFilter, lionFilter, NO_MOMENTUM, torchSgdFilter, type MomentumFilter } from '../../../core/theory/momentum';
import { lrSeries } from '../../../core/theory/schedule';
import { signLongRunVariance } from '../../../core/theory/sign-variance';
import { discountedLongRunVariance, signUpdateCorrelation } from '../../../core/theory/update-correlation';
import {
  correlatedWeightRmsSteady, naiveWeightRms, randomWalkWeightRms, scheduledWeightRms, signMeanFieldWeightRms,
  weightRmsAt, weightRmsSteady, type ScheduledRun,
} from '../../../core/theory/weight-rms';
import { weightRmsTrajectory } from '../../../core/theory/weight-rms-forward';

const constant = (T: number, eta: number, lambda: number) => ({
  lr: new Float64Array(T).fill(eta),
  decay: new Float64Array(T).fill(eta * lambda),
});

/** Σ_j c_j² and Σ_j c_j by the definition of §2.4, O(T²): the backward pass must equal it. */
function bruteForce(run: ScheduledRun): { sumC: number; sumC2: number; p0: number } {
  const T = run.lr.length;
  const decay = run.decay as ArrayLike<number>;
  const p = new Float64Array(T + 1);
  p[T] = 1;
  for (let i = T - 1; i >= 0; i--) p[i] = p[i + 1] * (1 - decay[i]); // p[i] = Π_{j>i} (1 − δ_j), 1-based j
  const w = (i: number) => run.lr[i - 1] * p[i];
  const bc = (i: number) => (run.biasCorrection ? 1 / (1 - Math.pow(run.filter.beta, i)) : 1);
  const tap = (lag: number) => (lag === 0 ? run.filter.direct : run.filter.gain * Math.pow(run.filter.beta, lag - 1));
  let sumC = 0;
  let sumC2 = 0;
  for (let j = 1; j <= T; j++) {
    let c = 0;
    for (let i = j; i <= T; i++) c += w(i) * bc(i) * tap(i - j);
    sumC += c;
    sumC2 += c * c;
  }
  return { sumC, sumC2, p0: p[0] };
}

describe('weight RMS, constant lr and λ (science.md §2.1–§2.3)', () => {
  it('√(η/(2λ)) at SNR 0: η = 1e-3, λ = 0.1 → 0.0707', () => {
    expect(weightRmsSteady(1e-3, 1e-3 * 0.1, 0)).toBeCloseTo(0.0707, 4);
    expect(weightRmsAt(1e7, { lr: 1e-3, decay: 1e-4, snr: 0, theta0Rms: 0.02 })).toBeCloseTo(Math.sqrt(1e-3 / 0.2), 10);
  });

  it('the naive √(k·η/(2λ)) is wrong by exactly the factor √k', () => {
    const k = (1 - 0.9) / (1 + 0.9);
    expect(naiveWeightRms(1e-3, 1e-4, k)! / weightRmsSteady(1e-3, 1e-4, 0)!).toBeCloseTo(Math.sqrt(k), 12);
  });

  it('§2.1 starts at θ0 and, as λ → 0, becomes the random walk θ0² + η²t of §2.3', () => {
    const run = { lr: 1e-3, decay: 1e-12, snr: 0, theta0Rms: 0.05 };
    expect(weightRmsAt(0, run)).toBe(0.05);
    expect(weightRmsAt(5000, run)).toBeCloseTo(Math.sqrt(0.05 ** 2 + 1e-6 * 5000), 8);
    expect(weightRmsAt(5000, { ...run, decay: 0 })).toBe(randomWalkWeightRms(5000, 1e-3, 0.05));
    expect(weightRmsSteady(1e-3, 0, 0)).toBeNull();
  });

  it('with SNR > 0 the drift term grows like (SNR/(SNR+1))·(η/δ)² at equilibrium', () => {
    const v = weightRmsSteady(1e-3, 1e-4, 2)!;
    expect(v * v).toBeCloseTo((1e-6 * (2 + 0.5e-4)) / (1e-8 * 3), 10);
  });
});

describe('weight RMS under any schedule (science.md §2.4)', () => {
  it('the backward pass equals the O(T²) definition of c_j (with and without bias correction, any filter)', () => {
    const filters: [MomentumFilter, boolean][] =
      [[emaFilter(0.9), true], [emaFilter(0.9), false], [torchSgdFilter(0.8, 0.1, true), false],
        [lionFilter(0.9, 0.99), false]];
    const lr = lrSeries({ kind: 'cosine', peakLr: 0.01, steps: 300, warmupSteps: 30 });
    const decay = lr.map((l) => l * 0.5);
    for (const [filter, biasCorrection] of filters) {
      const run: ScheduledRun = { lr, decay, filter, biasCorrection, snr: 0.3, theta0Rms: 0.1, noise: { kind: 'linear' } };
      const { sumC, sumC2, p0 } = bruteForce(run);
      const expected = Math.sqrt(p0 * p0 * 0.01 + (0.3 * sumC * sumC + sumC2) / 1.3);
      expect(scheduledWeightRms(run)).toBeCloseTo(expected, 12);
    }
  });

  it('reduces to §2.1 when τ = 1/(ηλ) ≫ 1/(1−β1) and t ≫ 1/(1−β1) (within 0.5%)', () => {
    for (const snr of [0, 0.1]) {
      const run: ScheduledRun = { ...constant(40_000, 1e-3, 0.1), filter: emaFilter(0.9), biasCorrection: true, snr, theta0Rms: 0.02, noise: { kind: 'linear' } };
      const closed = weightRmsAt(40_000, { lr: 1e-3, decay: 1e-4, snr, theta0Rms: 0.02 });
      expect(Math.abs(scheduledWeightRms(run) / closed - 1)).toBeLessThan(0.005);
    }
  });

  it('for Adam Σc_j = Σw_i exactly, so the drift term is the sheet\'s SNR·(Σw_i)²', () => {
    const lr = lrSeries({ kind: 'wsd', peakLr: 1e-2, steps: 500, warmupSteps: 50 });
    const decay = lr.map((l) => l * 0.1);
    const base: ScheduledRun = { lr, decay, filter: emaFilter(0.95), biasCorrection: true, snr: 1, theta0Rms: 0, noise: { kind: 'linear' } };
    const { sumC } = bruteForce(base);
    let sumW = 0;
    let p = 1;
    for (let i = lr.length; i >= 1; i--) {
      sumW += lr[i - 1] * p;
      p *= 1 - decay[i - 1];
    }
    expect(sumC).toBeCloseTo(sumW, 10);
  });

  it('Σw² instead of Σc² is far off at β1 = 0.99, ηλ = 1e-2 (why §2.4 uses c_j)', () => {
    const run: ScheduledRun = { ...constant(5000, 0.1, 0.1), filter: emaFilter(0.99), biasCorrection: true, snr: 0, theta0Rms: 0, noise: { kind: 'linear' } };
    const naive = weightRmsAt(5000, { lr: 0.1, decay: 0.01, snr: 0, theta0Rms: 0 });
    expect(naive ** 2 / scheduledWeightRms(run) ** 2).toBeGreaterThan(1.3);
  });

  it('the forward trajectory equals the backward pass at every step (random schedules, filters, SNR)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.constantFrom<[MomentumFilter | 'ema', boolean]>(['ema', true], ['ema', false], [NO_MOMENTUM, false], [torchSgdFilter(0.9, 0, true), false]),
        (lrs, beta, lambda, snr, [f, bias]) => {
          const lr = Float64Array.from(lrs);
          const decay = lr.map((l) => l * lambda);
          const filter = f === 'ema' ? emaFilter(beta) : f;
          const run: ScheduledRun = { lr, decay, filter, biasCorrection: bias, snr, theta0Rms: 0.01, noise: { kind: 'linear' } };
          const steps = Array.from({ length: lr.length }, (_, i) => i + 1);
          const forward = weightRmsTrajectory(run, steps);
          for (const t of steps) {
            const backward = scheduledWeightRms({ ...run, lr: lr.subarray(0, t), decay: decay.subarray(0, t) });
            expect(forward[t - 1]).toBeCloseTo(backward, 12);
          }
        },
      ),
      { seed: 20261123, numRuns: 60 },
    );
  });

  it('a DecayRule gives the same result as the δ table it describes (both passes)', () => {
    const lr = lrSeries({ kind: 'linear', peakLr: 0.02, steps: 400, warmupSteps: 40 });
    for (const rule of [{ perLr: 0.3, perLrSquared: 0 }, { perLr: 0, perLrSquared: 2 }]) {
      const table = lr.map((l) => l * (rule.perLr + rule.perLrSquared * l));
      const base = { lr, filter: emaFilter(0.9), biasCorrection: true, snr: 0.2, theta0Rms: 0.05, noise: { kind: 'linear' } as const };
      expect(scheduledWeightRms({ ...base, decay: rule })).toBeCloseTo(
        scheduledWeightRms({ ...base, decay: table }), 14);
      expect(weightRmsTrajectory({ ...base, decay: rule }, [400])[0]).toBeCloseTo(
        scheduledWeightRms({ ...base, decay: table }), 14);
    }
  });

  it('the trajectory answers steps in any order, repeats included, 0 = θ0', () => {
    const { lr, decay } = constant(100, 0.01, 0.1);
    const run: ScheduledRun = { lr, decay, filter: emaFilter(0.9), biasCorrection: true, snr: 0, theta0Rms: 0.3, noise: { kind: 'linear' } };
    const out = weightRmsTrajectory(run, [100, 0, 50, 100]);
    expect(out[0]).toBe(out[3]);
    expect(out[1]).toBe(0.3);
    expect(out[2]).toBeCloseTo(scheduledWeightRms({ ...run, lr: lr.subarray(0, 50), decay: decay.subarray(0, 50) }),
      12);
  });
});

describe('sign-type weight RMS (science.md §2.5, §2.6)', () => {
  const L = signLongRunVariance(emaFilter(0.9));
  const atZero = signUpdateCorrelation(emaFilter(0.9), 0);

  it('the exact Gaussian moments at SNR 0 are the arcsine law: L(1) = 13.28 for SignSGDM β1 = 0.9', () => {
    expect(discountedLongRunVariance(atZero, 1)).toBeCloseTo(L, 6);
    expect(L).toBeCloseTo(13.28, 2);
  });

  it('SignSGDM β1 = 0.9, η = 1e-3, λ = 0.1: 0.2577; the seed mean field is ~19% higher', () => {
    const exact = correlatedWeightRmsSteady(1e-3, 1e-4, atZero)!;
    const meanField = signMeanFieldWeightRms(1e-3, 1e-4, 0, 1 / 19)!;
    expect(exact).toBeCloseTo(0.2577, 3);
    expect(meanField).toBeCloseTo(Math.sqrt((1e-3 / 0.2) * 19), 4);
    expect(meanField / exact).toBeGreaterThan(1.18);
    expect(meanField / exact).toBeLessThan(1.21);
  });

  it('under a constant schedule the §2.4 sums reach the steady value (d = Σw_i w_{i+1}/Σw_i² → 1 − δ)', () => {
    for (const snr of [0, 0.01, 1]) {
      const correlation = signUpdateCorrelation(emaFilter(0.9), snr);
      const run: ScheduledRun = { ...constant(200_000, 1e-3, 0.1), filter: emaFilter(0.9), biasCorrection: false, snr, theta0Rms: 0, noise: { kind: 'correlated', correlation } };
      expect(scheduledWeightRms(run) / correlatedWeightRmsSteady(1e-3, 1e-4, correlation)!).toBeCloseTo(1, 7);
    }
  });

  it('high SNR: every update is +1, the weights drift to η/δ; no momentum: L = 1 − E[u]²', () => {
    const loud = signUpdateCorrelation(emaFilter(0.9), 400);
    expect(correlatedWeightRmsSteady(1e-3, 1e-4, loud)).toBeCloseTo(10, 6);
    const plain = signUpdateCorrelation(NO_MOMENTUM, 0.3);
    expect(plain.cov.length).toBe(0);
    expect(discountedLongRunVariance(plain, 0.5)).toBeCloseTo(1 - plain.mean ** 2, 15);
  });

  it('the mean-field noise model reproduces the seed formula under a constant schedule', () => {
    const run: ScheduledRun = { ...constant(200_000, 1e-3, 0.1), filter: emaFilter(0.9), biasCorrection: false, snr: 0, theta0Rms: 0, noise: { kind: 'sign-mean-field', k: 1 / 19 } };
    expect(scheduledWeightRms(run) / signMeanFieldWeightRms(1e-3, 1e-4, 0, 1 / 19)! - 1).toBeLessThan(2e-3);
  });
});
