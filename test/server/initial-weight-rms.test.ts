/**
 * θ0, the initial weight RMS (science.md §2.9): from the file's comment, the editor setting, the fine-tuning
 * table, else 0, and carried in the prediction with its source; the end-of-run weight RMS starts from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { predict, weightRmsAtSteps } from '../../core/theory/predict';
import { FINE_TUNING_THETA0, initialWeightRmsOf, TRAINED_WEIGHT_RMS } from '../../core/theory/initial-weights';
import { analyzeText } from '../../server/analyze';
import { readCommentSettings } from '../../server/extract/settings-comments';
import { parseSettings } from '../../server/settings';

const axolotl = readFileSync(new URL('../fixtures/corpus/axolotl/phi2-ft.yml', import.meta.url), 'utf8');
const pretrain = [
  'import torch',
  'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)',
  'max_steps = 10000',
].join('\n');

describe('θ0 sources (science.md §2.9)', () => {
  it('priority: comment, then setting, then the fine-tuning table, else 0 (assumed)', () => {
    expect(initialWeightRmsOf({ comment: 0.03, setting: 0.01, ecosystem: 'axolotl' })).toEqual({ value: 0.03, source: 'comment' });
    expect(initialWeightRmsOf({ setting: 0.01, ecosystem: 'axolotl' })).toEqual({ value: 0.01, source: 'setting' });
    expect(initialWeightRmsOf({ ecosystem: 'axolotl' })).toEqual({ value: FINE_TUNING_THETA0, source: 'table' });
    expect(initialWeightRmsOf({ ecosystem: 'nanogpt' })).toEqual({ value: 0, source: 'assumed' });
    for (const row of TRAINED_WEIGHT_RMS) expect(row.rms).toBe(FINE_TUNING_THETA0);
  });

  it('the setting and the comment are read, malformed values ignored', () => {
    expect(parseSettings({ initialWeightRms: 0.015 }).analysis).toMatchObject({ initialWeightRms: 0.015, initialWeightRmsSource: 'setting' });
    expect(parseSettings({ initialWeightRms: -1 }).analysis.initialWeightRms).toBeUndefined();
    expect(readCommentSettings([{ text: '# optlens: initial-weight-rms=0.02 snr=0' }]).settings).toMatchObject({ initialWeightRms: 0.02, initialWeightRmsSource: 'comment' });
    expect(readCommentSettings([{ text: '# optlens: initial-weight-rms=abc' }]).settings.initialWeightRms).toBeUndefined();
  });

  it('a fine-tuning config starts from 0.02 (table), the prediction says so, and the weight RMS ends near it', () => {
    const result = analyzeText(axolotl, 'phi2-ft.yml', {});
    const opt = result.optimizers[0];
    expect(opt.predictionInput?.theta0Rms).toBe(0.02);
    expect(opt.predictions?.initialWeightRms).toEqual({ value: 0.02, source: 'table' });
    // The file counts epochs, not steps: give it 3000 steps. η = 3e-6, λ = 0.1: the decay shrinks θ0 by
    // (1 − 3e-7)^3000 and the updates add ~η·√3000 ≈ 2e-4 in quadrature: the run ends at ≈ θ0, not at ~2e-4.
    const input = { ...opt.predictionInput!, steps: 3000 };
    expect(predict(input).weightRms.atEnd).toBeCloseTo(0.02, 3);
    expect(weightRmsAtSteps(input, [0, 3000])![0]).toBe(0.02);
  });

  it('the file comment wins over the setting; a from-scratch config without either assumes 0', () => {
    const commented = analyzeText(`# optlens: initial-weight-rms=0.05\n${pretrain}`, 'train.py', { initialWeightRms: 0.01, initialWeightRmsSource: 'setting' });
    expect(commented.optimizers[0]?.predictions?.initialWeightRms).toEqual({ value: 0.05, source: 'comment' });
    const set = analyzeText(pretrain, 'train.py', { initialWeightRms: 0.01, initialWeightRmsSource: 'setting' });
    expect(set.optimizers[0]?.predictions?.initialWeightRms).toEqual({ value: 0.01, source: 'setting' });
    const scratch = analyzeText(pretrain, 'train.py', {});
    expect(scratch.optimizers[0]?.predictions?.initialWeightRms).toEqual({ value: 0, source: 'assumed' });
  });
});
