import { describe, expect, it } from 'vitest';
import { emaFilter, filterAutocorrelation, lionFilter, NO_MOMENTUM } from '../../../core/theory/momentum';
import { signLongRunVariance } from '../../../core/theory/sign-variance';

describe('arcsine-law long-run variance (science.md §2.5)', () => {
  it('SignSGDM β1 = 0.9: L = 13.28', () => {
    expect(signLongRunVariance(emaFilter(0.9))).toBeCloseTo(13.28, 2);
  });

  it('Lion β1 = 0.9, β2 = 0.99: L = 45.9', () => {
    expect(signLongRunVariance(lionFilter(0.9, 0.99))).toBeCloseTo(45.9, 1);
  });

  it('is 1 without momentum (independent signs)', () => {
    expect(signLongRunVariance(NO_MOMENTUM)).toBe(1);
    expect(signLongRunVariance(emaFilter(0))).toBeCloseTo(1, 12);
  });

  it('equals the plain lag sum, the closed-form tail included (β1 = 0.999 needs ~4·10⁴ lags)', () => {
    const f = emaFilter(0.999);
    let sum = 0;
    for (let k = 1; k < 200_000; k++) sum += Math.asin(filterAutocorrelation(f, k));
    expect(signLongRunVariance(f)).toBeCloseTo(1 + (4 / Math.PI) * sum, 6);
  });

  it('lies below the linear gain (1+β)/(1−β): sign compresses correlations (arcsin(r)·2/π < r)', () => {
    for (const beta of [0.5, 0.9, 0.99]) expect(signLongRunVariance(emaFilter(beta))).toBeLessThan(
      (1 + beta) / (1 - beta));
  });
});
