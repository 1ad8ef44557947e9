/**
 * Findings that come from the predictions rather than from reading the file: Surge risk at the
 * configured batch, ε dominating the gradient scale, a weight-decay timescale longer than the run,
 * and, when the extractor has not already said so, fp16 ε underflow, coupled L2 decay and β outside
 * [0,1). Each has a stable code (the README's diagnostics table) and, where a value can be computed,
 * a fix that rewrites one literal.
 */
import type { ConfigFormat, OptimizerAnalysis } from '../core/analysis';
import type { Finding, Fix, HyperparameterName, TextReplacement } from '../core/hyperparams';
import type { Prediction, PredictionInput } from '../core/prediction';
import { surgeModelOf } from '../core/theory/optimizer-model';
import { closedFormPeakX } from '../core/theory/surge';
import { randomWalkWeightRms } from '../core/theory/weight-rms';
import { batchAnchor } from './features/anchors';
import { numericValue } from './prediction-input';
import { surgeFixes } from './surge-fixes';

/**
 * Codes of the findings made here. Three are also extractor traps (same code, same meaning): the
 * extractor reports them from what is written, these from the prediction's inputs, and a code is
 * reported once.
 */
export const PREDICTION_FINDING_CODES = {
  surgeRisk: 'surge-risk',
  epsDominates: 'eps-dominates',
  fp16EpsUnderflow: 'eps-fp16-underflow',
  equilibriumLongerThanRun: 'equilibrium-longer-than-run',
  coupledL2: 'coupled-l2-weight-decay',
  betaOutOfRange: 'beta-out-of-range',
  predictionFailed: 'prediction-failed',
} as const;

/** Writes one hyperparameter of one optimizer into the file; null when the file offers no place for it. */
export type ValueEditor = (optimizerIndex: number, name: HyperparameterName, value: number | string) =>
  TextReplacement[] | null;

export interface FindingContext {
  format: ConfigFormat;
  edit: ValueEditor;
  /** Codes the extractor already reported for this optimizer (or file-wide), so no trap is reported twice. */
  reported: (code: string, optimizerIndex: number) => boolean;
}

/** ε = 1e-7 is representable in fp16 (as a subnormal, ≈ 1.19e-7) and is Keras' default: the smallest common ε that
 * survives. */
const FP16_SAFE_EPS = 1e-7;
/** PyTorch's default ε, offered when the configured ε swamps the gradient. */
const TORCH_EPS = 1e-8;

function fixOf(title: string, replacements: TextReplacement[] | null, isPreferred = false): Fix[] {
  return replacements && replacements.length > 0 ? [
    { title, replacements, ...(isPreferred ? { isPreferred } : {}) }] : [];
}

function fmt(n: number): string {
  // Batch sizes and step counts are shown exactly (2048, not 2050).
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return String(n);
  return Math.abs(n) >= 1e4 || (Math.abs(n) < 1e-3 && n !== 0) ? n.toExponential(2) : String(Number(n.toPrecision(3)));
}

function at(opt: OptimizerAnalysis, name: HyperparameterName): Pick<Finding, 'line' | 'span'> {
  const v = opt.hyperparameters[name];
  if (v?.span) return { line: v.line, span: v.span };
  return { line: opt.line, span: opt.span };
}

/**
 * Surge threshold of `input` with β1 replaced: the same closed form `predict` uses (science.md §3.2, §3.4),
 * without running the rest of the prediction for each β1 the bisection tries.
 */
function surgeThresholdAt(input: PredictionInput, beta1: number): number | null {
  if (input.noiseScale === null) return null;
  const closed = closedFormPeakX(surgeModelOf({ ...input, beta1 }, true));
  return closed ? input.noiseScale / closed : null;
}

/**
 * The largest β1 (to three decimals, rounded down) whose Surge threshold is at or above the batch.
 * The threshold falls monotonically as β1 grows (science.md §3.2, §3.4), so bisection finds it.
 */
export function largestBeta1WithoutSurge(input: PredictionInput, batch: number): number | null {
  const clear = (b1: number) => {
    const threshold = surgeThresholdAt(input, b1);
    return threshold === null || threshold >= batch;
  };
  if (!clear(0)) return null;
  let lo = 0;
  let hi = input.beta1;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (clear(mid)) lo = mid;
    else hi = mid;
  }
  // Bisection lands a hair below an exact boundary (β1 = 0.5 at B = B_simple): step up where that is still clear.
  const down = Math.floor(lo * 1000) / 1000;
  const up = Number((down + 0.001).toFixed(3));
  return up <= input.beta1 && clear(up) ? up : down;
}

