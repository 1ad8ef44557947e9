/**
 * A simulation beside the prediction for the same settings (science.md §5: "show the formula,
 * the simulation and their gap side by side"). Used by `optlens simulate` and the playground.
 */
import type { Prediction, PredictionInput } from '../prediction';
import { predict, weightRmsAtSteps } from '../theory/predict';
import type { SimulationResult } from './types';

export interface TheoryComparison {
  prediction: Prediction;
  /** The predicted values compared: weight RMS at the end of the run (§2.4), else at equilibrium. */
  updateRms: number | null;
  weightRms: number | null;
  /** simulated / predicted − 1. */
  gap: { updateRms: number | null; weightRms: number | null };
  /**
   * Sign-type optimizers: at SNR 0 the arcsine-law value (§2.5, §2.6's exact form at SNR 0); at any SNR the seed's
   * mean field, beside the simulation.
   */
  arcsineWeightRms: number | null;
  meanFieldWeightRms: number | null;
}

/** simulated / predicted − 1, or null when either side is missing. */
export function relativeGap(simulated: number, predicted: number | null): number | null {
  return predicted !== null && predicted !== 0 && Number.isFinite(simulated) ? simulated / predicted - 1 : null;
}

/**
 * `input.steps` is the run's length T; the weight RMS is predicted at the last simulated step
 * under the whole schedule (§2.4), so an interrupted run compares with the right point.
 */
export function compareWithTheory(input: PredictionInput, result: SimulationResult): TheoryComparison {
  const prediction = predict(input);
  const at = result.stepsDone > 0 ? weightRmsAtSteps(input, [result.stepsDone]) : null;
  const weightRms = at?.[0] ?? prediction.weightRms.atEnd ?? prediction.weightRms.steady;
  const sign = input.optimizer === 'signsgd' || input.optimizer === 'signsgdm' || input.optimizer === 'lion';
  return {
    prediction,
    updateRms: prediction.updateRms,
    weightRms,
    gap: { updateRms: relativeGap(result.updateRms, prediction.updateRms),
      weightRms: relativeGap(result.weightRms, weightRms) },
    arcsineWeightRms: sign && input.snr === 0 ? prediction.weightRms.steady : null,
    meanFieldWeightRms: sign ? prediction.weightRms.meanField : null,
  };
}
