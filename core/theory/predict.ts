/**
 * `predict`: every number the science core can give for one optimizer configuration, each with the
 * science.md section behind it and the §6 cautions that apply. The result is exactly the JSON of
 * `optlens predict --json`. Curve helpers for the playground are re-exported from curves.ts.
 */
import type { MomentumUsed, Prediction, PredictionInput, PredictionNote, SurgeSpread } from '../prediction';
import { classifyEps, epsVanishes } from './eps-regime';
import { batchMultiplier, meanGain, noiseFactor } from './momentum';
import { muonUpdateRms } from './muon';
import {
  decaysOf, endWeightRmsOf, epsRatioOf, gradScaleOf, isAdamKind, isSignKind, momentumFilterOf,
  muonWeightRmsApplies, noiseModelOf, surgeModelOf, weightStepScaleOf,
} from './optimizer-model';
import { etaStarRelative, lossDecreaseRelative, peakX, surgePeakBatch, type SurgeModel } from './surge';
import { adamUpdateRms, sgdUpdateRms, SIGN_UPDATE_RMS } from './update-rms';
import { decayPerStep, equilibriumSteps } from './weight-decay';
import { correlatedWeightRmsSteady, randomWalkWeightRms, signMeanFieldWeightRms, weightRmsSteady } from './weight-rms';

export { defaultPredictionInput, validatePredictionInput, OPTIMIZER_DEFAULTS } from './input';
export { momentumFilterOf, scheduleOf, surgeModelOf } from './optimizer-model';
export * from './curves';

/** science.md sections, as they appear in `sources`. */
const S = {
  adam: 'science.md §1.1', adamEps: 'science.md §1.1, §1.3', sign: 'science.md §1.4', sgd: 'science.md §1.4 (torch SGD filter, core/theory/momentum.ts)',
  muon: 'science.md §3.5; torch.optim.Muon adjust_lr_fn; Newton–Schulz on a Marchenko–Pastur spectrum (core/theory/muon.ts)',
  steady: 'science.md §2.1, §2.2', steadySign: 'science.md §2.6 (exact Gaussian sign moments)', steadyMuon: 'science.md §2.7', meanField: 'science.md §2.5 (seed 002 mean field)',
  atEnd: 'science.md §2.4', atEndSign: 'science.md §2.4, §2.6', atEndMuon: 'science.md §2.4, §2.7', atEndWalk: 'science.md §2.3, §2.4',
  tau: 'science.md §2.1 (τ = 1/(decay per step))', multiplier: 'science.md §3.2', multiplierMuon: 'science.md §3.5',
  threshold: 'science.md §3.2', thresholdEps: 'science.md §3.2, §3.4 (ε placed as in PyTorch, §1.3)', peakSign: 'science.md §3.2, §3.6 b (erf, numeric peak)',
  spread: 'science.md §3.6a, §7.3 (per-coordinate mean field over log-normal coordinate sizes)',
  eta: 'science.md §3.2', loss: 'science.md §3.3', eps: 'science.md §1.3', fp16: 'science.md §1.3; pytorch/pytorch#26218',
} as const;

/** The coefficient behind the batch multiplier: what the file configured, never a family default it does not use. */
function momentumUsed(input: PredictionInput): MomentumUsed | null {
  switch (input.optimizer) {
    case 'adam':
    case 'adamw':
    case 'signsgdm':
      return { symbol: 'β1', value: input.beta1, filter: 'ema' };
    case 'lion':
      return { symbol: 'β1', value: input.beta1, filter: 'lion' };
    case 'sgd':
      return input.momentum > 0 ? { symbol: 'μ', value: input.momentum, filter: input.nesterov ? 'nesterov' : 'torch-sgd' } : null;
    case 'muon':
      return { symbol: 'μ', value: input.momentum, filter: input.nesterov ? 'nesterov' : 'torch-sgd' };
    case 'signsgd':
      return null;
  }
}

