import { describe, expect, it } from 'vitest';
import {
  adamSurgeThreshold, closedFormPeakX, dataForSteps, effectiveNoiseScale, etaStarCurve, etaStarRelative,
  etaStarUnscaled, findPeakX, lossDecreaseRelative, normalizedBatch, peakX, surgePeakBatch, type SurgeModel,
} from '../../../core/theory/surge';
import { erf } from '../../../core/theory/normal';

const s = 1000; // B_simple
const kOf = (beta1: number) => (1 - beta1) / (1 + beta1);
const batches = [1, 3, 10, 30, 58.8, 100, 300, 1000, 1e4, 1e5];

/** science.md §3.2's E[φ], E[φ²] for the Adam family, written out as in the sheet (ε inside the root). */
function adamMoments(k: number, x: number, e: number): [number, number] {
  return [1 / Math.sqrt(1 + x + e), (1 + k * x) / (1 + x + e)];
}

/** The same mean field with PyTorch's m/(√v + ε) (§1.3's placement): √v = √(1+x), ε = √e in units of ḡ. */
function torchAdamMoments(k: number, x: number, e: number): [number, number] {
  const d = Math.sqrt(1 + x) + Math.sqrt(e);
  return [1 / d, (1 + k * x) / (d * d)];
}

describe('η*(B) reductions of science.md §3.2', () => {
  it('the Adam family is E[φ]/(E[φ²] + ρE[φ]²) with the sheet\'s moments, and with PyTorch\'s ε placement', () => {
    for (const [k, rho, e, x] of [[0.05, 0, 0, 3], [0.2, 0.5, 2, 0.1], [1, 2, 0.3, 10]] as const) {
      const [m1, m2] = adamMoments(k, x, e);
      expect(etaStarUnscaled({ family: 'adam', k, rho, e, epsInsideRoot: true }, x)).toBeCloseTo(m1 / (m2 + rho * m1 * m1), 12);
      const [t1, t2] = torchAdamMoments(k, x, e);
      expect(etaStarUnscaled({ family: 'adam', k, rho, e }, x)).toBeCloseTo(t1 / (t2 + rho * t1 * t1), 12);
    }
  });

  it('SGD: η_max/(1 + B_noise/B), B_noise = B_simple/(1+ρ) for homogeneous coordinates; no Surge', () => {
    for (const rho of [0, 0.7]) {
      const model: SurgeModel = { family: 'linear', k: 1, rho };
      for (const B of batches) expect(etaStarRelative(model, B, s)).toBeCloseTo(1 / (1 + s / (1 + rho) / B), 12);
      expect(surgePeakBatch(model, s)).toBeNull();
    }
  });

  it('SGDM: η_max/(1 + k·B_noise/B), no Surge', () => {
    const k = kOf(0.9);
    const model: SurgeModel = { family: 'linear', k, rho: 0 };
    for (const B of batches) expect(etaStarRelative(model, B, s)).toBeCloseTo(1 / (1 + (k * s) / B), 12);
    expect(surgePeakBatch(model, s)).toBeNull();
  });

  it('SignSGD: ∝ 1/(1/β + ρβ), Surge iff ρ > 1, peak at β* = 1/√ρ', () => {
    const rho = 4;
    const model: SurgeModel = { family: 'sign', k: 1, rho };
    const shape = (B: number) => { const b = normalizedBatch(B, s); return 1 / (1 / b + rho * b); };
    for (const B of batches) expect(etaStarUnscaled(model, s / B) / shape(B)).toBeCloseTo(1, 12);
    expect(normalizedBatch(surgePeakBatch(model, s)!, s)).toBeCloseTo(1 / Math.sqrt(rho), 12);
    expect(surgePeakBatch({ ...model, rho: 1 }, s)).toBeNull();
    expect(surgePeakBatch({ ...model, rho: 0.3 }, s)).toBeNull();
  });

  it('SignSGDM is SignSGD with B replaced by B/k', () => {
    const k = kOf(0.9);
    for (const B of batches) {
      expect(etaStarUnscaled({ family: 'sign', k, rho: 3 }, s / B)).toBeCloseTo(etaStarUnscaled({ family: 'sign', k: 1, rho: 3 }, s / (B / k)), 12);
    }
    expect(surgePeakBatch({ family: 'sign', k, rho: 3 }, s)).toBeCloseTo(k * surgePeakBatch({ family: 'sign', k: 1, rho: 3 }, s)!, 9);
  });

  it('Adam (e = 0): ∝ 1/(k/β + (1−k+ρ)β), peak at β* = √(k/(1−k+ρ))', () => {
    for (const [beta1, rho] of [[0.9, 0], [0.95, 0.5], [0.5, 2]] as const) {
      const k = kOf(beta1);
      const model: SurgeModel = { family: 'adam', k, rho, e: 0 };
      const shape = (B: number) => { const b = normalizedBatch(B, s); return 1 / (k / b + (1 - k + rho) * b); };
      for (const B of batches) expect(etaStarUnscaled(model, s / B) / shape(B)).toBeCloseTo(1, 12);
      expect(normalizedBatch(surgePeakBatch(model, s)!, s)).toBeCloseTo(Math.sqrt(k / (1 - k + rho)), 12);
    }
  });

  it('B_surge = (1−β1)/(3β1−1)·B_simple: 0.0588·B_simple at β1 = 0.9, 0.0270 at 0.95; none for β1 ≤ 1/3', () => {
    expect(adamSurgeThreshold(0.9, 1)).toBeCloseTo(0.0588, 4);
    expect(adamSurgeThreshold(0.95, 1)).toBeCloseTo(0.0270, 4);
    expect(surgePeakBatch({ family: 'adam', k: kOf(0.9), rho: 0, e: 0 }, s)).toBeCloseTo(adamSurgeThreshold(0.9, s)!, 9);
    expect(adamSurgeThreshold(1 / 3, s)).toBeNull();
    expect(surgePeakBatch({ family: 'adam', k: kOf(0.3), rho: 0, e: 0 }, s)).toBeNull();
  });

  it('η*(B)/η*_max is 1 at the peak and below it on both sides', () => {
    const model: SurgeModel = { family: 'adam', k: kOf(0.9), rho: 0, e: 0 };
    const peak = surgePeakBatch(model, s)!;
    expect(etaStarRelative(model, peak, s)).toBeCloseTo(1, 12);
    expect(etaStarRelative(model, peak / 3, s)).toBeLessThan(1);
    expect(etaStarRelative(model, peak * 3, s)).toBeLessThan(1);
    const curve = etaStarCurve(model, batches, s);
    expect(Math.max(...curve)).toBeLessThanOrEqual(1 + 1e-12);
  });
});

