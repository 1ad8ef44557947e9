/**
 * The Recipe panel's numbers (science.md §8): `recipeOf` on the same input as the playground's other cards,
 * with the file's recipe context (dataset size, tokens, parameters, batch) moved by the batch and steps
 * controls the way the run would move them. Pure, so the panel and its tests compute the same thing.
 */
import type { PredictionInput } from '../core/prediction';
import type { Recipe, RecipeContext } from '../core/recipe';
import { recipeOf } from '../core/theory/recipe/index';
import type { BoundConfig, PlaygroundParams } from '../core/webview-messages';

/** Nothing known: every recipe number that needs the context says what is missing. */
export const EMPTY_RECIPE_CONTEXT: RecipeContext = {
  batchSamples: null, tokensPerStep: null, epochs: null, datasetSamples: null, tokens: null, params: null,
  provenance: {},
};

/** Relative tolerance for "the file's token count is its run's steps × tokens per step" (the server's derivation). */
const SAME_RELATIVE = 1e-6;

const ratio = (now: number, then: number): number =>
  (now > 0 && then > 0 && Number.isFinite(now / then) ? now / then : 1);
const scaled = (value: number | null, factor: number): number | null => (value === null ? null : value * factor);
const moved = (text: string | undefined): string => `${text ?? 'the file'}, moved with the batch and steps controls`;

/**
 * The bound file's recipe context under the controls' batch and steps. The training set does not change with the
 * run: a longer run or a larger batch makes more passes over it (epochs scale with steps × batch). Tokens scale with
 * the run only when they were the run's own steps × tokens per step; a token budget from a setting or comment stays.
 */
export function liveRecipeContext(bound: BoundConfig | null, params: PlaygroundParams): RecipeContext {
  const base = bound?.recipe?.context;
  if (!bound || !base) return EMPTY_RECIPE_CONTEXT;
  const batch = ratio(params.batchSize, bound.params.batchSize);
  const steps = ratio(params.steps, bound.params.steps);
  if (batch === 1 && steps === 1) return base;
  const provenance = { ...base.provenance };
  const tokensPerStep = scaled(base.tokensPerStep, batch);
  let tokens = base.tokens;
  const runTokens = base.tokensPerStep !== null ? bound.params.steps * base.tokensPerStep : null;
  const isRunTokens = tokens !== null && runTokens !== null
    && Math.abs(tokens - runTokens) <= SAME_RELATIVE * runTokens;
  if (isRunTokens && tokensPerStep !== null) {
    tokens = params.steps * tokensPerStep;
    provenance.tokens = moved(provenance.tokens);
  }
  const epochs = scaled(base.epochs, batch * steps);
  if (epochs !== null) provenance.epochs = moved(provenance.epochs);
  return { ...base, batchSamples: scaled(base.batchSamples, batch), tokensPerStep, tokens, epochs, provenance };
}

/**
 * The recipe for the playground's input. The Muon matrix is the file's (the other cards' placeholder shape is not
 * a known one, so without the file's there is no conversion table).
 */
export function playgroundRecipe(input: PredictionInput, bound: BoundConfig | null, params: PlaygroundParams): Recipe {
  const muon = bound?.recipe;
  const recipeInput: PredictionInput = {
    ...input, shape: muon?.shape ?? null, muonAdjustLr: muon?.muonAdjustLr ?? input.muonAdjustLr,
  };
  // The weight RMS over the run costs O(steps) and the panel does not show it: left out of the per-frame work.
  return recipeOf(recipeInput, liveRecipeContext(bound, params), { weightDecayOverRun: false });
}
