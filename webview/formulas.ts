/**
 * The formula beside each chart, as TeX with the current numbers substituted, the science.md section it
 * comes from, and the line comparing it with the simulation ("simulated 0.2291 ± 0.0004 vs formula
 * 0.2294"). Pure strings: the page renders the TeX with KaTeX.
 */
import { formatSignificant } from '../core/format-number';
import { signLongRunVariance } from '../core/theory/sign-variance';
import { adamUpdateRms, emaNoiseFactor } from '../core/theory/update-rms';
import { classifyEps } from '../core/theory/eps-regime';
import {
  gradScaleOf, isAdamKind, isSignKind, momentumFilterOf, updateCorrelationOf,
} from '../core/theory/optimizer-model';
import { meanGain, noiseGain } from '../core/theory/momentum';
import { muonLrScale, newtonSchulzGain } from '../core/theory/muon';
import { discountedLongRunVariance, signAmplitude } from '../core/theory/update-correlation';
import { notesAbout } from '../core/prediction-notes';
import type { ChartId } from './chart-data';
import type { SimulatedSeries } from './experiments';
import { agreement, agreementText, type Agreement } from '../core/sim/agreement';
import type { TheoryCurves } from './theory-series';

export interface FormulaCard {
  /** Display-mode TeX lines. */
  tex: string[];
  /** science.md section(s). */
  source: string;
  /** Cautions from `predict` that concern this card. */
  notes: string[];
}

/** A number for TeX: 0.229, 1.2\times10^{-4}, 2.00\times10^{4}. */
export function texNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '\\text{n/a}';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(digits)));
  const [m, e] = value.toExponential(digits - 1).split('e');
  return `${Number(m)}\\times10^{${Number(e)}}`;
}

/** The same number as plain text, for the simulation lines: 3 significant digits, as everywhere (core/format-number).
 * */
export function textNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  return formatSignificant(value, digits);
}

/**
 * "0.229 ± 0.004", "0.2291 ± 0.0004": the value to 3 significant digits, or one more decimal where the error
 * is that small (its first significant digit), so the two line up; exponent form when tiny or huge.
 */
export function valueWithError(value: number, stderr: number): string {
  const abs = Math.abs(value);
  if (!Number.isFinite(value) || (value !== 0 && (abs < 1e-3 || abs >= 1e5))) return `${textNumber(value)} ± ${textNumber(stderr, 2)}`;
  const valueDecimals = Math.max(0, 2 - Math.floor(Math.log10(Math.max(abs, 1e-12))));
  const errorDecimals = stderr > 0 && Number.isFinite(stderr) ? Math.ceil(-Math.log10(stderr)) : 0;
  const decimals = Math.min(10, valueDecimals + 1, Math.max(valueDecimals, errorDecimals));
  return `${value.toFixed(decimals)} ± ${(Number.isFinite(stderr) ? stderr : 0).toFixed(decimals)}`;
}

/**
 * The sources behind `keys`, merged: "science.md §2.1, §2.2, §2.4" rather than one science.md per
 * number; other references (a PyTorch issue, a parenthesis) are kept as they are, once.
 */
export function mergeSources(sources: readonly string[]): string {
  const sections: string[] = [];
  const others: string[] = [];
  for (const part of sources.flatMap((s) => s.split(';')).map((s) => s.trim()).filter(Boolean)) {
    const m = /^science\.md ((?:§[\d.]+(?: [a-z])?(?:, )?)+)((?![\d.]).*)$/.exec(part);
    if (!m) {
      if (!others.includes(part)) others.push(part);
      continue;
    }
    for (const section of (m[1] ?? '').split(',').map((x) => x.trim()).filter(Boolean)) if (!sections.includes(section)) sections.push(section);
    const rest = (m[2] ?? '').trim();
    if (rest && !others.includes(rest)) others.push(rest);
  }
  const head = sections.length ? `science.md ${sections.join(', ')}` : '';
  return [head, ...others].filter(Boolean).join('; ') || 'science.md';
}

const pick = (sources: Record<string, string>, ...keys: string[]) =>
  mergeSources(keys.map((k) => sources[k]).filter((s): s is string => !!s));

