import { describe, expect, it } from 'vitest';
import { isReportDocument } from '../../../core/webview-messages-validate';
import { compareReport, matchedInput, COMPARED } from '../../../extension/report/compare-report';
import { predictionInput } from '../fixtures';

describe('compareReport', () => {
  const base = predictionInput({ lr: 1e-3, steps: 20000, weightDecay: 0.1 });
  const report = compareReport(base, 'hf-sft.yaml');
  const row = (name: string) => report.tables[0]?.rows.find((r) => r[0] === name);

  it('compares AdamW, Lion, SignSGDM, SGDM and Muon', () => {
    expect(isReportDocument(report)).toBe(true);
    expect(report.tables[0]?.rows.map((r) => r[0])).toEqual(['AdamW', 'Lion', 'SignSGDM', 'SGDM', 'Muon']);
  });

  it('uses the predictions of science.md for each (update RMS: √k for Adam, 1 for sign updates)', () => {
    expect(row('AdamW')?.[1]).toBe('0.229');
    expect(row('Lion')?.[1]).toBe('1');
    expect(row('SignSGDM')?.[1]).toBe('1');
    // AdamW's equilibrium weight RMS √(η/2λ) = √(1e-3/0.2) (science.md §2.2).
    expect(row('AdamW')?.[2]).toBe(String(Number(Math.sqrt(1e-3 / 0.2).toPrecision(3))));
    // torch SGD's weight decay is coupled L2: no §2 weight RMS.
    expect(row('SGDM')?.[2]).toBe('—');
  });

  it('carries the config over: β1 is also SGDM\'s and Muon\'s momentum', () => {
    for (const kind of COMPARED) {
      const input = matchedInput(base, kind);
      expect(input).toMatchObject({ lr: 1e-3, beta1: 0.9, weightDecay: 0.1, steps: 20000, batchSize: 512, noiseScale: 2000 });
      if (kind === 'sgd' || kind === 'muon') expect(input.momentum).toBe(0.9);
    }
    expect(matchedInput(base, 'sgd').weightDecaySemantics).toBe('coupled-l2');
    expect(matchedInput(base, 'muon').shape).toEqual([1024, 1024]);
  });

  it('draws η*(B) for every optimizer with the configured batch marked', () => {
    const chart = report.charts.find((c) => c.id === 'compare-eta-star');
    expect(chart?.series.map((s) => s.label)).toEqual(['AdamW', 'Lion', 'SignSGDM', 'SGDM', 'Muon']);
    expect(chart?.markers).toEqual([{ x: 512, label: 'configured B = 512' }]);
  });
});
