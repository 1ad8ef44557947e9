/**
 * One line of recipe (science.md §8) on the hovers of lr, λ and the batch: the timescale in units that
 * transfer, and what the published scaling laws would pick, each named with its source and never as the truth.
 */
import type { OptimizerAnalysis } from '../../core/analysis';
import type { HyperparameterName } from '../../core/hyperparams';
import type { Recipe } from '../../core/recipe';

const sig = (n: number): string => String(Number(n.toPrecision(2)));
const percent = (x: number): string => `${sig(100 * x)}%`;
const tokens = (n: number): string => (n >= 1e6 ? `${sig(n / 1e6)}M` : n >= 1e3 ? `${sig(n / 1e3)}k` : sig(n));

function lawsLine(recipe: Recipe, what: 'lr' | 'batch'): string | null {
  if (recipe.scalingLaws.length === 0) return null;
  const parts = recipe.scalingLaws.map((law) => (what === 'lr'
    ? `${law.name} ${sig(law.lr)}${law.lrRatio !== null ? ` (yours is ${sig(law.lrRatio)}×)` : ''}`
    : `${law.name} ${tokens(law.batchTokens)} tokens${law.batchRatio !== null ? ` (yours is ${sig(law.batchRatio)}×)` : ''}`));
  return `Published fits for this model and data size, each from its own regime: ${parts.join('; ')} (science §8.2).`;
}

function timescaleLine(recipe: Recipe): string | null {
  const t = recipe.timescale;
  if (t.tauIter === null) return null;
  const head = `Weight decay averages over the last ≈ ${tokens(t.tauIter)} steps`;
  if (t.guideline === 'epochs' && t.tauEpoch !== null) return `${head} = ${sig(t.tauEpoch)} epochs (recommended: 1 epoch … all epochs; science §8.1).`;
  if (t.guideline === 'power-lines' && t.tauEma !== null && t.tauEmaOptimal !== null) {
    return `${head} = ${percent(t.tauEma)} of the run; Power Lines' fit for this size is ${percent(t.tauEmaOptimal)} (science §8.1).`;
  }
  const share = t.tauEma !== null ? ` = ${percent(t.tauEma)} of the run` : '';
  return `${head}${share}; with the parameter count or dataset size (\`# optlens: params=…\`) OptLens compares it with published guidelines (science §8.1).`;
}

/** The recipe line for the hover of `name`, or null when the recipe has nothing for it. */
export function recipeHoverLine(opt: OptimizerAnalysis, name: HyperparameterName | undefined): string | null {
  const recipe = opt.recipe;
  if (!recipe) return null;
  switch (name) {
    case 'lr':
      return lawsLine(recipe, 'lr');
    case 'weightDecay':
      return timescaleLine(recipe);
    case 'globalBatchSize': case 'microBatchSize': case 'gradAccum':
      return lawsLine(recipe, 'batch');
    default:
      return null;
  }
}
