/**
 * The wording of a prediction's notes (core/prediction.ts `PredictionNote`): one sentence per code, in
 * plain words, with the numbers the note carries. The front ends differ only in how they tell the user to
 * supply a value: the editor names its settings and the `# optlens:` file comment, the CLI names its flags.
 * Nothing here names a field of the JSON (`weightRms.atEnd`): the editor shows this text as it is.
 */
import type { NoteCode, PredictionNote } from './prediction';

/** Where the note is shown: the editor (hovers, playground, reports) or the command line. */
export type NoteSurface = 'editor' | 'cli';

/** What a note is about, so a front end can show it beside that number (a hover on β2, the Surge card). */
export type NoteTopic = 'updateRms' | 'weightRms' | 'surge' | 'eps';

type Supply = 'noiseScale' | 'gradScale' | 'snr' | 'shape' | 'batch';

/** How to supply a missing value, per surface. */
const SUPPLY: Record<NoteSurface, Record<Supply, string>> = {
  editor: {
    noiseScale: 'set the noise scale B_simple (setting “OptLens: Noise Scale”, or `# optlens: noise-scale=…` in the file)',
    gradScale: 'set the gradient norm and parameter count (settings “OptLens: Gradient Norm” and “OptLens: Parameter Count”)',
    snr: 'set the SNR (setting “OptLens: Snr”)',
    shape: 'give the matrix shape in the playground',
    batch: 'write the batch size in the file',
  },
  cli: {
    noiseScale: 'pass --noise-scale',
    gradScale: 'pass --grad-norm and --params',
    snr: 'pass --snr',
    shape: 'pass --shape MxN',
    batch: 'pass --batch',
  },
};

