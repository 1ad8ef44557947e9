/**
 * What the four playground charts show, as plain data: axis specs, and the series built from the theory
 * curves (theory-series.ts) and the simulated points (experiments.ts). Pure, so that the unit tests can
 * check every series without a canvas; charts.ts only turns this into chart.js datasets.
 */
import type { OptimizerKind } from '../core/hyperparams';
import { formatSignificant } from '../core/format-number';
import type { SimPoint, SimulatedSeries } from './experiments';
import type { TheoryCurves } from './theory-series';
import { OPTIMIZER_LABELS } from './control-specs';

export const CHART_IDS = ['update-rms', 'weight-rms', 'surge', 'eps'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartSpec {
  title: string;
  xTitle: string;
  yTitle: string;
  xLog: boolean;
  yLog: boolean;
  xMin?: number;
  xMax?: number;
  yMin?: number;
}

export const CHART_SPECS: Record<ChartId, ChartSpec> = {
  'update-rms': { title: 'Update RMS vs β1', xTitle: 'β1', yTitle: 'update RMS', xLog: false, yLog: false, xMin: 0, xMax: 1, yMin: 0 },
  'weight-rms': { title: 'Weight RMS vs step', xTitle: 'step', yTitle: 'weight RMS', xLog: false, yLog: false, xMin: 0, yMin: 0 },
  surge: { title: 'Optimal learning rate vs batch size', xTitle: 'batch size B', yTitle: 'η*(B) / max η*', xLog: true, yLog: false, yMin: 0 },
  eps: { title: 'The ε effect on the update', xTitle: 'ε / gradient scale √(μ²+σ²)', yTitle: 'update RMS', xLog: true, yLog: false, yMin: 0 },
};

/** Log axes: a label at each power of ten only, written short (0.001, 1, 1000, 1e6), not chart.js's 0.010 / 1,000,000.
 * */
export function logTickLabel(value: number): string {
  const exponent = Math.log10(value);
  if (Math.abs(exponent - Math.round(exponent)) > 1e-9) return '';
  const n = Math.round(exponent);
  return n >= -3 && n <= 4 ? String(Number((10 ** n).toPrecision(1))) : `1e${n}`;
}

/** An optimizer's own colour (palette.ts, the same in every view), or the neutral colour of a reference line. */
export type Palette = OptimizerKind | 'reference';
export type SeriesRole =
  | { kind: 'theory'; palette: Palette; dashed?: boolean }
  /** Simulated points; `joined` draws them as a line (a trajectory) rather than dots. */
  | { kind: 'simulation'; palette: Palette; joined: boolean }
  /** Edges of a translucent band (the trajectory's ±2 standard errors). */
  | { kind: 'band'; edge: 'low' | 'high'; palette: Palette };

export interface Series {
  /** Legend text; a leading '_' hides it from the legend. */
  label: string;
  role: SeriesRole;
  points: { x: number; y: number }[];
  /** Standard errors of `points`' y, drawn as ±2·stderr bars. */
  stderr?: number[];
}

export interface Marker {
  x: number;
  label: string;
  /** `marker`: the configured value (yellow); an optimizer: a point of its curve (the Surge peak). */
  palette: 'marker' | OptimizerKind;
}

export interface ChartContent {
  series: Series[];
  markers: Marker[];
  yLog: boolean;
}

export type ChartData = Record<ChartId, ChartContent>;

function simSeries(label: string, palette: Palette, points: SimPoint[], scaleX = 1): Series {
  return { label, role: { kind: 'simulation', palette, joined: false }, points: points.map((p) => ({ x: p.x * scaleX, y: p.y })), stderr: points.map((p) => p.stderr) };
}

const xy = (xs: ArrayLike<number>, ys: ArrayLike<number>) =>
  Array.from(xs, (x, i) => ({ x, y: ys[i] ?? Number.NaN })).filter((p) => Number.isFinite(p.y));

/** All four charts' content for the current theory curves and (possibly stale or absent) simulation. */
export function buildChartData(theory: TheoryCurves, sim: SimulatedSeries | null): ChartData {
  const chosen = theory.optimizer;
  const updateRms: ChartContent = {
    series: [{ label: 'formula §1', role: { kind: 'theory', palette: chosen }, points: xy(theory.updateRms.x, theory.updateRms.y) }],
    markers: [{ x: theory.beta1, label: `β1 = ${formatSignificant(theory.beta1)}`, palette: 'marker' }],
    yLog: theory.updateRms.yLog,
  };
  if (sim && sim.updateRms.length > 0) updateRms.series.push(simSeries('simulation ±2 s.e.', chosen, sim.updateRms));

  const weightRms: ChartContent = { series: [], markers: [], yLog: false };
  if (sim?.weightRms) {
    const w = sim.weightRms;
    weightRms.series.push(
      { label: '_low', role: { kind: 'band', edge: 'low', palette: chosen }, points: xy(w.step, w.mean.map((m, i) => m - 2 * (w.stderr[i] ?? 0))) },
      { label: '_high', role: { kind: 'band', edge: 'high', palette: chosen }, points: xy(w.step, w.mean.map((m, i) => m + 2 * (w.stderr[i] ?? 0))) },
      { label: 'simulation ±2 s.e.', role: { kind: 'simulation', palette: chosen, joined: true }, points: xy(w.step, w.mean) },
    );
  }
  weightRms.series.push({ label: 'formula §2.4', role: { kind: 'theory', palette: chosen }, points: xy(theory.weightRms.x, theory.weightRms.y) });
  if (theory.weightRms.steady !== null) weightRms.series.push({ label: 'steady state √(η/2λ)', role: { kind: 'theory', palette: 'reference', dashed: true }, points: [{ x: 0, y: theory.weightRms.steady }, { x: theory.steps, y: theory.weightRms.steady }] });
  if (theory.weightRms.tau !== null && theory.weightRms.tau < theory.steps) weightRms.markers.push({ x: theory.weightRms.tau, label: 'τ = 1/(ηλ)', palette: 'marker' });

  const surge: ChartContent = { series: [], markers: [], yLog: false };
  for (const curve of theory.surge.curves) {
    const name = curve.optimizer === chosen ? OPTIMIZER_LABELS[curve.optimizer] : curve.optimizer === 'sgd' ? 'SGD' : 'SignSGD';
    surge.series.push({ label: `${name} §3.2`, role: { kind: 'theory', palette: curve.optimizer }, points: xy(theory.surge.batches, curve.y) });
  }
  for (const s of sim?.surge ?? []) {
    surge.series.push(simSeries(`_${s.optimizer} Monte Carlo`, s.optimizer, s.points, theory.surge.bSimple));
  }
  if (theory.surge.peakBatch !== null) surge.markers.push({ x: theory.surge.peakBatch, label: 'Surge peak', palette: chosen });
  if (theory.surge.configuredBatch !== null) surge.markers.push({ x: theory.surge.configuredBatch, label: 'your batch', palette: 'marker' });

  const eps: ChartContent = {
    series: [{ label: 'formula §1.3', role: { kind: 'theory', palette: chosen }, points: xy(theory.eps.x, theory.eps.y) }],
    markers: theory.eps.configuredRatio === null ? [] : [{ x: theory.eps.configuredRatio, label: 'your ε', palette: 'marker' }],
    yLog: false,
  };
  if (sim && sim.eps.length > 0) eps.series.push(simSeries('simulation ±2 s.e.', chosen, sim.eps));
  return { 'update-rms': updateRms, 'weight-rms': weightRms, surge, eps };
}
