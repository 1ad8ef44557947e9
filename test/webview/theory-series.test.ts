import { describe, expect, it } from 'vitest';
import { predict } from '../../core/theory/predict';
import { DEFAULT_PARAMS } from '../../webview/params';
import { playgroundInput, theoryCurves, trajectorySteps } from '../../webview/theory-series';
import { recordSteps } from '../../core/sim/types';
import type { PlaygroundParams } from '../../webview/params';

const at = (xs: ArrayLike<number>, ys: ArrayLike<number>, x: number) => {
  let best = 0;
  for (let i = 0; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return { x: xs[best], y: ys[best] };
};

describe('the playground theory curves', () => {
  it('pass through the number printed beside them (same functions as predict)', () => {
    const c = theoryCurves(DEFAULT_PARAMS);
    // The β1 axis has a point every 0.999/199 ≈ 0.005; compare at the nearest one, allowing the curve's
    // change over that distance: |d√k/dβ1| = 1/((1+β1)²√k) = 1.21 at β1 = 0.9, bounded here by 2.
    const near = at(c.updateRms.x, c.updateRms.y, 0.9);
    expect(Math.abs(near.y - (c.prediction.updateRms ?? NaN))).toBeLessThanOrEqual(2 * Math.abs(near.x - 0.9) + 1e-12);
    expect(c.weightRms.x[c.weightRms.x.length - 1]).toBe(DEFAULT_PARAMS.steps);
    const end = c.weightRms.y[c.weightRms.y.length - 1];
    expect(end).toBeCloseTo(predict(c.input).weightRms.atEnd ?? NaN, 10);
    // The printed number reads ε as the hover does (ignored without a measured gradient scale), the curve at the
    // assumed scale like the simulation beside it: at ε = 1e-8 they differ by ~1e-8, far below the 3 digits shown.
    expect(Math.abs(end / (c.prediction.weightRms.atEnd ?? NaN) - 1)).toBeLessThan(5e-4);
    expect(c.surge.peakBatch).toBeCloseTo(predict(c.input).surge.peakBatch ?? NaN, 6);
    expect(Math.abs((c.surge.peakBatch ?? NaN) / (c.prediction.surge.peakBatch ?? NaN) - 1)).toBeLessThan(5e-4);
  });

  it('gives the anchors of science.md: 0.229 at β1 = 0.9, √(η/2λ) = 0.0707, B_surge = 0.0588·B_simple', () => {
    const c = theoryCurves({ ...DEFAULT_PARAMS, beta1: 0.9, lr: 1e-3, weightDecay: 0.1, noiseScale: 1000 });
    expect(c.prediction.updateRms).toBeCloseTo(0.2294, 3);
    expect(c.weightRms.steady).toBeCloseTo(0.0707, 4);
    expect(c.prediction.surge.threshold).toBeCloseTo(58.8, 1);
    expect(c.surge.curves.map((s) => s.optimizer)).toEqual(['adamw', 'sgd', 'signsgd']);
    const peak = Math.max(...c.surge.curves[0].y);
    expect(peak).toBeCloseTo(1, 2);
  });

  it('keeps one curve per optimizer on the Surge chart when the chosen one is SGD', () => {
    const c = theoryCurves({ ...DEFAULT_PARAMS, optimizer: 'sgd' });
    expect(c.surge.curves.map((s) => s.optimizer)).toEqual(['sgd', 'signsgd']);
    expect(c.surge.peakBatch).toBeNull();
    expect(c.updateRms.yLog).toBe(true);
  });

  it('draws sign-type updates at RMS 1 and no ε effect outside the Adam family', () => {
    const c = theoryCurves({ ...DEFAULT_PARAMS, optimizer: 'lion' });
    expect([...c.updateRms.y].every((y) => y === 1)).toBe(true);
    expect(c.eps.adamFamily).toBe(false);
    expect(c.eps.configuredRatio).toBeNull();
  });

  it('reads ε against the given gradient scale, or against 1 when none is given', () => {
    const assumed = playgroundInput({ ...DEFAULT_PARAMS, eps: 0.1 });
    expect(assumed.gradScaleKnown).toBe(false);
    expect(theoryCurves({ ...DEFAULT_PARAMS, eps: 0.1 }).eps.configuredRatio).toBeCloseTo(0.1, 12);
    const measured: PlaygroundParams = { ...DEFAULT_PARAMS, eps: 1e-8, gradNorm: 1, params: 1e8 };
    expect(playgroundInput(measured).gradScaleKnown).toBe(true);
    expect(theoryCurves(measured).eps.configuredRatio).toBeCloseTo(1e-8 / 1e-4, 12);
  });

  it('spreads trajectory steps over the run and ends at T', () => {
    expect(trajectorySteps(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const s = trajectorySteps(20000, 160);
    expect(s).toHaveLength(160);
    expect(s[s.length - 1]).toBe(20000);
    expect(s.every((v, i) => i === 0 || v > s[i - 1])).toBe(true);
    // The curve is evaluated at the steps the simulator records, so each Monte Carlo point has its formula value.
    for (const [steps, count] of [[20000, 160], [7, 160], [1000, 3]]) {
      expect(trajectorySteps(steps, count)).toEqual(recordSteps(steps, count));
    }
  });
});
