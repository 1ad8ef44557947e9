/**
 * Where a fact about an optimizer is shown in the file: the value a prediction is about. One place per fact,
 * so the Surge hint, the Surge hover and the Surge notes all sit on the key that forms the global batch, and a
 * note about the weight RMS appears once, on weight decay, not on every value.
 */
import type { OptimizerAnalysis } from '../../core/analysis';
import type { HyperparameterName, Span } from '../../core/hyperparams';
import type { NoteTopic } from '../../core/prediction-notes';

const isWritten = (opt: OptimizerAnalysis, name: HyperparameterName) => opt.hyperparameters[name]?.source === 'written' && opt.hyperparameters[name]?.span !== null;

/**
 * The key where the global batch is formed: the global batch itself when written, else the accumulation that
 * multiplies the micro-batch into it, else the micro-batch (the global batch is then micro × data-parallel size).
 */
export function batchAnchor(opt: OptimizerAnalysis): HyperparameterName | null {
  for (const name of ['globalBatchSize', 'gradAccum', 'microBatchSize'] as const) if (isWritten(opt, name)) return name;
  return null;
}

/** The momentum coefficient's key: SGD's and Muon's `momentum`, everyone else's β1. */
export function momentumAnchor(opt: OptimizerAnalysis): HyperparameterName | null {
  const order = opt.kind === 'sgd' || opt.kind === 'muon' ? (['momentum', 'beta1'] as const) : (['beta1', 'momentum'] as const);
  return order.find((n) => isWritten(opt, n)) ?? null;
}

/** The value each topic's facts and notes are shown on; null when the file does not write it. */
export function topicAnchor(opt: OptimizerAnalysis, topic: NoteTopic): HyperparameterName | null {
  switch (topic) {
    case 'updateRms': return momentumAnchor(opt);
    case 'weightRms': return isWritten(opt, 'weightDecay') ? 'weightDecay' : null;
    case 'surge': return batchAnchor(opt);
    case 'eps': return isWritten(opt, 'eps') ? 'eps' : null;
  }
}

/**
 * Where facts with no written anchor go: the optimizer's name when the file writes it, else the first value
 * the file writes for this optimizer. Null: the optimizer shows nowhere in the text.
 */
export function fileAnchor(opt: OptimizerAnalysis): { name: HyperparameterName | null; span: Span } | null {
  if (opt.span && opt.line !== null) return { name: null, span: opt.span };
  let best: { name: HyperparameterName; span: Span } | null = null;
  for (const [name, value] of Object.entries(opt.hyperparameters) as [HyperparameterName, NonNullable<OptimizerAnalysis['hyperparameters'][HyperparameterName]>][]) {
    if (value.source !== 'written' || !value.span) continue;
    if (!best || value.span.start < best.span.start) best = { name, span: value.span };
  }
  return best;
}
