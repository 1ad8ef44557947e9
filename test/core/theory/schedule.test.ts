import { describe, expect, it } from 'vitest';
import { fillLr, lrAt, lrSeries, wsdDecaySteps, type ScheduleSpec } from '../../../core/theory/schedule';

const spec = (over: Partial<ScheduleSpec>): ScheduleSpec => ({ kind: 'cosine', peakLr: 1, steps: 100, warmupSteps: 10, ...over });

describe('lrAt', () => {
  it('warms up linearly to the peak on step W, never running a step at lr 0', () => {
    const s = spec({});
    expect(lrAt(s, 1)).toBeCloseTo(0.1, 15);
    expect(lrAt(s, 5)).toBeCloseTo(0.5, 15);
    expect(lrAt(s, 10)).toBe(1);
  });

  it('constant holds the peak after warmup', () => {
    expect(lrAt(spec({ kind: 'constant' }), 11)).toBe(1);
    expect(lrAt(spec({ kind: 'constant' }), 100)).toBe(1);
  });

  it('cosine reaches the floor exactly at step T and the midpoint half-way', () => {
    const s = spec({ minLrRatio: 0.1 });
    expect(lrAt(s, 100)).toBeCloseTo(0.1, 15);
    expect(lrAt(s, 55)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(lrAt(s, 200)).toBeCloseTo(0.1, 15);
  });

  it('linear decays linearly to the floor', () => {
    const s = spec({ kind: 'linear' });
    expect(lrAt(s, 55)).toBeCloseTo(0.5, 15);
    expect(lrAt(s, 100)).toBeCloseTo(0, 15);
  });

  it('wsd is flat until the last decaySteps, then linear to the floor', () => {
    const s = spec({ kind: 'wsd', decaySteps: 20 });
    expect(lrAt(s, 80)).toBe(1);
    expect(lrAt(s, 90)).toBeCloseTo(0.5, 15);
    expect(lrAt(s, 100)).toBeCloseTo(0, 15);
  });

  it('wsd defaults its decay to 20% of the run and clamps it to the post-warmup part', () => {
    expect(wsdDecaySteps(spec({ kind: 'wsd' }))).toBe(20);
    expect(wsdDecaySteps(spec({ kind: 'wsd', decaySteps: 500 }))).toBe(90);
  });

  it('inverse-sqrt is peak·√(W/t) after warmup', () => {
    const s = spec({ kind: 'inverse-sqrt' });
    expect(lrAt(s, 40)).toBeCloseTo(Math.sqrt(10 / 40), 15);
    expect(lrAt({ ...s, warmupSteps: 0 }, 4)).toBeCloseTo(0.5, 15);
  });

  it('handles a run that is all warmup', () => {
    const s = spec({ steps: 5, warmupSteps: 10 });
    expect(lrAt(s, 5)).toBeCloseTo(0.5, 15);
  });
});

describe('lrSeries', () => {
  it('stores lrAt(t) at index t−1 for every step', () => {
    const s = spec({ kind: 'wsd', steps: 37, warmupSteps: 3, decaySteps: 7, minLrRatio: 0.05 });
    const series = lrSeries(s);
    expect(series.length).toBe(37);
    for (let t = 1; t <= 37; t++) expect(series[t - 1]).toBe(lrAt(s, t));
  });

  it('cosine: the rotated series stays within 1e-12 of Math.cos over 10⁶ steps, and ends at the floor', () => {
    const s = spec({ steps: 1_000_000, warmupSteps: 1000, minLrRatio: 0.1 });
    const series = lrSeries(s);
    let worst = 0;
    for (let t = 1; t <= s.steps; t += 997) worst = Math.max(worst, Math.abs(series[t - 1] - lrAt(s, t)));
    expect(worst).toBeLessThan(1e-12);
    expect(series[999]).toBe(1);
    expect(series[s.steps - 1]).toBeCloseTo(0.1, 12);
  });
});

describe('fillLr', () => {
  it('fills any range of steps, chunk after chunk, as lrAt would (past T: the final value)', () => {
    for (const kind of ['constant', 'cosine', 'linear', 'wsd', 'inverse-sqrt'] as const) {
      const s = spec({ kind, steps: 5000, warmupSteps: 300, decaySteps: 700, minLrRatio: 0.05 });
      for (const [first, length] of [[1, 5000], [250, 100], [2047, 3000], [4990, 40]] as const) {
        const out = new Float64Array(length);
        fillLr(s, first, out);
        out.forEach((v, k) => expect(Math.abs(v - lrAt(s, first + k))).toBeLessThan(1e-12));
      }
    }
  });
});
