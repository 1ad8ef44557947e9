/**
 * The Markdown of a hover: what the framework will use for a value (written, default with its source,
 * or derived with its inputs), then each prediction that value drives, as its formula with this file's
 * numbers substituted and the science.md section it comes from, then the caveats, then a link that
 * opens the playground at this config. Plain text formulas: every client renders them, none needs KaTeX.
 */
import type { AnalysisSettings, ConfigFormat, OptimizerAnalysis } from '../../core/analysis';
import { type ExtractedValue, HYPERPARAMETER_NAMES, type HyperparameterName } from '../../core/hyperparams';
import type { Prediction, PredictionInput } from '../../core/prediction';
import { ClientCommands } from '../../core/protocol';
import { adamUpdateRms, emaNoiseFactor } from '../../core/theory/update-rms';
import { globalBatch } from '../prediction-input';
import { surgeRatio } from '../surge-ratio';
import { commandLink } from './client-commands';
import { compactCount, significant } from './display';

export const HYPERPARAMETER_LABELS: Record<HyperparameterName, string> = {
  lr: 'learning rate η', beta1: 'β1', beta2: 'β2', eps: 'ε', weightDecay: 'weight decay λ', momentum: 'momentum μ',
  microBatchSize: 'micro batch size', gradAccum: 'gradient accumulation', globalBatchSize: 'global batch size B',
  seqLen: 'sequence length', steps: 'training steps T', warmupSteps: 'warmup steps', schedule: 'learning-rate schedule',
};

/** Which predictions each hyperparameter drives, in the order the hover shows them. */
const SECTIONS_BY_NAME: Record<HyperparameterName, readonly SectionName[]> = {
  lr: ['weightRms'], beta1: ['updateRms', 'batchMultiplier', 'surge'], beta2: ['beta2'], eps: ['eps', 'updateRms'],
  weightDecay: ['weightRms'], momentum: ['updateRms', 'batchMultiplier'], microBatchSize: ['surge'], gradAccum: ['surge'],
  globalBatchSize: ['surge'], seqLen: ['surge'], steps: ['weightRms'], warmupSteps: ['weightRms'], schedule: ['weightRms'],
};
type SectionName = 'updateRms' | 'batchMultiplier' | 'surge' | 'eps' | 'weightRms' | 'beta2';

const s = (n: number, digits = 3) => significant(n, digits);
const code = (text: string) => `\`${text}\``;

/** `key: value` as the format writes it, so the hover quotes the file in its own syntax. */
function asWritten(format: ConfigFormat, key: string, raw: string): string {
  switch (format) {
    case 'yaml': return `${key}: ${raw}`;
    case 'json': return `"${key}": ${raw}`;
    case 'toml': return `${key} = ${raw}`;
    case 'python': return `${key}=${raw}`;
    case 'shell': return `${key} ${raw}`;
  }
}

function provenance(name: HyperparameterName, value: ExtractedValue, format: ConfigFormat): string {
  const shown = typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value);
  const head = `**${HYPERPARAMETER_LABELS[name]} = ${shown}**`;
  const unit = value.unit ? ` (in ${value.unit})` : '';
  if (value.source === 'written') {
    const key = value.key ?? name;
    const raw = value.raw ?? shown;
    // A nested key path (`optimizer.params.betas[0]`) is not how the file spells it: name it beside the literal.
    const as = /[.[]/.test(key.replace(/^-+/, '')) ? `${code(raw)} at ${code(key)}` : code(asWritten(format, key, raw));
    return `${head}${unit}: written as ${as}${value.line ? ` on line ${value.line}` : ''}.`;
  }
  if (value.source === 'default') return `${head}${unit}: not written here; the framework's default (${value.defaultFrom ?? 'source unknown'}).`;
  return `${head}${unit}: derived from ${(value.derivedFrom ?? []).map((d) => code(d)).join(' × ') || 'other values'}.`;
}

