/**
 * The playground's Recipe panel (science.md §8): where the config's weight-decay timescale sits against the
 * published guideline and the λ that would put it there; its learning rate and batch beside each published scaling
 * law (a chart and a table, each law with the regime it was fitted on, none presented as the truth); and, when
 * the file gives a matrix shape, Muon's conventions with the AdamW recipe converted into each. Every number comes
 * from `playgroundRecipe` (recipe-input.ts) on the playground's input, so it follows the controls.
 */
import type { Recipe } from '../core/recipe';
import type { PredictionInput } from '../core/prediction';
import { formatSignificant } from '../core/format-number';
import {
  ADAMW_ONLY_PARAMETERS, MUON_CONVENTIONS, muonStepModelNote, swappedLayoutError,
} from '../core/theory/recipe/muon-conventions';
import { OPTIMIZER_LABELS } from './control-specs';
import { citationNodes, el, setCitation } from './dom';
import { createLawChart, drawLawChart, type LawChart, type LawQuantity } from './recipe-chart';
import { renderTimescaleGauge } from './recipe-gauge';
import type { ChartTheme } from './theme';

const isAdamFamily = (input: PredictionInput): boolean => input.optimizer === 'adamw' || input.optimizer === 'adam';

export interface RecipePanel {
  verdict: HTMLElement;
  applyLambda: HTMLButtonElement;
  gauge: SVGSVGElement;
  timescale: HTMLTableSectionElement;
  timescaleSource: HTMLElement;
  lawsNote: HTMLElement;
  lawQuantity: HTMLSelectElement;
  lawChartBox: HTMLElement;
  lawChart: LawChart;
  laws: HTMLTableSectionElement;
  lawRegimes: HTMLElement;
  muonCard: HTMLElement;
  muonNote: HTMLElement;
  muon: HTMLTableSectionElement;
  muonCaveats: HTMLElement;
}

const fmt = (x: number | null, unit = ''): string => (x === null ? 'unknown' : `${formatSignificant(x)}${unit}`);
const percent = (x: number | null): string => (x === null ? 'unknown' : `${formatSignificant(100 * x)}% of the run`);
const times = (x: number | null): string => (x === null ? 'unknown' : `${formatSignificant(x)}×`);

function table(columns: string[], testid: string): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const t = el('table', { 'data-testid': testid });
  const head = el('thead');
  const row = el('tr');
  for (const c of columns) row.append(el('th', { scope: 'col' }, c));
  head.append(row);
  const body = el('tbody');
  t.append(head, body);
  return { table: t, body };
}

function fillRows(body: HTMLTableSectionElement, rows: { cells: string[]; testid?: string }[]): void {
  body.replaceChildren(...rows.map(({ cells, testid }) => {
    const tr = el('tr', testid ? { 'data-testid': testid } : {});
    // A short value (a number and its unit) keeps together; a longer one may break in a narrow panel.
    cells.forEach((c, i) => tr.append(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : c.length <= 16 && !c.includes('(') ? { class: 'num' } : {}, c)));
    return tr;
  }));
}

/** Builds the panel's three cards after the playground's own, in a section of the same grid. */
export function createRecipePanel(
  app: HTMLElement, theme: ChartTheme, onQuantity: () => void, onApplyLambda: (weightDecay: number) => void,
): RecipePanel {
  const section = el('section', { class: 'ol-cards ol-recipe', 'aria-label': 'Recipe', 'data-testid': 'recipe' });

  const tauCard = el('article', { class: 'card', 'data-testid': 'recipe-timescale', 'aria-labelledby': 'title-recipe-tau' });
  const verdict = el('p', { 'data-testid': 'recipe-verdict', 'aria-live': 'polite' });
  // The quick fix: the recommended λ into the λ control (and, bound to a file, into its literal).
  const applyLambda = el('button', { type: 'button', class: 'secondary', 'data-testid': 'recipe-apply-lambda', hidden: '' });
  applyLambda.addEventListener('click', () => {
    const value = Number(applyLambda.dataset.value);
    if (value > 0 && Number.isFinite(value)) onApplyLambda(value);
  });
  const gauge = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  gauge.setAttribute('data-testid', 'recipe-gauge');
  const tau = table(['timescale', 'value'], 'recipe-tau-table');
  const timescaleSource = el('div', { class: 'source' });
  tauCard.append(el('h2', { id: 'title-recipe-tau' }, 'Recipe: weight-decay timescale'), verdict, applyLambda, gauge, tau.table, timescaleSource);

  const lawCard = el('article', { class: 'card', 'data-testid': 'recipe-laws', 'aria-labelledby': 'title-recipe-laws' });
  const lawsNote = el('p', { 'data-testid': 'recipe-laws-note' });
  const lawQuantity = el('select', { 'aria-label': 'Quantity the scaling-law chart shows', 'data-testid': 'recipe-law-quantity' });
  lawQuantity.append(el('option', { value: 'lr' }, 'learning rate vs tokens'), el('option', { value: 'batch' }, 'batch vs tokens'));
  lawQuantity.addEventListener('change', onQuantity);
  const lawChartBox = el('div', { class: 'chart' });
  const canvas = el('canvas', {
    role: 'img', 'data-testid': 'recipe-law-chart',
    'aria-label': "Each published scaling law's optimal learning rate or batch against training tokens, and this config's point.",
  });
  lawChartBox.append(canvas);
  const laws = table(['law', 'lr (this config ×)', 'batch in tokens (this config ×)'], 'recipe-laws-table');
  const lawRegimes = el('ul', { class: 'source', 'data-testid': 'recipe-law-regimes' });
  lawCard.append(el('h2', { id: 'title-recipe-laws' }, 'Recipe: published scaling laws'), lawsNote, lawQuantity, lawChartBox, laws.table, lawRegimes);

  const muonCard = el('article', { class: 'card', 'data-testid': 'recipe-muon', 'aria-labelledby': 'title-recipe-muon' });
  const muonNote = el('p');
  const muon = table(['convention: update scale', 'lr', 'weight decay λ'], 'recipe-muon-table');
  const muonCaveats = el('ul', { class: 'source' });
  muonCard.append(el('h2', { id: 'title-recipe-muon' }, 'Recipe: Muon conventions'), muonNote, muon.table, muonCaveats);

  section.append(tauCard, lawCard, muonCard);
  app.append(section);
  return {
    verdict, applyLambda, gauge, timescale: tau.body, timescaleSource, lawsNote, lawQuantity, lawChartBox,
    lawChart: createLawChart(canvas, theme), laws: laws.body, lawRegimes,
    muonCard, muonNote, muon: muon.body, muonCaveats,
  };
}