function surgeFindings(opt: OptimizerAnalysis, index: number, ctx: FindingContext): Finding[] {
  const input = opt.predictionInput;
  const p = opt.predictions;
  if (!input || !p || input.batchSize === null || input.noiseScale === null) return [];
  const threshold = p.surge.threshold ?? p.surge.peakBatch;
  if (threshold === null || input.batchSize <= threshold) return [];
  const batched = { ...input, batchSize: input.batchSize };
  const fixes = surgeFixes(opt, index, batched, p, threshold, largestBeta1WithoutSurge(input, input.batchSize), ctx);
  const relative = p.surge.etaStarRelative;
  return [{
    code: PREDICTION_FINDING_CODES.surgeRisk,
    severity: 'warning',
    message: `Batch size ${fmt(input.batchSize)} is past the Surge threshold ${fmt(threshold)} (${fmt(threshold / input.noiseScale)}·B_simple, B_simple = ${fmt(input.noiseScale)}): ` +
      `here the optimal learning rate falls as the batch grows${relative !== null ? ` (η* is ${fmt(relative)} of its peak)` : ''} (science.md §3.2).`,
    // Where the global batch is formed (the global key, else the accumulation, else the micro-batch): the hint's place
    // too.
    ...at(opt, batchAnchor(opt) ?? 'microBatchSize'),
    optimizerIndex: index,
    fixes,
  }];
}

function epsFindings(opt: OptimizerAnalysis, index: number, ctx: FindingContext): Finding[] {
  const input = opt.predictionInput;
  const p = opt.predictions;
  if (!input || !p) return [];
  const out: Finding[] = [];
  const { ratio, regime, fp16Underflow } = p.epsRegime;
  if (regime === 'sgd-like' && ratio !== null) {
    const scale = input.eps / ratio;
    const safe = TORCH_EPS / scale < 0.1;
    out.push({
      code: PREDICTION_FINDING_CODES.epsDominates,
      severity: 'warning',
      message: `ε = ${fmt(input.eps)} is ${fmt(ratio)}× the per-coordinate gradient scale ‖G‖/√N = ${fmt(scale)}: ` +
        `the update is ≈ g/ε, so Adam behaves like SGD with learning rate η/ε (science.md §1.3, §3.4).`,
      ...at(opt, 'eps'),
      optimizerIndex: index,
      fixes: safe ? fixOf(`Set ε to ${TORCH_EPS} (PyTorch's default)`, ctx.edit(index, 'eps', TORCH_EPS), true) : [],
    });
  }
  if (fp16Underflow && !ctx.reported(PREDICTION_FINDING_CODES.fp16EpsUnderflow, index)) {
    out.push({
      code: PREDICTION_FINDING_CODES.fp16EpsUnderflow,
      // Same rule as the extractor's trap (core/theory/eps-regime.ts epsVanishes): the state really is fp16 here.
      severity: 'warning',
      message: `ε = ${fmt(input.eps)} becomes 0: the optimizer state is fp16 and fp16 rounds any ε at or below 2.98e-8 to 0, so a coordinate with v = 0 takes an infinite step (science.md §1.3, §7.6).`,
      ...at(opt, 'eps'),
      optimizerIndex: index,
      fixes: fixOf(`Set ε to ${FP16_SAFE_EPS} (representable in fp16)`, ctx.edit(index, 'eps', FP16_SAFE_EPS), true),
    });
  }
  return out;
}

/**
 * How far the run's updates move the weights: a random walk of lr × update RMS per step over T steps, at the
 * peak learning rate (an upper bound under any schedule; science.md §2.3's walk from 0). Null when the update RMS
 * is unknown.
 */
export function runDrift(input: PredictionInput, updateRms: number | null): number | null {
  return updateRms === null || input.steps === null ? null : randomWalkWeightRms(input.steps, input.lr * updateRms, 0);
}

/**
 * τ longer than the run changes the outcome only when the updates, not the starting weights, make the weights
 * the run ends with: the drift reaches the initial weight RMS θ0. From scratch (θ0 = 0) that is always so; a
 * fine-tune from trained weights (θ0 ≈ 0.02) with small steps moves them by far less, decay is rightly slow,
 * and the hover says so as information instead of a diagnostic.
 */
export function equilibriumMatters(input: PredictionInput, p: Prediction): boolean {
  if (p.equilibriumFraction === null || p.equilibriumSteps === null || p.equilibriumFraction <= 1) return false;
  const drift = runDrift(input, p.updateRms);
  return drift === null ? input.theta0Rms === 0 : drift >= input.theta0Rms;
}

function equilibriumFindings(opt: OptimizerAnalysis, index: number): Finding[] {
  const p = opt.predictions;
  const input = opt.predictionInput;
  if (!p || !input || !equilibriumMatters(input, p) || p.equilibriumFraction === null ||
    p.equilibriumSteps === null) return [];
  return [{
    code: PREDICTION_FINDING_CODES.equilibriumLongerThanRun,
    severity: 'information',
    message: `Weight decay's timescale τ = 1/(ηλ) ≈ ${fmt(p.equilibriumSteps)} steps is ${fmt(p.equilibriumFraction)}× the run: ` +
      `the weight RMS never reaches its equilibrium ${p.weightRms.steady !== null ? fmt(p.weightRms.steady) + ' ' : ''}in this run, so λ acts as a small shrink, not as a norm control (science.md §2.1, §2.4).`,
    ...at(opt, 'weightDecay'),
    optimizerIndex: index,
  }];
}