function updateRmsCard(c: TheoryCurves): FormulaCard {
  const { input, prediction } = c;
  const source = pick(prediction.sources, 'updateRms');
  const notes = notesAbout(prediction.notes, 'updateRms', 'editor');
  const value = texNumber(prediction.updateRms);
  if (isAdamKind(input)) {
    const k = emaNoiseFactor(input.beta1);
    const ratio = c.eps.configuredRatio ?? 0;
    return {
      tex: [
        `\\mathrm{RMS}(u)\\approx\\sqrt{\\frac{\\mathrm{SNR}+k}{\\mathrm{SNR}+1}}\\cdot\\frac{1}{1+\\varepsilon/g}`,
        `k=\\frac{1-\\beta_1}{1+\\beta_1}=\\frac{1-${texNumber(input.beta1)}}{1+${texNumber(input.beta1)}}=${texNumber(k)}`,
        `\\mathrm{RMS}(u)\\approx\\sqrt{\\frac{${texNumber(input.snr)}+${texNumber(k)}}{${texNumber(input.snr)}+1}}\\cdot\\frac{1}{1+${texNumber(ratio)}}=${value}`,
      ],
      source,
      notes,
    };
  }
  if (isSignKind(input)) return { tex: ['\\mathrm{RMS}(u)=1\\quad\\text{(every coordinate moves by }\\pm\\eta\\text{)}'], source, notes };
  if (input.optimizer === 'sgd') {
    const f = momentumFilterOf(input);
    return {
      tex: [`\\mathrm{RMS}(u)=g\\sqrt{\\frac{G_1^2\\,\\mathrm{SNR}+G_2}{\\mathrm{SNR}+1}},\\quad G_1=${texNumber(meanGain(f))},\\ G_2=${texNumber(noiseGain(f))}`, `=${value}\\ \\text{(gradient units)}`],
      source,
      notes: notesAbout(prediction.notes, 'updateRms', 'editor'),
    };
  }
  return { tex: muonUpdateRmsLines(input, value), source, notes };
}

/**
 * Muon's update RMS per unit lr (science.md §3.5): torch's lr scale for the configured `adjust_lr_fn` over the
 * orthogonal entry RMS 1/√max(m,n), times the Newton–Schulz gain by which 5 steps fall short of orthogonal. Every
 * factor shown is core's, so the line multiplies out to the prediction's number.
 */
function muonUpdateRmsLines(input: TheoryCurves['input'], value: string): string[] {
  const shape = input.shape ?? [32, 32];
  const [m, n] = shape;
  const scale = input.muonAdjustLr === 'original' ? '\\sqrt{\\max(1,m/n)}' : '0.2\\sqrt{\\max(m,n)}';
  return [
    `\\mathrm{RMS}(u)=\\frac{${scale}}{\\sqrt{\\max(m,n)}}\\cdot g_{\\mathrm{NS}}`,
    `=\\frac{${texNumber(muonLrScale(shape, input.muonAdjustLr))}}{\\sqrt{${Math.max(m, n)}}}\\cdot${
      texNumber(newtonSchulzGain(shape))}\\Big|_{${m}\\times${n}}=${value}`,
  ];
}

function weightRmsCard(c: TheoryCurves): FormulaCard {
  const { input, prediction } = c;
  const w = prediction.weightRms;
  const notes = notesAbout(prediction.notes, 'weightRms', 'editor');
  const source = pick(prediction.sources, 'weightRms.steady', 'weightRms.atEnd', 'equilibriumSteps');
  const atEnd = `\\|\\theta_T\\|_{\\mathrm{RMS}}=${texNumber(w.atEnd)}\\quad(T=${texNumber(c.steps)},\\ \\text{${input.schedule}})`;
  const tau = prediction.equilibriumSteps;
  const tauLine = tau === null ? '' : `\\tau=\\frac{1}{\\eta\\lambda}=${texNumber(tau)}\\text{ steps}`;
  if (w.steady === null && w.atEnd === null) return { tex: ['\\text{No weight-RMS formula applies here (see the note below).}'], source: 'science.md §2', notes };
  if (w.steady === null) {
    return { tex: [`\\|\\theta_t\\|^2\\approx\\theta_0^2+\\eta^2 t\\quad\\text{(no decay: a random walk, }\\S2.3\\text{)}`, atEnd], source, notes };
  }
  if (isSignKind(input) && input.snr > 0) {
    return { tex: [...signWeightRmsLines(c), ...(tauLine ? [tauLine] : []), atEnd], source, notes };
  }
  if (input.optimizer === 'muon') {
    return { tex: [...muonWeightRmsLines(c), ...(tauLine ? [tauLine] : []), atEnd], source, notes };
  }
  if (isSignKind(input) && input.snr === 0) {
    const L = signLongRunVariance(momentumFilterOf(input));
    return {
      tex: [
        `\\|\\theta\\|_{\\mathrm{RMS}}\\to\\sqrt{\\frac{\\eta}{2\\lambda}L},\\quad L=1+2\\sum_{k\\ge1}\\tfrac{2}{\\pi}\\arcsin r_k=${texNumber(L)}`,
        `\\|\\theta_\\infty\\|_{\\mathrm{RMS}}=\\sqrt{\\frac{${texNumber(input.lr)}}{2\\cdot${texNumber(input.weightDecay)}}\\cdot${texNumber(L)}}=${texNumber(w.steady)}`,
        ...(tauLine ? [tauLine] : []),
        atEnd,
      ],
      source,
      notes,
    };
  }
  return {
    tex: [
      `\\|\\theta\\|_{\\mathrm{RMS}}\\to\\sqrt{\\frac{\\mathrm{SNR}+\\eta\\lambda/2}{\\lambda^2(\\mathrm{SNR}+1)}}\\ \\xrightarrow{\\mathrm{SNR}=0}\\ \\sqrt{\\frac{\\eta}{2\\lambda}}`,
      `\\|\\theta_\\infty\\|_{\\mathrm{RMS}}=${texNumber(w.steady)}\\quad(\\eta=${texNumber(input.lr)},\\ \\lambda=${texNumber(input.weightDecay)})`,
      ...(tauLine ? [tauLine] : []),
      atEnd,
    ],
    source,
    notes,
  };
}