describe('ε and the Surge peak (science.md §3.4)', () => {
  const k = kOf(0.9);

  it('growing e moves the peak up monotonically and finally removes it (both ε placements)', () => {
    for (const epsInsideRoot of [false, true]) {
      const peaks = [0, 0.5, 2, 5, 8].map((e) => surgePeakBatch({ family: 'adam', k, rho: 0, e, epsInsideRoot }, s)!);
      for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1]);
    }
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 1 / (2 * k) - 1 + 1e-9, epsInsideRoot: true }, s)).toBeNull();
    // PyTorch's placement: u* = −√e + √(e + (1−k)/k) ≤ 1 ⇔ √e ≥ ((1−k)/k − 1)/2 = 8.5 at β1 = 0.9.
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 8.5 ** 2 - 1e-6 }, s)).not.toBeNull();
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 8.5 ** 2 + 1e-6 }, s)).toBeNull();
  });

  it('reproduces §3.6\'s Monte Carlo (β1 = 0.9, B_simple = 1000): ε = 3ḡ → peak ≈ 262, ε = 10ḡ → none', () => {
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 9 }, s)! / 262 - 1).toBeLessThan(0.01);
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 100 }, s)).toBeNull();
    // The sheet's inside-root form has already lost the peak at ε = 3ḡ: why PyTorch's placement is the default.
    expect(surgePeakBatch({ family: 'adam', k, rho: 0, e: 9, epsInsideRoot: true }, s)).toBeNull();
  });

  it('as e → ∞ the curve takes SGD(M)\'s form 1/(1 + k·B_simple/B)', () => {
    const sgdm: SurgeModel = { family: 'linear', k, rho: 0 };
    for (const epsInsideRoot of [false, true]) {
      const adam: SurgeModel = { family: 'adam', k, rho: 0, e: 1e12, epsInsideRoot };
      for (const B of batches) expect(etaStarRelative(adam, B, s)).toBeCloseTo(etaStarRelative(sgdm, B, s), 5);
    }
  });

  it('the numeric peak finder agrees with every closed form to 1e-6', () => {
    const models: SurgeModel[] = [
      { family: 'adam', k, rho: 0, e: 0 }, { family: 'adam', k, rho: 0, e: 3 }, { family: 'adam', k: kOf(0.99), rho: 0.4, e: 20 },
      { family: 'adam', k, rho: 0, e: 3, epsInsideRoot: true }, { family: 'adam', k: kOf(0.99), rho: 0.4, e: 20, epsInsideRoot: true },
      { family: 'sign', k: 1, rho: 2.5 }, { family: 'sign', k, rho: 9 },
    ];
    for (const m of models) {
      const numeric = findPeakX((x) => etaStarUnscaled(m, x))!;
      expect(numeric / closedFormPeakX(m)! - 1).toBeLessThan(1e-6);
    }
    expect(findPeakX((x) => etaStarUnscaled({ family: 'linear', k: 1, rho: 0 }, x))).toBeNull();
  });
});

