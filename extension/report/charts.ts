/**
 * The theory charts of the reports, each drawn from core/theory (the same functions `predict` uses for
 * the numbers beside them), as ReportChart data: the page plots it and "Export Report" writes it as CSV.
 */
import { logspace } from '../../core/axes';
import type { OptimizerKind } from '../../core/hyperparams';
import type { PredictionInput } from '../../core/prediction';
import { etaStarVsBatch, updateRmsVsBeta1, weightRmsAtSteps } from '../../core/theory/curves';
import type { ReportChart, ReportSeries } from '../../core/webview-messages';
import { formatCount, formatNumber } from '../format';
import { OPTIMIZER_DISPLAY_NAMES } from '../optimizer-names';

/** A theory series; `optimizer` gives it that optimizer's colour in every view. */
function series(label: string, xs: readonly number[], ys: ArrayLike<number>, optimizer?: OptimizerKind): ReportSeries {
  const points: ReportSeries['points'] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y !== undefined && Number.isFinite(y)) points.push({ x, y });
  });
  return { label, kind: 'theory', ...(optimizer ? { optimizer } : {}), points };
}

/** Batch sizes around the noise scale: three decades each side, and the configured batch inside. */
export function batchAxis(input: PredictionInput, count = 121): number[] {
  const s = input.noiseScale ?? 1000;
  const lo = Math.min(s / 1000, (input.batchSize ?? s) / 10);
  const hi = Math.max(s * 1000, (input.batchSize ?? s) * 10);
  return Array.from(logspace(Math.max(lo, 1e-9), hi, count));
}

/** η*(B)/η*_max for the optimizer beside SGD and SignSGD, the Surge peak and the configured batch marked (science.md
 * §3.2). */
export function etaStarChart(input: PredictionInput): ReportChart | null {
  const batches = batchAxis(input);
  const curves = etaStarVsBatch(input, batches);
  if (!curves) return null;
  const markers: ReportChart['markers'] = [];
  if (curves.peakBatch !== null) markers.push({ x: curves.peakBatch, label: `Surge peak B = ${formatCount(curves.peakBatch)}` });
  if (input.batchSize !== null) markers.push({ x: input.batchSize, label: `configured B = ${formatCount(input.batchSize)}` });
  return {
    id: 'eta-star-vs-batch',
    title: 'Optimal learning rate vs batch size',
    x: { label: 'batch size B', scale: 'log' },
    y: { label: 'η*(B) / η*max', scale: 'linear' },
    series: [
      series(OPTIMIZER_DISPLAY_NAMES[input.optimizer], batches, curves.optimizer, input.optimizer),
      series('SGD', batches, curves.sgd, 'sgd'),
      series('SignSGD', batches, curves.signSgd, 'signsgd'),
    ],
    markers,
    source: 'science.md §3.2, §3.4',
  };
}

/** Weight RMS over the run under the configured schedule (science.md §2.4); null where §2 does not apply. */
export function weightRmsChart(input: PredictionInput): ReportChart | null {
  if (input.steps === null) return null;
  const count = Math.min(200, input.steps);
  const steps = Array.from({ length: count }, (_, i) => Math.max(1, Math.round(((i + 1) * input.steps!) / count)));
  const values = weightRmsAtSteps(input, steps);
  if (!values) return null;
  return {
    id: 'weight-rms-vs-step',
    title: `Weight RMS under the ${input.schedule} schedule`,
    x: { label: 'step', scale: 'linear' },
    y: { label: 'weight RMS', scale: 'linear' },
    series: [series('theory', steps, values, input.optimizer)],
    markers: [],
    source: 'science.md §2.4',
  };
}

/** Adam's update RMS against β1 with the configured β1 marked (science.md §1.1); only for the Adam family. */
export function updateRmsChart(input: PredictionInput): ReportChart | null {
  if (input.optimizer !== 'adam' && input.optimizer !== 'adamw') return null;
  const beta1s = Array.from({ length: 100 }, (_, i) => (i * 0.999) / 99);
  return {
    id: 'update-rms-vs-beta1',
    title: 'Update RMS vs β1',
    x: { label: 'β1', scale: 'linear' },
    y: { label: 'update RMS', scale: 'linear' },
    series: [series(`SNR ${formatNumber(input.snr)}`, beta1s, updateRmsVsBeta1(beta1s, input.snr), input.optimizer)],
    markers: [{ x: input.beta1, label: `configured β1 = ${formatNumber(input.beta1)}` }],
    source: 'science.md §1.1',
  };
}