/**
 * Sign types above SNR 0, science.md §2.6's exact Gaussian form: the update's mean E[u] = erf(h/√2) drifts the
 * weights, and its correlated fluctuations add up with the decay's discount β3 = 1 − δ. E[u] and L(β3) are core's
 * moments (`updateCorrelationOf`); the result is the prediction's own number, not recomputed here.
 */
function signWeightRmsLines(c: TheoryCurves): string[] {
  const { input, prediction } = c;
  const tau = prediction.equilibriumSteps;
  const correlation = updateCorrelationOf(input);
  const L = correlation !== null && tau !== null ? discountedLongRunVariance(correlation, 1 - 1 / tau) : null;
  const h = signAmplitude(momentumFilterOf(input), input.snr);
  return [
    '\\|\\theta\\|_{\\mathrm{RMS}}^2\\to\\Big(\\mathbb{E}[u]\\,\\frac{\\eta}{\\delta}\\Big)^2'
      + '+\\frac{\\eta^2}{1-\\beta_3^2}\\,L(\\beta_3),\\quad\\mathbb{E}[u]=\\operatorname{erf}(h/\\sqrt2),'
      + '\\ h=\\sqrt{\\mathrm{SNR}/k}',
    `h=${texNumber(h)},\\ \\mathbb{E}[u]=${texNumber(correlation?.mean)},\\ L(\\beta_3)=${texNumber(L)}`
      + `\\quad(\\eta=${texNumber(input.lr)},\\ \\delta=1/\\tau=${texNumber(tau === null ? null : 1 / tau)})`,
    `\\|\\theta_\\infty\\|_{\\mathrm{RMS}}=${texNumber(prediction.weightRms.steady)}`,
  ];
}

/**
 * Muon at SNR 0, science.md §2.7: its update RMS per unit lr (§3.5) times the long-run variance of an update
 * between linear and sign-like, L = (1−a)·L_lin + a·L_arc, discounted by β3. L(β3) is core's
 * (`updateCorrelationOf`); the result is the prediction's own number.
 */
function muonWeightRmsLines(c: TheoryCurves): string[] {
  const { input, prediction } = c;
  const tau = prediction.equilibriumSteps;
  const correlation = updateCorrelationOf(input);
  const L = correlation !== null && tau !== null ? discountedLongRunVariance(correlation, 1 - 1 / tau) : null;
  const [m, n] = input.shape ?? [0, 0];
  return [
    '\\|\\theta\\|_{\\mathrm{RMS}}^2\\to\\mathrm{RMS}(u)^2\\,\\frac{\\eta^2}{1-\\beta_3^2}\\,L(\\beta_3),'
      + '\\quad L=(1-a)L_{\\mathrm{lin}}+a\\,L_{\\mathrm{arc}},\\ a=\\frac{\\min(m,n)}{\\max(m,n)}',
    `\\mathrm{RMS}(u)=${texNumber(prediction.updateRms)},\\ a=${texNumber(Math.min(m, n) / Math.max(m, n))},`
      + `\\ L(\\beta_3)=${texNumber(L)}\\quad(${m}\\times${n},\\ \\eta=${texNumber(input.lr)},`
      + `\\ \\delta=1/\\tau=${texNumber(tau === null ? null : 1 / tau)})`,
    `\\|\\theta_\\infty\\|_{\\mathrm{RMS}}=${texNumber(prediction.weightRms.steady)}`,
  ];
}