describe('sign updates with the exact Gaussian E[sign] (science.md §3.6 b)', () => {
  it('erf matches reference values to 1.2e-7', () => {
    for (const [x, v] of [[0.5, 0.5204998778], [1, 0.8427007929], [2, 0.995322265], [-0.3, -0.3286267595]]) expect(
      Math.abs(erf(x) - v)).toBeLessThan(1.2e-7);
  });

  it('peaks where erf(1/√(2kx)) = 1/√ρ, only for ρ > 1', () => {
    const model: SurgeModel = { family: 'sign-erf', k: 1, rho: 3 };
    const x = peakX(model)!;
    expect(erf(1 / Math.sqrt(2 * x))).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(peakX({ ...model, rho: 0.9 })).toBeNull();
    expect(closedFormPeakX(model)).toBeUndefined();
  });
});

describe('loss decrease per step (science.md §3.3)', () => {
  it('ΔL(B)/ΔL_max = 1/(1 + B_noise_eff/B), B_noise_eff = k·B_simple/(1+ρ)', () => {
    const k = kOf(0.9);
    expect(effectiveNoiseScale(k, 0.5, s)).toBeCloseTo((k * s) / 1.5, 12);
    expect(lossDecreaseRelative(k, 0.5, 100, s)).toBeCloseTo(1 / (1 + (k * s) / 1.5 / 100), 12);
  });

  it('is independent of ε: (E[φ])²/(E[φ²] + ρE[φ]²) does not depend on e (either placement)', () => {
    const k = kOf(0.9);
    for (const [x, moments] of [[0.1, adamMoments], [1, torchAdamMoments], [10, adamMoments],
      [10, torchAdamMoments]] as const) {
      const values = [0, 0.5, 5].map(
        (e) => { const [m1, m2] = moments(k, x, e); return (m1 * m1) / (m2 + 0.3 * m1 * m1); });
      expect(values[1]).toBeCloseTo(values[0], 12);
      expect(values[2]).toBeCloseTo(values[0], 12);
      expect(values[0] * (1 + 0.3)).toBeCloseTo(lossDecreaseRelative(k, 0.3, s / x, s), 12);
    }
  });

  it('steps–data trade-off: (S/S_min − 1)(E/E_min − 1) = 1', () => {
    expect(dataForSteps(2)).toBe(2);
    expect((3 - 1) * (dataForSteps(3) - 1)).toBeCloseTo(1, 12);
    expect(dataForSteps(1)).toBe(Infinity);
  });
});
