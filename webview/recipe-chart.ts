/**
 * The Recipe panel's scaling-law chart (science.md §8.2): each published law's optimal learning rate (or batch in
 * tokens) against training tokens D at the config's parameter count N, and the config's own point. The laws are
 * the core's functions, the same that `recipeOf` evaluates at the config's D; each is drawn in its own colour and
 * named with its source in the legend, the regime it was fitted on in the list below the chart.
 */
import type { ChartDataset } from 'chart.js';
import type { Recipe } from '../core/recipe';
import { deepseekOptimum, flopsPerTokenFromParams, type LawPrediction, stepLawOptimum } from '../core/theory/recipe/scaling-laws';
import type { ScalingLawFact } from '../core/theory/recipe/scaling-laws';
import { logTickLabel } from './chart-data';
import { Chart } from './chart-setup';
import type { ChartTheme, Hue } from './theme';

export type LawQuantity = 'lr' | 'batch';

type Points = { x: number; y: number }[];
export type LawChart = Chart<'line', Points>;

/** Hues no optimizer of the playground's charts uses for a theory line (palette.ts), so a law is not read as one. */
const LAW_HUES: Record<ScalingLawFact['id'], Hue> = { 'deepseek-llm': 'purple', 'step-law': 'orange' };

/** Two decades either side of the config's D: enough to see each law's slope, not so far as to leave every fit. */
const SPAN = 100;
const POINTS = 41;

function lawAt(id: ScalingLawFact['id'], params: number, tokens: number): LawPrediction {
  return id === 'deepseek-llm' ? deepseekOptimum(flopsPerTokenFromParams(params) * tokens) : stepLawOptimum(params, tokens);
}

/** The chart's series for a recipe: one curve per law, the config's point; empty without N and D. */
export interface LawSeries {
  label: string;
  /** The law's colour; null for the config's own point (drawn in the text colour). */
  hue: Hue | null;
  points: Points;
}

export function lawSeries(recipe: Recipe, lr: number, quantity: LawQuantity): LawSeries[] {
  const { params, tokens, tokensPerStep } = recipe.context;
  if (params === null || tokens === null || recipe.scalingLaws.length === 0) return [];
  const xs = Array.from({ length: POINTS }, (_, i) => tokens * SPAN ** ((2 * i) / (POINTS - 1) - 1));
  const pick = (p: LawPrediction) => (quantity === 'lr' ? p.lr : p.batchTokens);
  const curves = recipe.scalingLaws.map((law) => ({
    label: law.name, hue: LAW_HUES[law.id], points: xs.map((x) => ({ x, y: pick(lawAt(law.id, params, x)) })),
  }));
  const own = quantity === 'lr' ? lr : tokensPerStep;
  return own === null ? curves : [...curves, { label: 'this config', hue: null, points: [{ x: tokens, y: own }] }];
}

function datasets(recipe: Recipe, lr: number, quantity: LawQuantity, theme: ChartTheme): ChartDataset<'line', Points>[] {
  return lawSeries(recipe, lr, quantity).map((s) => {
    const colour = s.hue ? theme.hues[s.hue] : theme.foreground;
    const point = s.hue === null;
    return {
      label: s.label, data: s.points, borderColor: colour, backgroundColor: colour, borderWidth: 2, showLine: !point,
      pointRadius: point ? 5 : 0, pointStyle: point ? 'crossRot' : 'circle', pointBorderWidth: point ? 2.5 : 1,
      parsing: false, tension: 0,
    };
  });
}

function options(quantity: LawQuantity, theme: ChartTheme) {
  const font = { family: theme.fontFamily, size: Math.max(10, theme.fontSize - 2) };
  const axis = (text: string) => ({
    type: 'logarithmic' as const,
    title: { display: true, text, color: theme.foreground, font },
    ticks: {
      color: theme.foreground, font, autoSkip: false, maxRotation: 0,
      callback: (v: number | string) => logTickLabel(Number(v)),
    },
    grid: { color: (c: { tick?: { label?: unknown } }) => (c.tick?.label ? theme.grid : 'transparent') },
    border: { color: theme.grid },
  });
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false as const,
    scales: {
      x: axis('training tokens D'),
      y: axis(quantity === 'lr' ? 'learning rate' : 'batch (tokens per step)'),
    },
    plugins: {
      legend: { labels: { color: theme.foreground, font, boxWidth: 12, boxHeight: 2 } },
      tooltip: { enabled: true },
    },
  };
}

export function createLawChart(canvas: HTMLCanvasElement, theme: ChartTheme): LawChart {
  return new Chart<'line', Points>(canvas, { type: 'line', data: { datasets: [] }, options: options('lr', theme) });
}

/** Swaps in the recipe's curves and redraws without animation (the slider path). */
export function drawLawChart(
  chart: LawChart, recipe: Recipe, lr: number, quantity: LawQuantity, theme: ChartTheme,
): void {
  chart.data.datasets = datasets(recipe, lr, quantity, theme);
  chart.options = options(quantity, theme);
  chart.update('none');
}