const isAdam = (input: PredictionInput) => input.optimizer === 'adam' || input.optimizer === 'adamw';
const isSign = (input: PredictionInput) => input.optimizer === 'signsgd' || input.optimizer === 'signsgdm' || input.optimizer === 'lion';

function updateRmsSection(input: PredictionInput, p: Prediction): string[] {
  if (p.updateRms === null) return [];
  const head = `**Update RMS ≈ ${s(p.updateRms)}** (${p.sources.updateRms ?? 'science.md §1'})`;
  if (isAdam(input)) {
    const b = input.beta1;
    const k = emaNoiseFactor(b);
    // ε's shrink is shown in its own section, so the formula here is §1.1 alone.
    const rms = adamUpdateRms({ beta1: b, snr: input.snr });
    const formula = input.snr === 0
      ? `RMS(u) ≈ √((1 − β1)/(1 + β1)) = √((1 − ${b})/(1 + ${b})) = ${s(rms)}`
      : `RMS(u) ≈ √((SNR + k)/(SNR + 1)), k = (1 − β1)/(1 + β1) = ${s(k)}, SNR = ${input.snr}: ${s(rms)}`;
    const epsNote = p.epsRegime.regime && p.epsRegime.regime !== 'negligible' ? ' ε lowers it here (see ε).' : '';
    return [head, code(formula) + epsNote];
  }
  if (isSign(input)) return [head, `${code('RMS(u) = 1')}: every coordinate moves by ±η.`];
  if (input.optimizer === 'sgd') return [head, `${code('RMS(u) = √(μ² + kσ²)')} in gradient units.`];
  return [head];
}

function batchMultiplierSection(input: PredictionInput, p: Prediction): string[] {
  const m = p.effectiveBatchMultiplier;
  if (m === null) return [];
  const src = p.sources.effectiveBatchMultiplier ?? 'science.md §3.2';
  const b = input.optimizer === 'sgd' ? input.momentum : input.beta1;
  const name = input.optimizer === 'sgd' ? 'μ' : 'β1';
  return [`**Momentum multiplies the batch by ${s(m)}** (${src}): ${code(`(1 + ${name})/(1 − ${name}) = (1 + ${b})/(1 − ${b}) = ${s((1 + b) / (1 - b))}`)}${input.optimizer === 'sgd' ? ' for an EMA; PyTorch\'s buffer is not one, and the figure accounts for it.' : '.'}`];
}

function surgeSection(opt: OptimizerAnalysis, input: PredictionInput, p: Prediction, settings: AnalysisSettings): string[] {
  const src = p.sources['surge.threshold'] ?? 'science.md §3.2';
  const ratio = surgeRatio(input);
  const lines: string[] = [];
  if (ratio === null) {
    lines.push(`**No Surge** for ${input.optimizer} with a diagonal Hessian (${src}): the optimal learning rate keeps rising with the batch.`);
  } else if (isAdam(input) && (p.epsRegime.regime === null || p.epsRegime.regime === 'negligible')) {
    const b = input.beta1;
    lines.push(`**Surge from B = ${s(ratio)}·B_simple** (${src}): ${code(`B_surge = (1 − β1)/(3β1 − 1)·B_simple = (1 − ${b})/(3·${b} − 1)·B_simple = ${s(ratio)}·B_simple`)}`);
  } else {
    lines.push(`**Surge from B = ${s(ratio)}·B_simple** (${src}, peak of η*(B) found numerically: ε moves it).`);
  }
  const batch = globalBatch(opt, settings);
  if (input.batchSize !== null) {
    const how = batch.value === input.batchSize ? ` (${batch.how})` : '';
    lines.push(`Batch B = ${s(input.batchSize, 4)}${how}.`);
  }
  if (input.noiseScale === null) {
    lines.push(`Set ${code('optlens.noiseScale')} or write ${code('# optlens: noise-scale=…')} in the file to place this batch against B_simple.`);
    return lines;
  }
  const parts = [`B_simple = ${s(input.noiseScale, 4)}`];
  if (p.surge.threshold !== null) parts.push(`threshold ${s(p.surge.threshold, 4)}`);
  if (p.surge.etaStarRelative !== null) parts.push(`η*(B)/η*_max = ${s(p.surge.etaStarRelative)}`);
  if (p.surge.lossDecreaseRelative !== null) parts.push(`ΔL(B)/ΔL_max = ${s(p.surge.lossDecreaseRelative)} (${p.sources['surge.lossDecreaseRelative'] ?? 'science.md §3.3'})`);
  lines.push(parts.join(', ') + '.');
  return lines;
}

