/**
 * science.md §2.4's forward recursion over a run of any length in bounded work. Once the first steps' corrections
 * are over (bias correction below double precision, the finite-t factor tables at their stationary last entry,
 * the first EARLY_STEPS weights kept), one step is an affine map of the state with coefficients that depend only
 * on that step's η. A block of L steps at one η is then that map to the power L, formed by repeated squaring in
 * O(log L). The run is cut into a fixed number of blocks per schedule phase (equal spacing, and geometric spacing
 * from the phase's start and toward its end, so that an inverse-sqrt's start and a decay's end are resolved), plus
 * a cut at every step asked for: a 10¹²-step run costs about what a 10⁶-step one does. Past 2⁵³ steps a double
 * no longer counts them, and nothing is evaluated there.
 *
 * Error: a block is held at the η of its state's mean memory lag (`blockStep`), so the terms linear in the
 * schedule's change cancel and the error is second order in its relative change across a block or a memory, summed
 * over blocks: O(1/N²) with N blocks per phase. test/core/theory/block-fold.test.ts measures it against the exact
 * walk (within 1e-4, measured ≤ 2e-5, for cosine, linear, WSD and inverse-sqrt runs with warmup, and for Adam,
 * SignSGD with momentum and Lion), far inside the formulas' model error (science.md §6, a few %).
 */
import { fillLr, lrAt, wsdDecaySteps, type ScheduleSpec } from './schedule';
import { EARLY_STEPS, type ScheduledRun } from './weight-rms';
import {
  emptyForwardState, foldForward, stepIndex, weightRmsFromForward, type ForwardState,
} from './weight-rms-forward';
import type { DecayRule } from './weight-decay';

/** Work done, for tests that bound it: single steps walked and products of block maps formed. */
export interface FoldWork {
  steps: number;
  products: number;
}

export interface BlockFoldOptions {
  /** Blocks of each spacing per schedule phase (equal and geometric): 256 keeps the error below 1e-4. */
  blocksPerPhase?: number;
  work?: FoldWork;
}

type RunShape = Omit<ScheduledRun, 'lr' | 'decay'>;

/** Blocks this short are walked step by step: cheaper than ~2·log₂L matrix products, and exact. */
const WALK_BELOW = 48;
/**
 * The state, in groups that evolve apart (each reads only itself and the constant 1): a map is one small
 * upper-triangular matrix per group, the constant last, packed one after the other (~55 multiply-adds a product
 * instead of ~360 for one 12×12 matrix).
 */
type StateKey = 'th2' | 'ths' | 's2' | 'thm' | 'sm' | 'sumW' | 'sumW2' | 'sumWF' | 'sumW1' | 'lastEta' | 'p';
const GROUPS: readonly (readonly StateKey[])[] = [
  ['th2', 'ths', 's2'], ['thm', 'sm'], ['sumW'], ['sumW2'], ['sumWF'], ['sumW1', 'lastEta'], ['p'],
];
/** Per group: its keys, its size with the constant, and where its matrix starts. */
const LAYOUT = GROUPS.reduce<{ keys: readonly StateKey[]; n: number; at: number }[]>((all, keys) => {
  const prev = all[all.length - 1];
  return [...all, { keys, n: keys.length + 1, at: prev ? prev.at + prev.n * prev.n : 0 }];
}, []);
const SIZE = LAYOUT.reduce((s, g) => s + g.n * g.n, 0);

const slots = new Map<StateKey, Map<StateKey | null, number>>();
/** Where the coefficient of `from` (or of the constant, null) in the update of `to` is stored. */
function slot(to: StateKey, from: StateKey | null): number {
  const row = slots.get(to) ?? new Map<StateKey | null, number>();
  slots.set(to, row);
  const known = row.get(from);
  if (known !== undefined) return known;
  const g = LAYOUT.find((l) => l.keys.includes(to));
  const col = g && (from === null ? g.n - 1 : g.keys.indexOf(from));
  if (!g || col === undefined || col < 0) throw new Error(`${to} does not read ${from ?? 'the constant'}`);
  const at = g.at + g.keys.indexOf(to) * g.n + col;
  row.set(from, at);
  return at;
}

/** First step from which every step is the same affine map of the state at a given η. */
export function constantPhaseFrom(run: RunShape): number {
  const beta = run.filter.beta;
  const horizon = run.biasCorrection && beta > 0 && beta < 1 ? Math.ceil(Math.log(1e-17) / Math.log(beta)) : 0;
  const tables = run.factors ? Math.max(run.factors.mean.length, run.factors.noise.length) : 0;
  return Math.max(horizon, tables, EARLY_STEPS, 1) + 1;
}

/** out = A·B, group by group (upper triangular); `out` is neither A nor B. */
function multiplyInto(out: Float64Array, a: Float64Array, b: Float64Array, work?: FoldWork): void {
  for (const { n, at } of LAYOUT) {
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let s = 0;
        for (let k = i; k <= j; k++) s += a[at + i * n + k] * b[at + k * n + j];
        out[at + i * n + j] = s;
      }
    }
  }
  if (work) work.products++;
}

