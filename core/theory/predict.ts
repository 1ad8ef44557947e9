/**
 * `predict`: every number the science core can give for one optimizer configuration, each with the
 * science.md section behind it and the §6 cautions that apply. The result is exactly the JSON of
 * `optlens predict --json`. Curve helpers for the playground are re-exported from curves.ts.
 */
import type { Prediction, PredictionInput } from '../prediction';
import { classifyEps, fp16FlushesToZero } from './eps-regime';
import { batchMultiplier, meanGain, noiseFactor } from './momentum';
import { muonUpdateRms } from './muon';
import {
  decaysOf, endWeightRmsOf, epsRatioOf, MAX_STREAMED_STEPS, gradScaleOf, isAdamKind, isSignKind, momentumFilterOf, noiseModelOf,
  surgeModelOf, weightStepScaleOf,
} from './optimizer-model';
import { closedFormPeakX, etaStarRelative, lossDecreaseRelative, peakX } from './surge';
import { adamUpdateRms, sgdUpdateRms, SIGN_UPDATE_RMS } from './update-rms';
import { decayPerStep, equilibriumSteps } from './weight-decay';
import { randomWalkWeightRms, signMeanFieldWeightRms, signWeightRmsSteady, weightRmsSteady } from './weight-rms';

export { defaultPredictionInput, validatePredictionInput, OPTIMIZER_DEFAULTS } from './input';
export { momentumFilterOf, scheduleOf, surgeModelOf } from './optimizer-model';
export * from './curves';

/** science.md sections, as they appear in `sources`. */
const S = {
  adam: 'science.md §1.1', adamEps: 'science.md §1.1, §1.3', sign: 'science.md §1.4', sgd: 'science.md §1.4 (torch SGD filter, core/theory/momentum.ts)',
  muon: 'science.md §3.5; torch.optim.Muon adjust_lr_fn; Newton–Schulz on a Marchenko–Pastur spectrum (core/theory/muon.ts)',
  steady: 'science.md §2.1, §2.2', steadySign: 'science.md §2.5 (arcsine law)', meanField: 'science.md §2.5 (seed 002 mean field)',
  atEnd: 'science.md §2.4', atEndSign: 'science.md §2.4, §2.5', atEndWalk: 'science.md §2.3, §2.4',
  tau: 'science.md §2.1 (τ = 1/(decay per step))', multiplier: 'science.md §3.2', multiplierMuon: 'science.md §3.5',
  threshold: 'science.md §3.2', thresholdEps: 'science.md §3.2, §3.4 (ε placed as in PyTorch, §1.3)', peakSign: 'science.md §3.2, §3.6 b (erf, numeric peak)',
  eta: 'science.md §3.2', loss: 'science.md §3.3', eps: 'science.md §1.3', fp16: 'science.md §1.3; pytorch/pytorch#26218',
} as const;

const fmt = (v: number) => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3))));

/** Where each part of the prediction records its sources and cautions. */
interface Report {
  sources: Record<string, string>;
  notes: string[];
}

