/**
 * Several phases of one run written side by side under numbered keys (DeepSpeed bing_bert's
 * `mixed_seq_training.128` and `.512`, one per sequence length; a list of stages): OptLens reads one phase's
 * values. Each other phase that writes the same settings is then said to be left out, with a hint at its first
 * such value, so that no phase is dropped without a word.
 */
import type { ExtractedOptimizer, Finding, HyperparameterName } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import type { LineIndex } from '../lines';

export const PHASE_NOT_PREDICTED = 'phase-not-predicted';

/** A numbered key or a list index: the way a file numbers phases of one run. */
const PHASE_KEY = /^\d+$/;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/**
 * The optimizer's own settings: a phase writes one of them again. Segments of one schedule (a list of chained
 * schedulers, each with its `total_iters`) write only schedule values, which OptLens reads as warmup and decay.
 */
const OPTIMIZER_SETTINGS = new Set<HyperparameterName>(['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum']);

interface PhaseSet {
  /** The path above the numbered keys. */
  parent: readonly string[];
  /** The phase whose values OptLens reads. */
  shown: string;
  /** Each other phase, with its first value that is a counterpart of one OptLens reads. */
  others: Map<string, ConfigEntry>;
  /** Every phase key in document order of its first counterpart value. */
  order: Map<string, number>;
  /**
   * The literals each other phase writes that are counterparts of values OptLens reads, by position: a literal reached
   * under two paths (a list bound to a name, then passed to a call) is one value.
   */
  counterparts: Map<string, Set<number>>;
  /** The phases that write again a setting of the optimizer's own. */
  optimizerSetting: Set<string>;
}

const pathOf = (entry: ConfigEntry): readonly string[] => entry.origin ?? entry.path;

/** Where a numbered segment sits in a path: the parent, the phase key and the key below it, as one lookup key. */
function slots(path: readonly string[]): { at: number; id: string }[] {
  const out: { at: number; id: string }[] = [];
  for (let i = 0; i < path.length - 1; i++) {
    if (PHASE_KEY.test(path[i] ?? '')) out.push({ at: i, id: JSON.stringify([path.slice(0, i), path.slice(i + 1)]) });
  }
  return out;
}

export function droppedPhaseFindings(
  entries: readonly ConfigEntry[],
  optimizers: readonly ExtractedOptimizer[],
  lines: LineIndex,
): Finding[] {
  const used = new Map<number, HyperparameterName>();
  for (const o of optimizers) {
    for (const [name, v] of Object.entries(o.hyperparameters)) {
      if (v?.span) used.set(v.span.start, name as HyperparameterName);
    }
  }
  if (used.size === 0) return [];
  // The phase each value OptLens reads sits in, by the place it would have in any other phase.
  const read = new Map<string, { parent: readonly string[]; shown: string; role: HyperparameterName }>();
  for (const entry of entries) {
    const role = used.get(entry.span.start);
    if (role === undefined) continue;
    const path = pathOf(entry);
    for (const { at, id } of slots(path)) read.set(id, { parent: path.slice(0, at), shown: path[at] ?? '', role });
  }
  if (read.size === 0) return [];
  // Values read from two phases of one parent mix them: no one phase is shown, and none is said to be.
  const shownPhases = new Map<string, Set<string>>();
  for (const { parent, shown } of read.values()) {
    const key = JSON.stringify(parent);
    shownPhases.set(key, (shownPhases.get(key) ?? new Set()).add(shown));
  }
  // A counterpart ends in the key of a value read: a cheap test before the lookups (a large file has many entries).
  const readKeys = new Set([...read.keys()].map((id) => (JSON.parse(id) as string[][])[1]?.at(-1)));
  const candidates = entries.filter((e) => readKeys.has(pathOf(e).at(-1)));
  const sets = new Map<string, PhaseSet>();
  for (const entry of candidates.sort((a, b) => a.span.start - b.span.start)) {
    const path = pathOf(entry);
    for (const { at, id } of slots(path)) {
      const phase = read.get(id);
      const key = JSON.stringify(phase?.parent);
      if (!phase || (shownPhases.get(key)?.size ?? 0) > 1) continue;
      const set = sets.get(key) ?? { parent: phase.parent, shown: phase.shown, others: new Map(), order: new Map(),
        counterparts: new Map<string, Set<number>>(), optimizerSetting: new Set<string>() };
      sets.set(key, set);
      const own = path[at] ?? '';
      if (!set.order.has(own)) set.order.set(own, set.order.size);
      if (own === phase.shown || used.has(entry.span.start)) continue;
      if (!set.others.has(own)) set.others.set(own, entry);
      const spans: Set<number> = set.counterparts.get(own) ?? new Set<number>();
      set.counterparts.set(own, spans.add(entry.span.start));
      if (OPTIMIZER_SETTINGS.has(phase.role)) set.optimizerSetting.add(own);
    }
  }
  const out: Finding[] = [];
  for (const set of sets.values()) {
    const shown = renderPath([...set.parent, set.shown]);
    for (const [phase, entry] of set.others) {
      // One value beside the one read (a scheduler list's two `total_iters`, parameter groups' own lrs) is not a
      // set of training settings: a phase writes several of them again.
      if ((set.counterparts.get(phase)?.size ?? 0) < 2 || !set.optimizerSetting.has(phase)) continue;
      const ordinal = ORDINALS[set.order.get(phase) ?? ORDINALS.length];
      out.push({
        code: PHASE_NOT_PREDICTED,
        severity: 'hint',
        message: `${ordinal !== undefined ? `A ${ordinal}` : 'Another'} set of training settings ` +
          `(\`${renderPath([...set.parent, phase])}\`) is not predicted: OptLens shows the one at \`${shown}\`.`,
        line: lines.lineAt(entry.span.start),
        span: { ...entry.span },
      });
    }
  }
  return out;
}