/**
 * The Surge threshold as a multiple of B_simple (science.md §3.2): with a noise scale, threshold/B_simple;
 * without one, the same model evaluated at B = B_simple (where ε's term is read), so a hint can place the
 * batch before anyone has measured B_simple.
 */
function thresholdRatioOf(input: PredictionInput, threshold: number | null): number | null {
  if (input.noiseScale !== null) return threshold === null ? null : threshold / input.noiseScale;
  const closed = peakX(surgeModelOf({ ...input, noiseScale: 1, batchSize: 1 }, true));
  return closed ? 1 / closed : null;
}

/** Where each part of the prediction records its sources and cautions. */
interface Report {
  sources: Record<string, string>;
  notes: PredictionNote[];
}

/** science.md §1 (and §3.5 for Muon). */
function predictUpdateRms(input: PredictionInput, r: Report): number | null {
  const filter = momentumFilterOf(input);
  if (isAdamKind(input)) {
    const ratio = epsRatioOf(input);
    r.sources.updateRms = ratio === null ? S.adam : S.adamEps;
    if (input.beta2 < 0.95) {
      r.notes.push({ code: 'beta2-short-memory', beta2: input.beta2 });
    }
    return adamUpdateRms({ beta1: input.beta1, snr: input.snr, epsRatio: ratio ?? 0 });
  }
  if (isSignKind(input)) {
    r.sources.updateRms = S.sign;
    return SIGN_UPDATE_RMS;
  }
  if (input.optimizer === 'sgd') {
    if (input.momentum > 0) {
      r.notes.push({ code: 'sgd-momentum-gain', gain: meanGain(filter) });
    }
    const scale = gradScaleOf(input);
    if (scale === null) {
      r.notes.push({ code: 'sgd-needs-grad-scale' });
      return null;
    }
    r.sources.updateRms = S.sgd;
    return sgdUpdateRms(filter, input.snr, scale);
  }
  if (input.shape === null) {
    r.notes.push({ code: 'muon-needs-shape' });
    return null;
  }
  r.sources.updateRms = S.muon;
  const ideal = muonUpdateRms(input.shape, input.muonAdjustLr, true);
  r.notes.push({ code: 'muon-newton-schulz', ratio: muonUpdateRms(input.shape, input.muonAdjustLr) / ideal, ideal, atSnrZero: input.snr > 0 });
  return muonUpdateRms(input.shape, input.muonAdjustLr);
}

/** science.md §2: steady, at-end and mean-field weight RMS; cautions from §6. */
function predictWeightRms(input: PredictionInput, tau: number | null, r: Report): Prediction['weightRms'] {
  const out: Prediction['weightRms'] = { steady: null, atEnd: null, meanField: null };
  const stepScale = weightStepScaleOf(input);
  if (input.weightDecaySemantics === 'coupled-l2' && input.weightDecay > 0) {
    r.notes.push({ code: 'coupled-l2', optimizer: input.optimizer === 'sgd' || input.optimizer === 'adam' ? input.optimizer : 'other' });
    return out;
  }
  if (input.optimizer === 'muon' && !muonWeightRmsApplies(input)) {
    r.notes.push({ code: 'muon-no-weight-rms' });
    return out;
  }
  if (stepScale === null) return out; // SGD without a gradient scale: predictUpdateRms said what is missing.
  const decays = decaysOf(input);
  // SGD's steady update is G1 times the gradient (torch's buffer is not an EMA); others' gain is 1.
  const eta = input.lr * stepScale * (input.optimizer === 'sgd' ? meanGain(momentumFilterOf(input)) : 1);
  const delta = decays ? decayPerStep(input.weightDecaySemantics, input.lr, input.lr, input.weightDecay) : 0;
  const noise = noiseModelOf(input);
  if (!decays) {
    const atEnd = input.steps === null ? null : randomWalkWeightRms(input.steps, eta, input.theta0Rms, input.snr);
    r.notes.push({ code: 'no-weight-decay', noDecay: input.weightDecaySemantics === 'none', eta, steps: input.steps, atEnd });
  } else if (noise.kind === 'linear') {
    out.steady = weightRmsSteady(eta, delta, input.snr);
    r.sources['weightRms.steady'] = S.steady;
  } else if (noise.kind === 'correlated') {
    out.steady = correlatedWeightRmsSteady(eta, delta, noise.correlation);
    r.sources['weightRms.steady'] = input.optimizer === 'muon' ? S.steadyMuon : S.steadySign;
    if (input.optimizer !== 'muon') {
      out.meanField = signMeanFieldWeightRms(eta, delta, input.snr, noiseFactor(momentumFilterOf(input)));
      r.sources['weightRms.meanField'] = S.meanField;
    }
  }
  const atEnd = endWeightRmsOf(input);
  if (atEnd !== null) {
    out.atEnd = atEnd;
    r.sources['weightRms.atEnd'] = !decays ? S.atEndWalk : noise.kind === 'linear' ? S.atEnd : input.optimizer === 'muon' ? S.atEndMuon : S.atEndSign;
  } else if (input.steps !== null) {
    r.notes.push({ code: 'weight-rms-at-end-not-evaluated', steps: input.steps, tau });
  }
  if (isAdamKind(input) && tau !== null) {
    const memory = 1 / (1 - input.beta1);
    if (tau < 10 * memory) {
      r.notes.push({ code: 'tau-near-momentum-memory', tau, memory });
    }
  }
  if (isAdamKind(input) && input.steps !== null && input.steps < 10 / (1 - input.beta1)) {
    r.notes.push({ code: 'run-shorter-than-bias-correction', steps: input.steps });
  }
  return out;
}