/** science.md §1 (and §3.5 for Muon). */
function predictUpdateRms(input: PredictionInput, r: Report): number | null {
  const filter = momentumFilterOf(input);
  if (isAdamKind(input)) {
    const ratio = epsRatioOf(input);
    r.sources.updateRms = ratio === null ? S.adam : S.adamEps;
    if (input.beta2 < 0.95) {
      r.notes.push(`β2 = ${input.beta2} < 0.95: the update-RMS formula degrades when β2's memory is short (3–4% off at β2 = 0.9, up to 26% at 0.5; science.md §6).`);
    }
    return adamUpdateRms({ beta1: input.beta1, snr: input.snr, epsRatio: ratio ?? 0 });
  }
  if (isSignKind(input)) {
    r.sources.updateRms = S.sign;
    return SIGN_UPDATE_RMS;
  }
  if (input.optimizer === 'sgd') {
    if (input.momentum > 0) {
      const g1 = fmt(meanGain(filter));
      r.notes.push(`torch SGD momentum is not an EMA (buf = μ·buf + (1−dampening)·g): its steady update is ${g1}× the gradient, so the effective step is ${g1}·lr.`);
    }
    const scale = gradScaleOf(input);
    if (scale === null) {
      r.notes.push('SGD updates are in gradient units: set the gradient norm and parameter count (optlens.gradientNorm and optlens.parameterCount, or --grad-norm and --params) for the update and weight RMS.');
      return null;
    }
    r.sources.updateRms = S.sgd;
    return sgdUpdateRms(filter, input.snr, scale);
  }
  if (input.shape === null) {
    r.notes.push('Muon: give the matrix shape (--shape MxN) for the update RMS.');
    return null;
  }
  r.sources.updateRms = S.muon;
  const ideal = muonUpdateRms(input.shape, input.muonAdjustLr, true);
  r.notes.push(`Muon: 5 Newton–Schulz steps leave noise-dominated momentum short of orthogonal, so the update RMS is ${fmt(muonUpdateRms(input.shape, input.muonAdjustLr) / ideal)}× the orthogonal ${fmt(ideal)}${input.snr > 0 ? ' (computed at SNR 0)' : ''}.`);
  return muonUpdateRms(input.shape, input.muonAdjustLr);
}

/** science.md §2: steady, at-end and mean-field weight RMS; cautions from §6. */
function predictWeightRms(input: PredictionInput, tau: number | null, r: Report): Prediction['weightRms'] {
  const out: Prediction['weightRms'] = { steady: null, atEnd: null, meanField: null };
  const stepScale = weightStepScaleOf(input);
  if (input.weightDecaySemantics === 'coupled-l2' && input.weightDecay > 0) {
    const who = input.optimizer === 'sgd' ? 'torch SGD' : input.optimizer === 'adam' ? 'torch Adam' : 'This optimizer';
    r.notes.push(`${who} weight_decay is coupled L2 (λθ is added to the gradient), not decoupled decay: science.md §2 does not apply, so there is no weight-RMS prediction. AdamW decouples it.`);
    return out;
  }
  if (input.optimizer === 'muon') {
    r.notes.push('Muon: science.md has no weight-RMS formula for it; compare with `optlens simulate`.');
    return out;
  }
  if (stepScale === null) return out; // SGD without a gradient scale: predictUpdateRms said what is missing.
  const decays = decaysOf(input);
  // SGD's steady update is G1 times the gradient (torch's buffer is not an EMA); others' gain is 1.
  const eta = input.lr * stepScale * (input.optimizer === 'sgd' ? meanGain(momentumFilterOf(input)) : 1);
  const delta = decays ? decayPerStep(input.weightDecaySemantics, input.lr, input.lr, input.weightDecay) : 0;
  const noise = noiseModelOf(input);
  if (!decays) {
    const end = input.steps === null ? '' : `, ${fmt(randomWalkWeightRms(input.steps, eta, input.theta0Rms, input.snr))} after ${input.steps} steps at the peak lr`;
    r.notes.push(`λ = 0${input.weightDecaySemantics === 'none' ? ' (no weight decay)' : ''}: there is no equilibrium; the weight RMS grows like a random walk, √(θ0² + η²t) at SNR 0, i.e. by η = ${fmt(eta)} per √step${end} (science.md §2.3).`);
  } else if (noise.kind === 'linear') {
    out.steady = weightRmsSteady(eta, delta, input.snr);
    r.sources['weightRms.steady'] = S.steady;
  } else {
    out.meanField = signMeanFieldWeightRms(eta, delta, input.snr, noiseFactor(momentumFilterOf(input)));
    r.sources['weightRms.meanField'] = S.meanField;
    if (noise.kind === 'sign-arcsine') {
      out.steady = signWeightRmsSteady(eta, delta, noise.longRunVariance);
      r.sources['weightRms.steady'] = S.steadySign;
    } else {
      out.steady = out.meanField;
      r.sources['weightRms.steady'] = S.meanField;
      r.notes.push(`SNR = ${input.snr} > 0: the arcsine-law weight RMS (science.md §2.5) holds at SNR 0 only; showing the seed's mean field, ~20% high at SNR 0 and +21% for SignSGD at SNR 0.1 (§6).`);
    }
  }
  const atEnd = endWeightRmsOf(input);
  if (atEnd !== null) {
    out.atEnd = atEnd;
    r.sources['weightRms.atEnd'] = !decays ? S.atEndWalk : noise.kind === 'linear' ? S.atEnd : S.atEndSign;
  } else if (input.steps !== null) {
    r.notes.push(`weightRms.atEnd needs more than ${MAX_STREAMED_STEPS.toExponential(0)} steps of §2.4 without reaching equilibrium (${input.steps} steps, τ = ${tau === null ? '∞' : fmt(tau)}): not evaluated.`);
  }
  if (isAdamKind(input) && tau !== null) {
    const memory = 1 / (1 - input.beta1);
    if (tau < 10 * memory) {
      r.notes.push(`τ = ${fmt(tau)} steps is not ≫ 1/(1−β1) = ${fmt(memory)}: the steady weight RMS (§2.1) may be several % off; weightRms.atEnd uses §2.4's Σc² form, which stays exact (science.md §6).`);
    }
  }
  if (isAdamKind(input) && input.steps !== null && input.steps < 10 / (1 - input.beta1)) {
    r.notes.push(`The run (${input.steps} steps) is not ≫ 1/(1−β1) steps: bias correction still matters and the update RMS starts at 1 (science.md §1.2).`);
  }
  return out;
}

