/**
 * What a hover says about one value: the numbers that matter for it, with units and what they mean for
 * training, and the formula with this file's numbers. Every number is read from the analysis' one
 * `Prediction` (server/analyze.ts): nothing here runs the theory again. Config text never appears here
 * (only numbers and fixed wording), so none of it needs escaping; hover-content.ts escapes what does.
 */
import type { OptimizerAnalysis } from '../../core/analysis';
import type { HyperparameterName } from '../../core/hyperparams';
import type { BatchFormation, NoteCode, Prediction, PredictionInput } from '../../core/prediction';
import type { NoteTopic } from '../../core/prediction-notes';
import { UNKNOWN_AT_RUN_TIME } from '../../core/runtime-value';
import { equilibriumMatters, runDrift } from '../prediction-findings';
import { compactCount, readable, significant } from './display';

/** What the hover shows for one value. `fine` is the verdict's reason when nothing is wrong. */
export interface ValueFacts {
  lines: string[];
  /** One formula with the user's numbers, or null. */
  formula: string | null;
  /** The science reference section the facts come from (`2.4`). */
  section: string | null;
  fine: string;
  /** Notes these lines already say (the hover does not repeat them). */
  covers?: NoteCode[];
  /** How many of `lines` come before the formula (1 when absent). */
  headline?: number;
}

const s = (n: number, digits = 3) => significant(n, digits);
const isAdam = (input: PredictionInput) => input.optimizer === 'adam' || input.optimizer === 'adamw';
const isSign = (input: PredictionInput) => input.optimizer === 'signsgd' || input.optimizer === 'signsgdm' || input.optimizer === 'lion';

/** The first science.md section a source string cites (`science.md §2.1, §2.2` → `2.1`). */
export function sectionOf(source: string | undefined, fallback: string): string {
  return /§(\d+(?:\.\d+)?)/.exec(source ?? '')?.[1] ?? fallback;
}

const ROLE_WORDS: Record<BatchFormation['factors'][number]['role'], string> = {
  micro: 'micro-batch', accumulation: 'accumulation', dataParallel: 'data-parallel', seqLen: 'sequence length',
};

/** "global batch 512 = 16 × 4 × 8 (micro-batch × accumulation steps × data-parallel size, assumed 1)". */
export function batchWords(batch: BatchFormation): string {
  if (batch.size === null) {
    if (batch.missing === 'set-at-run-time') return 'global batch unknown (computed at run time): a factor of it is set when the run starts';
    if (batch.missing === 'uncounted') {
      return 'global batch unknown: the file counts its batch in a unit no sample count follows from (seconds of audio)';
    }
    return batch.missing === 'no-seq-len'
      ? 'global batch unknown: the batch and the noise scale are in different units and no sequence length converts them'
      : 'global batch unknown: the file gives no batch size';
  }
  const unit = batch.unit === 'tokens' ? ' tokens' : '';
  const head = `global batch ${compactCount(batch.size)}${unit}`;
  if (batch.factors.length === 0) return batch.globalWritten ? `${head}, as written` : head;
  const product = batch.factors.map((f, i) => `${i > 0 ? (f.divides ? ' ÷ ' : ' × ') : ''}${f.value}`).join('');
  const words = batch.factors.map((f, i) => `${i > 0 ? (f.divides ? ' ÷ ' : ' × ') : ''}${ROLE_WORDS[f.role]}${f.source === 'assumed' ? ' assumed' : f.source === 'setting' ? ' from settings' : ''}`).join('');
  return `${head} = ${product} (${words})`;
}

/**
 * The input the facts are worded from: a learning rate or warmup the run sets is NaN there, so that no step size or
 * warmup is worded from the default standing in for it (`stepText` and the run's line say unknown).
 */
export function factsInput(opt: OptimizerAnalysis): PredictionInput | null {
  const input = opt.predictionInput;
  if (!input) return null;
  const hp = opt.hyperparameters;
  return {
    ...input,
    ...(hp.lr?.runtime ? { lr: Number.NaN } : {}),
    ...(hp.warmupSteps?.runtime ? { warmupSteps: Number.NaN } : {}),
  };
}

/** The step a weight moves by at the peak lr (lr × update RMS), or unknown where the run sets the lr. */
function stepText(input: PredictionInput, rms: number): string {
  return Number.isNaN(input.lr) ? UNKNOWN_AT_RUN_TIME : readable(input.lr * rms);
}

