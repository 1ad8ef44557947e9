/**
 * `recipeOf`: the recipe numbers for one optimizer (science.md §8), from the same `PredictionInput` as the
 * prediction plus what only the file or the user can say (dataset size, tokens, parameters).
 */
import type { PredictionInput } from '../../prediction';
import type { MuonRecipe, Recipe, RecipeContext, ScalingLawComparison, TimescaleRecipe } from '../../recipe';
import { newtonSchulzGain } from '../muon';
import { adamUpdateRms } from '../update-rms';
import { decayPerStep, isDecoupled } from '../weight-decay';
import { weightDecayOverRun } from './decay-over-run';
import {
  ADAMW_DECAY, convertAdamWToMuon, MUON_DECAY, type MuonConvention, muonConventionUpdateRms,
} from './muon-conventions';
import { matchStepAndDecay } from '../step-match';
import { batchScalingCheck } from './reference-recipes';
import { DEEPSEEK_LLM, deepseekOptimum, flopsPerTokenFromParams, STEP_LAW, stepLawOptimum } from './scaling-laws';
import {
  EPOCH_GUIDELINE, optimalTauEma, placeInBand, POWER_LINES_MIN_TPP, POWER_LINES_TAU, tauEma, tauEpoch, tauIter,
} from './timescale';

export const RECIPE_SOURCES = {
  tauIter: 'science.md §8.1 (τ_iter = 1/(ηλ))',
  tauEpoch: `science.md §8.1; ${EPOCH_GUIDELINE.source}`,
  tauEma: `science.md §8.1; ${POWER_LINES_TAU.source}`,
  scalingLaws: 'science.md §8.2',
  muon: 'science.md §8.3',
  weightDecayOverRun: 'science.md §8.4',
  batchScaling: 'science.md §8.5; Brown et al. 2020 Table 2.1',
} as const;

/**
 * OptLens's band around Power Lines' optimum: a factor 2 either side. The paper reports the fit, not a tolerance;
 * a factor 2 in τ is a factor 2 in λ, the usual step of a λ sweep, so inside it the config is "near the fit".
 */
const POWER_LINES_BAND = { low: 0.5, high: 2 } as const;

/** Decay per step at the peak lr for λ = 1 (so that λ_needed = 1/(τ·a)); 0 when nothing decays. */
function decayPerUnitLambda(input: PredictionInput): number {
  if (!isDecoupled(input.weightDecaySemantics)) return 0;
  return decayPerStep(input.weightDecaySemantics, input.lr, input.lr, 1);
}

function timescaleOf(input: PredictionInput, ctx: RecipeContext): TimescaleRecipe {
  const perLambda = decayPerUnitLambda(input);
  const iter = tauIter(perLambda * input.weightDecay);
  const missing: string[] = [];
  if (iter === null) missing.push(perLambda === 0 ? 'decoupled weight decay' : 'a weight decay above 0');
  const epoch = iter !== null && ctx.datasetSamples !== null && ctx.batchSamples !== null
    ? tauEpoch(iter, ctx.batchSamples, ctx.datasetSamples) : null;
  if (iter !== null && ctx.datasetSamples === null) missing.push('the dataset size');
  const ema = iter !== null && input.steps !== null ? tauEma(iter, input.steps) : null;
  if (iter !== null && input.steps === null) missing.push('the run length');
  const tpp = ctx.tokens !== null && ctx.params !== null ? ctx.tokens / ctx.params : null;
  if (ctx.params === null) missing.push('the parameter count');
  const result: TimescaleRecipe = {
    tauIter: iter, tauEpoch: epoch, tauEma: ema, tokensPerParameter: tpp,
      tauEmaOptimal: tpp !== null ? optimalTauEma(tpp) : null,
    guideline: null, verdict: null, recommendedWeightDecay: null, missing,
  };
  const lambdaFor = (targetTauIter: number) => 1 / (targetTauIter * perLambda);
  if (epoch !== null && ctx.epochs !== null && ctx.epochs > 1 && ctx.datasetSamples !== null &&
    ctx.batchSamples !== null) {
    result.guideline = 'epochs';
    result.verdict = placeInBand(epoch, 1, ctx.epochs);
    const target = result.verdict === 'short' ? 1 : ctx.epochs;
    if (result.verdict !== 'within') result.recommendedWeightDecay = lambdaFor((target * ctx.datasetSamples) / ctx.batchSamples);
  } else if (ema !== null && result.tauEmaOptimal !== null && input.steps !== null &&
    (tpp ?? 0) >= POWER_LINES_MIN_TPP) {
    result.guideline = 'power-lines';
    result.verdict = placeInBand(ema / result.tauEmaOptimal, POWER_LINES_BAND.low, POWER_LINES_BAND.high);
    if (result.verdict !== 'within') result.recommendedWeightDecay = lambdaFor(result.tauEmaOptimal * input.steps);
  }
  return result;
}

