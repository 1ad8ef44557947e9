import { describe, expect, it } from 'vitest';
import { agreement } from '../../../core/sim/agreement';
import { isReportDocument } from '../../../core/webview-messages-validate';
import { sweepReport, tableBatches } from '../../../extension/report/sweep-report';
import { predictionInput } from '../fixtures';

describe('sweepReport', () => {
  it('marks the Surge peak for Adam past β1 = 1/3', () => {
    const report = sweepReport(predictionInput(), 'hf-sft.yaml');
    expect(report && isReportDocument(report)).toBe(true);
    expect(report?.subtitle).toBe('AdamW, B_simple = 2,000, Surge peak at B = 118');
    expect(report?.tables[0]?.rows.find((r) => r[0] === '512 (configured)')).toBeDefined();
  });

  it('says there is no Surge for SGD', () => {
    const report = sweepReport(predictionInput({ optimizer: 'sgd', momentum: 0.9 }), 'a.yaml');
    expect(report?.subtitle).toMatch(/no Surge/);
    expect(report?.charts[0]?.markers.map((m) => m.label)).toEqual(['configured B = 512']);
  });

  it('adds Monte Carlo points in the config\'s batch units', () => {
    const report = sweepReport(predictionInput(), 'a.yaml', [{ label: 'AdamW', backend: 'cpu', points: [{ batchRatio: 0.1, relative: 0.9, stderr: 0.05 }] }]);
    const simulated = report?.charts[0]?.series.find((s) => s.kind === 'simulation');
    expect(simulated?.points).toEqual([{ x: 200, y: 0.9, stderr: 0.05 }]);
    expect(report?.tables[1]).toEqual({
      title: 'Monte Carlo check (AdamW, cpu)',
      columns: ['batch size', 'simulated η*/η*max', '± standard error', 'formula', 'verdict'],
      rows: [['200', '0.9', '0.05', '—', '—']],
    });
  });

  it('words each point\'s verdict with core\'s agreement rule: a gap of many standard errors is not "agrees"', () => {
    const points = [
      { batchRatio: 0.1, relative: 0.9, stderr: 0.01, predicted: 0.9, agreement: agreement(0.9, 0.01, 0.9, 0.03) },
      { batchRatio: 1, relative: 0.6, stderr: 0.001, predicted: 0.61, agreement: agreement(0.6, 0.001, 0.61, 0.03) },
    ];
    const report = sweepReport(predictionInput(), 'a.yaml', [{ label: 'AdamW', backend: 'cpu', points }]);
    expect(report?.tables[1]?.rows.map((r) => r[4])).toEqual(['agrees (+0.0%, 0.0 standard errors)', expect.stringMatching(/^off by −1\.6%, 10\.0 standard errors/)]);
  });

  it('states the simulated and the predicted peak', () => {
    const report = sweepReport(predictionInput(), 'a.yaml', [{ label: 'AdamW', backend: 'cpu', peakRatio: 0.0636, predictedPeakRatio: 0.0588, points: [{ batchRatio: 0.06, relative: 1, predicted: 1 }] }]);
    expect(report?.notes[0]).toBe('Monte Carlo peak: B = 127; formula: B = 118 (noisy quadratic of science.md §3.6).');
  });

  it('needs a noise scale', () => {
    expect(sweepReport(predictionInput({ noiseScale: null }), 'a.yaml')).toBeNull();
  });

  it('tabulates powers of four around the noise scale, with the configured batch', () => {
    expect(tableBatches(predictionInput({ noiseScale: 1000, batchSize: 300 }))).toEqual(
      [8, 32, 128, 300, 512, 2048, 8192, 32768]);
  });
});
