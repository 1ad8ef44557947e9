/**
 * The playground's DOM skeleton: header (bound config, backend), controls, the simulation bar and one
 * card per chart (title, formula, canvas, simulation line, notes). Every element a test or another module's
 * real-editor test needs has a stable `data-testid`.
 */
import type { ChartId } from './chart-data';
import { CHART_IDS, CHART_SPECS } from './chart-data';
import { el } from './dom';

export interface CardElements {
  formula: HTMLElement;
  source: HTMLElement;
  canvas: HTMLCanvasElement;
  simResult: HTMLElement;
  notes: HTMLElement;
}

export interface PlaygroundLayout {
  binding: HTMLElement;
  backend: HTMLElement;
  controls: HTMLElement;
  simulate: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  cards: Record<ChartId, CardElements>;
}

const CHART_DESCRIPTIONS: Record<ChartId, string> = {
  'update-rms': 'Update RMS against β1: the formula as a line, simulated points with ±2 standard errors.',
  'weight-rms': 'Weight RMS over the run under the chosen schedule: formula, and the simulated trajectory with its ±2 standard-error band.',
  surge: 'Optimal learning rate against batch size for the chosen optimizer, SGD and SignSGD, each relative to its maximum; Surge peak and your batch marked.',
  eps: 'Update RMS against ε relative to the gradient scale: formula and simulated points; your ε marked.',
};

export function buildLayout(app: HTMLElement): PlaygroundLayout {
  app.replaceChildren();
  app.removeAttribute('aria-busy');

  const header = el('header', { class: 'ol-header' });
  const binding = el('div', { class: 'binding', 'data-testid': 'binding', 'aria-live': 'polite' });
  const backend = el('span', { class: 'badge', 'data-testid': 'backend', title: 'Where simulations run' });
  header.append(binding, backend);

  const controls = el('section', { class: 'ol-controls', 'aria-label': 'Hyperparameters' });

  const run = el('section', { class: 'ol-run', 'aria-label': 'Simulation' });
  const simulate = el('button', { type: 'button', 'data-testid': 'simulate' }, 'Simulate');
  const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel', disabled: '' }, 'Cancel');
  const progress = el('progress', { max: '1', value: '0', 'aria-label': 'Simulation progress', 'data-testid': 'progress' });
  const status = el('div', { class: 'status', role: 'status', 'data-testid': 'sim-status' }, 'Formulas are live; press Simulate to check them by Monte Carlo.');
  run.append(simulate, cancel, progress, status);

  const cardsSection = el('section', { class: 'ol-cards' });
  const cards = {} as Record<ChartId, CardElements>;
  for (const id of CHART_IDS) {
    const card = el('article', { class: 'card', 'data-chart': id, 'aria-labelledby': `title-${id}` });
    const title = el('h2', { id: `title-${id}` }, CHART_SPECS[id].title);
    const formula = el('div', { class: 'formula', 'data-testid': `formula-${id}` });
    const source = el('div', { class: 'source', 'data-testid': `source-${id}` });
    const chart = el('div', { class: 'chart' });
    const canvas = el('canvas', { role: 'img', 'aria-label': CHART_DESCRIPTIONS[id], 'data-testid': `chart-${id}` });
    chart.append(canvas);
    const simResult = el('div', { class: 'sim-result', 'data-testid': `sim-result-${id}`, 'aria-live': 'polite' });
    const notes = el('div', { class: 'notes' });
    card.append(title, formula, source, chart, simResult, notes);
    cardsSection.append(card);
    cards[id] = { formula, source, canvas, simResult, notes };
  }

  app.append(header, controls, run, cardsSection);
  return { binding, backend, controls, simulate, cancel, progress, status, cards };
}
