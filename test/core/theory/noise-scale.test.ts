import { describe, expect, it } from 'vitest';
import { estimateNoiseScale, twoBatchEstimates, type GradNormMeasurement } from '../../../core/theory/noise-scale';
import { gaussian } from './seeded';

describe('two-batch noise-scale estimator (science.md §4)', () => {
  it('recovers |G|² and tr(Σ) exactly from expected squared norms E|G_B|² = |G|² + tr(Σ)/B', () => {
    const [g2, tr, bs, bb] = [4, 8000, 32, 512];
    const m: GradNormMeasurement = { smallSq: g2 + tr / bs, bigSq: g2 + tr / bb };
    const est = twoBatchEstimates(m, bs, bb);
    expect(est.gradSq).toBeCloseTo(g2, 10);
    expect(est.traceSigma).toBeCloseTo(tr, 7);
    const stream = estimateNoiseScale([m, m, m], { batchSmall: bs, batchBig: bb });
    expect(stream.bSimple).toBeCloseTo(2000, 6);
    expect(stream.series.length).toBe(3);
  });

  it('the EMA form is bias-corrected, so a constant stream gives the exact values from the first step', () => {
    const m: GradNormMeasurement = { smallSq: 1 + 100 / 10, bigSq: 1 + 100 / 100 };
    const est = estimateNoiseScale([m, m], { batchSmall: 10, batchBig: 100, smoothing: { kind: 'ema', beta: 0.99 } });
    expect(est.gradSq).toBeCloseTo(1, 10);
    expect(est.traceSigma).toBeCloseTo(100, 8);
    expect(est.series[0]).toBeCloseTo(100, 8);
  });

  it('returns null while a smoothed estimate is not positive, and rejects B_big ≤ B_small', () => {
    const negativeGrad = estimateNoiseScale([{ smallSq: 10, bigSq: 0.1 }], { batchSmall: 8, batchBig: 64 });
    expect(negativeGrad.gradSq).toBeLessThan(0);
    expect(negativeGrad.bSimple).toBeNull();
    expect(Number.isNaN(negativeGrad.series[0])).toBe(true);
    const negativeTrace = estimateNoiseScale([{ smallSq: 1, bigSq: 1.5 }], { batchSmall: 8, batchBig: 64 });
    expect(negativeTrace.traceSigma).toBeLessThan(0);
    expect(negativeTrace.bSimple).toBeNull();
    expect(() => estimateNoiseScale([], { batchSmall: 64, batchBig: 64 })).toThrow(RangeError);
  });

  it('Monte Carlo: recovers a known B_simple within its sampling error', () => {
    // D coordinates, true gradient G (|G|² = D·0.01), per-example noise N(0, I): tr(Σ) = D, B_simple = 100.
    const D = 50;
    const [bs, bb] = [8, 128];
    const z = gaussian(7);
    const steps = 4000;
    const ms: GradNormMeasurement[] = [];
    const perStepG = new Float64Array(steps);
    const perStepT = new Float64Array(steps);
    for (let t = 0; t < steps; t++) {
      let small = 0;
      let big = 0;
      for (let i = 0; i < D; i++) {
        small += (0.1 + z() / Math.sqrt(bs)) ** 2;
        big += (0.1 + z() / Math.sqrt(bb)) ** 2;
      }
      ms.push({ smallSq: small, bigSq: big });
      const e = twoBatchEstimates(ms[t], bs, bb);
      perStepG[t] = e.gradSq;
      perStepT[t] = e.traceSigma;
    }
    const est = estimateNoiseScale(ms, { batchSmall: bs, batchBig: bb });
    // Delta method for the ratio of two means: var(t̄/ḡ) ≈ r²(var t̄/t̄² + var ḡ/ḡ² − 2cov/(t̄ḡ)).
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
    const [mg, mt] = [mean(perStepG), mean(perStepT)];
    let [vg, vt, cov] = [0, 0, 0];
    for (let t = 0; t < steps; t++) {
      vg += (perStepG[t] - mg) ** 2;
      vt += (perStepT[t] - mt) ** 2;
      cov += (perStepG[t] - mg) * (perStepT[t] - mt);
    }
    const n = steps * (steps - 1);
    const r = mt / mg;
    const stderr = r * Math.sqrt(vt / n / mt ** 2 + vg / n / mg ** 2 - (2 * cov) / n / (mt * mg));
    expect(est.bSimple).toBeCloseTo(r, 9);
    // 4 standard errors: a false failure has probability ~6e-5 for a correct estimator.
    expect(Math.abs(est.bSimple! - 100)).toBeLessThan(4 * stderr);
  });
});
