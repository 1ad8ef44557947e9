/**
 * "Compare Optimizers": AdamW, Lion, SignSGDM, SGDM and Muon at the config's settings (same lr, β1, β2,
 * ε, λ, schedule, batch and noise scale; each optimizer's own weight-decay semantics as torch applies it),
 * every number from `predict` and every curve from core/theory. Pure.
 */
import { defaultPredictionInput, predict } from '../../core/theory/predict';
import { etaStarVsBatch, weightRmsAtSteps } from '../../core/theory/curves';
import type { OptimizerKind } from '../../core/hyperparams';
import type { PredictionInput } from '../../core/prediction';
import { noteText } from '../../core/prediction-notes';
import type { ReportChart, ReportDocument, ReportSeries } from '../../core/webview-messages';
import { formatCount, formatNumber } from '../format';
import { OPTIMIZER_DISPLAY_NAMES } from '../optimizer-names';
import { batchAxis } from './charts';

export const COMPARED: readonly OptimizerKind[] = ['adamw', 'lion', 'signsgdm', 'sgd', 'muon'];
/** Muon needs a matrix shape; without one the comparison uses a square hidden-layer matrix. */
export const COMPARE_MUON_SHAPE: [number, number] = [1024, 1024];

/** The config's settings carried over to `kind`; β1 is also the momentum of SGDM and Muon. */
export function matchedInput(base: PredictionInput, kind: OptimizerKind): PredictionInput {
  const own = defaultPredictionInput({ optimizer: kind });
  return {
    ...base,
    optimizer: kind,
    weightDecaySemantics: own.weightDecaySemantics,
    momentum: kind === 'sgd' || kind === 'muon' ? base.beta1 : own.momentum,
    nesterov: own.nesterov,
    dampening: 0,
    shape: kind === 'muon' ? (base.shape ?? COMPARE_MUON_SHAPE) : base.shape,
  };
}

function points(xs: readonly number[], ys: ArrayLike<number>): ReportSeries['points'] {
  return xs.flatMap((x, i) => {
    const y = ys[i];
    return y !== undefined && Number.isFinite(y) ? [{ x, y }] : [];
  });
}

export function compareReport(base: PredictionInput, title: string): ReportDocument {
  const inputs = COMPARED.map((kind) => matchedInput(base, kind));
  const predictions = inputs.map((input) => predict(input));
  const rows = inputs.map((input, i) => {
    const p = predictions[i]!;
    return [
      OPTIMIZER_DISPLAY_NAMES[input.optimizer], formatNumber(p.updateRms), formatNumber(p.weightRms.steady), formatNumber(p.weightRms.atEnd),
      formatCount(p.equilibriumSteps), formatCount(p.surge.threshold), formatCount(p.surge.peakBatch), formatNumber(p.surge.etaStarRelative),
    ];
  });
  const charts: ReportChart[] = [];
  const batches = batchAxis(base);
  const etaSeries = inputs.flatMap((input) => {
    const curves = etaStarVsBatch(input, batches);
    return curves ? [{ label: OPTIMIZER_DISPLAY_NAMES[input.optimizer], kind: 'theory' as const, points: points(batches, curves.optimizer) }] : [];
  });
  if (etaSeries.length > 0) {
    charts.push({
      id: 'compare-eta-star', title: 'Optimal learning rate vs batch size', x: { label: 'batch size B', scale: 'log' },
      y: { label: 'η*(B) / η*max', scale: 'linear' }, series: etaSeries,
      markers: base.batchSize !== null ? [{ x: base.batchSize, label: `configured B = ${formatCount(base.batchSize)}` }] : [],
      source: 'science.md §3.2, §3.5',
    });
  }
  if (base.steps !== null) {
    const count = Math.min(200, base.steps);
    const steps = Array.from({ length: count }, (_, i) => Math.max(1, Math.round(((i + 1) * base.steps!) / count)));
    const weightSeries = inputs.flatMap((input) => {
      const values = weightRmsAtSteps(input, steps);
      return values ? [{ label: OPTIMIZER_DISPLAY_NAMES[input.optimizer], kind: 'theory' as const, points: points(steps, values) }] : [];
    });
    if (weightSeries.length > 0) {
      charts.push({
        id: 'compare-weight-rms', title: `Weight RMS under the ${base.schedule} schedule`, x: { label: 'step', scale: 'linear' },
        y: { label: 'weight RMS', scale: 'linear' }, series: weightSeries, markers: [], source: 'science.md §2.4, §2.5',
      });
    }
  }
  const notes = [
    `Matched settings: lr ${formatNumber(base.lr)}, β1 ${formatNumber(base.beta1)} (also SGDM's and Muon's momentum), β2 ${formatNumber(base.beta2)}, λ ${formatNumber(base.weightDecay)}, ${base.schedule} schedule${base.steps !== null ? ` over ${formatCount(base.steps)} steps` : ''}${base.batchSize !== null ? `, batch ${formatCount(base.batchSize)}` : ''}${base.noiseScale !== null ? `, B_simple ${formatCount(base.noiseScale)}` : ''}.`,
    'Each optimizer applies weight decay as its torch implementation does: torch SGD\'s weight_decay is coupled L2, so science.md §2 gives SGDM no weight RMS.',
    ...(base.shape === null ? [`Muon is evaluated on a ${COMPARE_MUON_SHAPE.join('×')} matrix.`] : []),
    ...new Set(predictions.flatMap((p, i) => p.notes.map((n) => `${OPTIMIZER_DISPLAY_NAMES[inputs[i]!.optimizer]}: ${noteText(n, 'editor')}`))),
  ];
  return {
    kind: 'compare',
    title: `Compare optimizers · ${title}`,
    subtitle: COMPARED.map((k) => OPTIMIZER_DISPLAY_NAMES[k]).join(', '),
    tables: [{
      title: 'Predictions at matched settings',
      columns: ['optimizer', 'update RMS', 'weight RMS (equilibrium)', 'weight RMS (end)', 'τ (steps)', 'Surge threshold', 'Surge peak', 'η*(B)/η*max'],
      rows,
    }],
    charts,
    findings: [],
    notes,
  };
}
