/**
 * "Compare Optimizers": AdamW, Lion, SignSGDM, SGDM and Muon at the config's settings (same β1, β2, ε,
 * schedule, batch and noise scale; each optimizer's own weight-decay semantics as torch applies it), each at
 * the learning rate its convention maps the config's to: the same step size lr × update RMS, and the same
 * decay per step (core/theory/lr-transfer.ts). Every number from `predict`, every curve from core/theory. Pure.
 */
import { defaultPredictionInput, predict } from '../../core/theory/predict';
import { etaStarVsBatch, weightRmsAtSteps } from '../../core/theory/curves';
import { transferLearningRate, type LrTransfer } from '../../core/theory/lr-transfer';
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

/** The config's settings carried over to `kind` at the config's own lr; β1 is also the momentum of SGDM and Muon. */
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

/** `kind` at the config's settings and at the lr (and λ) its convention maps the config's to. */
export function mappedInput(base: PredictionInput, kind: OptimizerKind): {
  input: PredictionInput; transfer: LrTransfer } {
  const matched = matchedInput(base, kind);
  const transfer = transferLearningRate(base, matched);
  return { input: { ...matched, lr: transfer.lr, weightDecay: transfer.weightDecay }, transfer };
}

/** How one optimizer's lr was chosen, in words. */
function mappingNote(name: string, t: LrTransfer, base: PredictionInput): string {
  if (t.rule === 'same') return `${name}: the config's lr ${formatNumber(base.lr)} (same update size).`;
  if (t.rule === 'unmapped') {
    return `${name}: the config's lr ${formatNumber(base.lr)}, not mapped: its update size is in gradient units and needs the ` +
      'gradient scale ‖G‖/√N (set the gradient norm and parameter count in OptLens\'s settings).';
  }
  return `${name}: lr ${formatNumber(t.lr)} = ${formatNumber(base.lr)} × ${formatNumber(t.ratio)} (update RMS ` +
    `${formatNumber(t.fromUpdateRms)} → ${formatNumber(t.toUpdateRms)} per unit lr, so each step moves the weights as much)` +
    (t.weightDecay !== base.weightDecay ? `; λ ${formatNumber(t.weightDecay)}, keeping the decay per step and τ.` : '.');
}

function points(xs: readonly number[], ys: ArrayLike<number>): ReportSeries['points'] {
  return xs.flatMap((x, i) => {
    const y = ys[i];
    return y !== undefined && Number.isFinite(y) ? [{ x, y }] : [];
  });
}

export function compareReport(base: PredictionInput, title: string): ReportDocument {
  const mapped = COMPARED.map((kind) => mappedInput(base, kind));
  const inputs = mapped.map((m) => m.input);
  const predictions = inputs.map((input) => predict(input));
  const rows = inputs.map((input, i) => {
    const p = predictions[i];
    return [
      OPTIMIZER_DISPLAY_NAMES[input.optimizer], formatNumber(input.lr), formatNumber(input.weightDecay),
        formatNumber(p.updateRms), formatNumber(p.weightRms.steady), formatNumber(p.weightRms.atEnd),
      formatCount(p.equilibriumSteps), formatCount(p.surge.threshold), formatCount(p.surge.peakBatch),
        formatNumber(p.surge.etaStarRelative),
    ];
  });
  const charts: ReportChart[] = [];
  const batches = batchAxis(base);
  const etaSeries = inputs.flatMap((input) => {
    const curves = etaStarVsBatch(input, batches);
    return curves ? [{ label: OPTIMIZER_DISPLAY_NAMES[input.optimizer], kind: 'theory' as const, optimizer: input.optimizer, points: points(batches, curves.optimizer) }] : [];
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
      return values ? [{ label: OPTIMIZER_DISPLAY_NAMES[input.optimizer], kind: 'theory' as const, optimizer: input.optimizer, points: points(steps, values) }] : [];
    });
    if (weightSeries.length > 0) {
      charts.push({
        id: 'compare-weight-rms', title: `Weight RMS under the ${base.schedule} schedule`, x: { label: 'step', scale: 'linear' },
        y: { label: 'weight RMS', scale: 'linear' }, series: weightSeries, markers: [], source: 'science.md §2.4, §2.5',
      });
    }
  }
  const notes = [
    'Learning rates mapped by update-RMS matching: each optimizer gets the lr at which one step moves the weights as ' +
      `much as the config's does (lr × update RMS, science.md §1, §8.3); where weight decay is decoupled, λ keeps the decay per step (τ = 1/(ηλ), §2.1).`,
    ...mapped.map((m) => mappingNote(OPTIMIZER_DISPLAY_NAMES[m.input.optimizer], m.transfer, base)),
    `Matched settings: β1 ${formatNumber(base.beta1)} (also SGDM's and Muon's momentum), β2 ${formatNumber(base.beta2)}, λ ${formatNumber(base.weightDecay)}, ${base.schedule} schedule${base.steps !== null ? ` over ${formatCount(base.steps)} steps` : ''}${base.batchSize !== null ? `, batch ${formatCount(base.batchSize)}` : ''}${base.noiseScale !== null ? `, B_simple ${formatCount(base.noiseScale)}` : ''}.`,
    'Each optimizer applies weight decay as its torch implementation does: torch SGD\'s weight_decay is coupled L2, so science.md §2 gives SGDM no weight RMS.',
    ...(base.shape === null ? [`Muon is evaluated on a ${COMPARE_MUON_SHAPE.join('×')} matrix.`] : []),
    ...new Set(predictions.flatMap((p, i) => p.notes.map((n) => `${OPTIMIZER_DISPLAY_NAMES[inputs[i].optimizer]}: ${noteText(n, 'editor')}`))),
  ];
  return {
    kind: 'compare',
    title: `Compare optimizers · ${title}`,
    subtitle: COMPARED.map((k) => OPTIMIZER_DISPLAY_NAMES[k]).join(', '),
    tables: [{
      title: 'Predictions at matched settings, each at its mapped learning rate',
      columns: ['optimizer', 'lr (mapped)', 'λ (mapped)', 'update RMS', 'weight RMS (equilibrium)', 'weight RMS (end)', 'τ (steps)', 'Surge threshold', 'Surge peak', 'η*(B)/η*max'],
      rows,
    }],
    charts,
    findings: [],
    notes,
  };
}
