/**
 * What the recipe (science.md §8) needs beyond the prediction input, from the file and the settings:
 * the global batch in samples, tokens per step, epochs, dataset size, training tokens and parameters,
 * each with where it came from. A value nothing says stays null, and the recipe says what is missing.
 */
import type { AnalysisSettings } from '../core/analysis';
import type { ExtractedOptimizer } from '../core/hyperparams';
import type { PredictionInput } from '../core/prediction';
import type { RecipeContext } from '../core/recipe';
import type { Extraction } from './extract/extraction';
import { batchFormation, globalBatch, numericValue } from './prediction-input';

const compact = (n: number): string => (Number.isInteger(n) && n < 1e6 ? String(n) : n.toPrecision(3));

export function recipeContextFor(
  opt: ExtractedOptimizer,
  input: PredictionInput,
  extraction: Extraction,
  settings: AnalysisSettings,
): RecipeContext {
  const hp = opt.hyperparameters;
  const provenance: RecipeContext['provenance'] = {};
  const samplesOnly = { ...settings, noiseScaleUnit: 'samples' as const };
  const batchSamples = globalBatch(opt, samplesOnly).value;
  // micro × accumulation with no data-parallel size in the file or settings counts it as 1: say so wherever it enters.
  const worldAssumed = batchFormation(opt, samplesOnly).factors.some((f) => f.role === 'dataParallel' && f.source === 'assumed');
  const assumedWorld = worldAssumed ? ' (data-parallel size assumed 1)' : '';
  const seqLen = numericValue(hp.seqLen);
  const written = extraction.tokensPerStep ? numericValue(extraction.tokensPerStep) : null;
  const tokensPerStep = written ?? (batchSamples !== null && seqLen !== null ? batchSamples * seqLen : null);
  const epochs = hp.steps?.unit === 'epochs' ? numericValue(hp.steps) : null;
  if (epochs !== null) provenance.epochs = `${hp.steps?.key ?? 'epochs'} in the file`;
  const datasetSamples: number | null = settings.datasetSize ?? null;
  if (datasetSamples !== null) provenance.datasetSamples = 'setting or `# optlens:` comment';
  let tokens: number | null = settings.tokens ?? null;
  if (tokens !== null) {
    provenance.tokens = 'setting or `# optlens:` comment';
  } else if (input.steps !== null && tokensPerStep !== null) {
    tokens = input.steps * tokensPerStep;
    provenance.tokens = `${compact(input.steps)} steps × ${compact(tokensPerStep)} tokens per step${written === null ? assumedWorld : ''}`;
  }
  const params = settings.params ?? null;
  if (params !== null) provenance.params = 'setting or `# optlens:` comment';
  return { batchSamples, tokensPerStep, epochs, datasetSamples, tokens, params, provenance };
}
