/**
 * Carrying a recipe to an optimizer whose learning rate means something else (science.md §8.3): keep the size of
 * one step, lr × update RMS (science.md §1), and keep the decay per step, so that the weight-RMS equilibrium and
 * its timescale 1/(ηλ) (science.md §2.1) are unchanged. Muon's conventions, the Recipe's Muon rows and Compare
 * Optimizers all convert with this one function.
 */
import type { WeightDecaySemantics } from '../hyperparams';
import { decayPerStep, isDecoupled } from './weight-decay';

/** One side of a conversion: its update RMS per unit lr and how its λ enters (science.md §0.2). */
export interface StepRule {
  updateRms: number;
  weightDecaySemantics: WeightDecaySemantics;
}

export interface StepRecipe extends StepRule {
  lr: number;
  weightDecay: number;
}

export interface MatchedStep {
  lr: number;
  weightDecay: number;
  /** Whether λ was converted (both sides decay decoupled); otherwise it is carried over as written. */
  decayKept: boolean;
}

/**
 * The lr and λ for `to` that give it the step size and the decay per step of `from` (science.md §8.3):
 * η_to = η_from·RMS_from/RMS_to, and λ_to such that δ_to(η_to, λ_to) = δ_from(η_from, λ_from), each side's δ by its
 * own decay rule at the peak lr. A coupled-L2 λ is a gradient term, not a per-step decay: it stays as written.
 */
export function matchStepAndDecay(from: StepRecipe, to: StepRule): MatchedStep {
  const lr = (from.lr * from.updateRms) / to.updateRms;
  const toDecayPerLambda = decayPerStep(to.weightDecaySemantics, lr, lr, 1);
  const decayKept = isDecoupled(from.weightDecaySemantics) && isDecoupled(to.weightDecaySemantics) &&
    toDecayPerLambda > 0;
  if (!decayKept) return { lr, weightDecay: from.weightDecay, decayKept };
  const fromDecay = decayPerStep(from.weightDecaySemantics, from.lr, from.lr, from.weightDecay);
  return { lr, weightDecay: fromDecay / toDecayPerLambda, decayKept };
}
