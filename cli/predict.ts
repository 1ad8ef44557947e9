/**
 * `optlens predict`: the science core on the command line. Human text by default; `--json` prints
 * exactly one object: the `Prediction` (core/prediction.ts) and its `recipe` (core/recipe.ts, science.md §8).
 */
import { formatSignificant } from '../core/format-number';
import type { Prediction, PredictionInput } from '../core/prediction';
import { noteText } from '../core/prediction-notes';
import { predict } from '../core/theory/predict';
import { recipeOf } from '../core/theory/recipe/index';
import { citedSections, scienceReferenceText } from '../core/science-reference';
import type { Command } from './io';
import { formatRecipe, RECIPE_OPTIONS, recipeContextFromFlags, recipeFlagsHelp } from './predict-recipe';
import { parsePredictionFlags, predictionFlagsHelp } from './prediction-flags';

const USAGE = `usage: optlens predict [flags]

Predicts update RMS, weight RMS, Surge and the ε regime from hyperparameters; each number names
the section of docs/science.md (in this package) it comes from. Unset flags take the optimizer's own defaults.

flags:
`;

/** Rows of the text report: label and the dotted path of the number in `Prediction`. */
const ROWS: [label: string, path: string][] = [
  ['update RMS', 'updateRms'],
  ['weight RMS, equilibrium', 'weightRms.steady'],
  ['weight RMS, end of run', 'weightRms.atEnd'],
  ["weight RMS, seed's mean field", 'weightRms.meanField'],
  ['equilibrium timescale τ (steps)', 'equilibriumSteps'],
  ['τ / run length', 'equilibriumFraction'],
  ['momentum batch multiplier', 'effectiveBatchMultiplier'],
  ['Surge threshold (batch)', 'surge.threshold'],
  ['Surge peak (batch)', 'surge.peakBatch'],
  ['η*(B) / η*_max at this batch', 'surge.etaStarRelative'],
  ['ΔL(B) / ΔL_max at this batch', 'surge.lossDecreaseRelative'],
  ['ε / gradient scale', 'epsRegime.ratio'],
];

function valueAt(p: Prediction, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | null)?.[key], p);
}

const fmt = (v: number) => formatSignificant(v);

function describe(input: PredictionInput): string {
  const parts = [`${input.optimizer}`, `lr ${input.lr}`];
  if (input.optimizer === 'sgd' || input.optimizer === 'muon') parts.push(`momentum ${input.momentum}${input.nesterov ? ' (Nesterov)' : ''}`);
  else parts.push(`β1 ${input.beta1}`, `β2 ${input.beta2}`);
  if (input.optimizer === 'adam' || input.optimizer === 'adamw') parts.push(`ε ${input.eps}`);
  parts.push(`λ ${input.weightDecay} (${input.weightDecaySemantics})`);
  if (input.steps !== null) parts.push(`${input.schedule}, ${input.steps} steps, warmup ${input.warmupSteps}`);
  return parts.join('  ');
}

/** The human-readable report: one line per known number with its source, then the cautions. */
export function formatPrediction(input: PredictionInput, p: Prediction): string {
  const lines: string[] = [`OptLens prediction: ${describe(input)}`, ''];
  const rows = ROWS.map(([label, path]) => [label, valueAt(p, path), p.sources[path] ?? ''] as const).filter(([, v]) => typeof v === 'number');
  if (p.epsRegime.regime !== null) rows.push(['ε regime', p.epsRegime.regime, p.sources['epsRegime.regime'] ?? '']);
  if (p.epsRegime.fp16Underflow) rows.push(['ε in fp16', 'becomes 0', p.sources['epsRegime.fp16Underflow'] ?? '']);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value, source] of rows) {
    const shown = typeof value === 'number' ? fmt(value) : String(value);
    // The reference ships in the package: name its path, so that the citation can be opened from the terminal.
    const cited = citedSections(source);
    lines.push(`  ${label.padEnd(width)}  ${shown.padEnd(10)}  ${cited.length > 0 ? scienceReferenceText(cited) : source}`);
  }
  if (p.surge.threshold === null && p.surge.peakBatch === null && input.noiseScale !== null) {
    lines.push(`  ${'Surge'.padEnd(width)}  none: η*(B) keeps rising with the batch`);
  }
  if (p.notes.length > 0) lines.push('', 'notes:', ...p.notes.map((n) => `  - ${noteText(n, 'cli')}`));
  return lines.join('\n') + '\n';
}

export const predictCommand: Command = async (args, io) => {
  const { input, json, help, extra } = parsePredictionFlags(args, RECIPE_OPTIONS);
  if (help) {
    io.out(USAGE + predictionFlagsHelp() + '\nrecipe flags (science.md §8):\n' + recipeFlagsHelp());
    return 0;
  }
  const prediction = predict(input);
  const recipe = recipeOf(input, recipeContextFromFlags(extra, input));
  io.out(json ? JSON.stringify({ ...prediction, recipe }) + '\n' : formatPrediction(input, prediction) + formatRecipe(recipe));
  return 0;
};