/** How the user can supply each missing input, in the editor's words. */
const HOW_TO_GIVE: Record<string, string> = {
  'the dataset size': 'the dataset size (`# optlens: dataset-size=…` in the file)',
  'the parameter count': 'the parameter count (`# optlens: params=…`)',
  'the training tokens': 'the training tokens (`# optlens: tokens=…`, or steps, batch and sequence length in the file)',
  'the run length': 'the run length (the number of steps)',
};
const needs = (missing: string[]): string => missing.map((m) => HOW_TO_GIVE[m] ?? m).join(', ');

function verdictText(recipe: Recipe): string {
  const t = recipe.timescale;
  const lambda = t.recommendedWeightDecay === null ? '' : ` Weight decay λ ≈ ${fmt(t.recommendedWeightDecay)} would put it there.`;
  if (t.verdict === null || t.guideline === null) {
    if (t.missing.length > 0) return `No verdict yet: needs ${needs(t.missing)}.`;
    return 'No published guideline covers this run: the epoch guideline is for multi-epoch runs, Power Lines\' fit for ' +
      'pre-training at 10 or more tokens per parameter.';
  }
  const where = { within: 'Within the recommended range', short: 'Shorter than recommended', long: 'Longer than recommended' }[t.verdict];
  if (t.guideline === 'epochs') {
    return `${where}: the weights average over τ_epoch = ${fmt(t.tauEpoch)} epochs; Wang & Aitchison recommend about 1 ` +
      `to ${fmt(recipe.context.epochs)} (the number of epochs).${lambda}`;
  }
  return `${where}: the weights average over τ_EMA = ${percent(t.tauEma)}; Power Lines' fit at ` +
    `${fmt(t.tokensPerParameter)} tokens per parameter is ${percent(t.tauEmaOptimal)} (within a factor 2 counts as near).${lambda}`;
}

const PROVENANCE_WORDS: Record<string, string> = { epochs: 'epochs', datasetSamples: 'dataset size', tokens: 'tokens', params: 'parameters' };

function renderTimescale(panel: RecipePanel, recipe: Recipe, input: PredictionInput): void {
  const t = recipe.timescale;
  panel.verdict.textContent = verdictText(recipe);
  // λ as the control shows it (three significant digits), so the button sets exactly what it says.
  const lambda = t.recommendedWeightDecay === null ? null : Number(t.recommendedWeightDecay.toPrecision(3));
  panel.applyLambda.hidden = lambda === null;
  if (lambda !== null) {
    panel.applyLambda.dataset.value = String(lambda);
    panel.applyLambda.textContent = `Set weight decay λ to ${formatSignificant(lambda)}`;
  }
  renderTimescaleGauge(panel.gauge, recipe);
  const ctx = recipe.context;
  fillRows(panel.timescale, [
    { cells: ['τ_iter = 1/(ηλ)', fmt(t.tauIter, ' steps')], testid: 'recipe-tau-iter' },
    { cells: ['τ_epoch = τ_iter·B/N_data', fmt(t.tauEpoch, ' epochs')], testid: 'recipe-tau-epoch' },
    { cells: ['τ_EMA = B/(ηλD)', percent(t.tauEma)], testid: 'recipe-tau-ema' },
    { cells: ["Power Lines' optimal τ_EMA", percent(t.tauEmaOptimal)] },
    { cells: ['recommended λ', t.recommendedWeightDecay === null ? (t.verdict === 'within' ? `${input.weightDecay} (as set)` : 'no verdict')
      : fmt(t.recommendedWeightDecay)], testid: 'recipe-lambda' },
    { cells: ['dataset', ctx.datasetSamples === null ? 'unknown' : `${fmt(ctx.datasetSamples)} samples`] },
  ]);
  const from = Object.entries(ctx.provenance).map(([k, v]) => `${PROVENANCE_WORDS[k] ?? k}: ${v}`).join('; ');
  setCitation(panel.timescaleSource,
    `Source: ${recipe.sources.tauEpoch ?? ''}; ${recipe.sources.tauEma ?? ''}.${from ? ` From ${from}.` : ''}`);
}

