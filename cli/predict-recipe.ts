/**
 * The recipe (science.md §8) in `optlens predict`: the flags that say what the hyperparameters cannot (training
 * tokens, dataset size, epochs, sequence length; `--params`, `--batch-size` and `--steps` are the prediction's own),
 * the `RecipeContext` they give, and the text block that shows the timescale and each published law beside the
 * config. Nothing is guessed: a number a flag does not give stays unknown and the block names the flag it needs.
 */
import { formatSignificant } from '../core/format-number';
import type { PredictionInput } from '../core/prediction';
import type { Recipe, RecipeContext } from '../core/recipe';
import { MUON_CONVENTIONS, muonStepModelNote } from '../core/theory/recipe/muon-conventions';
import { UsageError } from './io';
import { parseNumberFlag } from './prediction-flags';

export const RECIPE_FLAGS = {
  tokens: 'training tokens D (default: --steps × --batch-size × --seq-len)',
  'dataset-size': 'training set size, in samples (default: --steps × --batch-size ÷ --epochs)',
  epochs: 'passes over the training set',
  'seq-len': 'tokens per sample: with --batch-size in samples, tokens per step for the scaling laws',
} as const;

type RecipeFlag = keyof typeof RECIPE_FLAGS;

export const RECIPE_OPTIONS = Object.fromEntries(Object.keys(RECIPE_FLAGS).map((name) => [name, { type: 'string' as const }]));

export function recipeFlagsHelp(): string {
  const rows = Object.entries(RECIPE_FLAGS).map(([name, help]) => [`--${name} X`, help] as const);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`).join('\n') + '\n';
}

function positive(extra: Record<string, string | boolean | undefined>, flag: RecipeFlag): number | null {
  const raw = extra[flag];
  if (typeof raw !== 'string') return null;
  const value = parseNumberFlag(flag, raw);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`--${flag}: must be a number above 0, got '${raw}'`);
  return value;
}

const compact = (n: number): string => formatSignificant(n);

/** The recipe context the flags give: what they say, plus what follows from the run's steps and batch. */
export function recipeContextFromFlags(
  extra: Record<string, string | boolean | undefined>, input: PredictionInput,
): RecipeContext {
  const provenance: RecipeContext['provenance'] = {};
  const seqLen = positive(extra, 'seq-len');
  const epochs = positive(extra, 'epochs');
  const batchSamples = input.batchSize;
  const tokensPerStep = batchSamples !== null && seqLen !== null ? batchSamples * seqLen : null;
  let tokens = positive(extra, 'tokens');
  if (tokens !== null) provenance.tokens = '--tokens';
  else if (input.steps !== null && tokensPerStep !== null) {
    tokens = input.steps * tokensPerStep;
    provenance.tokens = `--steps ${compact(input.steps)} × --batch-size ${compact(batchSamples ?? 0)} × --seq-len ${compact(seqLen ?? 0)}`;
  }
  let datasetSamples = positive(extra, 'dataset-size');
  if (datasetSamples !== null) provenance.datasetSamples = '--dataset-size';
  else if (epochs !== null && input.steps !== null && batchSamples !== null) {
    datasetSamples = (input.steps * batchSamples) / epochs;
    provenance.datasetSamples = `--steps × --batch-size ÷ --epochs`;
  }
  if (epochs !== null) provenance.epochs = '--epochs';
  if (input.params !== null) provenance.params = '--params';
  return { batchSamples, tokensPerStep, epochs, datasetSamples, tokens, params: input.params, provenance };
}

/** The flag that supplies each missing input, in the CLI's words. */
const FLAG_FOR: Record<string, string> = {
  'the dataset size': '--dataset-size (or --epochs)',
  'the parameter count': '--params',
  'the training tokens': '--tokens (or --steps, --batch-size and --seq-len)',
  'the run length': '--steps',
  'a weight decay above 0': '--weight-decay above 0',
  'decoupled weight decay': 'decoupled weight decay (--decay-semantics lr)',
};
const needs = (missing: string[]): string => `needs ${missing.map((m) => FLAG_FOR[m] ?? m).join(', ')}`;

const fmt = (x: number | null, unit = ''): string => (x === null ? 'unknown' : `${formatSignificant(x)}${unit}`);
const share = (x: number | null): string => (x === null ? 'unknown' : `${formatSignificant(100 * x)}% of the run`);
const times = (x: number | null): string => (x === null ? 'unknown' : `${formatSignificant(x)}×`);

function verdictLine(recipe: Recipe): string {
  const t = recipe.timescale;
  if (t.verdict === null || t.guideline === null) {
    return t.missing.length > 0 ? `no verdict: ${needs(t.missing)}`
      : 'no published guideline covers this run (multi-epoch, or single-epoch at 10+ tokens per parameter)';
  }
  const where = { within: 'within the recommended range', short: 'shorter than recommended', long: 'longer than recommended' }[t.verdict];
  const band = t.guideline === 'epochs' ? `1 to ${fmt(recipe.context.epochs)} epochs` : "a factor 2 around Power Lines' optimum";
  return `${where} (${band})` + (t.recommendedWeightDecay === null ? '' : `; λ ≈ ${fmt(t.recommendedWeightDecay)} reaches it`);
}

/** The "recipe" block of `optlens predict`'s text output. */
export function formatRecipe(recipe: Recipe): string {
  const t = recipe.timescale;
  const rows: [string, string][] = [
    ['τ_iter = 1/(ηλ)', fmt(t.tauIter, ' steps')],
    ['τ_epoch = τ_iter·B/N_data', fmt(t.tauEpoch, ' epochs')],
    ['τ_EMA = B/(ηλD)', share(t.tauEma)],
    ["Power Lines' optimal τ_EMA", t.tauEmaOptimal === null ? 'unknown' : `${share(t.tauEmaOptimal)} at ${fmt(t.tokensPerParameter)} tokens/parameter`],
    ['verdict', verdictLine(recipe)],
  ];
  for (const law of recipe.scalingLaws) {
    rows.push([law.name, `lr ${fmt(law.lr)} (yours ${times(law.lrRatio)}), batch ${fmt(law.batchTokens)} tokens (yours ${times(law.batchRatio)})`]);
  }
  if (recipe.scalingLaws.length === 0) rows.push(['scaling laws', needs(recipe.scalingLawsMissing)]);
  for (const c of recipe.muon?.conversions ?? []) {
    const name = MUON_CONVENTIONS.find((f) => f.id === c.convention)?.name ?? c.convention;
    rows.push([`Muon, ${name}${recipe.muon?.inUse === c.convention ? ' (in use)' : ''}`, `lr ${fmt(c.lr)}, λ ${fmt(c.weightDecay)}`]);
  }
  if (recipe.muon) rows.push(['Muon, Newton–Schulz', muonStepModelNote(fmt(recipe.muon.newtonSchulzGain))]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = ['', 'recipe (docs/science.md §8):', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  if (recipe.scalingLaws.length > 0) {
    lines.push('  each law is an empirical fit in its own regime, none the truth for this run:');
    for (const law of recipe.scalingLaws) lines.push(`    ${law.name}: fitted on ${law.fittedOn}`);
  }
  const from = Object.values(recipe.context.provenance);
  if (from.length > 0) lines.push(`  from ${from.join('; ')}`);
  return lines.join('\n') + '\n';
}