/** The slots stepMatrix writes, looked up once. */
const STEP = {
  th2_th2: slot('th2', 'th2'),
  th2_ths: slot('th2', 'ths'),
  th2_s2: slot('th2', 's2'),
  th2_1: slot('th2', null),
  ths_ths: slot('ths', 'ths'),
  ths_s2: slot('ths', 's2'),
  ths_1: slot('ths', null),
  s2_s2: slot('s2', 's2'),
  s2_1: slot('s2', null),
  thm_thm: slot('thm', 'thm'),
  thm_sm: slot('thm', 'sm'),
  thm_1: slot('thm', null),
  sm_sm: slot('sm', 'sm'),
  sm_1: slot('sm', null),
  sumW_sumW: slot('sumW', 'sumW'),
  sumW_1: slot('sumW', null),
  sumW2_sumW2: slot('sumW2', 'sumW2'),
  sumW2_1: slot('sumW2', null),
  sumWF_sumWF: slot('sumWF', 'sumWF'),
  sumWF_1: slot('sumWF', null),
  sumW1_sumW1: slot('sumW1', 'sumW1'),
  sumW1_lastEta: slot('sumW1', 'lastEta'),
  lastEta_1: slot('lastEta', null),
  p_p: slot('p', 'p'),
};

/** One step at η (foldForward's recursion past the first steps) as a map. */
function stepMatrix(run: RunShape, eta: number, decay: DecayRule): Float64Array {
  const { gain, beta, direct } = run.filter;
  const last = (table: ArrayLike<number> | undefined) => (table && table.length > 0 ? table[table.length - 1] : 1);
  const fm = last(run.factors?.mean);
  const en = eta * last(run.factors?.noise);
  const em = eta * fm;
  const a = 1 - eta * (decay.perLr + decay.perLrSquared * eta);
  const m = new Float64Array(SIZE);
  for (const { n, at } of LAYOUT) m[at + n * n - 1] = 1;
  m[STEP.th2_th2] = a * a;
  m[STEP.th2_ths] = -2 * a * en * gain;
  m[STEP.th2_s2] = en * en * gain * gain;
  m[STEP.th2_1] = en * en * direct * direct;
  m[STEP.ths_ths] = a * beta;
  m[STEP.ths_s2] = -en * gain * beta;
  m[STEP.ths_1] = -en * direct;
  m[STEP.s2_s2] = beta * beta;
  m[STEP.s2_1] = 1;
  m[STEP.thm_thm] = a;
  m[STEP.thm_sm] = -em * gain;
  m[STEP.thm_1] = -em * direct;
  m[STEP.sm_sm] = beta;
  m[STEP.sm_1] = 1;
  m[STEP.sumW_sumW] = a;
  m[STEP.sumW_1] = eta;
  m[STEP.sumW2_sumW2] = a * a;
  m[STEP.sumW2_1] = eta * eta;
  m[STEP.sumWF_sumWF] = a;
  m[STEP.sumWF_1] = eta * fm;
  m[STEP.sumW1_sumW1] = a * a;
  m[STEP.sumW1_lastEta] = a * eta;
  m[STEP.lastEta_1] = eta;
  m[STEP.p_p] = a;
  return m;
}

function allFinite(m: Float64Array): boolean {
  for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i])) return false;
  return true;
}

function unchanged(next: Float64Array, previous: Float64Array): boolean {
  for (let i = 0; i < next.length; i++) {
    if (Math.abs(next[i] - previous[i]) > 1e-15 * Math.max(1, Math.abs(next[i]))) return false;
  }
  return true;
}

/**
 * M^L by repeated squaring, in three buffers (no allocation per product). Stops early once a square no longer
 * changes (every decaying part has died out and the map is its own fixed point's projection), so a long block of a
 * decaying run costs only a few products.
 */
function power(m: Float64Array, length: number, work?: FoldWork): Float64Array {
  let base: Float64Array = m.slice();
  let tmp: Float64Array = new Float64Array(SIZE);
  let result: Float64Array | null = null;
  let rest = Math.floor(length);
  while (rest >= 1) {
    if (rest % 2 >= 1) {
      if (result) {
        multiplyInto(tmp, base, result, work);
        [result, tmp] = [tmp, result];
      } else {
        result = base.slice();
      }
    }
    rest = Math.floor(rest / 2);
    if (rest < 1) break;
    multiplyInto(tmp, base, base, work);
    if (!allFinite(tmp)) return tmp;
    const idempotent = unchanged(tmp, base);
    [base, tmp] = [tmp, base];
    if (idempotent) {
      // Every further power is the same matrix.
      if (!result) return base;
      multiplyInto(tmp, base, result, work);
      return tmp;
    }
  }
  return result ?? base;
}