/** science.md §3: η*(B), the Surge threshold and peak, ΔL(B). */
function predictSurge(input: PredictionInput, r: Report): Prediction['surge'] {
  const out: Prediction['surge'] = { threshold: null, thresholdRatio: null, peakBatch: null, etaStarRelative: null, lossDecreaseRelative: null };
  const s = input.noiseScale;
  if (s === null) {
    out.thresholdRatio = thresholdRatioOf(input, null);
    if (out.thresholdRatio !== null) r.sources['surge.thresholdRatio'] = S.threshold;
    r.notes.push({ code: 'surge-needs-noise-scale' });
    return out;
  }
  const model = surgeModelOf(input);
  const scalar = surgeModelOf(input, true);
  // Adam's threshold is its peak; with ε and unequal coordinate sizes (§7.3) that peak is numeric.
  const closed = peakX(scalar);
  if (closed) {
    out.threshold = s / closed;
    r.sources['surge.threshold'] = scalar.e ? S.thresholdEps : S.threshold;
  }
  out.thresholdRatio = thresholdRatioOf(input, out.threshold);
  if (out.thresholdRatio !== null) r.sources['surge.thresholdRatio'] = r.sources['surge.threshold'] ?? S.threshold;
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
      r.notes.push({ code: 'snr-implied-by-batch', batch: input.batchSize, noiseScale: s, implied, snr: input.snr });
    }
  } else {
    r.notes.push({ code: 'surge-needs-batch' });
  }
  if (isAdamKind(input) && epsRatioOf(input) === null) {
    r.notes.push({ code: 'surge-ignores-eps' });
  }
  if (isAdamKind(input) && input.beta2 < 0.95) r.notes.push({ code: 'surge-beta2-short' });
  if (input.optimizer === 'muon' && input.hessianAlignment !== 0) {
    r.notes.push({ code: 'muon-ignores-hessian-alignment' });
  }
  if (input.optimizer === 'muon') r.notes.push({ code: 'muon-no-surge' });
  const spread = surgeSpreadOf(model, input, s);
  if (spread) {
    out.spread = spread;
    r.sources['surge.spread'] = S.spread;
    const at = (v: number) => spread.peakBySpread.find((p) => p.spread === v)?.peakBatch ?? null;
    r.notes.push({ code: 'surge-spread', spread: spread.value, assumed: spread.assumed, peakAtZero: at(0), peak: out.peakBatch });
  }
  return out;
}

