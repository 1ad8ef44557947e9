/**
 * "Sweep Batch Size": η*(B) for the config's optimizer beside SGD and SignSGD (science.md §3.2), the
 * Surge peak and the configured batch marked, a table of the curve at round batch sizes, and, when a
 * Monte Carlo sweep ran (§3.6), its measured optimal learning rates as points. Pure.
 */
import { agreementText, type Agreement } from '../../core/sim/agreement';
import { etaStarVsBatch } from '../../core/theory/curves';
import { surgeModelOf } from '../../core/theory/optimizer-model';
import type { PredictionInput } from '../../core/prediction';
import type { ReportDocument, ReportSeries } from '../../core/webview-messages';
import { formatCount, formatNumber } from '../format';
import { OPTIMIZER_DISPLAY_NAMES } from '../optimizer-names';
import { etaStarChart } from './charts';

/** Measured η*(B)/η*max, with x as a multiple of the simulated problem's B_simple. */
export interface SimulatedSweep {
  label: string;
  /**
   * `predicted`: science.md §3.2 at the same batch over its maximum; `relative`: the simulation on the same
   * reference (core/sim/surge-compare.ts `normaliseSurge`); `agreement`: the verdict of core/sim/agreement.ts.
   */
  points: { batchRatio: number; relative: number; stderr?: number; predicted?: number; agreement?: Agreement }[];
  backend: string;
  /**
   * Peak batch of the simulated curve (in multiples of B_simple), and the formula's by the same fit on the same
   * grid; null at the grid's edge / no Surge.
   */
  peakRatio?: number | null;
  predictedPeakRatio?: number | null;
}

/** Powers of two from below the noise scale to above it, plus the configured batch: the table's rows. */
export function tableBatches(input: PredictionInput): number[] {
  const s = input.noiseScale ?? 1000;
  const out = new Set<number>();
  for (let b = 2 ** Math.floor(Math.log2(Math.max(1, s / 100))); b <= s * 100; b *= 4) out.add(b);
  if (input.batchSize !== null) out.add(input.batchSize);
  return [...out].sort((a, b) => a - b);
}

export function sweepReport(
  input: PredictionInput, title: string, simulated: SimulatedSweep[] = [],
): ReportDocument | null {
  const chart = etaStarChart(input);
  const s = input.noiseScale;
  if (!chart || s === null) return null;
  for (const sweep of simulated) {
    const series: ReportSeries = {
      label: `${sweep.label} (Monte Carlo, ${sweep.backend})`,
      kind: 'simulation',
      points: sweep.points.map((p) => ({
        x: p.batchRatio * s, y: p.relative, ...(p.stderr !== undefined ? { stderr: p.stderr } : {}),
      })),
    };
    chart.series.push(series);
  }
  const batches = tableBatches(input);
  const curves = etaStarVsBatch(input, batches);
  const name = OPTIMIZER_DISPLAY_NAMES[input.optimizer];
  const rows = batches.map((b, i) => [
    formatCount(b) + (b === input.batchSize ? ' (configured)' : ''),
    formatNumber(curves?.optimizer[i]), formatNumber(curves?.sgd[i]), formatNumber(curves?.signSgd[i]),
  ]);
  const peak = curves?.peakBatch ?? null;
  const tables = [{ title: 'η*(B) / η*max', columns: ['batch size', name, 'SGD', 'SignSGD'], rows }];
  const notes: string[] = [];
  const model = surgeModelOf(input);
  if (model.family === 'adam' && (model.e ?? 0) > 0) {
    const assumed = input.gradientScaleSpread === undefined ? ', assumed (setting “OptLens: Gradient Scale Spread”)' : '';
    notes.push(`ε matters here, and more for small gradient coordinates than large ones: the curve assumes coordinate sizes spread by ${formatNumber(model.spread ?? 0)} (standard deviation of ln|g|${assumed}; science.md §7.3).`);
  }
  for (const sweep of simulated) {
    tables.push({
      title: `Monte Carlo check (${sweep.label}, ${sweep.backend})`,
      columns: ['batch size', 'simulated η*/η*max', '± standard error', 'formula', 'verdict'],
      rows: sweep.points.map((p) => [
        formatCount(p.batchRatio * s), formatNumber(p.relative), p.stderr !== undefined ? formatNumber(p.stderr) : '—', formatNumber(p.predicted),
        p.agreement ? agreementText(p.agreement) : '—',
      ]),
    });
    if (sweep.peakRatio !== undefined && sweep.predictedPeakRatio !== undefined) {
      notes.push(`Monte Carlo peak: B = ${formatCount(sweep.peakRatio === null ? null : sweep.peakRatio * s)}; formula: B = ${formatCount(sweep.predictedPeakRatio === null ? null : sweep.predictedPeakRatio * s)} (noisy quadratic of science.md §3.6).`);
    }
  }
  return {
    kind: 'sweep',
    title: `Batch-size sweep · ${title}`,
    subtitle: `${name}, B_simple = ${formatCount(s)}${peak !== null ? `, Surge peak at B = ${formatCount(peak)}` : ', no Surge: η* keeps rising with B'}`,
    tables,
    charts: [chart],
    findings: [],
    notes: [
      ...notes,
      peak !== null
        ? `Past B = ${formatCount(peak)} the optimal learning rate of ${name} falls as the batch grows (the Surge phenomenon, science.md §3.2): a larger batch then needs a smaller learning rate, not a larger one.`
        : `${name} shows no Surge at these settings: its optimal learning rate rises with the batch toward its maximum.`,
      'Each formula curve is normalised to its own maximum over all B; the Monte Carlo points are scaled by one fitted ' +
        'factor onto the formula and divided by the same maximum, and their ± includes that factor\'s error (science.md §7.5). ' +
        '"agrees" means within 3 standard errors and within the formula\'s stated model error. ' +
        'B_simple is the gradient noise scale (science.md §3.1, §4).',
    ],
  };
}
