/** The one agreement rule (core/sim/agreement.ts): within 3 standard errors AND within the stated model error. */
import { describe, expect, it } from 'vitest';
import { agreement, agreementText } from '../../../core/sim/agreement';

describe('agreement', () => {
  it('the issue’s case: 0.2261 ± 0.0001 vs 0.2294 is 33 standard errors off, a model error, not agreement', () => {
    const a = agreement(0.2261, 0.0001, 0.2294, 0.03);
    expect(a.verdict).toBe('model-error');
    expect(a.standardErrors).toBeCloseTo(33, 0);
    expect(agreementText(a)).toMatch(/^off by −1\.4%, 33\.0 standard errors: .*±3\.0%/);
  });

  it.each([
    [1.01, 0.01, 1, 0.03, 'agrees'],
    [1.05, 0.001, 1, 0.03, 'disagrees'],
    [1.05, 0.03, 1, 0.03, 'inconclusive'],
    [1.02, 0.001, 1, 0.03, 'model-error'],
    [1, 0, 1, 0, 'agrees'],
    [1.001, 0, 1, 0.03, 'model-error'],
    [1.001, Number.NaN, 1, 0.03, 'model-error'],
  ] as const)('%d ± %d vs %d (model error %d): %s', (sim, se, pred, tol, verdict) => {
    expect(agreement(sim, se, pred, tol).verdict).toBe(verdict);
  });

  it('every verdict reads verdict first, with the gap in percent', () => {
    expect(agreementText(agreement(1.01, 0.01, 1, 0.03))).toBe('agrees (+1.0%, 1.0 standard errors)');
    expect(agreementText(agreement(1.05, 0.001, 1, 0.03))).toMatch(/^disagrees: off by \+5\.0%, 50\.0 standard errors/);
    expect(agreementText(agreement(1.05, 0.03, 1, 0.03))).toMatch(/^too noisy to tell \(\+5\.0%/);
  });
});

describe('a standard error from few replicas', () => {
  it('widens the noise threshold to Student-t with the same 99.73% coverage', async () => {
    const { noiseThreshold } = await import('../../../core/sim/agreement');
    expect(noiseThreshold(7)).toBeCloseTo(4.53, 2);
    expect(noiseThreshold(30)).toBeCloseTo(3.27, 2);
    expect(noiseThreshold(1000)).toBeCloseTo(3.008, 3);
    // 3.5 standard errors: a disagreement for a Gaussian error, noise for one from 8 replicas.
    expect(agreement(1.035, 0.01, 1, 0.01).verdict).toBe('disagrees');
    expect(agreement(1.035, 0.01, 1, 0.05).verdict).toBe('model-error');
    expect(agreement(1.035, 0.01, 1, 0.05, 7).verdict).toBe('agrees');
  });
});
