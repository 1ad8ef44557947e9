/**
 * The recipe formulas (science.md §8) against the numbers their papers publish, and the recipe's
 * decisions (which guideline applies, which λ it recommends) on small constructed inputs.
 */
import { describe, expect, it } from 'vitest';
import { defaultPredictionInput } from '../../../core/theory/predict';
import { recipeOf } from '../../../core/theory/recipe/index';
import { shrinksAtEnd, weightDecayOverRun } from '../../../core/theory/recipe/decay-over-run';
import { convertAdamWToMuon, swappedLayoutError } from '../../../core/theory/recipe/muon-conventions';
import { deepseekFlopsPerToken, deepseekOptimum, stepLawOptimum } from '../../../core/theory/recipe/scaling-laws';
import { optimalTauEma, tauEma, tauIter } from '../../../core/theory/recipe/timescale';
import type { RecipeContext } from '../../../core/recipe';

const NO_CONTEXT: RecipeContext = {
  batchSamples: null, tokensPerStep: null, epochs: null, datasetSamples: null, tokens: null, params: null,
    provenance: {},
};

describe('DeepSeek LLM scaling law (arXiv 2401.02954)', () => {
  // Table 2 of the paper: 7B (30 layers, d 4096) lr 4.2e-4, batch 2304 × 4096 tokens; 67B (95 layers, d 8192)
  // lr 3.2e-4, batch 4608 × 4096 tokens; both on 2T tokens with 4096-token sequences.
  it.each([
    { name: '7B', layers: 30, width: 4096, lr: 4.2e-4, batch: 2304 * 4096 },
    { name: '67B', layers: 95, width: 8192, lr: 3.2e-4, batch: 4608 * 4096 },
  ])('reproduces the $name model hyperparameters from its compute budget', ({ layers, width, lr, batch }) => {
    const C = deepseekFlopsPerToken({ layers, width, seqLen: 4096 }) * 2e12;
    const law = deepseekOptimum(C);
    // The paper rounds lr to two digits and the batch to a multiple of the sequence count: 5% and 10% cover that.
    expect(Math.abs(law.lr / lr - 1)).toBeLessThan(0.05);
    expect(Math.abs(law.batchTokens / batch - 1)).toBeLessThan(0.1);
  });
});

describe('Step Law (arXiv 2503.04715)', () => {
  it('evaluates the published coefficients: 1B parameters on 100B tokens', () => {
    const law = stepLawOptimum(1e9, 1e11);
    expect(law.lr).toBeCloseTo(1.79 * 1e9 ** -0.713 * 1e11 ** 0.307, 12);
    expect(law.lr).toBeGreaterThan(1.5e-3);
    expect(law.lr).toBeLessThan(1.8e-3);
    // The optimal batch depends on D only (the paper's central finding): no N in it.
    expect(stepLawOptimum(1e8, 1e11).batchTokens).toBe(law.batchTokens);
  });
});

describe('AdamW timescale (arXiv 2405.13698, 2505.13738)', () => {
  it('LLaMA-65B (Touvron et al. 2023: lr 1.5e-4, λ 0.1, 4M-token batches, 1.4T tokens) averages over ~19% of its run', () => {
    const iter = tauIter(1.5e-4 * 0.1);
    expect(iter).toBeCloseTo(66_667, -1);
    expect(tauEma(iter ?? 0, 1.4e12 / 4e6)).toBeCloseTo(0.19, 2);
  });

  it("Power Lines' optimal τ_EMA at 20 tokens per parameter is 1.084·20^−0.527 ≈ 0.224", () => {
    expect(optimalTauEma(20)).toBeCloseTo(0.2236, 4);
    expect(optimalTauEma(200)).toBeLessThan(optimalTauEma(20));
  });

  it('recommends the λ that puts a single-epoch run at the Power Lines optimum', () => {
    // 124M parameters, 10B tokens (TPP ≈ 80), lr 6e-4, λ 0.1, 20,000 steps of 0.5M tokens.
    const input = defaultPredictionInput({ lr: 6e-4, weightDecay: 0.1, steps: 20_000, schedule: 'cosine' });
    const ctx: RecipeContext = { ...NO_CONTEXT, batchSamples: 480, tokensPerStep: 491_520, tokens: 9.83e9,
      params: 1.24e8 };
    const { timescale } = recipeOf(input, ctx);
    expect(timescale.guideline).toBe('power-lines');
    expect(timescale.tauEma).toBeCloseTo(1 / (6e-4 * 0.1) / 20_000, 6);
    const optimum = optimalTauEma(9.83e9 / 1.24e8);
    expect(timescale.verdict).toBe('long');
    // At the recommended λ, τ_EMA equals the optimum.
    expect(1 / (6e-4 * (timescale.recommendedWeightDecay ?? 0)) / 20_000).toBeCloseTo(optimum, 6);
  });

  it('uses the epoch band for multi-epoch runs and says what is missing otherwise', () => {
    const input = defaultPredictionInput({ lr: 1e-3, weightDecay: 0.05, steps: 50_000 });
    const ctx: RecipeContext = { ...NO_CONTEXT, batchSamples: 256, epochs: 10, datasetSamples: 1_281_167 };
    const { timescale } = recipeOf(input, ctx);
    expect(timescale.guideline).toBe('epochs');
    expect(timescale.tauEpoch).toBeCloseTo((1 / 5e-5) * 256 / 1_281_167, 6);
    expect(timescale.verdict).toBe('within');
    expect(recipeOf(input, NO_CONTEXT).timescale.missing).toEqual(['the dataset size', 'the parameter count']);
  });
});

