import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adamSurgeThreshold } from '../../core/theory/surge';
import { defaultPredictionInput } from '../../core/theory/predict';
import { analyzeText } from '../../server/analyze';
import { equilibriumMatters, largestBeta1WithoutSurge, runDrift } from '../../server/prediction-findings';
import { AXOLOTL } from './lsp/fixtures';

const FIXTURE = (path: string) => new URL(`../fixtures/${path}`, import.meta.url);
const codes = (text: string, settings = {}) => analyzeText(text, '/w/phi2-ft.yml', settings).findings.map((f) => f.code);

describe('largestBeta1WithoutSurge', () => {
  // Closed form (science.md §3.2, ε = 0, ρ = 0): B = (1 − β1)/(3β1 − 1)·s  ⇔  β1 = (1 + r)/(1 + 3r), r = B/s.
  it.each([0.01, 0.0588, 0.256, 1, 5])('matches (1 + r)/(1 + 3r) rounded down, at r = %s', (r) => {
    const s = 1000;
    const beta1 = largestBeta1WithoutSurge(
      defaultPredictionInput({ beta1: 0.99, noiseScale: s, batchSize: r * s }), r * s)!;
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
    expect(finding.fixes?.[0]?.replacements).toEqual([{ span: analysis.optimizers[0].hyperparameters.eps!.span, newText: '1.0e-8' }]);
    // ε comparable to the scale (ratio 1) is the softsign regime: a hint, not a warning.
    expect(codes(AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_epsilon: 0.001'), { gradNorm: 1, params: 1e6 })).not.toContain('eps-dominates');
  });

  it('note a weight-decay timescale longer than the run only where it changes the outcome', () => {
    const text = AXOLOTL.replace('learning_rate: 0.001', 'learning_rate: 0.000003').replace('max_steps: 100000', 'max_steps: 1000');
    const opt = analyzeText(text, '/w/phi2-ft.yml', {}).optimizers[0];
    const p = opt.predictions!;
    // τ = 1/(ηλ) = 3.33e6 steps, 3330× the run; the run moves the weights by lr × 0.229 × √1000 = 2.2e-5.
    expect(p.equilibriumFraction).toBeCloseTo(3333.3, 1);
    expect(runDrift(opt.predictionInput!, p.updateRms)).toBeCloseTo(3e-6 * Math.sqrt(0.1 / 1.9) * Math.sqrt(1000), 12);
    // From scratch (θ0 = 0) the updates make the final weights: decay never catching up matters.
    expect(equilibriumMatters({ ...opt.predictionInput!, theta0Rms: 0 }, p)).toBe(true);
    // From trained weights (θ0 = 0.02, a fine-tune) a drift of 2.2e-5 changes nothing: information in the hover only.
    expect(equilibriumMatters({ ...opt.predictionInput!, theta0Rms: 0.02 }, p)).toBe(false);
    // τ shorter than the run: never.
    const long = analyzeText(AXOLOTL, '/w/phi2-ft.yml', {}).optimizers[0];
    expect(equilibriumMatters({ ...long.predictionInput!, theta0Rms: 0 }, long.predictions!)).toBe(false);
  });

  it('the equilibrium rule on fixtures: fires on a pretraining run from scratch, not on a fine-tune from trained weights', () => {
    const pretrain = analyzeText(readFileSync(FIXTURE('corpus/torchtitan/llama3_8b.toml'), 'utf8'), 'llama3_8b.toml', {});
    // torchtitan llama3 8B: lr 3e-4, λ 0.1, 1000 steps: τ = 33k steps, 33× the run, from random init.
    expect(pretrain.optimizers[0].predictionInput!.theta0Rms).toBe(0);
    const finding = pretrain.findings.find((f) => f.code === 'equilibrium-longer-than-run');
    expect(finding?.severity).toBe('information');
    expect(finding?.message).toContain('33.3× the run');
    const sft = analyzeText(readFileSync(FIXTURE('configs/dev/nemo-rl/sft.yaml'), 'utf8'), 'sft.yaml', {}).optimizers[0];
    // τ is 3.3e4× its 60 steps; starting from trained weights of RMS 0.02 (the fine-tuning default) it moves them by
    // ~1e-5.
    expect(sft.predictions!.equilibriumFraction!).toBeGreaterThan(1000);
    expect(equilibriumMatters({ ...sft.predictionInput!, theta0Rms: 0.02 }, sft.predictions!)).toBe(false);
  });

  it('report β outside [0, 1) once, without a second "no prediction" finding', () => {
    const analysis = analyzeText(AXOLOTL.replace('adam_beta1: 0.9', 'adam_beta1: 1.5'), '/w/phi2-ft.yml', {});
    expect(analysis.findings.filter((f) => f.code === 'beta-out-of-range')).toHaveLength(1);
    expect(analysis.findings.some((f) => f.code === 'prediction-failed')).toBe(false);
    expect(analysis.optimizers[0].predictions).toBeNull();
    const [finding] = analysis.findings.filter((f) => f.code === 'beta-out-of-range');
    expect(finding.fixes?.[0]).toMatchObject({ title: 'Set β1 to 0.9 (PyTorch\'s default)', replacements: [{ newText: '0.9' }] });
  });

  it('let a file\'s `# optlens:` comment win over editor settings', () => {
    const analysis = analyzeText(AXOLOTL, '/w/phi2-ft.yml', { noiseScale: 1e9 });
    expect(analysis.optimizers[0].predictionInput?.noiseScale).toBe(1000);
  });
});