function surgeCard(c: TheoryCurves): FormulaCard {
  const { input, prediction } = c;
  const s = prediction.surge;
  const source = pick(prediction.sources, 'surge.threshold', 'surge.peakBatch', 'surge.etaStarRelative');
  const notes = notesAbout(prediction.notes, 'surge', 'editor');
  const model = isAdamKind(input)
    ? `\\eta^*(B)\\propto\\frac{\\sqrt{1+x+e}}{1+\\rho+kx}`
    : input.optimizer === 'sgd'
      ? `\\eta^*(B)=\\frac{\\eta_{\\max}}{1+\\rho+kx}\\quad\\text{(no Surge)}`
      : `\\eta^*(B)\\propto\\frac{E}{1+\\rho E^2},\\ E=\\operatorname{erf}\\!\\big(1/\\sqrt{2kx}\\big)`;
  const lines = [model, `x=\\frac{B_{\\text{simple}}}{B}=\\frac{${texNumber(input.noiseScale)}}{B}`];
  if (isAdamKind(input) && s.threshold !== null) {
    lines.push(`B_{\\text{surge}}=\\frac{1-\\beta_1}{3\\beta_1-1}B_{\\text{simple}}=${texNumber(s.threshold)}`);
  }
  lines.push(
    s.peakBatch === null
      ? `\\text{no Surge: }\\eta^*\\text{ keeps rising with }B`
      : `B^*=${texNumber(s.peakBatch)}`,
    `\\eta^*(${texNumber(input.batchSize)})/\\eta^*_{\\max}=${texNumber(s.etaStarRelative)}`,
  );
  return { tex: lines, source, notes };
}

function epsCard(c: TheoryCurves): FormulaCard {
  const { input, prediction } = c;
  if (!c.eps.adamFamily) return { tex: [`\\varepsilon\\ \\text{does not enter this optimizer's update}`], source: 'science.md §1.4', notes: [] };
  const ratio = c.eps.configuredRatio ?? 0;
  const g = gradScaleOf(input) ?? 1;
  const notes = notesAbout(prediction.notes, 'eps', 'editor');
  notes.unshift('Regimes: ε/g below 0.1 is negligible, from 0.1 the update shrinks (softsign), past 10 it is ≈ g/ε, SGD-like.');
  if (!c.gradScaleKnown) notes.unshift('No gradient scale ‖G‖/√N was given (settings “OptLens: Gradient Norm” and “OptLens: Parameter Count”): g = 1 is assumed, the unit the simulation draws its gradients in.');
  return {
    tex: [
      `\\mathrm{RMS}(u)^2\\approx\\frac{\\mu^2+k\\sigma^2}{(\\sqrt{\\mu^2+\\sigma^2}+\\varepsilon)^2}`,
      `g=\\sqrt{\\mu^2+\\sigma^2}\\approx\\frac{\\|G\\|}{\\sqrt N}`,
      `\\frac{\\varepsilon}{g}=\\frac{${texNumber(input.eps)}}{${texNumber(g)}}=${texNumber(ratio)}\\ \\Rightarrow\\ \\text{${classifyEps(ratio)}}`,
    ],
    source: mergeSources([pick(prediction.sources, 'epsRegime.ratio', 'updateRms'), 'science.md §3.4']),
    notes,
  };
}

export function formulaCard(id: ChartId, curves: TheoryCurves): FormulaCard {
  switch (id) {
    case 'update-rms':
      return updateRmsCard(curves);
    case 'weight-rms':
      return weightRmsCard(curves);
    case 'surge':
      return surgeCard(curves);
    case 'eps':
      return epsCard(curves);
  }
}

/**
 * Where simulated η*(B) points peak, in units of B_simple: the vertex of a parabola in log B through the
 * highest point and its two neighbours (null when the highest point is the largest batch: no Surge seen).
 */
export function monteCarloPeak(points: readonly { x: number; y: number }[]): number | null {
  if (points.length === 0) return null;
  let i = 0;
  points.forEach((p, j) => {
    if (p.y > (points[i]?.y ?? -Infinity)) i = j;
  });
  if (i === points.length - 1) return null;
  const mid = points[i];
  if (i === 0) return mid.x;
  const [a, b, c] = [points[i - 1], mid, points[i + 1]];
  const [x0, x1, x2] = [Math.log(a.x), Math.log(b.x), Math.log(c.x)];
  const denominator = (x0 - x1) * (x0 - x2) * (x1 - x2);
  const A = (x2 * (b.y - a.y) + x1 * (a.y - c.y) + x0 * (c.y - b.y)) / denominator;
  const B = (x2 * x2 * (a.y - b.y) + x1 * x1 * (c.y - a.y) + x0 * x0 * (b.y - c.y)) / denominator;
  if (!(A < 0)) return mid.x;
  const vertex = -B / (2 * A);
  return Math.exp(Math.min(x2, Math.max(x0, vertex)));
}

