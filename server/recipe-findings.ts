/**
 * The recipe checks (science.md §8): each a finding at the value it is about, with a quick fix where one
 * literal can be changed safely. The numbers come from the optimizer's `recipe` and `predictionInput`,
 * computed once per analysis.
 */
import type { OptimizerAnalysis } from '../core/analysis';
import type { Finding, Fix, HyperparameterName } from '../core/hyperparams';
import { shrinksAtEnd } from '../core/theory/recipe/decay-over-run';
import { POWER_LINES_TAU } from '../core/theory/recipe/timescale';
import type { FindingContext } from './prediction-findings';
import { numericValue } from './prediction-input';
import { WEIGHT_DECAY_SCHEDULE_OPTIONS } from './recipe-facts';
import { ecosystemTable } from './extract/ecosystems/index';

export const RECIPE_FINDING_CODES = {
  weightDecayTimescale: 'weight-decay-timescale',
  weightNormShrinksAtEnd: 'weight-norm-shrinks-at-end',
  batchNotDivisible: 'batch-not-divisible',
  warmupLongerThanRun: 'warmup-longer-than-run',
  warmupMostOfRun: 'warmup-most-of-run',
  beta1AboveSqrtBeta2: 'beta1-above-sqrt-beta2',
  lrBatchScaling: 'lr-batch-scaling',
} as const;

const sig = (n: number): string =>
  (Number.isInteger(n) && Math.abs(n) < 1e6 ? String(n) : String(Number(n.toPrecision(3))));
const percent = (x: number): string => `${sig(100 * x)}%`;

function at(opt: OptimizerAnalysis, name: HyperparameterName): Pick<Finding, 'line' | 'span'> {
  const v = opt.hyperparameters[name];
  return v?.span ? { line: v.line, span: v.span } : { line: opt.line, span: opt.span };
}

function written(opt: OptimizerAnalysis, name: HyperparameterName): number | null {
  const v = opt.hyperparameters[name];
  return v && v.source === 'written' ? numericValue(v) : null;
}

function timescaleFinding(opt: OptimizerAnalysis, index: number, ctx: FindingContext): Finding[] {
  const t = opt.recipe?.timescale;
  if (!t || t.verdict === null || t.verdict === 'within' || t.tauIter === null) return [];
  const where = t.guideline === 'epochs'
    ? `τ = ${sig(t.tauEpoch ?? 0)} epochs, ${t.verdict === 'short' ? 'under one epoch' : 'longer than the whole run'}` +
      ' (Wang & Aitchison 2025 found the best τ between about one epoch and the number of epochs)'
    : `τ = ${percent(t.tauEma ?? 0)} of the run, where Power Lines' fit for ${sig(t.tokensPerParameter ?? 0)} tokens per parameter` +
      ` is ${percent(t.tauEmaOptimal ?? 0)} (${POWER_LINES_TAU.source.split(':')[0]})`;
  const meaning = t.verdict === 'short'
    ? 'the weights forget faster than the recommended timescale'
    : 'weight decay barely acts in this run';
  const fixes: Fix[] = [];
  const lambda = t.recommendedWeightDecay;
  if (lambda !== null && opt.hyperparameters.weightDecay?.span) {
    const rounded = Number(lambda.toPrecision(2));
    const replacements = ctx.edit(index, 'weightDecay', rounded);
    if (replacements) fixes.push({ title: `Set weight decay to ${rounded} (τ at the recommended value; changes the regularisation of the whole run)`, replacements });
  }
  return [{
    code: RECIPE_FINDING_CODES.weightDecayTimescale,
    severity: 'information',
    message: `The weights average over the last ${sig(t.tauIter)} steps: ${where}, so ${meaning}` +
      (lambda !== null ? `; λ ≈ ${sig(lambda)} would put it there.` : '.') + ' (science.md §8.1)',
    ...at(opt, 'weightDecay'),
    optimizerIndex: index,
    ...(fixes.length > 0 ? { fixes } : {}),
  }];
}

function shrinkFinding(opt: OptimizerAnalysis, index: number, ecosystem: string): Finding[] {
  const curve = opt.recipe?.weightDecayOverRun;
  if (!curve || !shrinksAtEnd(curve)) return [];
  const option = WEIGHT_DECAY_SCHEDULE_OPTIONS[ecosystem];
  const how = option
    ? ` ${option.name} can do it: ${option.how}.`
    : ' This framework has no weight-decay schedule option that OptLens knows of; it takes a per-step λ in the training loop.';
  return [{
    code: RECIPE_FINDING_CODES.weightNormShrinksAtEnd,
    severity: 'information',
    message: `The run is ${sig(curve.runOverTau)}× the weight-decay timescale, so as the learning rate decays the weight RMS ` +
      `falls to ${percent(curve.endOverPeak)} of its peak by the end (the gradient norm tends to rise then). ` +
      `Decaying λ with the learning rate (λ_t ∝ η_t, Defazio 2025, arXiv 2506.02285) keeps it level.${how} (science.md §8.4)`,
    ...at(opt, 'weightDecay'),
    optimizerIndex: index,
  }];
}

