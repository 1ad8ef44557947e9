/**
 * Two small chart.js plugins the playground needs and chart.js lacks: vertical error bars on simulated
 * points (±2 standard errors, the 95% band) and labelled vertical markers (Surge peak, configured batch,
 * current β1). Both draw on the canvas after the datasets, so they cost nothing while no data is set.
 */
import type { Chart, ChartType, Plugin } from 'chart.js';

export interface ErrorBarsOptions {
  /** Standard errors per dataset index, aligned with that dataset's points. */
  stderr: Record<number, number[]>;
  /** Multiple of the standard error drawn each side (2 ≈ 95%). */
  multiple: number;
}

export interface VerticalMarker {
  x: number;
  label: string;
  colour: string;
}

export interface MarkersOptions {
  markers: VerticalMarker[];
  font: string;
  /** The page's background, drawn behind each label. */
  backing?: string;
}

declare module 'chart.js' {
  // chart.js deep-partials plugin options, so the plugins below read every field defensively.
  // The type parameter repeats chart.js's declaration, which this merges with; these options do not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    errorBars: ErrorBarsOptions;
    markers: MarkersOptions;
  }
}

export const errorBarsPlugin: Plugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart: Chart) {
    const options = chart.options.plugins?.errorBars;
    const multiple = options?.multiple ?? 2;
    if (!options?.stderr) return;
    const { ctx } = chart;
    const yScale = chart.scales.y;
    if (!yScale) return;
    ctx.save();
    for (const [key, errors] of Object.entries(options.stderr)) {
      const index = Number(key);
      const meta = chart.getDatasetMeta(index);
      if (meta.hidden) continue;
      const dataset = chart.data.datasets[index];
      ctx.strokeStyle = typeof dataset?.borderColor === 'string' ? dataset.borderColor : '#888888';
      ctx.lineWidth = 1.5;
      meta.data.forEach((point, i) => {
        const err = errors?.[i];
        const raw = dataset?.data[i] as { y?: number } | undefined;
        if (err === undefined || !(err > 0) || raw?.y === undefined) return;
        const top = yScale.getPixelForValue(raw.y + multiple * err);
        const bottom = yScale.getPixelForValue(raw.y - multiple * err);
        ctx.beginPath();
        ctx.moveTo(point.x, top);
        ctx.lineTo(point.x, bottom);
        ctx.moveTo(point.x - 3, top);
        ctx.lineTo(point.x + 3, top);
        ctx.moveTo(point.x - 3, bottom);
        ctx.lineTo(point.x + 3, bottom);
        ctx.stroke();
      });
    }
    ctx.restore();
  },
};

/** Height of one row of marker labels, in pixels, for a label font of `size` px. */
const rowHeight = (size: number) => Math.ceil(size * 1.35);

/**
 * Where each marker's label goes: its own line's side (right, or left where it would leave the plot), in the
 * first row from the top where it overlaps no label already placed. Pure, for the tests: labels never overlap.
 */
export function placeMarkerLabels(
  items: { x: number; width: number }[], area: { left: number; right: number },
): { left: number; row: number }[] {
  const placed: { left: number; right: number; row: number }[] = [];
  return items.map(({ x, width }) => {
    const right = x + 3 + width > area.right ? x - 3 - width : x + 3;
    const left = Math.max(area.left, right);
    let row = 0;
    while (placed.some((p) => p.row === row && left < p.right + 4 && left + width + 4 > p.left)) row++;
    placed.push({ left, right: left + width, row });
    return { left, row };
  });
}

/** The fraction of a linear y axis kept free above the data for `rows` label rows (chart.js `grace`). */
export function labelHeadroom(rows: number): string {
  return `${Math.min(60, 14 * rows)}%`;
}

export const markersPlugin: Plugin = {
  id: 'markers',
  afterDatasetsDraw(chart: Chart) {
    const markers = (chart.options.plugins?.markers?.markers ?? []).filter(
      (m): m is VerticalMarker => m?.x !== undefined && m.label !== undefined && m.colour !== undefined,
    );
    const xScale = chart.scales.x;
    if (!xScale || markers.length === 0) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    const font = chart.options.plugins?.markers?.font ?? '11px sans-serif';
    ctx.font = font;
    const size = Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? '11');
    const visible = markers
      .map((m) => ({ marker: m, x: xScale.getPixelForValue(m.x) }))
      .filter(({ x }) => Number.isFinite(x) && x >= chartArea.left - 0.5 && x <= chartArea.right + 0.5);
    const places = placeMarkerLabels(
      visible.map(({ marker, x }) => ({ x, width: ctx.measureText(marker.label).width })), chartArea);
    visible.forEach(({ marker, x }) => {
      ctx.strokeStyle = marker.colour;
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
    });
    // Labels sit in rows at the top of the plot, which the y axis keeps free of data (labelHeadroom), on a
    // backing of the page's colour so that a grid line or a curve behind them never makes them unreadable.
    const backing = chart.options.plugins?.markers?.backing;
    visible.forEach(({ marker }, i) => {
      const place = places[i];
      if (!place) return;
      const top = chartArea.top + 2 + rowHeight(size) * place.row;
      const width = ctx.measureText(marker.label).width;
      if (backing) {
        ctx.fillStyle = backing;
        ctx.fillRect(place.left - 2, top, width + 4, rowHeight(size));
      }
      ctx.fillStyle = marker.colour;
      ctx.textBaseline = 'top';
      ctx.fillText(marker.label, place.left, top + 1);
    });
    ctx.restore();
  },
};
