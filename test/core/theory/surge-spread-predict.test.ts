/** `predict` carries the coordinate spread behind Adam's Surge (science.md §7.3) and Muon's "no Surge" (§3.5). */
import { describe, expect, it } from 'vitest';
import { defaultPredictionInput, predict } from '../../../core/theory/predict';
import { closedFormPeakX } from '../../../core/theory/surge';

// Gradient scale ‖G‖/√N = 1e-3 and ε = 3e-4: ε/scale = 0.3, so ε matters for the Surge.
const ADAM = { optimizer: 'adamw', beta1: 0.9, noiseScale: 1000, batchSize: 100, gradNorm: 1, params: 1e6, eps: 3e-4 } as const;

describe('predict: Adam with ε, coordinates of unequal size', () => {
  it('assumes spread 1 when nothing gives it, says so, and reports the peak at other spreads', () => {
    const p = predict(defaultPredictionInput(ADAM));
    const spread = p.surge.spread!;
    expect(spread.value).toBe(1);
    expect(spread.assumed).toBe(true);
    expect(spread.peakBySpread.map((x) => x.spread)).toEqual([0, 0.5, 1, 2]);
    expect(spread.peakBySpread.find((x) => x.spread === 1)!.peakBatch).toBeCloseTo(p.surge.peakBatch!, 9);
    // Adam's threshold is its peak, also when the peak has no closed form.
    expect(p.surge.threshold).toBeCloseTo(p.surge.peakBatch!, 9);
    const peaks = spread.peakBySpread.map((x) => x.peakBatch!);
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThan(peaks[i - 1]);
    const note = p.notes.find((n) => n.code === 'surge-spread');
    expect(note).toMatchObject({ code: 'surge-spread', spread: 1, assumed: true, peakAtZero: peaks[0] });
    expect(p.sources['surge.spread']).toMatch(/§7\.3/);
  });

  it('a given spread of 0 is §3.2\'s scalar form, not assumed', () => {
    const p = predict(defaultPredictionInput({ ...ADAM, gradientScaleSpread: 0 }));
    expect(p.surge.spread!.assumed).toBe(false);
    const e = 0.3 ** 2 * (1 + 1000 / 100);
    const x = closedFormPeakX({ family: 'adam', k: 0.1 / 1.9, rho: 0, e })!;
    expect(p.surge.peakBatch).toBeCloseTo(1000 / x, 6);
  });

  it('without ε in play (no gradient scale) there is no spread to report', () => {
    const p = predict(defaultPredictionInput({ ...ADAM, gradNorm: null }));
    expect(p.surge.spread).toBeUndefined();
    expect(p.notes.some((n) => n.code === 'surge-spread')).toBe(false);
  });
});

describe('predict: Muon has no Surge (science.md §3.5)', () => {
  it('no threshold, no peak, and a note saying why', () => {
    const p = predict(defaultPredictionInput({ optimizer: 'muon', momentum: 0.95, nesterov: true, noiseScale: 1000, batchSize: 4096, shape: [256, 256] }));
    expect(p.surge.threshold).toBeNull();
    expect(p.surge.thresholdRatio).toBeNull();
    expect(p.surge.peakBatch).toBeNull();
    expect(p.notes.some((n) => n.code === 'muon-no-surge')).toBe(true);
  });
});