describe('Muon conventions (arXiv 2502.16982)', () => {
  it("Moonlight's 0.2·√max(d_out, d_in) reuses AdamW's lr and λ for an orthogonal update, ÷ torch's Newton–Schulz gain", () => {
    const rows = convertAdamWToMuon({ lr: 1e-3, weightDecay: 0.1, updateRms: 0.2 }, 4096, 1024);
    const moonlight = rows.find((r) => r.convention === 'moonlight');
    // The rows are for torch's step, 0.9649× orthogonal at 4096×1024 (Marchenko–Pastur at r = 1/4 through five
    // Newton–Schulz steps, muon.test.ts checks it against float64 Newton–Schulz): η = 1e-3·0.2/(0.2·0.9649).
    expect(moonlight?.lr).toBeCloseTo(1e-3 / 0.9649, 7);
    expect(moonlight?.weightDecay).toBeCloseTo(0.1 * 0.9649, 5);
    // Keller Jordan's factor √max(1, 4096/1024) = 2 on entries of RMS 1/64: 1/32 per unit lr before the gain.
    expect(rows.find((r) => r.convention === 'keller-jordan')?.updateRms).toBeCloseTo(0.9649 / 32, 6);
    // Every conversion keeps the decay per step η·λ.
    for (const r of rows) expect(r.lr * r.weightDecay).toBeCloseTo(1e-4, 12);
  });

  it('a (d_in, d_out) layout read as (d_out, d_in) halves Keller Jordan’s factor on a 4× expanding matrix', () => {
    expect(swappedLayoutError('keller-jordan', 4096, 1024)).toBeCloseTo(0.5, 12);
    expect(swappedLayoutError('moonlight', 4096, 1024)).toBe(1);
  });
});

describe('weight decay over the schedule (arXiv 2506.02285)', () => {
  const long = defaultPredictionInput({ lr: 3e-4, weightDecay: 0.1, steps: 300_000, warmupSteps: 100, schedule: 'cosine', minLrRatio: 0.1 });

  it('a cosine run 9τ long ends with the weight RMS far below its peak; λ_t ∝ η_t keeps √(η_max/2λ)', () => {
    const curve = weightDecayOverRun(long);
    expect(curve).not.toBeNull();
    if (!curve) return;
    expect(curve.runOverTau).toBeCloseTo(9, 6);
    expect(curve.endOverPeak).toBeLessThan(0.6);
    expect(shrinksAtEnd(curve)).toBe(true);
    const steady = Math.sqrt(3e-4 / (2 * 0.1));
    expect(Math.abs((curve.withLrProportionalDecay.at(-1) ?? 0) / steady - 1)).toBeLessThan(0.01);
  });

  it('is traced for a run of 10¹² steps (bounded work), and not past 2⁵³ steps', () => {
    const curve = weightDecayOverRun({ ...long, steps: 1e12 });
    expect(curve?.weightRms.every(Number.isFinite)).toBe(true);
    // Millions of τ long: the weights follow the moving equilibrium down to the floor's √(0.1·η/2λ).
    expect(curve?.endOverPeak).toBeCloseTo(Math.sqrt(0.1), 2);
    expect(weightDecayOverRun({ ...long, steps: 2 ** 54 })).toBeNull();
  });

  it('a run shorter than τ does not shrink', () => {
    const curve = weightDecayOverRun({ ...long, steps: 10_000 });
    expect(curve && shrinksAtEnd(curve)).toBe(false);
  });
});

describe('learning rate against batch scaling rules (GPT-3 Table 2.1)', () => {
  it('every GPT-3 recipe follows a rule against its own row, and the rows against their neighbours', async () => {
    const { GPT3_RECIPES, batchScalingCheck } = await import('../../../core/theory/recipe/reference-recipes');
    for (const r of GPT3_RECIPES) expect(batchScalingCheck(r.lr, r.batchTokens, r.params)?.followsARule).toBe(true);
  });

  it('flags a 125M run whose batch grew 8× while its lr fell 4×, and accepts √ and linear scaling', async () => {
    const { batchScalingCheck } = await import('../../../core/theory/recipe/reference-recipes');
    expect(batchScalingCheck(1.5e-4, 4e6, 1.24e8)?.followsARule).toBe(false);
    expect(batchScalingCheck(6e-4 * Math.sqrt(8), 4e6, 1.24e8)?.followsARule).toBe(true);
    expect(batchScalingCheck(6e-4 * 8, 4e6, 1.24e8)?.followsARule).toBe(true);
    expect(batchScalingCheck(6e-4, 0.5e6, 30e9)).toBeNull();
  });
});