/** science.md §3: η*(B), the Surge threshold and peak, ΔL(B). */
function predictSurge(input: PredictionInput, r: Report): Prediction['surge'] {
  const out: Prediction['surge'] = { threshold: null, peakBatch: null, etaStarRelative: null, lossDecreaseRelative: null };
  const s = input.noiseScale;
  if (s === null) {
    r.notes.push('Surge needs the noise scale B_simple (--noise-scale; science.md §4 measures it from gradient norms at two batch sizes).');
    return out;
  }
  const model = surgeModelOf(input);
  const scalar = surgeModelOf(input, true);
  const closed = closedFormPeakX(scalar);
  if (closed) {
    out.threshold = s / closed;
    r.sources['surge.threshold'] = scalar.e ? S.thresholdEps : S.threshold;
  }
  const px = peakX(model);
  if (px !== null) {
    out.peakBatch = s / px;
    r.sources['surge.peakBatch'] = model.family === 'sign-erf' ? S.peakSign : model.e ? S.thresholdEps : S.threshold;
  }
  if (input.batchSize !== null) {
    out.etaStarRelative = etaStarRelative(model, input.batchSize, s);
    r.sources['surge.etaStarRelative'] = model.family === 'sign-erf' ? S.peakSign : model.e ? S.thresholdEps : S.eta;
    out.lossDecreaseRelative = lossDecreaseRelative(model.k, model.rho, input.batchSize, s);
    r.sources['surge.lossDecreaseRelative'] = S.loss;
    const implied = input.batchSize / s;
    if (implied > 0.1 && Math.abs(implied - input.snr) > 0.5 * Math.max(implied, input.snr)) {
      r.notes.push(`Batch ${input.batchSize} and noise scale ${s} imply a gradient SNR ≈ B/B_simple = ${fmt(implied)} where B_simple was measured; update and weight RMS use SNR = ${input.snr}${input.snr === 0 ? ' (late training)' : ''}: set the SNR to ${fmt(implied)} (optlens.snr, or --snr) to use it.`);
    }
  } else {
    r.notes.push('Give the batch size for η*(B) and ΔL(B) at the configured batch.');
  }
  if (isAdamKind(input) && epsRatioOf(input) === null) {
    r.notes.push('The Surge peak ignores ε (it needs the gradient norm and parameter count: optlens.gradientNorm and optlens.parameterCount, or --grad-norm and --params); ε only moves the peak up and can remove it (science.md §3.4).');
  }
  if (isAdamKind(input) && input.beta2 < 0.95) r.notes.push('Surge: with β2 < 0.95 the mean field is ~5% off or more (science.md §6).');
  if (input.optimizer === 'muon' && input.hessianAlignment !== 0) {
    r.notes.push('Muon: the Hessian alignment ρ is not applied (science.md §3.5 finds no Surge under its Hessian structure).');
  }
  return out;
}

