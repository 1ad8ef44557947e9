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
}

declare module 'chart.js' {
  // chart.js deep-partials plugin options, so the plugins below read every field defensively.
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

export const markersPlugin: Plugin = {
  id: 'markers',
  afterDatasetsDraw(chart: Chart) {
    const markers = chart.options.plugins?.markers?.markers ?? [];
    const xScale = chart.scales.x;
    if (!xScale || markers.length === 0) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = chart.options.plugins?.markers?.font ?? '11px sans-serif';
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    markers.forEach((marker, i) => {
      if (marker?.x === undefined || marker.label === undefined || marker.colour === undefined) return;
      const x = xScale.getPixelForValue(marker.x);
      if (!Number.isFinite(x) || x < chartArea.left - 0.5 || x > chartArea.right + 0.5) return;
      ctx.strokeStyle = marker.colour;
      ctx.fillStyle = marker.colour;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      // Labels stack down from the top so two markers close together stay readable.
      const width = ctx.measureText(marker.label).width;
      const left = x + 3 + width > chartArea.right ? x - 3 - width : x + 3;
      ctx.fillText(marker.label, left, chartArea.top + 11 + 12 * i);
    });
    ctx.restore();
  },
};
