import { describe, expect, it } from 'vitest';
import { adamSurgeThreshold } from '../../core/theory/surge';
import { defaultPredictionInput } from '../../core/theory/predict';
import { analyzeText } from '../../server/analyze';
import { largestBeta1WithoutSurge } from '../../server/prediction-findings';
import { AXOLOTL } from './lsp/fixtures';

const codes = (text: string, settings = {}) => analyzeText(text, '/w/phi2-ft.yml', settings).findings.map((f) => f.code);

describe('largestBeta1WithoutSurge', () => {
  // Closed form (science.md §3.2, ε = 0, ρ = 0): B = (1 − β1)/(3β1 − 1)·s  ⇔  β1 = (1 + r)/(1 + 3r), r = B/s.
  it.each([0.01, 0.0588, 0.256, 1, 5])('matches (1 + r)/(1 + 3r) rounded down, at r = %s', (r) => {
    const s = 1000;
    const beta1 = largestBeta1WithoutSurge(defaultPredictionInput({ beta1: 0.99, noiseScale: s, batchSize: r * s }), r * s)!;
    // The core finds the threshold numerically, so at an exact boundary (r = 1 → β1 = 0.5) one digit may go either way.
    const closed = (1 + r) / (1 + 3 * r);
    expect(beta1).toBeLessThanOrEqual(closed + 1e-9);
    expect(beta1).toBeGreaterThanOrEqual(Math.floor(closed * 1000) / 1000 - 0.001);
    expect(adamSurgeThreshold(beta1, s) ?? Infinity).toBeGreaterThanOrEqual(r * s * (1 - 1e-9));
    expect(adamSurgeThreshold(beta1 + 0.001, s)!).toBeLessThanOrEqual(r * s * (1 + 1e-9));
  });
});

describe('prediction findings', () => {
  it('warn of Surge only past the threshold, and only with a noise scale', () => {
    expect(codes(AXOLOTL)).toContain('surge-risk');
    expect(codes(AXOLOTL.replace('noise-scale=1000', 'noise-scale=1e6'))).not.toContain('surge-risk');
    expect(codes(AXOLOTL.replace('# optlens: noise-scale=1000', ''))).not.toContain('surge-risk');
  });

  it('flag an ε that dominates the gradient scale, offering PyTorch\'s default when it is negligible there', () => {
    const text = AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_epsilon: 0.1');
    const analysis = analyzeText(text, '/w/phi2-ft.yml', { gradNorm: 1, params: 1e6 });
    const finding = analysis.findings.find((f) => f.code === 'eps-dominates')!;
    expect(finding.message).toContain('ε = 0.1 is 100× the per-coordinate gradient scale ‖G‖/√N = 0.001');
    expect(finding.fixes?.[0]?.replacements).toEqual([{ span: analysis.optimizers[0]!.hyperparameters.eps!.span, newText: '1.0e-8' }]);
    // ε comparable to the scale (ratio 1) is the softsign regime: a hint, not a warning.
    expect(codes(AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_epsilon: 0.001'), { gradNorm: 1, params: 1e6 })).not.toContain('eps-dominates');
  });

  it('note a weight-decay timescale longer than the run', () => {
    const text = AXOLOTL.replace('learning_rate: 0.001', 'learning_rate: 0.000003').replace('max_steps: 100000', 'max_steps: 1000');
    const finding = analyzeText(text, '/w/phi2-ft.yml', {}).findings.find((f) => f.code === 'equilibrium-longer-than-run');
    expect(finding?.severity).toBe('information');
    expect(finding?.message).toContain('τ = 1/(ηλ) ≈ 3.33e+6 steps is 3330× the run');
    expect(codes(AXOLOTL)).not.toContain('equilibrium-longer-than-run');
  });

  it('report β outside [0, 1) once, without a second "no prediction" finding', () => {
    const analysis = analyzeText(AXOLOTL.replace('adam_beta1: 0.9', 'adam_beta1: 1.5'), '/w/phi2-ft.yml', {});
    expect(analysis.findings.filter((f) => f.code === 'beta-out-of-range')).toHaveLength(1);
    expect(analysis.findings.some((f) => f.code === 'prediction-failed')).toBe(false);
    expect(analysis.optimizers[0]!.predictions).toBeNull();
    const [finding] = analysis.findings.filter((f) => f.code === 'beta-out-of-range');
    expect(finding!.fixes?.[0]).toMatchObject({ title: 'Set β1 to 0.9 (PyTorch\'s default)', replacements: [{ newText: '0.9' }] });
  });

  it('let a file\'s `# optlens:` comment win over editor settings', () => {
    const analysis = analyzeText(AXOLOTL, '/w/phi2-ft.yml', { noiseScale: 1e9 });
    expect(analysis.optimizers[0]!.predictionInput?.noiseScale).toBe(1000);
  });
});
