import { describe, expect, it } from 'vitest';
import { isReportDocument } from '../../../core/webview-messages-validate';
import { compareReport, mappedInput, matchedInput, COMPARED } from '../../../extension/report/compare-report';
import { predict } from '../../../core/theory/predict';
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
    expect(row('AdamW')?.[3]).toBe('0.229');
    expect(row('Lion')?.[3]).toBe('1');
    expect(row('SignSGDM')?.[3]).toBe('1');
    // AdamW's equilibrium weight RMS √(η/2λ) = √(1e-3/0.2) (science.md §2.2).
    expect(row('AdamW')?.[4]).toBe(String(Number(Math.sqrt(1e-3 / 0.2).toPrecision(3))));
    // torch SGD's weight decay is coupled L2: no §2 weight RMS.
    expect(row('SGDM')?.[4]).toBe('—');
  });

  it('carries the config over: β1 is also SGDM\'s and Muon\'s momentum', () => {
    for (const kind of COMPARED) {
      const input = matchedInput(base, kind);
      expect(input).toMatchObject({ lr: 1e-3, beta1: 0.9, weightDecay: 0.1, steps: 20000, batchSize: 512,
        noiseScale: 2000 });
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

  it('maps the lr by update-RMS matching: Lion at AdamW lr × 0.229 (≈ /4.4, inside the /3–10 convention), λ keeping ηλ', () => {
    const lion = mappedInput(base, 'lion');
    expect(lion.transfer.rule).toBe('update-rms');
    const k = predict({ ...base, steps: null }).updateRms!;
    expect(lion.input.lr).toBeCloseTo(1e-3 * k, 12);
    expect(1e-3 / lion.input.lr).toBeGreaterThan(3);
    expect(1e-3 / lion.input.lr).toBeLessThan(10);
    expect(lion.input.lr * lion.input.weightDecay).toBeCloseTo(1e-3 * 0.1, 12);
    expect(row('Lion')?.[1]).toBe('2.29e-4');
    expect(report.notes.some((n) => n.startsWith('Lion: lr ') && n.includes('update RMS 0.229 → 1'))).toBe(true);
  });

  it('maps Muon by its predicted update RMS: lr × RMS(u) equals AdamW\'s step', () => {
    const muon = mappedInput(base, 'muon');
    const muonRms = predict({ ...muon.input, steps: null }).updateRms!;
    const adamRms = predict({ ...base, steps: null }).updateRms!;
    expect(muon.input.lr * muonRms).toBeCloseTo(1e-3 * adamRms, 12);
  });

  it('keeps AdamW as written, and says SGD is not mapped without the gradient scale', () => {
    expect(mappedInput(base, 'adamw')).toMatchObject({ input: { lr: 1e-3, weightDecay: 0.1 }, transfer: { rule: 'same' } });
    const sgd = mappedInput(base, 'sgd');
    expect(sgd.transfer.rule).toBe(base.gradNorm === null ? 'unmapped' : 'update-rms');
    if (sgd.transfer.rule === 'unmapped') expect(report.notes.some((n) => n.startsWith('SGDM:') && n.includes('not mapped'))).toBe(true);
  });

  it('maps SGD by RMS when the gradient scale is known, leaving its coupled-L2 λ as written', () => {
    const scaled = { ...base, gradNorm: 1, params: 1e6 };
    const sgd = mappedInput(scaled, 'sgd');
    expect(sgd.transfer.rule).toBe('update-rms');
    expect(sgd.input.weightDecay).toBe(0.1);
    const sgdRms = predict({ ...sgd.input, steps: null }).updateRms!;
    expect(sgd.input.lr * sgdRms).toBeCloseTo(1e-3 * predict({ ...scaled, steps: null }).updateRms!, 12);
  });
});