/** Spreads at which the Surge peak is reported beside the one used (science.md §7.3): equal sizes to wide. */
const SENSITIVITY_SPREADS = [0, 0.5, 1, 2] as const;

/** Adam with ε that matters: the spread used and the peak at other spreads; null when the spread cannot matter. */
function surgeSpreadOf(model: SurgeModel, input: PredictionInput, bSimple: number): SurgeSpread | null {
  if (model.family !== 'adam' || !((model.e ?? 0) > 0)) return null;
  const value = model.spread ?? 0;
  const spreads = [...new Set([...SENSITIVITY_SPREADS, value])].sort((a, b) => a - b);
  return {
    value,
    assumed: input.gradientScaleSpread === undefined,
    peakBySpread: spreads.map((spread) => ({ spread, peakBatch: surgePeakBatch({ ...model, spread }, bSimple) })),
  };
}

/** science.md §1.3: ε against the gradient scale, and the fp16 hazard. */
function predictEps(input: PredictionInput, r: Report): Prediction['epsRegime'] {
  if (!isAdamKind(input)) return { ratio: null, regime: null, fp16Underflow: false };
  const ratio = epsRatioOf(input);
  if (ratio !== null) {
    r.sources['epsRegime.ratio'] = S.eps;
    r.sources['epsRegime.regime'] = S.eps;
  }
  const fp16Underflow = epsVanishes(input.eps, input.fp16 ? 'fp16' : null);
  r.sources['epsRegime.fp16Underflow'] = S.fp16;
  if (fp16Underflow) r.notes.push({ code: 'fp16-eps-zero', eps: input.eps });
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
  // An infinite τ (δ below double range) is reported once, by `finite`'s out-of-range note.
  if (tau !== null && Number.isFinite(tau) && input.steps !== null && tau > input.steps) {
    r.notes.push({ code: 'tau-longer-than-run', tau, steps: input.steps });
  }
  const effectiveBatchMultiplier = batchMultiplier(momentumFilterOf(input));
  r.sources.effectiveBatchMultiplier = input.optimizer === 'muon' ? S.multiplierMuon : S.multiplier;
  const surge = predictSurge(input, r);
  const epsRegime = predictEps(input, r);
  return finite({
    updateRms, weightRms, equilibriumSteps: tau, equilibriumFraction, effectiveBatchMultiplier,
      momentum: momentumUsed(input),
    batch: { size: input.batchSize, unit: 'samples', globalWritten: false, globalKey: null, factors: [], missing: input.batchSize === null ? 'no-batch' : null },
    initialWeightRms: { value: input.theta0Rms, source: input.theta0Source ?? (input.theta0Rms === 0 ? 'assumed' : 'setting') },
    surge, epsRegime, sources: r.sources, notes: r.notes,
  });
}

/**
 * Numbers beyond double range (a weight decay of 1e-320 puts the equilibrium past 1e308) become
 * null with a note, so the JSON never carries Infinity or NaN.
 */
function finite(p: Prediction): Prediction {
  const clean = (path: string, v: number | null): number | null => {
    if (v === null || Number.isFinite(v)) return v;
    p.notes.push({ code: 'out-of-range', field: path });
    delete p.sources[path];
    return null;
  };
  p.updateRms = clean('updateRms', p.updateRms);
  for (const key of ['steady', 'atEnd', 'meanField'] as const) p.weightRms[key] = clean(`weightRms.${key}`, p.weightRms[key]);
  p.equilibriumSteps = clean('equilibriumSteps', p.equilibriumSteps);
  p.equilibriumFraction = clean('equilibriumFraction', p.equilibriumFraction);
  p.effectiveBatchMultiplier = clean('effectiveBatchMultiplier', p.effectiveBatchMultiplier);
  for (const key of ['threshold', 'thresholdRatio', 'peakBatch', 'etaStarRelative', 'lossDecreaseRelative'] as const) p.surge[key] = clean(`surge.${key}`, p.surge[key]);
  p.epsRegime.ratio = clean('epsRegime.ratio', p.epsRegime.ratio);
  return p;
}
