/**
 * The AdamW timescale in the units that transfer between runs (science.md §8.1):
 * τ_iter = 1/(ηλ) steps, τ_epoch = τ_iter·B/N_data epochs (Wang & Aitchison, arXiv 2405.13698,
 * ICML 2025) and τ_EMA = τ_iter/S = B/(ηλD), the fraction of the run the weights average over
 * (Bergsma et al., "Power Lines", arXiv 2505.13738).
 *
 * With another weight-decay rule than torch AdamW's, ηλ is read as the decay per step at the peak
 * learning rate (the same δ as science.md §2.1), so τ_iter is always "steps to forget 1/e".
 */

/** Power Lines' fit of the optimal τ_EMA against tokens per parameter (arXiv 2505.13738, Fig. 1 left, R² 0.975). */
export const POWER_LINES_TAU = {
  coefficient: 1.084,
  exponent: -0.527,
  source: 'Bergsma et al. 2025, "Power Lines", arXiv 2505.13738: τ_opt = 1.084·TPP^−0.527',
  fittedOn: 'single-epoch pre-training of GPT-2-style LLMs, 111M–3.3B parameters, μP, AdamW, SlimPajama',
} as const;

/**
 * Below this tokens-per-parameter ratio OptLens does not apply Power Lines' fit: the fit comes from
 * pre-training runs, and fine-tuning runs (often under one token per parameter) sit far outside it.
 */
export const POWER_LINES_MIN_TPP = 10;

/** Wang & Aitchison's guideline: τ_epoch from about one epoch up to the number of epochs. */
export const EPOCH_GUIDELINE = {
  source: 'Wang & Aitchison 2025, arXiv 2405.13698 (ICML 2025): optimal τ_epoch is roughly constant, ~1 to #epochs',
  fittedOn: 'ResNet-18 and ViT on CIFAR-10/ImageNet, nanoGPT on OpenWebText (multi-epoch)',
} as const;

/** τ_iter = 1/δ with δ the decay per step at the peak lr (δ = ηλ for torch AdamW); null when nothing decays. */
export function tauIter(decayPerStepAtPeak: number): number | null {
  return decayPerStepAtPeak > 0 && Number.isFinite(decayPerStepAtPeak) ? 1 / decayPerStepAtPeak : null;
}

/** τ_epoch = τ_iter·B/N_data: the timescale in passes over the data (B and N_data in the same unit). */
export function tauEpoch(tauIterSteps: number, batch: number, datasetSize: number): number {
  return (tauIterSteps * batch) / datasetSize;
}

/** τ_EMA = τ_iter/S = B/(ηλD): the fraction of the whole run the weights remember. */
export function tauEma(tauIterSteps: number, totalSteps: number): number {
  return tauIterSteps / totalSteps;
}

/** Power Lines' optimal τ_EMA at a tokens-per-parameter ratio D/N. */
export function optimalTauEma(tokensPerParameter: number): number {
  return POWER_LINES_TAU.coefficient * tokensPerParameter ** POWER_LINES_TAU.exponent;
}

/**
 * The λ that gives a target τ_iter at peak lr η, for a decay rule written as δ = a·λ
 * (`decayPerUnitLambda` = a: η for torch AdamW, 1 for Composer's λ·η_t/η_0, η² for lr² rules).
 */
export function weightDecayForTauIter(targetTauIter: number, decayPerUnitLambda: number): number | null {
  if (!(targetTauIter > 0) || !(decayPerUnitLambda > 0)) return null;
  return 1 / (targetTauIter * decayPerUnitLambda);
}

export type TimescaleVerdict = 'within' | 'short' | 'long';

/** Where a value sits relative to a recommended band [low, high]. */
export function placeInBand(value: number, low: number, high: number): TimescaleVerdict {
  if (value < low) return 'short';
  if (value > high) return 'long';
  return 'within';
}