function scalingLawsOf(input: PredictionInput, ctx: RecipeContext): {
  laws: ScalingLawComparison[]; missing: string[] } {
  const missing: string[] = [];
  if (ctx.params === null) missing.push('the parameter count');
  if (ctx.tokens === null) missing.push('the training tokens');
  if (ctx.params === null || ctx.tokens === null) return { laws: [], missing };
  const N = ctx.params;
  const D = ctx.tokens;
  const compare = (lr: number, batchTokens: number) => ({
    lr, batchTokens, lrRatio: input.lr / lr,
      batchRatio: ctx.tokensPerStep !== null ? ctx.tokensPerStep / batchTokens : null,
  });
  const C = flopsPerTokenFromParams(N) * D;
  const deepseek = deepseekOptimum(C);
  const step = stepLawOptimum(N, D);
  return {
    laws: [
      { ...DEEPSEEK_LLM, ...compare(deepseek.lr, deepseek.batchTokens), inputs: `C = 6N·D = ${C.toPrecision(3)} FLOPs` },
      { ...STEP_LAW, ...compare(step.lr, step.batchTokens), inputs: `N = ${N.toPrecision(3)}, D = ${D.toPrecision(3)} tokens` },
    ],
    missing,
  };
}

/** AdamW's reference update RMS for conversions: β1 = 0.9 at the input's SNR (science.md §1.1). */
const ADAMW_REFERENCE_BETA1 = 0.9;

function muonOf(input: PredictionInput): MuonRecipe | null {
  if (input.shape === null) return null;
  const [dOut, dIn] = input.shape;
  const adamRms = adamUpdateRms({ beta1: ADAMW_REFERENCE_BETA1, snr: input.snr });
  let inUse: MuonConvention | null = null;
  let adamw = { lr: input.lr, weightDecay: input.weightDecay, updateRms: adamRms };
  if (input.optimizer === 'muon') {
    inUse = input.muonAdjustLr === 'original' ? 'keller-jordan' : 'moonlight';
    // The file's Muon step expressed as the AdamW step of the same size, then converted to every convention.
    const muon = { lr: input.lr, weightDecay: input.weightDecay, weightDecaySemantics: MUON_DECAY,
      updateRms: muonConventionUpdateRms(inUse, dOut, dIn) };
    const { lr, weightDecay } = matchStepAndDecay(muon, { updateRms: adamRms, weightDecaySemantics: ADAMW_DECAY });
    adamw = { lr, weightDecay, updateRms: adamRms };
  }
  return {
    shape: [dOut, dIn], inUse, conversions: convertAdamWToMuon(adamw, dOut, dIn),
    newtonSchulzGain: newtonSchulzGain([dOut, dIn]),
  };
}

/**
 * Which costly parts to compute. The weight RMS over the run evaluates §2.4 along the whole schedule (linear in the
 * steps: ~0.2 s for 600k); the playground's Recipe panel, recomputed on every slider move, does not show it.
 */
export interface RecipeParts {
  weightDecayOverRun?: boolean;
}

export function recipeOf(input: PredictionInput, ctx: RecipeContext, parts: RecipeParts = {}): Recipe {
  const { laws, missing } = scalingLawsOf(input, ctx);
  return {
    timescale: timescaleOf(input, ctx),
    scalingLaws: laws,
    scalingLawsMissing: missing,
    muon: muonOf(input),
    weightDecayOverRun: parts.weightDecayOverRun === false ? null : weightDecayOverRun(input),
    batchScaling: ctx.params !== null &&
      ctx.tokensPerStep !== null ? batchScalingCheck(input.lr, ctx.tokensPerStep, ctx.params) : null,
    sources: { ...RECIPE_SOURCES },
    context: ctx,
  };
}
