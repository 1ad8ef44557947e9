/**
 * The coordinate-size spread of science.md §7.3 reaches the prediction from the editor setting
 * `optlens.gradientScaleSpread` and from a `# optlens: gradient-scale-spread=…` comment; without either it
 * is assumed (1) and the prediction says so.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../server/analyze';
import { readCommentSettings } from '../../server/extract/settings-comments';
import { parseSettings } from '../../server/settings';

// ε = 3e-4 against a gradient scale ‖G‖/√N = 1e-3: ε matters for the Surge.
const CONFIG = 'optimizer:\n  name: adamw\n  lr: 1.0e-3\n  betas: [0.9, 0.999]\n  eps: 3.0e-4\nbatch_size: 100\n';
const SETTINGS = { noiseScale: 1000, gradNorm: 1, params: 1e6 };

function spreadOf(text: string, settings: object) {
  const analysis = analyzeText(text, '/w/train.yaml', { ...SETTINGS, ...settings });
  return analysis.optimizers[0]?.predictions?.surge.spread;
}

describe('optlens.gradientScaleSpread', () => {
  it('the setting is read in [0, 3]; anything else is ignored (then assumed)', () => {
    expect(parseSettings({ gradientScaleSpread: 0.5 }).analysis.gradientScaleSpread).toBe(0.5);
    expect(parseSettings({ gradientScaleSpread: 0 }).analysis.gradientScaleSpread).toBe(0);
    for (const bad of [-1, 4, '1', Number.NaN]) expect(parseSettings({ gradientScaleSpread: bad }).analysis.gradientScaleSpread).toBeUndefined();
  });

  it('the file comment gives it too', () => {
    expect(readCommentSettings([{ text: '# optlens: gradient-scale-spread=0.25' }]).settings.gradientScaleSpread).toBe(0.25);
    expect(readCommentSettings([{ text: '# optlens: gradient-scale-spread=9' }]).settings.gradientScaleSpread).toBeUndefined();
  });

  it('reaches the prediction: assumed without a value, used as given otherwise', () => {
    const assumed = spreadOf(CONFIG, {});
    expect(assumed).toMatchObject({ value: 1, assumed: true });
    expect(spreadOf(CONFIG, { gradientScaleSpread: 0.5 })).toMatchObject({ value: 0.5, assumed: false });
    expect(spreadOf(`# optlens: gradient-scale-spread=0\n${CONFIG}`, {})).toMatchObject({ value: 0, assumed: false });
  });
});