function renderLaws(panel: RecipePanel, recipe: Recipe, input: PredictionInput, theme: ChartTheme): void {
  const quantity: LawQuantity = panel.lawQuantity.value === 'batch' ? 'batch' : 'lr';
  const none = recipe.scalingLaws.length === 0;
  panel.lawChartBox.hidden = none;
  panel.lawQuantity.hidden = none;
  panel.lawsNote.textContent = none
    ? `No comparison yet: needs ${needs(recipe.scalingLawsMissing)}.`
    : `Empirical fits, each from its own regime: where they disagree, neither is the truth for this run. ` +
      `At N = ${fmt(recipe.context.params)} parameters and D = ${fmt(recipe.context.tokens)} tokens:` +
      (isAdamFamily(input) ? '' : ` (both were fitted with AdamW: ${OPTIMIZER_LABELS[input.optimizer]}'s learning rate is on another scale, ` +
        'so the lr ratios do not carry over)');
  drawLawChart(panel.lawChart, recipe, input.lr, quantity, theme);
  fillRows(panel.laws, recipe.scalingLaws.map((law) => ({
    cells: [law.name, `${fmt(law.lr)} (${times(law.lrRatio)})`, `${fmt(law.batchTokens)} (${times(law.batchRatio)})`],
    testid: `recipe-law-${law.id}`,
  })));
  panel.lawRegimes.replaceChildren(...recipe.scalingLaws.map((law) => el('li', {}, `${law.name}: fitted on ${law.fittedOn}. ${law.source}.`)));
}

/** A list item whose citation's sections are links to the reference. */
function sourceItem(text: string): HTMLLIElement {
  const item = el('li');
  item.append(...citationNodes(text));
  return item;
}

function renderMuon(panel: RecipePanel, recipe: Recipe, input: PredictionInput): void {
  const m = recipe.muon;
  panel.muonCard.hidden = m === null && input.optimizer !== 'muon';
  if (m === null) {
    panel.muonNote.textContent = 'No conversion table: the file does not give the matrix shape (d_out × d_in).';
    panel.muon.replaceChildren();
    panel.muonCaveats.replaceChildren();
    return;
  }
  const [dOut, dIn] = m.shape;
  const from = input.optimizer === 'muon' ? "this file's Muon step" : 'this AdamW recipe';
  panel.muonNote.textContent = `For a ${dOut}×${dIn} matrix, the lr and λ that give ${from} the same step size and the same ` +
    'decay per step in each convention:';
  fillRows(panel.muon, m.conversions.map((c) => {
    const fact = MUON_CONVENTIONS.find((f) => f.id === c.convention);
    const name = `${fact?.name ?? c.convention}${m.inUse === c.convention ? ' (this file)' : ''}`;
    return { cells: [`${name}: ${fact?.factor ?? '—'}`, fmt(c.lr), fmt(c.weightDecay)] };
  }));
  const swap = swappedLayoutError('keller-jordan', dOut, dIn);
  panel.muonCaveats.replaceChildren(
    sourceItem(muonStepModelNote(formatSignificant(m.newtonSchulzGain))),
    el('li', {}, `Keep on AdamW: ${ADAMW_ONLY_PARAMETERS.kinds.join(', ')} (${ADAMW_ONLY_PARAMETERS.source}).`),
    el('li', {}, `Keras and Flax store a Dense kernel as (d_in, d_out), torch as (d_out, d_in): a shape rule read in the other order ` +
      `changes Keller Jordan's factor by ${formatSignificant(swap)}× at this shape.`),
    sourceItem(`Source: ${recipe.sources.muon ?? ''}.`),
  );
}

/** Redraws the panel for a recipe computed on the playground's current input. */
export function renderRecipePanel(panel: RecipePanel, recipe: Recipe, input: PredictionInput, theme: ChartTheme): void {
  renderTimescale(panel, recipe, input);
  renderLaws(panel, recipe, input, theme);
  renderMuon(panel, recipe, input);
}
