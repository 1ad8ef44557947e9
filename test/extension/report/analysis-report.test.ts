import { describe, expect, it } from 'vitest';
import { isReportDocument } from '../../../core/webview-messages-validate';
import { analysisReport } from '../../../extension/report/analysis-report';
import { analysis, optimizer, predictionInput } from '../fixtures';

describe('analysisReport', () => {
  const written = { value: 0.9, raw: '0.9', key: 'adam_beta1', line: 18, span: { start: 0, end: 3 }, source: 'written' as const };
  const fallback = { value: 0.999, raw: null, key: null, line: null, span: null, source: 'default' as const, defaultFrom: 'transformers 4.57 TrainingArguments' };

  it('is a valid report document (what the page accepts)', () => {
    expect(isReportDocument(analysisReport(analysis()))).toBe(true);
  });

  it('lists each hyperparameter with where it came from', () => {
    const report = analysisReport(analysis(
      { optimizers: [optimizer({ hyperparameters: { beta1: written, beta2: fallback } })] }));
    const table = report.tables[0];
    expect(table?.rows).toEqual([
      ['β1', '0.9', 'adam_beta1', 'written (line 18: 0.9)'],
      ['β2', '0.999', '—', 'default (transformers 4.57 TrainingArguments)'],
      // The prediction's cosine schedule, and that no floor was read: it decays to 0.
      ['schedule end', 'cosine decay to 0 (no floor such as min_lr read from the file)', '—', '—'],
    ]);
  });

  it('says how each written value was found, the framework with its evidence, and the defaults it assumed', () => {
    const via = { rule: 'role', keyPath: 'optim.b1', confidence: 'medium', reason: '`b1` usually names β1 in a training block' } as const;
    const report = analysisReport(analysis({ ecosystem: 'generic', ecosystemEvidence: 'none',
      optimizers: [optimizer({ hyperparameters: { beta1: { ...written, key: 'optim.b1', via } } })] }));
    expect(report.tables[0]?.rows[0]?.[3])
      .toBe('written (line 18: 0.9); Read by its name: `b1` usually names β1 in a training block (a guess; no framework table spells it)');
    expect(report.notes[0]).toBe('No framework recognised: each value is read by what its name means.');
    // At the values the prediction used.
    expect(report.notes).toContain('adamw_torch_fused: Assumed, as neither the file nor a framework table gives them: '
      + 'learning rate η `0.00002`, β2 `0.95`, ε `1e-8`, weight decay λ `0.1`, from torch.optim.AdamW defaults (PyTorch docs).');
  });

  it('gives every prediction with its science.md section', () => {
    const report = analysisReport(analysis());
    const predictions = report.tables.find((t) => t.title === 'Predictions');
    expect(predictions?.rows[0]).toEqual(['update RMS', '0.229', 'science.md §1.1']);
    expect(predictions?.rows.find((r) => r[0] === 'Surge threshold (batch)')?.[1]).toBe('118');
    expect(predictions?.rows.find((r) => r[0] === 'Surge threshold (× B_simple)')?.[1]).toBe('0.0588');
  });

  it('draws the weight-RMS, η*(B) and update-RMS charts from the theory, marking the Surge peak and the batch', () => {
    const report = analysisReport(analysis());
    expect(report.charts.map((c) => c.id)).toEqual(['weight-rms-vs-step', 'eta-star-vs-batch', 'update-rms-vs-beta1']);
    const eta = report.charts[1];
    expect(eta?.markers.map((m) => m.label)).toEqual(['Surge peak B = 118', 'configured B = 512']);
    // Adam at β1 = 0.9, ρ = 0: η* peaks at B = (1−β1)/(3β1−1)·B_simple (science.md §3.2).
    expect(eta?.markers[0]?.x).toBeCloseTo((0.1 / 1.7) * 2000, 6);
    const adam = eta?.series[0]?.points ?? [];
    const peak = adam.reduce((best, p) => (p.y > best.y ? p : best));
    expect(peak.y).toBeCloseTo(1, 2);
    expect(Math.abs(Math.log(peak.x / 117.647))).toBeLessThan(0.06); // within one step of the log grid
    const rms = report.charts[2]?.series[0]?.points.find((p) => Math.abs(p.x - 0.9) < 0.006);
    expect(rms?.y).toBeCloseTo(Math.sqrt(0.1 / 1.9), 2);
  });

  it('says so for an optimizer it cannot model, and draws nothing for it', () => {
    const report = analysisReport(analysis({ optimizers: [optimizer({ name: 'adafactor', kind: null, predictions: null, predictionInput: null })] }));
    expect(report.charts).toEqual([]);
    expect(report.notes).toContain('adafactor: OptLens has no model of this optimizer, so there are no predictions for it.');
    expect(report.subtitle).toMatch(/^adafactor/);
  });

  it('draws no η*(B) chart without a noise scale', () => {
    const report = analysisReport(analysis(
      { optimizers: [optimizer({ predictionInput: predictionInput({ noiseScale: null }) })] }));
    expect(report.charts.map((c) => c.id)).not.toContain('eta-star-vs-batch');
  });
});