/** `Adam` → `AdamW`, keeping the spelling's case; null when the name has no `adam` to extend. */
function decoupledName(name: string): string | null {
  const m = /adam(?!w)/i.exec(name);
  if (!m) return null;
  const w = m[0][0] === 'A' ? 'W' : 'w';
  return name.slice(0, m.index + m[0].length) + w + name.slice(m.index + m[0].length);
}

function coupledL2Findings(opt: OptimizerAnalysis, index: number, text: string, ctx: FindingContext): Finding[] {
  const wd = numericValue(opt.hyperparameters.weightDecay);
  if (opt.weightDecaySemantics !== 'coupled-l2' || wd === null || wd <= 0) return [];
  if (ctx.reported(PREDICTION_FINDING_CODES.coupledL2, index)) return [];
  const fixes: Fix[] = [];
  const span = opt.span;
  const written = span ? text.slice(span.start, span.end) : '';
  const renamed = decoupledName(written);
  if (span && renamed !== null && written.replace(/^["']|["']$/g, '').length <= opt.name.length + 2 && written.includes(opt.name)) {
    fixes.push({ title: `Switch to ${renamed.replace(/^["']|["']$/g, '')} (decoupled weight decay)`, replacements: [{ span, newText: renamed }], isPreferred: true });
  }
  return [{
    code: PREDICTION_FINDING_CODES.coupledL2,
    severity: 'warning',
    message: `${opt.implementation} adds λθ to the gradient (coupled L2), which Adam then rescales: weight_decay = ${fmt(wd)} is not AdamW's decoupled decay, and no weight-RMS equilibrium applies (science.md §0, §2).`,
    ...at(opt, 'weightDecay'),
    optimizerIndex: index,
    fixes,
  }];
}

const USUAL_BETAS = [['beta1', 0.9], ['beta2', 0.999]] as const;

function betaFix(index: number, name: 'beta1' | 'beta2', usual: number, ctx: FindingContext): Fix[] {
  return fixOf(`Set ${name === 'beta1' ? 'β1' : 'β2'} to ${usual} (PyTorch's default)`, ctx.edit(index, name, usual), true);
}

function betaFindings(opt: OptimizerAnalysis, index: number, ctx: FindingContext): Finding[] {
  if (ctx.reported(PREDICTION_FINDING_CODES.betaOutOfRange, index)) return [];
  const out: Finding[] = [];
  for (const [name, usual] of USUAL_BETAS) {
    const value = numericValue(opt.hyperparameters[name]);
    if (value === null || (value >= 0 && value < 1)) continue;
    out.push({
      code: PREDICTION_FINDING_CODES.betaOutOfRange,
      severity: 'error',
      message: `${name === 'beta1' ? 'β1' : 'β2'} = ${value} is outside [0, 1): the moving average ${value >= 1 ? 'never forgets (or diverges)' : 'oscillates in sign'}, and no prediction applies.`,
      ...at(opt, name),
      optimizerIndex: index,
      fixes: betaFix(index, name, usual, ctx),
    });
  }
  return out;
}

/**
 * The extractor's `beta-out-of-range` says what is wrong but offers no value; the fix (PyTorch's default)
 * is added here, for the β whose literal the finding marks. Other findings are returned as they are.
 */
export function withBetaFixes(findings: readonly Finding[], optimizers: readonly OptimizerAnalysis[],
  ctx: FindingContext): Finding[] {
  return findings.map((f) => {
    if (f.code !== PREDICTION_FINDING_CODES.betaOutOfRange || (f.fixes?.length ?? 0) > 0 ||
      f.optimizerIndex === undefined || !f.span) return f;
    const opt = optimizers[f.optimizerIndex];
    const which = USUAL_BETAS.find(([name]) => opt?.hyperparameters[name]?.span?.start === f.span?.start);
    return which ? { ...f, fixes: betaFix(f.optimizerIndex, which[0], which[1], ctx) } : f;
  });
}

/** Every prediction finding for one optimizer. `text` is the analysed document (for the optimizer-name fix). */
export function predictionFindings(opt: OptimizerAnalysis, index: number, text: string, ctx: FindingContext): Finding[
  ] {
  return [
    ...betaFindings(opt, index, ctx),
    ...surgeFindings(opt, index, ctx),
    ...epsFindings(opt, index, ctx),
    ...equilibriumFindings(opt, index),
    ...coupledL2Findings(opt, index, text, ctx),
  ];
}