function epsSection(input: PredictionInput, p: Prediction): string[] {
  const src = p.sources['epsRegime.ratio'] ?? 'science.md §1.3';
  const lines: string[] = [];
  const { ratio, regime, fp16Underflow } = p.epsRegime;
  if (ratio !== null && regime !== null && input.gradNorm !== null && input.params !== null) {
    lines.push(`**ε regime: ${regime}** (${src}): ${code(`ε/(‖G‖/√N) = ${input.eps}/(${s(input.gradNorm)}/√${s(input.params)}) = ${s(ratio)}`)}; ε matters from 0.1, dominates from 10.`);
  } else {
    lines.push(`**ε regime unknown** (${src}): set ${code('optlens.gradientNorm')} and ${code('optlens.parameterCount')} to compare ε with the per-coordinate gradient scale ‖G‖/√N.`);
  }
  if (fp16Underflow) lines.push(`In fp16, ε = ${input.eps} is below the smallest subnormal 5.96e-8 and becomes 0.`);
  return lines;
}

const DECAY_PER_STEP: Record<PredictionInput['weightDecaySemantics'], string> = {
  lr: 'η_t·λ', 'lr-ratio': 'λ·η_t/η_0', 'lr-squared': 'η_t²·λ', 'coupled-l2': 'none (coupled L2)', none: 'none',
};

function weightRmsSection(input: PredictionInput, p: Prediction): string[] {
  if (input.weightDecaySemantics === 'coupled-l2') return ['**No weight-RMS equilibrium**: this optimizer adds λθ to the gradient (coupled L2), where science.md §2 does not apply.'];
  const lines: string[] = [];
  const src = p.sources['weightRms.steady'] ?? 'science.md §2';
  if (p.weightRms.steady !== null) {
    const formula = input.weightDecaySemantics === 'lr' && isAdam(input) && input.snr === 0
      ? `: ${code(`‖θ‖ → √(η/(2λ)) = √(${input.lr}/(2·${input.weightDecay})) = ${s(p.weightRms.steady)}`)}`
      : '';
    lines.push(`**Equilibrium weight RMS ≈ ${s(p.weightRms.steady)}** (${src})${formula}`);
  }
  if (p.weightRms.meanField !== null) lines.push(`The seed article's mean-field value is ${s(p.weightRms.meanField)} (≈20% high for sign updates, science.md §2.5).`);
  if (p.equilibriumSteps !== null) {
    const tau = input.weightDecaySemantics === 'lr' ? `: ${code(`τ = 1/(ηλ) = 1/(${input.lr}·${input.weightDecay}) ≈ ${compactCount(p.equilibriumSteps)}`)}` : ` (decay per step ${DECAY_PER_STEP[input.weightDecaySemantics]})`;
    const fraction = p.equilibriumFraction !== null ? `, ${s(p.equilibriumFraction)}× the run of ${compactCount(input.steps ?? 0)} steps` : '';
    lines.push(`**Timescale τ ≈ ${compactCount(p.equilibriumSteps)} steps** (${p.sources.equilibriumSteps ?? 'science.md §2.1'})${tau}${fraction}.`);
  } else if (input.weightDecaySemantics === 'none' || input.weightDecay === 0) {
    lines.push('No weight decay: the weight RMS grows as a random walk, ‖θ_t‖² ≈ ‖θ0‖² + η²t (science.md §2.3).');
  }
  if (p.weightRms.atEnd !== null) {
    lines.push(`At the end of the run (${input.schedule}, T = ${compactCount(input.steps ?? 0)}, warmup ${compactCount(input.warmupSteps)}): ‖θ_T‖ ≈ ${s(p.weightRms.atEnd)} (${p.sources['weightRms.atEnd'] ?? 'science.md §2.4'}).`);
  }
  return lines;
}