/** science.md §1.3: ε against the gradient scale, and the fp16 hazard. */
function predictEps(input: PredictionInput, r: Report): Prediction['epsRegime'] {
  if (!isAdamKind(input)) return { ratio: null, regime: null, fp16Underflow: false };
  const ratio = epsRatioOf(input);
  if (ratio !== null) {
    r.sources['epsRegime.ratio'] = S.eps;
    r.sources['epsRegime.regime'] = S.eps;
  }
  const fp16Underflow = input.fp16 && fp16FlushesToZero(input.eps);
  r.sources['epsRegime.fp16Underflow'] = S.fp16;
  if (fp16Underflow) r.notes.push(`ε = ${input.eps} is 0 in fp16 (at or below half its smallest subnormal, 2.98e-8): Adam then divides by √v alone.`);
  return { ratio, regime: ratio === null ? null : classifyEps(ratio), fp16Underflow };
}

/** Every prediction for one configuration (the exact JSON of `optlens predict --json`). */
export function predict(input: PredictionInput): Prediction {
  const r: Report = { sources: {}, notes: [] };
  const updateRms = predictUpdateRms(input, r);
  const tau = decaysOf(input) ? equilibriumSteps(input.weightDecaySemantics, input.lr, input.weightDecay) : null;
  const equilibriumFraction = tau !== null && input.steps !== null ? tau / input.steps : null;
  if (tau !== null) r.sources.equilibriumSteps = S.tau;
  if (equilibriumFraction !== null) r.sources.equilibriumFraction = S.tau;
  const weightRms = predictWeightRms(input, tau, r);
  if (tau !== null && input.steps !== null && tau > input.steps) {
    r.notes.push(`τ = ${fmt(tau)} steps is longer than the run (${input.steps} steps): the weights never reach the equilibrium RMS; weightRms.atEnd is what the run ends with.`);
  }
  const effectiveBatchMultiplier = batchMultiplier(momentumFilterOf(input));
  r.sources.effectiveBatchMultiplier = input.optimizer === 'muon' ? S.multiplierMuon : S.multiplier;
  const surge = predictSurge(input, r);
  const epsRegime = predictEps(input, r);
  return finite({
    updateRms, weightRms, equilibriumSteps: tau, equilibriumFraction, effectiveBatchMultiplier, surge, epsRegime,
    sources: r.sources, notes: r.notes,
  });
}

/**
 * Numbers beyond double range (a weight decay of 1e-320 puts the equilibrium past 1e308) become
 * null with a note, so the JSON never carries Infinity or NaN.
 */
function finite(p: Prediction): Prediction {
  const clean = (path: string, v: number | null): number | null => {
    if (v === null || Number.isFinite(v)) return v;
    p.notes.push(`${path} is beyond double precision range for these settings; shown as null.`);
    delete p.sources[path];
    return null;
  };
  p.updateRms = clean('updateRms', p.updateRms);
  for (const key of ['steady', 'atEnd', 'meanField'] as const) p.weightRms[key] = clean(`weightRms.${key}`, p.weightRms[key]);
  p.equilibriumSteps = clean('equilibriumSteps', p.equilibriumSteps);
  p.equilibriumFraction = clean('equilibriumFraction', p.equilibriumFraction);
  p.effectiveBatchMultiplier = clean('effectiveBatchMultiplier', p.effectiveBatchMultiplier);
  for (const key of ['threshold', 'peakBatch', 'etaStarRelative', 'lossDecreaseRelative'] as const) p.surge[key] = clean(`surge.${key}`, p.surge[key]);
  p.epsRegime.ratio = clean('epsRegime.ratio', p.epsRegime.ratio);
  return p;
}
