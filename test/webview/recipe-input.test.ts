/**
 * The Recipe panel's numbers: `recipeOf` on the playground's input, with the file's recipe context moved by the
 * batch and steps controls as the run would move it (science.md §8.1).
 */
import { describe, expect, it } from 'vitest';
import type { RecipeContext } from '../../core/recipe';
import type { BoundConfig } from '../../core/webview-messages';
import { validateHostToPlayground } from '../../core/webview-messages-validate';
import { DEFAULT_PARAMS } from '../../webview/params';
import { EMPTY_RECIPE_CONTEXT, liveRecipeContext, playgroundRecipe } from '../../webview/recipe-input';
import { playgroundInput } from '../../webview/theory-series';

/** 124M parameters trained for 20,000 steps of 480 × 1024 tokens: 9.83e9 tokens, ~79 tokens per parameter. */
const CONTEXT: RecipeContext = {
  batchSamples: 480, tokensPerStep: 491_520, epochs: null, datasetSamples: null,
  tokens: 20_000 * 491_520, params: 1.24e8,
  provenance: { tokens: '20000 steps × 491520 tokens per step', params: 'setting or `# optlens:` comment' },
};

function bound(context: RecipeContext, shape: [number, number] | null = null): BoundConfig {
  return {
    uri: 'file:///ws/train.py', fileName: 'train.py', optimizerIndex: 0, optimizerName: 'AdamW',
    params: { ...DEFAULT_PARAMS, lr: 6e-4, weightDecay: 0.1, steps: 20_000, batchSize: 480 },
    origins: {}, findings: [], recipe: { context, shape, muonAdjustLr: 'original' },
  };
}

const recipeAt = (b: BoundConfig | null, overrides: Partial<BoundConfig['params']> = {}) => {
  const params = { ...(b?.params ?? DEFAULT_PARAMS), ...overrides };
  return playgroundRecipe(playgroundInput(params).input, b, params);
};

describe('the playground recipe', () => {
  it('is the server recipe at the bound values, and follows the λ and lr controls', () => {
    const b = bound(CONTEXT);
    const atFile = recipeAt(b);
    expect(atFile.timescale.tauIter).toBeCloseTo(1 / (6e-4 * 0.1), 6);
    expect(atFile.timescale.guideline).toBe('power-lines');
    expect(atFile.scalingLaws.map((l) => l.id)).toEqual(['deepseek-llm', 'step-law']);
    // Left out of the per-frame work (O(steps)); the report shows it.
    expect(atFile.weightDecayOverRun).toBeNull();
    const halfLambda = recipeAt(b, { weightDecay: 0.05 });
    expect(halfLambda.timescale.tauIter).toBeCloseTo(2 * (atFile.timescale.tauIter ?? 0), 6);
    // The law's lr does not move with the config's lr; the config's lr beside it does.
    const doubleLr = recipeAt(b, { lr: 1.2e-3 });
    expect(doubleLr.scalingLaws[0]?.lr).toBe(atFile.scalingLaws[0]?.lr);
    expect(doubleLr.scalingLaws[0]?.lrRatio).toBeCloseTo(2 * (atFile.scalingLaws[0]?.lrRatio ?? 0), 9);
  });

  it("moves the run's tokens with steps and batch, but not a token budget the user gave", () => {
    const b = bound(CONTEXT);
    const longer = liveRecipeContext(b, { ...b.params, steps: 40_000, batchSize: 960 });
    expect(longer.tokensPerStep).toBe(2 * 491_520);
    expect(longer.tokens).toBe(40_000 * 2 * 491_520);
    expect(longer.provenance.tokens).toMatch(/moved with the batch and steps controls/);
    const budget = { ...CONTEXT, tokens: 2e12, provenance: { tokens: 'setting or `# optlens:` comment' } };
    expect(liveRecipeContext(bound(budget), { ...b.params, steps: 40_000 }).tokens).toBe(2e12);
  });

  it('makes more passes over the same data when the run gets longer (epoch guideline)', () => {
    const multiEpoch = { ...CONTEXT, epochs: 3, datasetSamples: 3.2e6, tokens: null, params: null };
    const b = bound(multiEpoch);
    const ctx = liveRecipeContext(b, { ...b.params, steps: 40_000 });
    expect(ctx.epochs).toBe(6);
    expect(ctx.datasetSamples).toBe(3.2e6);
    expect(recipeAt(b).timescale.guideline).toBe('epochs');
  });

  it('says what is missing without a bound config, and converts to Muon only with the file\'s matrix', () => {
    expect(liveRecipeContext(null, DEFAULT_PARAMS)).toBe(EMPTY_RECIPE_CONTEXT);
    const unbound = recipeAt(null);
    expect(unbound.scalingLaws).toEqual([]);
    expect(unbound.scalingLawsMissing).toEqual(['the parameter count', 'the training tokens']);
    expect(unbound.muon).toBeNull();
    expect(recipeAt(bound(CONTEXT), { optimizer: 'muon' }).muon).toBeNull();
    expect(recipeAt(bound(CONTEXT, [4096, 1024])).muon?.shape).toEqual([4096, 1024]);
  });

  it('travels in the bind message and survives its validation', () => {
    const b = bound(CONTEXT, [768, 768]);
    expect(validateHostToPlayground({ type: 'bind', config: b })).not.toBeNull();
    const forged = { ...b, recipe: { ...b.recipe, context: { ...CONTEXT, provenance: { evil: 'x' } } } };
    expect(validateHostToPlayground({ type: 'bind', config: forged })).toBeNull();
  });
});
