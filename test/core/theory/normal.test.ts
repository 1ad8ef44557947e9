/**
 * core/theory/normal.ts: erf/erfc against published values (A&S table 7.1, to 16 digits from
 * mpmath), and Φ₂ against an independent quadrature of P(X ≤ h, Y ≤ k) = ∫_{−∞}^h φ(x)·Φ((k − r·x)/√(1−r²)) dx.
 */
import { describe, expect, it } from 'vitest';
import { bivariateNormalCdf, erf, erfc, normalCdf } from '../../../core/theory/normal';

/** Composite Simpson on [−12, h] with 4000 panels: error ~1e-13 for these smooth integrands. */
function phi2ByQuadrature(h: number, k: number, r: number): number {
  const lo = -12;
  const hi = Math.min(h, 12);
  if (hi <= lo) return 0;
  const n = 4000;
  const step = (hi - lo) / n;
  const s = Math.sqrt(1 - r * r);
  const f = (x: number) => (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * normalCdf((k - r * x) / s);
  let sum = f(lo) + f(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * step);
  return (sum * step) / 3;
}

describe('erf, erfc', () => {
  it.each([
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.9, 0.9927904292352575],
    [2, 0.9953222650189527],
  ])('erf(%d)', (x, v) => {
    expect(Math.abs(erf(x) - v)).toBeLessThan(5e-16);
    expect(erf(-x)).toBe(-erf(x));
  });

  it.each([
    [3, 2.209049699858544e-5],
    [5, 1.5374597944280349e-12],
    [10, 2.088487583762545e-45],
  ])('erfc(%d) to relative 1e-14 in the tail', (x, v) => {
    expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(-x) - (2 - v))).toBeLessThan(1e-15);
  });
});

describe('bivariate normal CDF Φ₂', () => {
  it('Φ₂(0, 0; r) = 1/4 + arcsin(r)/(2π) (Sheppard) at every r', () => {
    for (const r of [-0.99, -0.8, -0.5, -0.1, 0, 0.2, 0.5, 0.8, 0.93, 0.99, 0.9999]) {
      expect(Math.abs(bivariateNormalCdf(0, 0, r) - (0.25 + Math.asin(r) / (2 * Math.PI)))).toBeLessThan(1e-14);
    }
  });

  it('independence and the r = ±1 limits', () => {
    expect(bivariateNormalCdf(0.3, -1.1, 0)).toBeCloseTo(normalCdf(0.3) * normalCdf(-1.1), 15);
    expect(bivariateNormalCdf(0.3, -1.1, 1)).toBeCloseTo(normalCdf(-1.1), 15);
    expect(bivariateNormalCdf(0.3, -1.1, -1)).toBeCloseTo(Math.max(0, normalCdf(0.3) + normalCdf(-1.1) - 1), 15);
  });

  it('matches quadrature to 1e-10 across h, k and every rule (|r| < 0.3, < 0.75, < 0.925, near 1)', () => {
    let worst = 0;
    for (const h of [-3, -1.2, -0.05, 0.4, 2.5]) {
      for (const k of [-2, -0.4, 0.4, 1.7]) {
        for (const r of [-0.97, -0.6, -0.2, 0.1, 0.5, 0.9, 0.95, 0.995]) {
          worst = Math.max(worst, Math.abs(bivariateNormalCdf(h, k, r) - phi2ByQuadrature(h, k, r)));
        }
      }
    }
    expect(worst).toBeLessThan(1e-10);
  });
});
