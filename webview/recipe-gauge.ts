/**
 * The timescale gauge of the Recipe panel: a logarithmic strip with the guideline's recommended band (1 epoch to
 * the number of epochs, or a factor 2 around Power Lines' optimal τ_EMA, science.md §8.1) and the config's place
 * on it. SVG attributes only (the webview's CSP allows no inline styles); colours follow the text colour.
 */
import { formatSignificant } from '../core/format-number';
import type { Recipe } from '../core/recipe';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 46;
const PAD = 14;
const BAR_Y = 18;
const BAR_H = 10;

export interface GaugeScale {
  /** The config's value and the band, in the guideline's unit. */
  value: number;
  low: number;
  high: number;
  unit: string;
}

/** The gauge's numbers for a recipe, or null when no guideline applies. */
export function gaugeScale(recipe: Recipe): GaugeScale | null {
  const t = recipe.timescale;
  if (t.guideline === 'epochs' && t.tauEpoch !== null && recipe.context.epochs !== null) {
    return { value: t.tauEpoch, low: 1, high: recipe.context.epochs, unit: 'epochs' };
  }
  if (t.guideline === 'power-lines' && t.tauEma !== null && t.tauEmaOptimal !== null) {
    return { value: t.tauEma, low: t.tauEmaOptimal / 2, high: t.tauEmaOptimal * 2, unit: 'of the run' };
  }
  return null;
}

function node<K extends keyof SVGElementTagNameMap>(
  tag: K, attributes: Record<string, string | number>, text?: string,
): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

const label = (x: number, unit: string) => (unit === 'epochs' ? formatSignificant(x) : `${formatSignificant(100 * x)}%`);

export function renderTimescaleGauge(svg: SVGSVGElement, recipe: Recipe): void {
  const scale = gaugeScale(recipe);
  svg.replaceChildren();
  if (scale === null) {
    svg.setAttribute('hidden', '');
    return;
  }
  svg.removeAttribute('hidden');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `This config at ${label(scale.value, scale.unit)} ${scale.unit}; recommended ` +
    `${label(scale.low, scale.unit)} to ${label(scale.high, scale.unit)}`);
  // Half a decade of margin around whatever is widest: the band and the config's value.
  const lo = Math.log10(Math.min(scale.low, scale.value)) - 0.5;
  const hi = Math.log10(Math.max(scale.high, scale.value)) + 0.5;
  const x = (v: number) => PAD + ((Math.log10(v) - lo) / (hi - lo)) * (WIDTH - 2 * PAD);
  const inBand = scale.value >= scale.low && scale.value <= scale.high;
  svg.append(
    node('rect', { x: PAD, y: BAR_Y, width: WIDTH - 2 * PAD, height: BAR_H, fill: 'currentColor', 'fill-opacity': 0.08 }),
    node('rect', {
      x: x(scale.low), y: BAR_Y, width: Math.max(2, x(scale.high) - x(scale.low)), height: BAR_H,
      fill: 'currentColor', 'fill-opacity': 0.3, 'data-testid': 'recipe-gauge-band',
    }),
    node('text', { x: x(scale.low), y: BAR_Y + BAR_H + 12, 'font-size': 10, 'text-anchor': 'middle', fill: 'currentColor' }, label(scale.low, scale.unit)),
    node('text', { x: x(scale.high), y: BAR_Y + BAR_H + 12, 'font-size': 10, 'text-anchor': 'middle', fill: 'currentColor' }, label(scale.high, scale.unit)),
    node('line', { x1: x(scale.value), x2: x(scale.value), y1: BAR_Y - 4, y2: BAR_Y + BAR_H + 2, stroke: 'currentColor', 'stroke-width': 3 }),
    node('text', {
      x: x(scale.value), y: BAR_Y - 7, 'font-size': 10, fill: 'currentColor',
      // Anchored on the side with room, so a value near either end stays inside the strip.
      'text-anchor': x(scale.value) < WIDTH / 3 ? 'start' : x(scale.value) > (2 * WIDTH) / 3 ? 'end' : 'middle', 'font-weight': inBand ? 'normal' : 'bold', 'data-testid': 'recipe-gauge-value',
    }, `this config: ${label(scale.value, scale.unit)} ${scale.unit}`),
  );
}