function batchFinding(opt: OptimizerAnalysis, index: number, ecosystem: string, worldSize: number | undefined): Finding[
  ] {
  const global = written(opt, 'globalBatchSize');
  const micro = written(opt, 'microBatchSize');
  if (global === null || micro === null || micro <= 0) return [];
  // A global batch of prompts and a micro batch of sequences are counted in different units.
  if (ecosystemTable(ecosystem)?.batch.globalUnit === 'prompts') return [];
  const accum = written(opt, 'gradAccum');
  const perRank = micro * (accum ?? 1);
  const formed = worldSize !== undefined ? perRank * worldSize : null;
  const divisible = Number.isInteger(global / perRank);
  if (divisible && (formed === null || formed === global)) return [];
  const product = `${sig(micro)}${accum !== null ? ` × ${sig(accum)}` : ''}`;
  const problem = !divisible
    ? `no data-parallel size makes micro batch × accumulation = ${product} add up to the global batch ${sig(global)}`
    : `micro batch × accumulation × data-parallel size = ${product} × ${worldSize} = ${sig(formed ?? 0)}, not ${sig(global)}`;
  const framework = ecosystem === 'deepspeed'
    ? ' DeepSpeed stops at start-up: "Check batch related parameters. train_batch_size is not equal to micro_batch_per_gpu' +
      ' * gradient_acc_step * world_size".'
    : '';
  return [{
    code: RECIPE_FINDING_CODES.batchNotDivisible,
    severity: 'error',
    message: `The batch sizes do not fit together: ${problem}.${framework}`,
    ...at(opt, 'globalBatchSize'),
    optimizerIndex: index,
  }];
}

/** Whether the run sets one of these values: the prediction input then holds a default standing in for it. */
function setAtRunTime(opt: OptimizerAnalysis, ...names: HyperparameterName[]): boolean {
  return names.some((name) => opt.hyperparameters[name]?.runtime !== undefined);
}

function warmupFinding(opt: OptimizerAnalysis, index: number): Finding[] {
  const input = opt.predictionInput;
  if (!input || input.steps === null || input.warmupSteps <= 0 || opt.hyperparameters.warmupSteps?.source === 'default') return [];
  const share = input.warmupSteps / input.steps;
  if (share >= 1) {
    return [{
      code: RECIPE_FINDING_CODES.warmupLongerThanRun,
      severity: 'warning',
      message: `Warmup (${sig(input.warmupSteps)} steps) is at least as long as the run (${sig(input.steps)} steps): ` +
        'the learning rate never reaches its peak and the schedule after warmup never runs.',
      ...at(opt, 'warmupSteps'),
      optimizerIndex: index,
    }];
  }
  if (share <= 0.5) return [];
  return [{
    code: RECIPE_FINDING_CODES.warmupMostOfRun,
    severity: 'information',
    message: `Warmup takes ${percent(share)} of the run (${sig(input.warmupSteps)} of ${sig(input.steps)} steps): ` +
      'most steps run below the peak learning rate.',
    ...at(opt, 'warmupSteps'),
    optimizerIndex: index,
  }];
}

function betaFinding(opt: OptimizerAnalysis, index: number): Finding[] {
  const input = opt.predictionInput;
  if (!input || (input.optimizer !== 'adamw' && input.optimizer !== 'adam')) return [];
  if (!opt.hyperparameters.beta1 && !opt.hyperparameters.beta2) return [];
  if (setAtRunTime(opt, 'beta1', 'beta2')) return [];
  const root = Math.sqrt(input.beta2);
  if (!(input.beta1 > root) || input.beta2 >= 1) return [];
  return [{
    code: RECIPE_FINDING_CODES.beta1AboveSqrtBeta2,
    severity: 'information',
    message: `β1 = ${input.beta1} is above √β2 = ${sig(root)}: the momentum remembers longer than the second moment ` +
      'normalises, so a single coordinate\'s step is no longer bounded by (1−β1)/√(1−β2)·1/(1−β1/√β2), the condition ' +
      'of the standard Adam analyses; rare large gradients can give steps far above the usual update size.',
    ...at(opt, opt.hyperparameters.beta1 ? 'beta1' : 'beta2'),
    optimizerIndex: index,
  }];
}

function batchScalingFinding(opt: OptimizerAnalysis, index: number): Finding[] {
  const check = opt.recipe?.batchScaling;
  // followsARule is null (unknown) when the lr is set at run time: no verdict either way.
  if (!check || check.followsARule !== false || !opt.predictionInput || setAtRunTime(opt, 'lr')) return [];
  const r = check.reference;
  return [{
    code: RECIPE_FINDING_CODES.lrBatchScaling,
    severity: 'information',
    message: `Against ${r.family} (lr ${sig(r.lr)} at ${sig(r.batchTokens / 1e6)}M tokens per step, ${r.source.split(',')[0]}), ` +
      `this batch is ${sig(check.batchRatio)}× larger; scaling the lr with it gives ${sig(check.linearLr)} (linear) or ` +
      `${sig(check.sqrtLr)} (square root), and lr ${sig(opt.predictionInput.lr)} follows neither within a factor 2. (science.md §8.5)`,
    ...at(opt, 'lr'),
    optimizerIndex: index,
  }];
}

/** Every recipe finding for one optimizer. */
export function recipeFindings(
  opt: OptimizerAnalysis,
  index: number,
  ctx: FindingContext & { ecosystem: string; worldSize?: number },
): Finding[] {
  return [
    ...batchFinding(opt, index, ctx.ecosystem, ctx.worldSize),
    ...warmupFinding(opt, index),
    ...betaFinding(opt, index),
    ...timescaleFinding(opt, index, ctx),
    ...shrinkFinding(opt, index, ctx.ecosystem),
    ...batchScalingFinding(opt, index),
  ];
}
