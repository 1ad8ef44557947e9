/**
 * The playground's four chart.js charts. `createCharts` builds them once on their canvases;
 * `drawCharts` swaps in new data and redraws without animation (`update('none')`), which is what keeps
 * a redraw inside one frame while a slider moves; `applyTheme` re-colours them when VS Code's theme changes.
 */
import type { ChartDataset, ChartOptions } from 'chart.js';
import { Chart } from './chart-setup';
import { errorBarsPlugin, labelHeadroom, markersPlugin } from './chart-plugins';
import type { ChartData, ChartId, ChartSpec, Palette, SeriesRole } from './chart-data';
import { CHART_IDS, CHART_SPECS, logTickLabel } from './chart-data';
import { optimizerColour } from './palette';
import { withAlpha, type ChartTheme } from './theme';

export type Charts = Record<ChartId, Chart<'line', { x: number; y: number }[]>>;

function paletteColour(theme: ChartTheme, palette: Palette | 'marker'): string {
  if (palette === 'reference') return withAlpha(theme.foreground, 0.7);
  if (palette === 'marker') return theme.series.marker;
  return optimizerColour(theme, palette);
}

/** Theory and simulation of one optimizer share its colour: the formula is a solid line, the simulation dots or a
 * dashed line. */
function roleColour(theme: ChartTheme, role: SeriesRole): string {
  const colour = paletteColour(theme, role.palette);
  return role.kind === 'band' ? withAlpha(colour, 0.2) : colour;
}

function datasetFor(series: ChartData[ChartId]['series'][number], theme: ChartTheme, all: ChartData[ChartId]['series']): ChartDataset<'line', { x: number; y: number }[]> {
  const colour = roleColour(theme, series.role);
  const isPoints = series.role.kind === 'simulation' && !series.role.joined;
  const bandPartner = series.role.kind === 'band' && series.role.edge === 'high' ? all.findIndex((s) => s.role.kind === 'band' && s.role.edge === 'low') : -1;
  return {
    label: series.label,
    data: series.points,
    borderColor: series.role.kind === 'band' ? 'transparent' : colour,
    backgroundColor: series.role.kind === 'band' ? colour : withAlpha(colour, 0.85),
    borderWidth: series.role.kind === 'theory' ? 2 : 1.5,
    borderDash: (series.role.kind === 'theory' && series.role.dashed) || (series.role.kind === 'simulation' && series.role.joined) ? [6, 4] : [],
    showLine: !isPoints,
    pointRadius: isPoints ? 3.5 : 0,
    pointHoverRadius: isPoints ? 5 : 0,
    pointStyle: 'circle',
    fill: bandPartner >= 0 ? { target: bandPartner } : false,
    tension: 0,
    parsing: false,
    order: series.role.kind === 'band' ? 3 : series.role.kind === 'theory' ? 2 : 1,
  };
}

function optionsFor(spec: ChartSpec, theme: ChartTheme): ChartOptions<'line'> {
  const font = { family: theme.fontFamily, size: Math.max(10, theme.fontSize - 2) };
  const axis = (title: string, log: boolean, min?: number, max?: number) => ({
    type: log ? ('logarithmic' as const) : ('linear' as const),
    min,
    max,
    title: { display: true, text: title, color: theme.foreground, font },
    ticks: log ? { color: theme.foreground, font, autoSkip: false, maxRotation: 0,
      callback: (value: number | string) => logTickLabel(Number(value)) } : {
        color: theme.foreground, font, maxTicksLimit: 7 },
    // On log axes only the labelled powers of ten get a grid line; the minor ticks would crowd the plot.
    grid: { color: (c: { tick?: { label?: unknown } }) => (!log || c.tick?.label ? withAlpha(theme.grid, 0.6) : 'transparent'), tickColor: theme.grid },
    border: { color: theme.grid },
  });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    normalized: true,
    parsing: false,
    interaction: { mode: 'nearest', intersect: false },
    scales: { x: axis(spec.xTitle, spec.xLog, spec.xMin, spec.xMax), y: axis(spec.yTitle, spec.yLog, spec.yMin) },
    plugins: {
      legend: { labels: { color: theme.foreground, font, boxWidth: 12, boxHeight: 2, filter: (item) => !item.text.startsWith('_') } },
      tooltip: { enabled: true },
      errorBars: { stderr: {}, multiple: 2 },
      markers: { markers: [], font: `${font.size}px ${theme.fontFamily}`, backing: theme.background },
    },
  };
}