function apply(state: ForwardState, m: Float64Array, length: number): void {
  const next: Partial<Record<StateKey, number>> = {};
  for (const { keys, n, at } of LAYOUT) {
    keys.forEach((key, i) => {
      let v = m[at + i * n + n - 1];
      for (let k = i; k < keys.length; k++) v += m[at + i * n + k] * state[keys[k]];
      next[key] = v;
    });
  }
  Object.assign(state, next);
  state.t += length;
}

/** Block ends over (from, to]: `count` equal and `count` geometric cuts of each phase between the schedule's kinks. */
function blockEnds(schedule: ScheduleSpec, from: number, to: number, count: number): number[] {
  const T = schedule.steps;
  const kinks = [schedule.warmupSteps, schedule.kind === 'wsd' ? T - wsdDecaySteps(schedule) : 0, T, to]
    .filter((k) => k > from && k < to);
  const phases = [from, ...[...new Set(kinks)].sort((a, b) => a - b), to];
  const ends: number[] = [];
  for (let p = 0; p + 1 < phases.length; p++) {
    const lo = phases[p];
    const hi = phases[p + 1];
    for (let k = 1; k <= count; k++) {
      ends.push(Math.round(lo + ((hi - lo) * k) / count));
      ends.push(Math.round(Math.max(lo, 1) * Math.pow(hi / Math.max(lo, 1), k / count)));
      ends.push(Math.round(hi - Math.pow(hi - lo, (k - 1) / count)));
    }
  }
  return ends;
}

/** Per-step decay δ at step t. */
function decayAt(schedule: ScheduleSpec, decay: DecayRule, t: number): number {
  const eta = lrAt(schedule, t);
  return eta * (decay.perLr + decay.perLrSquared * eta);
}

/**
 * The step a block of `length` steps after `from` is held at. The state at the block's end weighs its steps by
 * (1−δ)^{2s}, s steps before the end (the second moments decay at 2δ): the mean lag under that weight,
 * L·(1/x − 1/(eˣ−1)) with x = 2δL, is L/2 (the midpoint) for a block short against the memory 1/(2δ) and 1/(2δ)
 * for a long one, so the error stays second order in the schedule's change across the memory or the block.
 */
function blockStep(schedule: ScheduleSpec, decay: DecayRule, from: number, length: number): number {
  const x = 2 * decayAt(schedule, decay, from + (length + 1) / 2) * length;
  const lag = x > 1e-8 ? length * (1 / x - 1 / Math.expm1(x)) : length / 2;
  return from + length + 0.5 - lag;
}

/**
 * Weight RMS at the given 1-based steps (science.md §2.4) in work bounded whatever the run's length: exact for the
 * first steps (`constantPhaseFrom`), then in blocks. Step 0 is θ0; steps past T or past 2⁵³ give NaN.
 */
export function blockWeightRmsAtSteps(
  schedule: ScheduleSpec, decay: DecayRule, run: RunShape, steps: readonly number[], options: BlockFoldOptions = {},
): Float64Array {
  const { work } = options;
  const out = new Float64Array(steps.length).fill(Number.NaN);
  const wanted = stepIndex(steps);
  for (const idx of wanted.get(0) ?? []) out[idx] = run.theta0Rms;
  // Past 2⁵³ a double no longer counts steps (t + 1 === t): such points are not evaluated.
  const inRun = steps.filter((s) =>
    s >= 1 && s <= schedule.steps && s <= Number.MAX_SAFE_INTEGER && Number.isInteger(s));
  if (inRun.length === 0) return out;
  const end = Math.max(...inRun);
  const state = emptyForwardState();
  const record = (t: number) => {
    for (const idx of wanted.get(t) ?? []) out[idx] = weightRmsFromForward(run, state);
  };
  const buffer = new Float64Array(1 << 12);
  const walk = (to: number) => {
    // Counted by steps left, never by state.t: past 2⁵³ steps, t + 1 === t.
    const from = state.t;
    for (let left = to - from; left > 0;) {
      const lr = buffer.subarray(0, Math.min(buffer.length, left));
      fillLr(schedule, state.t + 1, lr);
      foldForward(state, run, lr, decay, record);
      left -= lr.length;
      if (work) work.steps += lr.length;
    }
    state.t = Math.max(from, to);
  };
  walk(Math.min(end, constantPhaseFrom(run)));
  const cuts = [...blockEnds(schedule, state.t, end, options.blocksPerPhase ?? 256), ...inRun, end]
    .filter((s) => s > state.t && s <= end);
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    const length = cut - state.t;
    if (length < WALK_BELOW) {
      walk(cut);
      continue;
    }
    const eta = lrAt(schedule, blockStep(schedule, decay, state.t, length));
    apply(state, power(stepMatrix(run, eta, decay), length, work), length);
    record(state.t);
  }
  return out;
}
