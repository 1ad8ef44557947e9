import { describe, expect, it } from 'vitest';
import {
  batchMultiplier, emaFilter, filterAutocorrelation, lionFilter, meanGain, noiseFactor, noiseGain, NO_MOMENTUM,
  torchMuonFilter, torchSgdFilter, type MomentumFilter,
} from '../../../core/theory/momentum';

/** The taps a_0 … a_{n−1} written out, to check the closed forms against brute-force sums. */
function taps(f: MomentumFilter, n = 20_000): number[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? f.direct : f.gain * Math.pow(f.beta, i - 1)));
}

describe('momentum filters', () => {
  it('EMA: G1 = 1, k = (1−β)/(1+β), batch multiplier (1+β)/(1−β) (science.md §0, §3.2)', () => {
    for (const beta of [0, 0.5, 0.9, 0.95, 0.99]) {
      const f = emaFilter(beta);
      expect(meanGain(f)).toBeCloseTo(1, 12);
      expect(noiseFactor(f)).toBeCloseTo((1 - beta) / (1 + beta), 12);
      expect(batchMultiplier(f)).toBeCloseTo((1 + beta) / (1 - beta), 9);
    }
  });

  it('torch SGD is not an EMA: G1 = (1−d)/(1−μ), same batch multiplier (1+μ)/(1−μ) for any dampening', () => {
    const f = torchSgdFilter(0.9, 0, false);
    expect(meanGain(f)).toBeCloseTo(10, 12);
    expect(noiseGain(f)).toBeCloseTo(1 / (1 - 0.81), 12);
    expect(batchMultiplier(f)).toBeCloseTo(19, 9);
    const damped = torchSgdFilter(0.9, 0.9, false);
    expect(meanGain(damped)).toBeCloseTo(1, 12);
    expect(batchMultiplier(damped)).toBeCloseTo(19, 9);
    expect(torchSgdFilter(0, 0, true)).toEqual(NO_MOMENTUM);
  });

  it('torch SGD Nesterov: taps 1+μ(1−d), μ²(1−d)μ^{i−1}; G1 unchanged, batch multiplier lower', () => {
    const f = torchSgdFilter(0.9, 0, true);
    const a = taps(f);
    expect(meanGain(f)).toBeCloseTo(a.reduce((s, x) => s + x, 0), 9);
    expect(meanGain(f)).toBeCloseTo(10, 12);
    expect(noiseGain(f)).toBeCloseTo(a.reduce((s, x) => s + x * x, 0), 9);
    expect(batchMultiplier(f)).toBeLessThan(19);
  });

  it('Lion: G1 = 1, G2 = (1−β1)² + β1²(1−β2)/(1+β2) (REQ rotational_wrapper.py l.592-598)', () => {
    const f = lionFilter(0.9, 0.99);
    expect(meanGain(f)).toBeCloseTo(1, 12);
    expect(noiseGain(f)).toBeCloseTo(0.01 + (0.81 * 0.01) / 1.99, 12);
  });

  it('torch Muon Nesterov: lerp(g, buf, β) has G1 = 1', () => {
    const f = torchMuonFilter(0.95, true);
    const a = taps(f);
    expect(meanGain(f)).toBeCloseTo(1, 12);
    expect(noiseGain(f)).toBeCloseTo(a.reduce((s, x) => s + x * x, 0), 9);
    expect(torchMuonFilter(0.95, false)).toEqual(emaFilter(0.95));
  });

  it('autocorrelation matches the brute-force sum and is β^k for an EMA', () => {
    for (const f of [emaFilter(0.9), lionFilter(0.9, 0.99), torchSgdFilter(0.8, 0.1, true)]) {
      const a = taps(f);
      const g2 = a.reduce((s, x) => s + x * x, 0);
      for (const lag of [1, 2, 7]) {
        let r = 0;
        for (let j = 0; j + lag < a.length; j++) r += a[j] * a[j + lag];
        expect(filterAutocorrelation(f, lag)).toBeCloseTo(r / g2, 9);
      }
    }
    expect(filterAutocorrelation(emaFilter(0.9), 3)).toBeCloseTo(0.729, 12);
    expect(filterAutocorrelation(NO_MOMENTUM, 1)).toBe(0);
  });
});
