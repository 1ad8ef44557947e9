/**
 * Carrying a learning rate from one optimizer to another so that a comparison is fair: the conventions
 * people use (Lion's lr ≈ AdamW's /3–10, Muon's "match_rms_adamw") all match the size of one step, lr × the
 * update RMS. OptLens does exactly that with its own update-RMS predictions (science.md §1.1 Adam √k, §1.4
 * sign updates 1 and SGDM in gradient units, §3.5 Muon with its shape scale and Newton–Schulz shortfall), as
 * science.md §8.3 does for Muon, and keeps the decay per step η·λ where decay is decoupled, so the weight-RMS
 * timescale τ = 1/(ηλ) (§2.1) is unchanged: Lion's "λ 3–10× larger" convention. The conversion itself is
 * step-match.ts; this module picks the two update RMS from `predict` and names the rule.
 */
import type { PredictionInput } from '../prediction';
import { predict } from './predict';
import { matchStepAndDecay } from './step-match';

export type LrTransferRule =
  /** Same optimizer family and update size: nothing to map. */
  | 'same'
  /** lr × RMS(u_from) / RMS(u_to); λ × lr_from / lr_to where decay is decoupled. */
  | 'update-rms'
  /** The target's update RMS is not known (SGD without the gradient scale ‖G‖/√N): lr carried over as it is. */
  | 'unmapped';

export interface LrTransfer {
  lr: number;
  weightDecay: number;
  rule: LrTransferRule;
  /** lr_to / lr_from, when mapped. */
  ratio: number | null;
  /** The update RMS per unit lr on each side (science.md §1), when known. */
  fromUpdateRms: number | null;
  toUpdateRms: number | null;
}

/** Stationary update RMS (the schedule does not enter it; steps dropped: that part of predict is O(T)). */
function updateRmsOf(input: PredictionInput): number | null {
  const rms = predict({ ...input, steps: null }).updateRms;
  return rms !== null && Number.isFinite(rms) && rms > 0 ? rms : null;
}

/**
 * `to` with the lr and λ that give it the step size and decay per step of `from` (science.md §1, §2.1, §8.3).
 * `to` carries every other setting already (β's, schedule, batch, shape, gradient scale).
 */
export function transferLearningRate(from: PredictionInput, to: PredictionInput): LrTransfer {
  const fromRms = updateRmsOf(from);
  const toRms = updateRmsOf(to);
  if (fromRms === null || toRms === null) {
    return { lr: from.lr, weightDecay: from.weightDecay, rule: 'unmapped', ratio: null, fromUpdateRms: fromRms, toUpdateRms: toRms };
  }
  const ratio = fromRms / toRms;
  if (Math.abs(ratio - 1) < 1e-12) {
    return { lr: from.lr, weightDecay: from.weightDecay, rule: 'same', ratio: 1, fromUpdateRms: fromRms, toUpdateRms: toRms };
  }
  const { lr, weightDecay } = matchStepAndDecay(
    { lr: from.lr, weightDecay: from.weightDecay, updateRms: fromRms, weightDecaySemantics: from.weightDecaySemantics },
    { updateRms: toRms, weightDecaySemantics: to.weightDecaySemantics },
  );
  return { lr, weightDecay, rule: 'update-rms', ratio, fromUpdateRms: fromRms, toUpdateRms: toRms };
}