function updateFacts(input: PredictionInput, p: Prediction): ValueFacts {
  const lines: string[] = [];
  let formula: string | null = null;
  const rms = p.updateRms;
  if (rms !== null) {
    lines.push(`**Update RMS ≈ ${s(rms)}** per coordinate, before the learning rate: each step moves a weight by about lr × ${s(rms)} ≈ **${stepText(input, rms)}** at the peak learning rate.`);
    if (isAdam(input)) {
      formula = input.snr === 0
        ? `RMS(u) ≈ √((1 − β1)/(1 + β1)) = √((1 − ${input.beta1})/(1 + ${input.beta1})) = ${s(rms)}`
        : `RMS(u) ≈ √((SNR + k)/(SNR + 1)), k = (1 − β1)/(1 + β1), SNR = ${input.snr}: ${s(rms)}`;
      if (p.epsRegime.regime !== null && p.epsRegime.regime !== 'negligible') lines.push('ε lowers it here (see ε).');
    } else if (isSign(input)) formula = 'RMS(u) = 1: every coordinate moves by ±lr';
  }
  const m = p.effectiveBatchMultiplier;
  const c = p.momentum;
  if (m !== null && c !== null && m > 1.0001) {
    const batch = p.batch.size !== null ? ` (${compactCount(p.batch.size)} acts like ${compactCount(m * p.batch.size)})` : '';
    lines.push(`**Momentum multiplies the batch by ${s(m)}**${batch}: averaging over ≈ ${compactCount(1 / (1 - c.value))} steps leaves as little noise per step as a ${s(m)}× larger batch.`);
    const ema = (1 + c.value) / (1 - c.value);
    if (formula === null || c.filter === 'ema') {
      formula = c.filter === 'ema'
        ? `${formula ? `${formula}; ` : ''}(1 + ${c.symbol})/(1 − ${c.symbol}) = (1 + ${c.value})/(1 − ${c.value}) = ${s(ema)}`
        : formula;
    }
    if (c.filter !== 'ema') lines.push(`For ${c.filter === 'nesterov' ? 'Nesterov' : c.filter === 'lion' ? "Lion's two-β" : "PyTorch's SGD"} momentum ${c.symbol} = ${c.value} the multiplier is ${s(m)}; a plain average would give (1 + ${c.symbol})/(1 − ${c.symbol}) = ${s(ema)}.`);
  }
  const fine = rms !== null ? `a usual momentum; steps of about ${stepText(input, rms)} per coordinate` : 'a usual momentum';
  return { lines, formula, section: sectionOf(p.sources.updateRms, '1.1'), fine };
}

function weightFacts(input: PredictionInput, p: Prediction): ValueFacts {
  if (input.weightDecaySemantics === 'coupled-l2') {
    return { lines: ['This optimizer adds λθ to the gradient (coupled L2): there is no weight-RMS equilibrium.'], formula: null, section: '2', fine: 'coupled L2 decay' };
  }
  const lines: string[] = [];
  let formula: string | null = null;
  const tau = p.equilibriumSteps;
  if (p.weightRms.steady !== null) {
    lines.push(`**Weights settle at RMS ≈ ${s(p.weightRms.steady)}**${tau !== null ? ` after ≈ ${compactCount(tau)} steps (the decay timescale τ)` : ''}: weight decay balances the updates there.`);
    if (input.weightDecaySemantics === 'lr' && isAdam(input) && input.snr === 0) {
      formula = `RMS(θ) → √(η/(2λ)) = √(${input.lr}/(2·${input.weightDecay})) = ${s(p.weightRms.steady)}; τ = 1/(ηλ) = ${compactCount(tau ?? 0)} steps`;
    }
  } else if (input.weightDecaySemantics === 'none' || input.weightDecay === 0) {
    lines.push('No weight decay: nothing holds the weight RMS, which grows like a random walk, √(θ₀² + η²t).');
  }
  let fine = 'the decay timescale fits the run';
  if (p.equilibriumFraction !== null && input.steps !== null) {
    if (p.equilibriumFraction > 1) {
      lines.push(`τ is ${s(p.equilibriumFraction, 2)}× the run of ${compactCount(input.steps)} steps: the weights never reach that value; decay only shrinks them a little.`);
      const drift = runDrift(input, p.updateRms);
      if (!equilibriumMatters(input, p) && drift !== null) {
        // The information the equilibrium finding would give, where it does not change the outcome (a fine-tune).
        lines.push(`The run moves the weights by ≈ ${readable(drift)} RMS, small next to the ${s(input.theta0Rms, 2)} they start from: a slow decay is normal here.`);
        fine = 'τ is longer than the run, as is normal when the run starts from trained weights';
      }
    } else {
      lines.push(`τ is ${s(100 * p.equilibriumFraction, 2)}% of the run of ${compactCount(input.steps)} steps: the weights reach it.`);
    }
  }
  if (p.weightRms.atEnd !== null) lines.push(`At the end of the run (${input.schedule} schedule) the weight RMS is ≈ ${s(p.weightRms.atEnd)}.`);
  return { lines, formula, section: sectionOf(p.sources['weightRms.steady'], '2.1'), fine, covers: ['tau-longer-than-run'] };
}

