/**
 * The report's "Recipe" section (science.md §8): where the config's weight-decay timescale sits, the config
 * beside each published scaling law (with the regime it was fitted on, none presented as the truth), Muon's
 * conventions, and weight decay over the schedule. Pure: tables and a chart from `OptimizerAnalysis.recipe`.
 */
import type { OptimizerAnalysis } from '../../core/analysis';
import type { Recipe } from '../../core/recipe';
import { MUON_CONVENTIONS, muonStepModelNote } from '../../core/theory/recipe/muon-conventions';
import type { ReportChart, ReportTable } from '../../core/webview-messages';
import { formatCount, formatNumber } from '../format';

const percent = (x: number | null): string => (x === null ? '—' : `${formatNumber(100 * x)}%`);
const times = (x: number | null): string => (x === null ? '—' : `${formatNumber(x)}×`);

function verdictText(recipe: Recipe): string {
  const t = recipe.timescale;
  if (t.verdict === null) return t.missing.length > 0 ? `needs ${t.missing.join(', ')}` : 'no guideline applies';
  const where = { within: 'within the recommended range', short: 'shorter than recommended', long: 'longer than recommended' }[t.verdict];
  return t.guideline === 'epochs' ? `${where} (1 epoch … number of epochs)` : `${where} (a factor 2 around Power Lines' fit)`;
}

export function timescaleTable(recipe: Recipe): ReportTable {
  const t = recipe.timescale;
  const rows: string[][] = [
    ['τ_iter = 1/(ηλ)', `${formatCount(t.tauIter)} steps`, 'steps the weights average over', recipe.sources.tauIter ?? '—'],
    ['τ_epoch = τ_iter·B/N_data', t.tauEpoch === null ? '—' : `${formatNumber(t.tauEpoch)} epochs`, 'the same, in passes over the data', recipe.sources.tauEpoch ?? '—'],
    ['τ_EMA = B/(ηλD)', percent(t.tauEma), 'the same, as a share of the run', recipe.sources.tauEma ?? '—'],
    ['tokens per parameter', formatNumber(t.tokensPerParameter), 'D/N', '—'],
    ['optimal τ_EMA (Power Lines)', percent(t.tauEmaOptimal), '1.084·(D/N)^−0.527', recipe.sources.tauEma ?? '—'],
    ['verdict', verdictText(recipe), t.recommendedWeightDecay === null ? '' : `λ ≈ ${formatNumber(t.recommendedWeightDecay)} reaches it`, '—'],
  ];
  return { title: 'Recipe: weight-decay timescale', columns: ['quantity', 'value', 'meaning', 'source'], rows };
}

export function scalingLawTable(recipe: Recipe): ReportTable | null {
  if (recipe.scalingLaws.length === 0) return null;
  const rows = recipe.scalingLaws.map((law) => [
    law.name,
    `lr ${formatNumber(law.lr)}, batch ${formatCount(law.batchTokens)} tokens`,
    `lr ${times(law.lrRatio)}, batch ${times(law.batchRatio)} the law's`,
    law.fittedOn,
    law.source,
  ]);
  return {
    title: 'Recipe: published scaling laws (each an empirical fit in its own regime, none the truth)',
    columns: ['law', 'predicts', 'this config', 'fitted on', 'source'],
    rows,
  };
}

export function muonTable(recipe: Recipe): ReportTable | null {
  if (recipe.muon === null) return null;
  const [dOut, dIn] = recipe.muon.shape;
  const rows = recipe.muon.conversions.map((c) => {
    const fact = MUON_CONVENTIONS.find((f) => f.id === c.convention);
    return [
      `${fact?.name ?? c.convention}${recipe.muon?.inUse === c.convention ? ' (this file)' : ''}`,
      fact?.factor ?? '—',
      formatNumber(c.lr),
      formatNumber(c.weightDecay),
      fact?.usedBy.join('; ') || '—',
    ];
  });
  return {
    title: `Recipe: Muon conventions for a ${dOut}×${dIn} matrix (same step size and decay per step as the AdamW recipe). ` +
      muonStepModelNote(formatNumber(recipe.muon.newtonSchulzGain)),
    columns: ['convention', 'update scale', 'lr', 'weight decay', 'used by'],
    rows,
  };
}

export function weightDecayOverRunChart(recipe: Recipe): ReportChart | null {
  const curve = recipe.weightDecayOverRun;
  if (curve === null) return null;
  const points = (ys: readonly number[]) =>
    curve.steps.flatMap((x, i) => (Number.isFinite(ys[i]) ? [{ x, y: ys[i] ?? 0 }] : []));
  return {
    id: 'weight-decay-over-run',
    title: 'Weight RMS over the run: constant λ vs λ ∝ learning rate',
    x: { label: 'step', scale: 'linear' },
    y: { label: 'weight RMS', scale: 'linear' },
    series: [
      { label: 'constant λ (this config)', kind: 'theory', points: points(curve.weightRms) },
      { label: 'moving equilibrium √(η_t/2λ)', kind: 'theory', points: points(curve.equilibrium) },
      { label: 'λ_t ∝ η_t (AdamC)', kind: 'theory', points: points(curve.withLrProportionalDecay) },
    ],
    markers: [],
    source: 'science.md §8.4, §2.4',
  };
}

/** The recipe tables and chart of one optimizer, in reading order; empty without a recipe. */
export function recipeSection(optimizer: OptimizerAnalysis): { tables: ReportTable[]; charts: ReportChart[] } {
  const recipe = optimizer.recipe;
  if (!recipe) return { tables: [], charts: [] };
  const tables = [timescaleTable(recipe), scalingLawTable(recipe), muonTable(recipe)].filter(
    (t): t is ReportTable => t !== null);
  const chart = weightDecayOverRunChart(recipe);
  return { tables, charts: chart ? [chart] : [] };
}
