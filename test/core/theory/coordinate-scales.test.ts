/** science.md §7.3's per-coordinate mean field (core/theory/coordinate-scales.ts): reductions and quadrature. */
import { describe, expect, it } from 'vitest';
import { adamEtaStarPerCoordinate, logNormalScaleNodes, scaleNodesOf } from '../../../core/theory/coordinate-scales';
import { closedFormPeakX, etaStarUnscaled, surgePeakBatch } from '../../../core/theory/surge';

const K = (1 - 0.9) / (1 + 0.9);

describe('log-normal coordinate scales', () => {
  it.each([0.25, 1, 2])('spread %d: weights sum to 1, E[c²] = 1 and E[ln c] = −s² to 1e-9', (s) => {
    const { scale, weight } = logNormalScaleNodes(s);
    let w = 0, c2 = 0, lnc = 0;
    scale.forEach((c, j) => {
      w += weight[j];
      c2 += weight[j] * c * c;
      lnc += weight[j] * Math.log(c);
    });
    expect(Math.abs(w - 1)).toBeLessThan(1e-12);
    expect(Math.abs(c2 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(lnc + s * s)).toBeLessThan(1e-9);
  });
});

describe('§7.3 per-coordinate η* reduces to §3.2', () => {
  it('equal sizes give the scalar form (u + √e)/(1 + ρ + kx), inside-root form too', () => {
    const one = scaleNodesOf([1, 1, 1]);
    for (const [rho, e, x] of [[0, 0.09, 3], [0.5, 1, 0.2], [2, 0.01, 30]]) {
      expect(adamEtaStarPerCoordinate(one, K, rho, Math.sqrt(e), x)).toBeCloseTo(etaStarUnscaled({ family: 'adam', k: K, rho, e }, x), 12);
      expect(adamEtaStarPerCoordinate(one, K, rho, Math.sqrt(e), x, true))
        .toBeCloseTo(etaStarUnscaled({ family: 'adam', k: K, rho, e, epsInsideRoot: true }, x), 12);
    }
  });

  it('without ε the sizes cancel: the spread changes nothing and the closed form stays', () => {
    const model = { family: 'adam' as const, k: K, rho: 0, e: 0, spread: 1 };
    expect(closedFormPeakX(model)).toBeCloseTo(closedFormPeakX({ ...model, spread: 0 })!, 12);
    expect(surgePeakBatch(model, 1000)).toBeCloseTo(1000 * (1 - 0.9) / (3 * 0.9 - 1), 6);
  });

  it('with ε the spread moves the peak up and lowers it, monotonically in the spread', () => {
    let last = { peak: 0, height: Infinity };
    for (const spread of [0, 0.5, 1, 1.5]) {
      const model = { family: 'adam' as const, k: K, rho: 0, e: 0.09, spread };
      expect(closedFormPeakX(model)).toBe(spread > 0 ? undefined : closedFormPeakX({ ...model, spread: 0 }));
      const peak = surgePeakBatch(model, 1000)!;
      const height = etaStarUnscaled(model, 1000 / peak);
      expect(peak).toBeGreaterThan(last.peak);
      expect(height).toBeLessThan(last.height);
      last = { peak, height };
    }
  });
});
