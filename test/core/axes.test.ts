import { describe, expect, it } from 'vitest';
import { linspace, logspace } from '../../core/axes';

describe('chart axes', () => {
  it('linspace: both ends included, equal steps', () => {
    expect(Array.from(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('logspace: both ends included, equal ratios', () => {
    const xs = logspace(1e-3, 1e3, 7);
    expect(xs).toHaveLength(7);
    expect(xs[0]).toBeCloseTo(1e-3, 15);
    expect(xs[6]).toBeCloseTo(1e3, 9);
    for (let i = 1; i < xs.length; i++) expect(xs[i] / xs[i - 1]).toBeCloseTo(10, 12);
  });
});
