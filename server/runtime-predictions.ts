/**
 * Predictions without the values the run sets. The theory's input needs a number for every hyperparameter, so a
 * value left to the run (`lr=get_lr()`, `eps: ${oc.env:EPS}`) is filled with the family default only to run the
 * theory; every number that depends on it is then shown as unknown, and the others stay. Which numbers depend on
 * it is measured, not listed: the theory is run again with the value at two other points of its range, and what
 * moves is unknown. A list kept by hand would go stale with the next formula.
 */
import type { ExtractedOptimizer, HyperparameterName } from '../core/hyperparams';
import type { Prediction, PredictionInput } from '../core/prediction';
import type { Recipe } from '../core/recipe';
import { predict } from '../core/theory/predict';
import { recipeOf } from '../core/theory/recipe/index';

type ProbedField = 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'momentum' | 'warmupSteps';

/** Two values inside each field's valid range, far enough apart that any number depending on the field moves. */
const PROBES: Record<ProbedField, readonly [number, number]> = {
  lr: [3e-5, 3e-2],
  beta1: [0.5, 0.97],
  beta2: [0.9, 0.9999],
  eps: [1e-12, 1e-4],
  weightDecay: [1e-3, 0.05],
  momentum: [0.5, 0.97],
  warmupSteps: [0, 37],
};

/** The roles that form the batch: one left to the run leaves the batch unknown. */
const BATCH_ROLES: readonly HyperparameterName[] = ['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen'];

/** Objects reported whole: one unknown part makes the object unknown (null), or absent where it is optional. */
const WHOLE = new Set(['momentum', 'spread']);

function runtimeRoles(opt: ExtractedOptimizer): HyperparameterName[] {
  return (Object.keys(opt.hyperparameters) as HyperparameterName[]).filter((n) => opt.hyperparameters[n]?.runtime);
}

/** Whether the run sets a factor of the batch, and the file writes no global batch that would make it moot. */
function batchUnknown(opt: ExtractedOptimizer): boolean {
  const global = opt.hyperparameters.globalBatchSize;
  if (global?.source === 'written' && !global.runtime && typeof global.value === 'number') return false;
  return runtimeRoles(opt).some((r) => BATCH_ROLES.includes(r));
}

/** The input with what the run sets and the theory can take as unknown (batch, steps) marked null. */
export function withRuntimeUnknowns(opt: ExtractedOptimizer, input: PredictionInput): PredictionInput {
  const roles = runtimeRoles(opt);
  const out = { ...input };
  if (batchUnknown(opt)) out.batchSize = null;
  if (roles.includes('steps')) out.steps = null;
  return out;
}

/**
 * The inputs the theory is run at again: every field the run sets at its first probe value, then at its second. Two
 * runs whatever the number of such fields (the theory is not free on a long run). The probe values are far apart and
 * in unlike ratios, so that a product or a ratio of two fields (lr·λ, √(lr/2λ)) cannot keep its default value in both.
 */
function probeInputs(opt: ExtractedOptimizer, input: PredictionInput): PredictionInput[] {
  const fields = runtimeRoles(opt).filter((r): r is ProbedField => r in PROBES);
  if (fields.length === 0) return [];
  return [0, 1].map((i) => {
    const probe = { ...input };
    for (const field of fields) probe[field] = PROBES[field][i] ?? probe[field];
    return probe;
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * `base` with every part that differs in some probe made unknown: a number, text or flag becomes null (a flag computed
 * from a stand-in is not false: `followsARule` is unknown when the lr is set at run time, not "no"), a list keeps only
 * the items every probe has, an object in WHOLE becomes null (or is removed where optional). The dotted path of each
 * part made unknown, a list that lost items among them, is added to `unknown`.
 */
function masked(base: unknown, probes: readonly unknown[], unknown: string[], path = ''): unknown {
  if (probes.every((p) => same(base, p))) return base;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (Array.isArray(base)) {
    const kept = base.filter((item) => probes.every((p) => Array.isArray(p) && p.some((q) => same(item, q))));
    if (kept.length < base.length) unknown.push(path);
    return kept;
  }
  if (base !== null && typeof base === 'object') {
    if (WHOLE.has(key)) {
      unknown.push(path);
      return null;
    }
    const record = base as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const parts = probes.map((p) => (p !== null && typeof p === 'object' ? (p as Record<string, unknown>)[k] : undefined));
      const m = masked(v, parts, unknown, path === '' ? k : `${path}.${k}`);
      if (!(m === null && k === 'spread')) out[k] = m;
    }
    return out;
  }
  if (base !== null) unknown.push(path);
  return null;
}

/** What is unknown in a prediction (and its recipe) once the values the run sets are unknown. */
export function withoutRuntimeDependents(opt: ExtractedOptimizer, input: PredictionInput, prediction: Prediction,
  recipe: Recipe | null): { prediction: Prediction; recipe: Recipe | null } {
  if (batchUnknown(opt)) {
    // A factor the run sets: no batch is formed from the others with 1 in its place.
    prediction.batch = { size: null, unit: prediction.batch.unit, globalWritten: false, globalKey: null, factors: [],
      missing: 'set-at-run-time' };
  }
  const inputs = probeInputs(opt, input);
  if (inputs.length === 0) return { prediction, recipe };
  const predicted = inputs.map((probe) => {
    try {
      return predict(probe);
    } catch {
      return null;
    }
  });
  const unknown: string[] = [];
  const kept = masked(prediction, predicted, unknown) as Prediction;
  if (unknown.length > 0) kept.unknownAtRunTime = unknown;
  // The batch, the initial weights and the science sections do not depend on the theory's other inputs.
  kept.batch = prediction.batch;
  kept.initialWeightRms = prediction.initialWeightRms;
  kept.sources = prediction.sources;
  if (recipe === null) return { prediction: kept, recipe };
  const recipes = inputs.map((probe) => recipeOf(probe, recipe.context));
  const recipeUnknown: string[] = [];
  const keptRecipe = masked(recipe, recipes, recipeUnknown) as Recipe;
  if (recipeUnknown.length > 0) keptRecipe.unknownAtRunTime = recipeUnknown;
  return { prediction: kept, recipe: keptRecipe };
}