/** Builds the four charts on their canvases (empty until the first `drawCharts`). */
export function createCharts(canvases: Record<ChartId, HTMLCanvasElement>, theme: ChartTheme): Charts {
  const out = {} as Charts;
  for (const id of CHART_IDS) {
    out[id] = new Chart(canvases[id], {
      type: 'line',
      data: { datasets: [] },
      options: optionsFor(CHART_SPECS[id], theme),
      plugins: [errorBarsPlugin, markersPlugin],
    });
  }
  return out;
}

/** Charts re-coloured since their last draw: their datasets must be rebuilt with the new colours. */
const themeChanged = new WeakSet<Chart>();
/** What each chart last drew, so that a control that does not concern a chart costs it nothing. */
const drawn = new WeakMap<Chart, string>();

/** A cheap fingerprint of a chart's content: every point of every series and marker, as numbers. */
function fingerprint(content: ChartData[ChartId]): string {
  const parts: (string | number)[] = [content.yLog ? 1 : 0];
  for (const s of content.series) {
    parts.push(s.label, s.points.length);
    for (const p of s.points) parts.push(p.x, p.y);
    for (const e of s.stderr ?? []) parts.push(e);
  }
  for (const m of content.markers) parts.push(m.x, m.label);
  return parts.join(',');
}

/** Puts new data into every chart and redraws each once, synchronously, without animation. */
export function drawCharts(charts: Charts, data: ChartData, theme: ChartTheme): void {
  for (const id of CHART_IDS) {
    const chart = charts[id];
    const print = fingerprint(data[id]);
    if (drawn.get(chart) === print && !themeChanged.has(chart)) continue;
    drawn.set(chart, print);
    const { series, markers, yLog } = data[id];
    const datasets = chart.data.datasets;
    // Same series as last time (the usual slider move): swap the points only, so chart.js keeps its
    // dataset controllers; new datasets make it rebuild them, which costs more than the drawing.
    const sameShape = datasets.length === series.length && series.every((s, i) => datasets[i]?.label === s.label);
    if (sameShape && !themeChanged.has(chart)) series.forEach(
      (s, i) => ((datasets[i] as { data: unknown }).data = s.points));
    else chart.data.datasets = series.map((s) => datasetFor(s, theme, series));
    themeChanged.delete(chart);
    const plugins = chart.options.plugins;
    if (plugins?.errorBars) {
      plugins.errorBars.stderr = Object.fromEntries(
        series.flatMap((s, i) => (s.stderr ? [[i, s.stderr] as const] : [])));
    }
    if (plugins?.markers) plugins.markers.markers =
      markers.map((m) => ({ x: m.x, label: m.label, colour: paletteColour(theme, m.palette) }));
    const y = chart.options.scales?.y;
    // A linear y axis keeps room above the data for the marker labels, so they never sit on a curve or a point.
    const grace = !yLog && markers.length > 0 ? labelHeadroom(markers.length) : 0;
    if (y && (y.type !== (yLog ? 'logarithmic' : 'linear') || (y as { grace?: unknown }).grace !== grace)) {
      chart.options.scales = {
        ...chart.options.scales,
        y: { ...y, type: yLog ? 'logarithmic' : 'linear', min: yLog ? undefined : CHART_SPECS[id].yMin, grace } as typeof y,
      };
    }
    chart.update('none');
  }
}

/** Re-colours every chart for a new theme (the data stays; the caller redraws with `drawCharts`). */
export function applyTheme(charts: Charts, theme: ChartTheme): void {
  for (const id of CHART_IDS) {
    const markers = charts[id].options.plugins?.markers?.markers ?? [];
    charts[id].options = optionsFor(CHART_SPECS[id], theme);
    themeChanged.add(charts[id]);
    const plugins = charts[id].options.plugins;
    if (plugins?.markers) plugins.markers.markers = markers;
  }
}

/** PNG data URLs of the charts, for the exported report (drawn on the theme's background). */
export function chartImages(charts: Charts, theme: ChartTheme): Record<ChartId, string> {
  const out = {} as Record<ChartId, string>;
  for (const id of CHART_IDS) {
    const source = charts[id].canvas;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (ctx) {
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(source, 0, 0);
    }
    out[id] = copy.toDataURL('image/png');
  }
  return out;
}
