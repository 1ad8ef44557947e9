/**
 * core/theory/sign-weight-rms.ts (science.md §2.6, short runs): the pair-by-pair forward recursion against the
 * stationary sums where both must agree (a long run at equilibrium), and its reductions.
 */
import { describe, expect, it } from 'vitest';
import { emaFilter, lionFilter, NO_MOMENTUM } from '../../../core/theory/momentum';
import { erf } from '../../../core/theory/normal';
import { signExactAffordable, signWeightRmsExact } from '../../../core/theory/sign-weight-rms';
import { signAmplitude, signUpdateCorrelation } from '../../../core/theory/update-correlation';
import { correlatedWeightRmsSteady } from '../../../core/theory/weight-rms';

const constant = (T: number, eta: number, delta: number) => ({
  lr: new Float64Array(T).fill(eta),
  decay: new Float64Array(T).fill(delta),
});

describe('sign-type weight RMS pair by pair', () => {
  it.each([
    ['SignSGDM 0.9', 0, emaFilter(0.9)],
    ['SignSGDM 0.9', 0.1, emaFilter(0.9)],
    ['Lion 0.9/0.99', 0, lionFilter(0.9, 0.99)],
    ['Lion 0.9/0.99', 1, lionFilter(0.9, 0.99)],
  ] as const)('%s, SNR %d: a long run at equilibrium reaches §2.6\'s steady value (0.1%)', (_, snr, filter) => {
    // δ = 2e-3, 20τ: the transient's weight is e^{−40}; the only differences are the window (r < 1e-4 dropped)
    // and the stationary form's d-discount, both ≪ 0.1%.
    const run = { filter, snr, theta0Rms: 0, ...constant(10_000, 1e-3, 2e-3) };
    const exact = signWeightRmsExact(run, [10_000])[0];
    const steady = correlatedWeightRmsSteady(1e-3, 2e-3, signUpdateCorrelation(filter, snr))!;
    expect(Math.abs(exact / steady - 1)).toBeLessThan(1e-3);
  });

  it('no momentum: independent signs, E[θ²] = Σw²·(1 − E[u]²) + (E[u]Σw)², exactly', () => {
    const run = { filter: NO_MOMENTUM, snr: 0.3, theta0Rms: 0.5, ...constant(50, 0.01, 0.01) };
    const mean = signUpdateCorrelation(NO_MOMENTUM, 0.3).mean;
    let sumW = 0;
    let sumW2 = 0;
    for (let i = 1; i <= 50; i++) {
      const w = 0.01 * Math.pow(0.99, 50 - i);
      sumW += w;
      sumW2 += w * w;
    }
    const expected = Math.sqrt(0.25 * Math.pow(0.99, 100) + (mean * sumW) ** 2 + sumW2 * (1 - mean * mean));
    expect(signWeightRmsExact(run, [50])[0]).toBeCloseTo(expected, 14);
    expect(signWeightRmsExact(run, [0, 51])).toEqual(Float64Array.from([0.5, Number.NaN]));
  });

  it('Lion\'s first steps: the filter is empty, the signs nearly independent, so far below the stationary L = 45.9', () => {
    const run = { filter: lionFilter(0.9, 0.99), snr: 0, theta0Rms: 0, ...constant(20, 1, 0) };
    const exact = signWeightRmsExact(run, [20])[0];
    expect(exact ** 2 / 20).toBeLessThan(8);
    expect(exact ** 2 / 20).toBeGreaterThan(1);
  });

  it('is used only where it is affordable (long memories fall back to the stationary sums)', () => {
    expect(signExactAffordable(lionFilter(0.9, 0.99), 20_000)).toBe(true);
    expect(signExactAffordable(emaFilter(0.9999), 20_000)).toBe(false);
    expect(signExactAffordable(emaFilter(0.9), 20_001)).toBe(false);
  });
});

describe('the sign amplitude h (science.md §2.6)', () => {
  it('is √(SNR/k): for an EMA of β, √(SNR·(1+β)/(1−β)), and E[sign] = erf(h/√2) is the correlation\'s mean', () => {
    expect(signAmplitude(emaFilter(0.9), 0.5)).toBeCloseTo(Math.sqrt(0.5 * 19), 12);
    expect(signAmplitude(NO_MOMENTUM, 2)).toBeCloseTo(Math.SQRT2, 12);
    const lion = lionFilter(0.9, 0.99);
    expect(signUpdateCorrelation(lion, 0.3).mean).toBeCloseTo(erf(signAmplitude(lion, 0.3) / Math.SQRT2), 12);
  });
});
