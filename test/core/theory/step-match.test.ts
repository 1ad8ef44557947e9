import { describe, expect, it } from 'vitest';
import { matchStepAndDecay } from '../../../core/theory/step-match';
import { transferLearningRate } from '../../../core/theory/lr-transfer';
import { defaultPredictionInput } from '../../../core/theory/predict';
import { recipeOf } from '../../../core/theory/recipe/index';
import { convertAdamWToMuon, muonConventionUpdateRms } from '../../../core/theory/recipe/muon-conventions';
import { decayPerStep } from '../../../core/theory/weight-decay';
import type { RecipeContext } from '../../../core/recipe';

const ADAMW = { lr: 1e-3, weightDecay: 0.1, updateRms: 0.229, weightDecaySemantics: 'lr' as const };

describe('matchStepAndDecay (science.md §8.3)', () => {
  it('keeps the step lr × update RMS and the decay per step η·λ between two lr·λ decays', () => {
    const m = matchStepAndDecay(ADAMW, { updateRms: 0.0458, weightDecaySemantics: 'lr' });
    expect(m.lr).toBeCloseTo((1e-3 * 0.229) / 0.0458, 15);
    expect(m.lr * 0.0458).toBeCloseTo(1e-3 * 0.229, 15);
    expect(m.lr * m.weightDecay).toBeCloseTo(1e-4, 15);
    expect(m.decayKept).toBe(true);
  });

  it('keeps the decay per step across decay rules: Composer\'s λ·lr_t/lr₀ takes η·λ itself, lr²·λ takes λ/η', () => {
    const ratio = matchStepAndDecay(ADAMW, { updateRms: 1, weightDecaySemantics: 'lr-ratio' });
    expect(ratio.weightDecay).toBeCloseTo(1e-4, 15);
    const squared = matchStepAndDecay(ADAMW, { updateRms: 1, weightDecaySemantics: 'lr-squared' });
    expect(decayPerStep('lr-squared', squared.lr, squared.lr, squared.weightDecay)).toBeCloseTo(1e-4, 15);
  });

  it('leaves a coupled-L2 λ as written: it is a gradient term, not a decay per step', () => {
    const toSgd = matchStepAndDecay(ADAMW, { updateRms: 2, weightDecaySemantics: 'coupled-l2' });
    expect(toSgd).toEqual({ lr: (1e-3 * 0.229) / 2, weightDecay: 0.1, decayKept: false });
    const fromSgd = matchStepAndDecay({ ...ADAMW, weightDecaySemantics: 'coupled-l2' }, { updateRms: 2,
      weightDecaySemantics: 'lr' });
    expect(fromSgd.weightDecay).toBe(0.1);
  });
});

describe('every conversion reads matchStepAndDecay', () => {
  it('the Muon convention rows (CLI, playground, report) are its numbers to the last bit', () => {
    for (const row of convertAdamWToMuon(ADAMW, 4096, 1024)) {
      const m = matchStepAndDecay(ADAMW, { updateRms: muonConventionUpdateRms(row.convention, 4096, 1024),
        weightDecaySemantics: 'lr' });
      expect([row.lr, row.weightDecay]).toEqual([m.lr, m.weightDecay]);
    }
  });

  it('Compare Optimizers\' transfer is its numbers at the update RMS that predict gives each side', () => {
    const from = defaultPredictionInput({ optimizer: 'adamw', lr: 1e-3, weightDecay: 0.1 });
    for (const to of [
      defaultPredictionInput({ optimizer: 'lion' }),
      defaultPredictionInput({ optimizer: 'muon', shape: [4096, 1024] }),
    ]) {
      const t = transferLearningRate(from, to);
      expect(t.rule).toBe('update-rms');
      const m = matchStepAndDecay({ ...from, updateRms: t.fromUpdateRms! },
        { updateRms: t.toUpdateRms!, weightDecaySemantics: to.weightDecaySemantics });
      expect([t.lr, t.weightDecay]).toEqual([m.lr, m.weightDecay]);
    }
  });

  it('the Recipe\'s row for torch\'s convention and Compare Optimizers give one Muon lr for an AdamW config', () => {
    const context: RecipeContext = {
      batchSamples: null, tokensPerStep: null, epochs: null, datasetSamples: null, tokens: null, params: null,
      provenance: {},
    };
    const from = defaultPredictionInput({ optimizer: 'adamw', lr: 1e-3, weightDecay: 0.1, beta1: 0.9, shape: [1024, 1024] });
    const to = defaultPredictionInput({ optimizer: 'muon', shape: [1024, 1024], muonAdjustLr: 'original' });
    const row = recipeOf(from, context, { weightDecayOverRun: false }).muon!.conversions
      .find((c) => c.convention === 'keller-jordan')!;
    const compared = transferLearningRate(from, to);
    // AdamW's √(0.1/1.9) = 0.2294 over Muon's 1/32 × 0.9104 (five Newton–Schulz steps on a square Gaussian
    // momentum): 1e-3·0.2294/0.02845 = 8.06e-3 on both, not the orthogonal 7.34e-3.
    expect(row.lr).toBeCloseTo(8.064e-3, 6);
    expect(compared.lr).toBeCloseTo(row.lr, 12);
    expect(compared.weightDecay).toBeCloseTo(row.weightDecay, 12);
  });

  it('a Muon file read back through AdamW gives its own lr and λ in its own convention', () => {
    const context: RecipeContext = {
      batchSamples: null, tokensPerStep: null, epochs: null, datasetSamples: null, tokens: null, params: null,
      provenance: {},
    };
    const input = defaultPredictionInput({ optimizer: 'muon', lr: 0.02, weightDecay: 0.01, shape: [3072, 768],
      muonAdjustLr: 'original' });
    const muon = recipeOf(input, context, { weightDecayOverRun: false }).muon;
    const own = muon?.conversions.find((c) => c.convention === muon.inUse);
    expect(muon?.inUse).toBe('keller-jordan');
    expect(own?.lr).toBeCloseTo(0.02, 15);
    expect(own?.weightDecay).toBeCloseTo(0.01, 15);
  });
});
