/**
 * A value that depends on which arm of an `if` or `case` runs (shell/branches.ts): OptLens predicts from one arm
 * (the one the file's own value selects, else the first) and says so at the value, listing what the other arms
 * give, so nobody takes the prediction for the only possible run.
 */
import {
  HYPERPARAMETER_NAMES, type ExtractedOptimizer, type Finding, type HyperparameterName, type Hyperparameters,
} from '../../core/hyperparams';
import { HYPERPARAMETER_LABELS, plainPhrase, type PhrasePart } from '../../core/provenance-words';
import type { Branch, BranchPart, ConfigEntry } from './entries';
import type { LineIndex } from './lines';
import type { ResolvedOptimizer } from './resolve';

export const BRANCH_VALUE = 'value-depends-on-branch';

function spanKey(span: { start: number; end: number }): string {
  return `${span.start}:${span.end}`;
}

function message(names: readonly HyperparameterName[], raw: string, branch: Branch, lines: LineIndex): string {
  const at = (span: { start: number }): string => `line ${lines.lineAt(span.start)}`;
  const labels = names.map((n) => HYPERPARAMETER_LABELS[n]).join(' and ');
  const parts: PhrasePart[] = [
    { text: branch.loop === true ? `The ${labels} takes each value of ` : `The ${labels} depends on which arm of ` },
    { code: branch.construct.text },
    { text: ` (${at(branch.construct.span)})${branch.loop === true ? '' : ' runs'}: ` }, { code: raw }, { text: ' in ' },
    branch.arm.implicit === true ? { text: branch.arm.text } : { code: branch.arm.text },
  ];
  for (const alt of branch.alternatives) {
    parts.push({ text: '; ' });
    if (alt.span) parts.push({ code: alt.raw }, { text: ` (${at(alt.span)}) in ` });
    else parts.push({ text: 'set at run time in ' });
    parts.push(alt.arm.implicit === true ? { text: alt.arm.text } : { code: alt.arm.text });
  }
  if (branch.loop === true) {
    parts.push({ text: '. Every iteration runs: OptLens predicts from the first, ' }, { code: branch.arm.text },
      { text: ', and the others beside it.' });
    return plainPhrase(parts);
  }
  if (branch.selected) {
    parts.push({ text: '. OptLens predicts from ' }, { code: branch.arm.text }, { text: ', the arm ' });
    if (branch.selectedBy) {
      parts.push({ text: 'the value ' }, { code: branch.selectedBy.value },
        { text: ` (${at(branch.selectedBy.span)}) selects.` });
    } else parts.push({ text: 'the file selects as written.' });
  } else if (branch.arm.implicit === true) {
    // No arm taken (a run without options): the values written before the branch.
    parts.push({ text: '. Which one runs is decided when the script runs; OptLens predicts from the value written ' +
      `before it (${branch.arm.text}).` });
  } else {
    parts.push({ text: '. Which one runs is decided when the script runs; OptLens predicts from the first, ' },
      { code: branch.arm.text }, { text: '.' });
  }
  if (branch.alternatives.some((a) => a.span !== null)) {
    parts.push({ text: ' The values another arm writes are predicted beside it, as a run of their own.' });
  }
  return plainPhrase(parts);
}

/**
 * One finding per value an optimizer reads from a branch, at its literal, naming every role it gives; a value
 * shared by several optimizers is told once.
 */
export function branchValueFindings(
  entries: readonly ConfigEntry[], optimizers: readonly ExtractedOptimizer[], lines: LineIndex,
): Finding[] {
  const branches = new Map<string, { entry: ConfigEntry; branch: Branch }>();
  for (const e of entries) {
    // An arm that writes the same value elsewhere changes nothing: only the arms that differ are told.
    const differing = e.branch?.alternatives.filter((a) => a.same !== true) ?? [];
    if (e.branch && differing.length > 0) {
      branches.set(spanKey(e.span), { entry: e, branch: { ...e.branch, alternatives: differing } });
    }
  }
  if (branches.size === 0) return [];
  const told = new Map<string, { names: HyperparameterName[]; entry: ConfigEntry; branch: Branch; index: number }>();
  optimizers.forEach((o, index) => {
    for (const name of HYPERPARAMETER_NAMES) {
      const v = o.hyperparameters[name];
      if (v?.source !== 'written' || !v.span) continue;
      const found = branches.get(spanKey(v.span));
      if (!found) continue;
      const seen = told.get(spanKey(v.span));
      if (!seen) told.set(spanKey(v.span), { names: [name], ...found, index });
      else if (!seen.names.includes(name)) seen.names.push(name);
    }
  });
  return [...told.values()].map(({ names, entry, branch, index }) => ({
    code: BRANCH_VALUE,
    severity: 'information',
    message: message(names, entry.raw, branch, lines),
    line: lines.lineAt(entry.span.start),
    span: { ...entry.span },
    optimizerIndex: index,
  }));
}

/** Most runs of other arms added to a file's optimizers (a script with many `case` arms is not predicted n times). */
const MAX_ARM_RUNS = 4;

/**
 * The run of each other arm that writes a value an optimizer reads (`"8B")` sets the global batch to 8): a copy of
 * that optimizer with the arm's values at their lines, predicted beside the arm OptLens reads, as a Python config
 * function's branches are (`finetune_recipe()[branch 2]`). A value only the run knows in that arm adds no run.
 */
export function armRuns(
  resolved: readonly ResolvedOptimizer[], entries: readonly ConfigEntry[], lines: LineIndex,
): ResolvedOptimizer[] {
  const branches = new Map<string, Branch>();
  for (const e of entries) if (e.branch && e.branch.alternatives.length > 0) branches.set(spanKey(e.span), e.branch);
  if (branches.size === 0) return [...resolved];
  const out = [...resolved];
  let added = 0;
  for (const r of resolved) {
    const runs = new Map<string, { arm: BranchPart; construct: BranchPart; values: Hyperparameters }>();
    for (const name of HYPERPARAMETER_NAMES) {
      const v = r.optimizer.hyperparameters[name];
      const branch = v?.source === 'written' && v.span ? branches.get(spanKey(v.span)) : undefined;
      if (!v || !branch) continue;
      for (const alt of branch.alternatives) {
        if (alt.span === null || alt.value === null) continue;
        const id = spanKey(alt.arm.span);
        const run = runs.get(id) ?? { arm: alt.arm, construct: branch.construct, values: {} };
        const line = lines.lineAt(alt.span.start);
        run.values[name] = { ...v, value: alt.value, raw: alt.raw, span: { ...alt.span }, line };
        runs.set(id, run);
      }
    }
    for (const run of runs.values()) {
      if (added++ >= MAX_ARM_RUNS) return out;
      const where = `the run that takes ${run.arm.text} of ${run.construct.text} (line ${lines.lineAt(run.arm.span.start)})`;
      const applies = r.optimizer.appliesTo === undefined ? where : `${r.optimizer.appliesTo}, in ${where}`;
      out.push({ ...r, optimizer: { ...r.optimizer, appliesTo: applies,
        hyperparameters: { ...r.optimizer.hyperparameters, ...run.values } } });
    }
  }
  return out;
}