export interface SimulationLine {
  text: string;
  /** core/sim/agreement.ts: within 3 standard errors AND within the formula's stated model error. */
  agrees: boolean | null;
}

/**
 * Model errors science.md §6 states, per chart: update RMS within ~3% for β2 ≥ 0.95 (up to 26% below), the
 * weight RMS at the end of the run within 2% (§2.4, §6), Adam's update RMS with ε within 3% (§1.3).
 */
const MODEL_TOLERANCE = { updateRms: 0.03, updateRmsShortBeta2: 0.26, weightRms: 0.02, eps: 0.03 } as const;

function comparison(label: string, simulated: number, stderr: number, formula: number | null | undefined,
  tolerance: number): SimulationLine {
  if (formula === null || formula === undefined || !Number.isFinite(formula)) {
    return { text: `${label}: simulated ${valueWithError(simulated, stderr)}`, agrees: null };
  }
  const a = agreement(simulated, stderr, formula, tolerance);
  return { text: `${label}: simulated ${valueWithError(simulated, stderr)} vs formula ${textNumber(formula)}: ${agreementText(a)}`, agrees: a.verdict === 'agrees' };
}

/** The Surge points' verdicts in one clause: how many agree, and the worst gap when not all do. */
function surgeVerdict(verdicts: readonly Agreement[]): string {
  if (verdicts.length === 0) return '';
  const agreeing = verdicts.filter((a) => a.verdict === 'agrees').length;
  const worst = verdicts.reduce((w, a) => (Math.abs(a.gap) > Math.abs(w.gap) ? a : w));
  const rest = agreeing === verdicts.length ? '' : `; largest gap ${agreementText(worst)}`;
  return `; ${agreeing} of ${verdicts.length} batch sizes agree with the formula (3 standard errors and its stated ±${(100 * worst.modelTolerance).toFixed(0)}%)${rest}`;
}

/** The line under each chart that puts the simulation beside the formula (null before any simulation). */
export function simulationLine(id: ChartId, curves: TheoryCurves, sim: SimulatedSeries | null): SimulationLine | null {
  if (!sim) return null;
  switch (id) {
    case 'update-rms': {
      const at = sim.updateRms.find((p) => p.x === curves.beta1);
      const tolerance = curves.input.beta2 >= 0.95 ? MODEL_TOLERANCE.updateRms : MODEL_TOLERANCE.updateRmsShortBeta2;
      return at ? comparison(`β1 = ${curves.beta1}`, at.y, at.stderr, curves.prediction.updateRms, tolerance) : null;
    }
    case 'weight-rms': {
      const w = sim.weightRms;
      return w ? comparison(`at step ${w.final.x}`, w.final.y, w.final.stderr, curves.prediction.weightRms.atEnd, MODEL_TOLERANCE.weightRms) : null;
    }
    case 'surge': {
      const mine = sim.surge.find((s) => s.optimizer === curves.optimizer);
      if (!mine || mine.points.length === 0) return null;
      const peak = curves.prediction.surge.peakBatch;
      const formula = peak === null ? 'no Surge (η* keeps rising)' : `peak at ${textNumber(peak / curves.surge.bSimple, 3)}·B_simple`;
      const measured = monteCarloPeak(mine.points);
      const where = measured === null ? 'still rising at the largest batch' : `peaks near ${textNumber(measured, 3)}·B_simple`;
      const verdicts = mine.points.flatMap((p) => (p.agreement ? [p.agreement] : []));
      const text = `Monte Carlo (B_simple = ${textNumber(curves.surge.bSimple)}): η* ${where}; formula: ${formula}${surgeVerdict(verdicts)}`;
      return { text, agrees: verdicts.length === 0 ? null : verdicts.every((a) => a.verdict === 'agrees') };
    }
    case 'eps': {
      const at = sim.eps.find((p) => p.x === 1);
      if (!at) return null;
      const formula = adamUpdateRms({ beta1: curves.beta1, snr: curves.input.snr, epsRatio: 1 });
      return comparison('at ε = g', at.y, at.stderr, formula, MODEL_TOLERANCE.eps);
    }
  }
}