function surgeFacts(input: PredictionInput, p: Prediction): ValueFacts {
  const ratio = p.surge.thresholdRatio;
  const words = batchWords(p.batch);
  const lines = [`**${words[0].toUpperCase()}${words.slice(1)}**.`];
  const section = sectionOf(p.sources['surge.threshold'] ?? p.sources['surge.thresholdRatio'], '3.2');
  if (ratio === null && p.unknownAtRunTime?.includes('surge.thresholdRatio')) {
    lines.push(`The Surge threshold is ${UNKNOWN_AT_RUN_TIME}: it depends on a value the run sets.`);
    return { lines, formula: null, section, fine: 'the Surge threshold is set at run time' };
  }
  if (ratio === null) {
    lines.push(`No Surge for this optimizer: a larger batch keeps allowing a larger learning rate.`);
    return { lines, formula: null, section, fine: 'no Surge for this optimizer' };
  }
  const formula = isAdam(input) && (p.epsRegime.regime === null || p.epsRegime.regime === 'negligible')
    ? `B_surge = (1 − β1)/(3β1 − 1)·B_simple = (1 − ${input.beta1})/(3·${input.beta1} − 1)·B_simple = ${s(ratio)}·B_simple`
    : null;
  if (input.noiseScale === null || p.batch.size === null) {
    lines.push(`Past ${s(ratio)}·B_simple a larger batch wants a smaller learning rate (the Surge). B_simple, the noise scale, is not set: where this batch sits is unknown.`);
    return { lines, formula, section, fine: 'as far as OptLens can tell without the noise scale', covers: ['surge-needs-noise-scale', 'surge-needs-batch'] };
  }
  const threshold = ratio * input.noiseScale;
  const past = p.batch.size > threshold;
  lines.push(`Surge threshold ${compactCount(threshold)} = ${s(ratio)} × B_simple ${compactCount(input.noiseScale)}: ${past ? 'past it, a larger batch wants a smaller lr' : 'below it, a larger batch still allows a larger lr'}.`);
  if (p.surge.etaStarRelative !== null) lines.push(`The best learning rate here is ${s(100 * p.surge.etaStarRelative, 2)}% of its peak over batch sizes.`);
  return { lines, formula, section, fine: past ? 'the batch is past the Surge threshold' : 'the batch is below the Surge threshold', headline: 2 };
}

function epsFacts(input: PredictionInput, p: Prediction): ValueFacts {
  const { ratio, regime, fp16Underflow } = p.epsRegime;
  const section = sectionOf(p.sources['epsRegime.ratio'], '1.3');
  const lines = ['ε is added to √v, the typical gradient size of each coordinate: it matters once it reaches about 10% of that size, and past 10× it turns Adam into SGD with learning rate lr/ε.'];
  if (fp16Underflow) lines.push(`In fp16, ε = ${input.eps} is below the smallest subnormal (5.96·10⁻⁸) and becomes 0.`);
  if (ratio !== null && regime !== null && input.gradNorm !== null && input.params !== null) {
    const effect = regime === 'negligible' ? 'negligible: the update is Adam’s' : regime === 'softsign' ? 'it shrinks the update noticeably' : 'it dominates: the update is ≈ g/ε, like SGD';
    lines.push(`**ε is ${s(ratio, 2)}× the gradient size per coordinate**: ${effect}.`);
    const formula = `ε/(‖G‖/√N) = ${input.eps}/(${s(input.gradNorm)}/√${s(input.params)}) = ${s(ratio)}`;
    return { lines, formula, section, fine: 'ε is negligible next to the gradient' };
  }
  lines.push('The gradient size is not known here (set the gradient norm and parameter count), so OptLens cannot say which side of 10% this ε is; 10⁻⁸ is negligible for most models.');
  return { lines, formula: null, section, fine: 'a usual ε' };
}

function beta2Facts(input: PredictionInput): ValueFacts {
  const memory = 1 / (1 - input.beta2);
  const lines = [`β2 sets how many steps the second moment remembers: ≈ 1/(1 − β2) = **${compactCount(memory)} steps**. It does not change the update RMS to first order.`];
  return { lines, formula: null, section: '1.1', fine: `a memory of ${compactCount(memory)} steps` };
}

/**
 * A run length written in another unit (litgpt's `max_tokens`, Composer's `1ep`): the steps it makes where the file
 * gives what is needed, marked derived, else that its length in steps is unknown and why.
 */
