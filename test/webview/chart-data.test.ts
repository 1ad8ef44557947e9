import { describe, expect, it } from 'vitest';
import { buildChartData, logTickLabel } from '../../webview/chart-data';
import type { SimulatedSeries } from '../../webview/experiments';
import { DEFAULT_PARAMS } from '../../webview/params';
import { theoryCurves } from '../../webview/theory-series';

const sim: SimulatedSeries = {
  updateRms: [{ x: 0.9, y: 0.228, stderr: 0.002 }],
  weightRms: { step: [100, 200], mean: [0.01, 0.02], stderr: [0.001, 0.002],
    final: { x: 200, y: 0.02, stderr: 0.002 } },
  surge: [{ optimizer: 'adamw', points: [{ x: 0.1, y: 1, stderr: 0.05 }] }, { optimizer: 'sgd', points: [{ x: 1, y: 0.5, stderr: 0.02 }] }],
  eps: [{ x: 1, y: 0.115, stderr: 0.001 }],
  backend: 'cpu-worker',
};

describe('chart content', () => {
  it('shows only theory before any simulation, with the Surge peak, your batch and your β1 marked', () => {
    const data = buildChartData(theoryCurves(DEFAULT_PARAMS), null);
    expect(data['update-rms'].series.map((s) => s.role.kind)).toEqual(['theory']);
    expect(data['update-rms'].markers.map((m) => m.x)).toEqual([DEFAULT_PARAMS.beta1]);
    expect(data.surge.series).toHaveLength(3);
    expect(data.surge.markers.map((m) => m.label)).toEqual(['Surge peak', 'your batch']);
    expect(data.surge.markers[1].x).toBe(DEFAULT_PARAMS.batchSize);
    expect(data['weight-rms'].series.some((s) => s.label.startsWith('steady state'))).toBe(true);
  });

  it('adds simulated points with their standard errors and the trajectory band', () => {
    const data = buildChartData(theoryCurves(DEFAULT_PARAMS), sim);
    const points = data['update-rms'].series.find((s) => s.role.kind === 'simulation');
    expect(points?.points).toEqual([{ x: 0.9, y: 0.228 }]);
    expect(points?.stderr).toEqual([0.002]);
    const band = data['weight-rms'].series.filter((s) => s.role.kind === 'band');
    expect(band.map((s) => s.points.map((p) => p.y))).toEqual(
      [[0.01 - 0.002, 0.02 - 0.004], [0.01 + 0.002, 0.02 + 0.004]]);
    // Monte Carlo batches are in units of B_simple: the chart puts them on the configured noise scale.
    const mc = data.surge.series.filter((s) => s.role.kind === 'simulation');
    expect(mc.map((s) => s.points[0].x)).toEqual([0.1 * DEFAULT_PARAMS.noiseScale, 1 * DEFAULT_PARAMS.noiseScale]);
    expect(data.eps.series).toHaveLength(2);
  });

  it('drops points the theory cannot give (Muon\'s weight RMS, science.md §2.7, holds at SNR 0 only)', () => {
    const theoryOf = (snr: number) => buildChartData(theoryCurves({ ...DEFAULT_PARAMS, optimizer: 'muon', snr }), null)
      ['weight-rms'].series.find((s) => s.role.kind === 'theory');
    expect(theoryOf(0.5)?.points).toEqual([]);
    expect(theoryOf(0)?.points.length).toBeGreaterThan(0);
  });
});

describe('log axis labels', () => {
  it('label powers of ten only, briefly', () => {
    expect([1e-3, 0.01, 0.1, 1, 10, 1000, 1e4, 1e6, 1e-5].map(logTickLabel)).toEqual(['0.001', '0.01', '0.1', '1', '10', '1000', '10000', '1e6', '1e-5']);
    expect(logTickLabel(2)).toBe('');
    expect(logTickLabel(500)).toBe('');
  });
});