/** Three significant digits; exponent form outside [1e-3, 1e4). */
function n(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

/** The plain name of a prediction field, for the out-of-range note. */
const FIELD_NAMES: Record<string, string> = {
  updateRms: 'the update RMS', 'weightRms.steady': 'the equilibrium weight RMS', 'weightRms.atEnd': 'the weight RMS at the end of the run',
  'weightRms.meanField': 'the mean-field weight RMS', equilibriumSteps: 'the weight-decay timescale', equilibriumFraction: 'the timescale as a fraction of the run',
  effectiveBatchMultiplier: 'the batch multiplier', 'surge.threshold': 'the Surge threshold', 'surge.thresholdRatio': 'the Surge threshold',
  'surge.peakBatch': 'the Surge peak', 'surge.etaStarRelative': 'the optimal learning rate', 'surge.lossDecreaseRelative': 'the loss decrease',
  'epsRegime.ratio': 'the ε ratio',
};

type Wording = { [C in NoteCode]: (note: Extract<PredictionNote, { code: C }>, supply: Record<Supply, string>) =>
  string };

const WORDING: Wording = {
  'beta2-short-memory': (x) => `β2 = ${x.beta2} < 0.95: its memory is short and the update-RMS formula drifts (3–4% off at β2 = 0.9, up to 26% at 0.5; science.md §6).`,
  'sgd-momentum-gain': (x) => `PyTorch's SGD momentum is not an average (buf = μ·buf + (1 − dampening)·g): its steady update is ${n(x.gain)}× the gradient, so the effective step is ${n(x.gain)}·lr.`,
  'sgd-needs-grad-scale': (_, s) => `SGD updates are in gradient units: ${s.gradScale} for the update and weight RMS.`,
  'muon-needs-shape': (_, s) => `Muon's update RMS depends on the matrix shape: ${s.shape}.`,
  'muon-newton-schulz': (x) => `Muon: 5 Newton–Schulz steps leave noise-dominated momentum short of orthogonal, so the update RMS is ${n(x.ratio)}× the orthogonal ${n(x.ideal)}${x.atSnrZero ? ' (computed at SNR 0)' : ''}.`,
  'coupled-l2': (x) => `${x.optimizer === 'sgd' ? "PyTorch's SGD" : x.optimizer === 'adam' ? "PyTorch's Adam" : 'This optimizer'} adds λθ to the gradient (coupled L2), not decoupled decay: there is no weight-RMS equilibrium (science.md §2). AdamW decouples it.`,
  'muon-no-weight-rms': () => 'Muon: the weight RMS needs the matrix shape and is derived for pure-noise gradients (SNR 0) only (science.md §2.7); simulate the config to see it otherwise.',
  'no-weight-decay': (x) => `${x.noDecay ? 'No weight decay' : 'λ = 0'}: there is no equilibrium; the weight RMS grows like a random walk, by about ${n(x.eta)} per √step${x.atEnd !== null && x.steps !== null ? ` (≈ ${n(x.atEnd)} after ${x.steps} steps at the peak learning rate)` : ''} (science.md §2.3).`,
  'sign-mean-field': (x) => `At SNR ${x.snr} the arcsine-law weight RMS (science.md §2.5) does not hold: showing the seed's mean field, ~20% high at SNR 0 and +21% for SignSGD at SNR 0.1 (§6).`,
  'weight-rms-at-end-not-evaluated': (x) => `The weight RMS at the end of the run is not evaluated: ${n(x.steps)} steps is past the 2⁵³ steps that a double counts exactly.`,
  'tau-near-momentum-memory': (x) => `The decay timescale (${n(x.tau)} steps) is not much longer than momentum's memory (${n(x.memory)} steps): the equilibrium weight RMS may be several % off; the end-of-run value stays exact (science.md §6).`,
  'run-shorter-than-bias-correction': (x) => `The run (${x.steps} steps) is not much longer than momentum's memory: bias correction still matters and the update RMS starts at 1 (science.md §1.2).`,
  'surge-needs-noise-scale': (_, s) => `Where the batch sits against the Surge needs the noise scale: ${s.noiseScale} (science.md §4 measures it).`,
  'snr-implied-by-batch': (x, s) => `Batch ${n(x.batch)} and noise scale ${n(x.noiseScale)} imply a gradient SNR ≈ B/B_simple = ${n(x.implied)}, but the RMS predictions use SNR ${x.snr}${x.snr === 0 ? ' (late training)' : ''}: ${s.snr} to ${n(x.implied)} to use it.`,
  'surge-needs-batch': (_, s) => `The optimal learning rate at your batch needs the batch size: ${s.batch}.`,
  'surge-ignores-eps': (_, s) => `The Surge threshold ignores ε until the gradient scale is known (${s.gradScale}); ε only moves it up, and can remove it (science.md §3.4).`,
  'surge-beta2-short': () => 'With β2 below 0.95 the Surge estimate is ~5% off or more (science.md §6).',
  'muon-ignores-hessian-alignment': () => 'Muon: the Hessian alignment ρ is not applied (science.md §3.5 finds no Surge under its Hessian structure).',
  'muon-no-surge': () =>
    'No Surge for Muon: its optimal learning rate rises with the batch toward a maximum and never turns down ' +
    '(η* ≈ η_max/√(1 + B_noise/B) in the mean field; checked by simulation, science.md §3.5): a larger batch never ' +
    'calls for a smaller learning rate here.',
  'surge-spread': (x) =>
    `ε acts more on small gradient coordinates than on large ones: with coordinate sizes spread by ${n(x.spread)} ` +
    `(standard deviation of ln|g|${x.assumed ? ', assumed: not in the file' : ''}) the Surge peak is at ` +
    `B ≈ ${x.peak === null ? 'none' : n(x.peak)}; if every coordinate had the same size it would be at ` +
    `B ≈ ${x.peakAtZero === null ? 'none' : n(x.peakAtZero)} (science.md §7.3).`,
  'fp16-eps-zero': (x) => `ε = ${n(x.eps)} is 0 in fp16 (at or below half its smallest subnormal, 2.98e-8): Adam then divides by √v alone.`,
  'tau-longer-than-run': (x) => `The decay timescale (${n(x.tau)} steps) is longer than the run (${x.steps} steps): the weights never reach the equilibrium RMS; the end-of-run value is what the run ends with.`,
  'out-of-range': (x) => `${FIELD_NAMES[x.field] ?? 'A prediction'} is beyond double-precision range for these settings, so it is not shown.`,
};

const TOPICS: Record<NoteCode, NoteTopic> = {
  'beta2-short-memory': 'updateRms', 'sgd-momentum-gain': 'updateRms', 'sgd-needs-grad-scale': 'updateRms', 'muon-needs-shape': 'updateRms',
  'muon-newton-schulz': 'updateRms', 'coupled-l2': 'weightRms', 'muon-no-weight-rms': 'weightRms', 'no-weight-decay': 'weightRms',
  'sign-mean-field': 'weightRms', 'weight-rms-at-end-not-evaluated': 'weightRms', 'tau-near-momentum-memory': 'weightRms',
  'run-shorter-than-bias-correction': 'updateRms', 'surge-needs-noise-scale': 'surge', 'snr-implied-by-batch': 'surge',
  'surge-needs-batch': 'surge', 'surge-ignores-eps': 'surge', 'surge-beta2-short': 'surge', 'muon-ignores-hessian-alignment': 'surge',
  'muon-no-surge': 'surge', 'surge-spread': 'surge',
  'fp16-eps-zero': 'eps', 'tau-longer-than-run': 'weightRms', 'out-of-range': 'updateRms',
};

/** The note as a sentence for `surface`. */
export function noteText(note: PredictionNote, surface: NoteSurface): string {
  const word = WORDING[note.code] as (x: PredictionNote, s: Record<Supply, string>) => string;
  return word(note, SUPPLY[surface]);
}

/** What the note is about. */
export function noteTopic(note: PredictionNote): NoteTopic {
  return TOPICS[note.code];
}

/** The notes of `notes` about `topic`, worded for `surface`. */
export function notesAbout(notes: readonly PredictionNote[], topic: NoteTopic, surface: NoteSurface): string[] {
  return notes.filter((x) => noteTopic(x) === topic).map((x) => noteText(x, surface));
}
