/**
 * Puts the formula cards and simulation lines into the page. KaTeX's `render` builds DOM nodes and sets
 * styles through the CSSOM, which the webview's CSP allows (its `renderToString` output would need inline
 * style attributes, which the CSP blocks). A card is re-rendered only when its TeX changed, so a slider
 * move costs KaTeX work only for the formulas that show the moving number.
 */
import katex from 'katex';
import type { HostSimulation, HostSimulationRefused } from '../core/webview-messages';
import type { ChartId } from './chart-data';
import { setCitation } from './dom';
import { CHART_IDS } from './chart-data';
import type { SimulatedSeries } from './experiments';
import { formulaCard, simulationLine, textNumber } from './formulas';
import type { CardElements } from './layout';
import type { TheoryCurves } from './theory-series';

const renderedTex = new WeakMap<HTMLElement, string>();

/** Typesets the lines into `target`, one element per line, re-typesetting only the lines whose TeX changed. */
function renderTex(target: HTMLElement, lines: string[]): void {
  while (target.children.length > lines.length) target.lastElementChild?.remove();
  lines.forEach((line, i) => {
    let div = target.children[i] as HTMLElement | undefined;
    if (!div) {
      div = document.createElement('div');
      target.append(div);
    }
    if (renderedTex.get(div) === line) return;
    renderedTex.set(div, line);
    // Inline mode: KaTeX lets the line break after a relation or an operator, as text does, in a narrow panel.
    katex.render(`\\displaystyle ${line}`, div, { displayMode: false, throwOnError: false, output: 'htmlAndMathml' });
    fitFormula(div);
  });
}

/** Smallest scale a formula is shrunk to before it is left to wrap further (below this it is hard to read). */
const MIN_FORMULA_SCALE = 0.55;

/**
 * Scales one typeset line down until its widest unbreakable part (a fraction, a root) fits the card; a
 * formula is never clipped or scrolled. Re-run when the panel is resized (`refitFormulas`).
 */
export function fitFormula(div: HTMLElement): void {
  div.style.fontSize = '';
  const available = div.clientWidth;
  const needed = div.scrollWidth;
  if (available <= 0 || needed <= available) return;
  div.style.fontSize = `${Math.max(MIN_FORMULA_SCALE, (available / needed) * 0.98).toFixed(3)}em`;
}

/** Re-fits every formula in the cards: the panel's width changed. */
export function refitFormulas(cards: Record<ChartId, CardElements>): void {
  for (const id of CHART_IDS) for (const div of cards[id].formula.children) fitFormula(div as HTMLElement);
}

function setText(target: HTMLElement, lines: string[], className = ''): void {
  const key = `${className}|${lines.join('\n')}`;
  if (renderedTex.get(target) === key) return;
  renderedTex.set(target, key);
  target.replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { className, textContent: line })));
}

export function renderFormulaCards(cards: Record<ChartId, CardElements>, theory: TheoryCurves): void {
  // A caution that concerns two cards is shown under the first only.
  const shown = new Set<string>();
  for (const id of CHART_IDS) {
    const card = formulaCard(id, theory);
    renderTex(cards[id].formula, card.tex);
    // Each section of the source is a link to the reference (the page's one listener posts it to the host).
    setCitation(cards[id].source, `Source: ${card.source}`);
    const notes = card.notes.filter((n) => !shown.has(n));
    notes.forEach((n) => shown.add(n));
    setText(cards[id].notes, notes, 'caution');
  }
}

function hostLine(id: ChartId, host: HostSimulation | HostSimulationRefused): string | null {
  // A refused run is said where its end-of-run weight RMS would have been compared.
  if ('message' in host) return id === 'weight-rms' ? `Simulate Current Config: not simulated: ${host.message}.` : null;
  const pair = id === 'update-rms' ? host.updateRms : id === 'weight-rms' ? host.weightRmsAtEnd : null;
  if (!pair) return null;
  const formula = pair.predicted === null ? '' : ` vs formula ${textNumber(pair.predicted)}`;
  return `Simulate Current Config (${host.backend}, ${host.coordinates} coordinates × ${host.steps} steps): ${textNumber(pair.simulated)} ± ${textNumber(pair.stderr, 2)}${formula}`;
}

/** The simulation line under each chart; `stale` says the last simulation ran with other settings. */
export function renderSimulationLines(
  cards: Record<ChartId, CardElements>, theory: TheoryCurves, sim: SimulatedSeries | null,
  stale: boolean, host: HostSimulation | HostSimulationRefused | null,
): void {
  for (const id of CHART_IDS) {
    const target = cards[id].simResult;
    const line = simulationLine(id, theory, sim);
    const parts: HTMLElement[] = [];
    if (line) {
      const span = document.createElement('span');
      span.textContent = line.text;
      if (line.agrees !== null) span.className = line.agrees ? 'gap-ok' : 'gap-warn';
      span.title = line.agrees === false
        ? 'Not "agrees": the gap is beyond 3 standard errors or beyond the formula\'s stated model error (science.md §6, §7.5)'
        : '';
      parts.push(span);
    } else if (id === 'weight-rms' && sim?.refused && !sim.weightRms) {
      // Refused as Simulate Current Config refuses it: the size, the limit and what to change, in the points' place.
      parts.push(Object.assign(document.createElement('span'), {
        className: 'caution', textContent: `Not simulated: ${sim.refused}.`,
      }));
    } else if (id === 'weight-rms' && sim?.pass === 'estimate' && !sim.weightRms) {
      // A long schedule does not fit the first estimate's share of the work: say so rather than show nothing.
      parts.push(Object.assign(document.createElement('span'), {
        className: 'muted', textContent: 'Not in the first estimate: the whole schedule is simulated in the full run.',
      }));
    } else if (stale) {
      parts.push(Object.assign(document.createElement('span'), { className: 'muted', textContent: 'Settings changed since the last simulation: press Simulate again.' }));
    }
    const extra = host ? hostLine(id, host) : null;
    if (extra) parts.push(Object.assign(document.createElement('div'), { className: 'muted', textContent: extra }));
    target.replaceChildren(...parts);
    target.dataset.state = line ? 'done' : id === 'weight-rms' && sim?.refused ? 'refused' : stale ? 'stale' : 'empty';
  }
}