function beta2Section(input: PredictionInput): string[] {
  const caution = input.beta2 < 0.95 ? ' Below 0.95 its memory is short and the update-RMS formula drifts by 3–26% (science.md §6).' : '';
  return [`β2 sets the second-moment memory ≈ 1/(1 − β2) = ${compactCount(1 / (1 - input.beta2))} steps; it does not enter the update RMS at first order (science.md §1.1).${caution}`];
}

function section(name: SectionName, opt: OptimizerAnalysis, input: PredictionInput, p: Prediction, settings: AnalysisSettings): string[] {
  switch (name) {
    case 'updateRms': return updateRmsSection(input, p);
    case 'batchMultiplier': return batchMultiplierSection(input, p);
    case 'surge': return surgeSection(opt, input, p, settings);
    case 'eps': return epsSection(input, p);
    case 'weightRms': return weightRmsSection(input, p);
    case 'beta2': return beta2Section(input);
  }
}

export interface HoverTarget {
  uri: string;
  optimizerIndex: number;
  opt: OptimizerAnalysis;
  /** The hyperparameter under the cursor; absent on the optimizer's name (then every section is shown). */
  name?: HyperparameterName;
  settings: AnalysisSettings;
  format: ConfigFormat;
}

/** The hover's Markdown. */
export function hoverMarkdown(t: HoverTarget): string {
  const { opt, name } = t;
  const blocks: string[] = [];
  const value = name ? opt.hyperparameters[name] : undefined;
  blocks.push(name && value ? provenance(name, value, t.format) : `**${opt.name}**: runs ${code(opt.implementation)}, weight decay ${DECAY_PER_STEP[opt.weightDecaySemantics]}${opt.appliesTo ? `, for ${opt.appliesTo}` : ''}.`);
  if (!name) {
    const unwritten = HYPERPARAMETER_NAMES.flatMap((n) => {
      const v = opt.hyperparameters[n];
      return v && v.source !== 'written' ? [`- ${provenance(n, v, t.format)}`] : [];
    });
    if (unwritten.length > 0) blocks.push(`Not written in this file:\n${unwritten.join('\n')}`);
  }
  const input = opt.predictionInput;
  const p = opt.predictions;
  if (input && p) {
    const names: readonly SectionName[] = name ? SECTIONS_BY_NAME[name] : ['updateRms', 'batchMultiplier', 'weightRms', 'surge', 'eps'];
    for (const sectionName of names) {
      const lines = section(sectionName, opt, input, p, t.settings);
      if (lines.length > 0) blocks.push(lines.join('  \n'));
    }
    if (p.notes.length > 0) blocks.push(p.notes.map((n) => `⚠ ${n}`).join('  \n'));
  } else {
    blocks.push(opt.kind === null ? `OptLens has no model of ${code(opt.name)}: no prediction.` : 'No prediction for these values (see the diagnostics).');
  }
  const target = { uri: t.uri, optimizerIndex: t.optimizerIndex, ...(name ? { hyperparameter: name } : {}) };
  blocks.push(`${commandLink('Open in playground', ClientCommands.openPlayground, target)} · ${commandLink('Simulate', ClientCommands.simulate, target)}`);
  return blocks.join('\n\n');
}