function otherUnitLine(steps: OptimizerAnalysis['hyperparameters']['steps'], input: PredictionInput): string | null {
  const unit = steps?.unit;
  if (!steps || (unit !== 'tokens' && unit !== 'epochs' && unit !== 'samples')) return null;
  const n = typeof steps.value === 'number' ? readable(steps.value, 3) : String(steps.value);
  if (unit === 'tokens' && input.steps !== null) {
    return `The run is written in tokens (${n}): at the tokens each step takes (the global batch × the sequence ` +
      `length) that is ≈ ${compactCount(input.steps)} optimizer steps (derived).`;
  }
  const needs = unit === 'tokens' ? 'the tokens each step takes (the global batch × the sequence length)'
    : unit === 'epochs' ? 'the dataset size and the global batch' : 'the global batch';
  return `The run is written in ${unit} (${n}): its length in optimizer steps is unknown without ${needs}, ` +
    'so the predictions that need it are not shown.';
}

function runFacts(input: PredictionInput, p: Prediction, steps?: OptimizerAnalysis['hyperparameters']['steps']):
  ValueFacts {
  const lines: string[] = [];
  const warmup = Number.isNaN(input.warmupSteps) ? UNKNOWN_AT_RUN_TIME : compactCount(input.warmupSteps);
  const other = otherUnitLine(steps, input);
  if (other !== null) lines.push(other);
  if (input.steps !== null) lines.push(`**${compactCount(input.steps)} optimizer steps**, warmup ${warmup}, ${input.schedule} schedule.`);
  const w = weightFacts(input, p);
  return { lines: [...lines, ...w.lines.slice(1)], formula: null, section: sectionOf(p.sources['weightRms.atEnd'], '2.4'), fine: w.fine };
}

function lrFacts(input: PredictionInput, p: Prediction): ValueFacts {
  const lines: string[] = [];
  if (p.updateRms !== null) lines.push(`**Each step moves a weight by ≈ ${stepText(input, p.updateRms)}** (lr × update RMS ${s(p.updateRms)}) at the peak.`);
  const w = weightFacts(input, p);
  return { lines: [...lines, ...w.lines], formula: w.formula, section: w.section, fine: p.updateRms !== null ? `steps of about ${stepText(input, p.updateRms)} per coordinate` : w.fine };
}

/** The optimizer at a glance, one short line per prediction: what the file-level hover leads with. */
/** The summary of each topic, one line each, with the topic it summarises (its facts are on that topic's anchor). */
export function summaryFacts(input: PredictionInput, p: Prediction): { topic: NoteTopic; line: string }[] {
  const lines: { topic: NoteTopic; line: string }[] = [];
  if (p.updateRms !== null) lines.push({ topic: 'updateRms', line: `**Update RMS ≈ ${s(p.updateRms)}** before the learning rate: steps of ≈ ${stepText(input, p.updateRms)} per coordinate.` });
  if (p.effectiveBatchMultiplier !== null && p.effectiveBatchMultiplier > 1.0001) lines.push({ topic: 'updateRms', line: `Momentum multiplies the batch by ${s(p.effectiveBatchMultiplier)}.` });
  if (p.weightRms.steady !== null) lines.push({ topic: 'weightRms', line: `Weights settle at RMS ≈ ${s(p.weightRms.steady)}${p.equilibriumSteps !== null ? ` in ≈ ${compactCount(p.equilibriumSteps)} steps` : ''}.` });
  if (p.batch.size !== null) lines.push({ topic: 'surge', line: `${batchWords(p.batch).replace(/ \(.*\)$/, '').replace(/^g/, 'G')}.` });
  return lines;
}

function summaryLines(input: PredictionInput, p: Prediction): string[] {
  return summaryFacts(input, p).map((f) => f.line);
}

/** The facts a hover on `name` shows; on the optimizer's name (`name` undefined), a summary of each. */
export function valueFacts(opt: OptimizerAnalysis, name: HyperparameterName | undefined): ValueFacts | null {
  const input = factsInput(opt);
  const p = opt.predictions;
  if (!input || !p) return null;
  // A value the run sets has no facts of its own: they would be the default's that stands in for it.
  if (name !== undefined && opt.hyperparameters[name]?.runtime) return null;
  switch (name) {
    case 'lr': return lrFacts(input, p);
    case 'beta1': case 'momentum': return updateFacts(input, p);
    case 'beta2': return beta2Facts(input);
    case 'eps': return epsFacts(input, p);
    case 'weightDecay': return weightFacts(input, p);
    case 'microBatchSize': case 'gradAccum': case 'globalBatchSize': case 'seqLen': return surgeFacts(input, p);
    case 'steps': return runFacts(input, p, opt.hyperparameters.steps);
    case 'warmupSteps': case 'schedule': return runFacts(input, p);
    case undefined: return { lines: summaryLines(input, p), formula: null, section: null, fine: 'nothing stands out' };
  }
}
