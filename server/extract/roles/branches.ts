/**
 * Branches of a Python config function (`get_config()`, a recipe function): what the function writes outside any
 * condition is the main configuration, and each `if`/`elif`/`else`/`case` body (the Python reader names its writes
 * `get_config()[branch 2]`) is an alternative. A branch's values never stand in for the main configuration's (the
 * `if runlocal:` batch of 32 is no run's batch but the debug run's); a branch without an optimizer of its own gets
 * one: the main configuration's optimizer with the values the branch writes, saying where the branch is.
 */
import { HYPERPARAMETER_NAMES, type ExtractedValue, type HyperparameterName } from '../../../core/hyperparams';
import type { KeySpelling } from '../ecosystems/types';
import { findSpelling, normaliseSpelling } from '../match';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from '../resolve';
import type { RoleCandidate } from './candidates';
import { bestPerRole } from './candidate-order';
import { valueOf } from './fill';
import { copyValue as copy } from '../value-copies';

const BRANCH = /^(.*\(\))\[branch \d+\]$/;
/** The Python reader's entry holding a branch's condition as written. */
const CONDITION = '(condition)';
/** A condition longer than this is cut in the label (the line number says where the rest is). */
const MAX_CONDITION = 60;

type Values = Partial<Record<HyperparameterName, ExtractedValue>>;

function branchOf(path: readonly string[]): string | null {
  const first = path[0] ?? '';
  // BRANCH ends in `]`: the cheap test spares the regex on every entry of a file with no config function.
  return first.endsWith(']') && BRANCH.test(first) ? first : null;
}

/**
 * The first value a list of spellings finds under `prefix`. A spelling rooted at the config function itself
 * (big_vision's `get_config().*.input.batch_size`, for the config under any name) reads the branch in its place.
 */
function firstValue(ctx: ResolveContext, prefix: readonly string[], name: HyperparameterName,
  spellings: readonly KeySpelling[], fn = ''): ExtractedValue | null {
  for (const written of spellings) {
    const normalised = normaliseSpelling(written);
    const rooted = fn !== '' && prefix.length === 1 && normalised.key[0] === fn;
    const spelling = rooted ? { ...normalised, key: normalised.key.slice(1) } : normalised;
    const match = findSpelling(ctx.index, prefix, spelling);
    const value = match ? writtenValue(ctx, name, match.entry, spelling, match.element) : null;
    if (value) return value;
  }
  return null;
}

/** What branch `branch` writes through the table's spellings: the optimizer's own (under its block), then the run's. */
function branchValues(ctx: ResolveContext, main: ResolvedOptimizer, branch: string, fn: string): Values {
  const block = main.prefix[0] === fn ? [branch, ...main.prefix.slice(1)] : null;
  const out: Values = {};
  for (const name of HYPERPARAMETER_NAMES) {
    const own = block ? firstValue(ctx, block, name, main.scope.hyperparameters[name] ?? []) : null;
    const value = own ?? firstValue(ctx, [branch], name, ctx.table.run[name] ?? [], fn);
    if (value) out[name] = value;
  }
  return out;
}

/**
 * Role readings written in a branch that no configuration took (OpenCLIP's `get_default_params()` per model family:
 * the table reads each branch's `lr` and betas, role inference only one branch's `eps` for the main configuration):
 * the best per role of each branch, which that branch's alternative takes where nothing else says the role.
 */
export function unreadBranchValues(ctx: ResolveContext, loose: readonly RoleCandidate[]): Map<string, Values> {
  const byBranch = new Map<string, RoleCandidate[]>();
  for (const c of loose) {
    const branch = branchOf(c.entry.path);
    if (branch === null || c.role === 'optimizer') continue;
    const items = byBranch.get(branch) ?? [];
    items.push(c);
    byBranch.set(branch, items);
  }
  const out = new Map<string, Values>();
  for (const [branch, items] of byBranch) {
    const values: Values = {};
    for (const c of bestPerRole(items)) {
      const name = c.role as HyperparameterName;
      const v = values[name] === undefined ? valueOf(ctx, c) : null;
      if (v) values[name] = v;
    }
    out.set(branch, values);
  }
  return out;
}

export function withBranchAlternatives(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[],
  unread: ReadonlyMap<string, Values> = new Map()): ResolvedOptimizer[] {
  // The literals only a branch writes (a branch reading a name bound outside it shares that literal with the main).
  const branchAt = new Map<number, string>();
  const labels = new Map<string, string>();
  for (const e of ctx.index.entries) {
    const branch = branchOf(e.path);
    if (branch !== null) {
      branchAt.set(e.span.start, branch);
      // The reader's `(condition)` entry comes first: the branch as written, at its line.
      const fn = BRANCH.exec(branch)?.[1] ?? '';
      const written = String(e.value);
      const short = written.length > MAX_CONDITION ? `${written.slice(0, MAX_CONDITION - 1)}…` : written;
      const condition = e.path[1] === CONDITION ? `\`${short}\` ` : '';
      if (!labels.has(branch))
        labels.set(branch, `the branch ${condition}of ${fn} at line ${ctx.lines.lineAt(e.span.start)}, an alternative ` +
          'configuration in effect only when its condition holds');
    }
  }
  if (labels.size === 0) return [...resolved];
  const mainSpans = new Set<number>();
  for (const e of ctx.index.entries) if (branchOf(e.path) === null) mainSpans.add(e.span.start);
  // A branch's value read for another configuration (a run-level spelling, a loose role reading) is taken back.
  const taken = new Map<string, Values>();
  for (const r of resolved) {
    const own = branchOf(r.prefix);
    const hps = r.optimizer.hyperparameters;
    for (const name of HYPERPARAMETER_NAMES) {
      const v = hps[name];
      const at = v?.span && !mainSpans.has(v.span.start) ? branchAt.get(v.span.start) : undefined;
      if (v === undefined || at === undefined || at === own) continue;
      delete hps[name];
      const values = taken.get(at) ?? {};
      values[name] ??= v;
      taken.set(at, values);
    }
  }
  const out = [...resolved];
  for (const r of resolved) {
    const branch = branchOf(r.prefix);
    const label = branch === null ? undefined : labels.get(branch);
    if (label !== undefined && r.optimizer.appliesTo === undefined) r.optimizer.appliesTo = label;
    // A branch whose values role inference gathered without an optimizer's name (`if arg.runlocal:` writing only a
    // batch) is the main configuration with those values, like a branch with no optimizer block of its own.
    const fn = BRANCH.exec(branch ?? '')?.[1] ?? '';
    const main = branch === null || r.nameEntry !== null || r.optimizer.line !== null ? undefined
      : resolved.find((m) => m.prefix[0] === fn) ?? resolved.find((m) => branchOf(m.prefix) === null);
    if (main && branch !== null) {
      // The table's spellings read in the branch win over a role reading of the same literal: `c.input.batch_size`
      // in `if c.mode == 'runlocal':` is the global batch the main configuration's spelling names, no micro batch.
      const table = branchValues(ctx, main, branch, fn);
      const tableAt = new Set(Object.values(table).map((v) => v.span?.start));
      const roles = Object.entries(r.optimizer.hyperparameters).filter(([, v]) => !tableAt.has(v.span?.start));
      const merged: Values = { ...main.optimizer.hyperparameters, ...Object.fromEntries(roles), ...table };
      const hyperparameters: Values = {};
      for (const [name, v] of Object.entries(merged) as [HyperparameterName, ExtractedValue][])
        hyperparameters[name] = copy(v);
      Object.assign(r, { info: main.info, scope: main.scope, nameEntry: main.nameEntry,
        optimizer: { ...main.optimizer, hyperparameters, appliesTo: r.optimizer.appliesTo } });
    }
  }
  for (const [branch, label] of labels) {
    if (resolved.some((r) => branchOf(r.prefix) === branch)) continue;
    const fn = BRANCH.exec(branch)?.[1] ?? '';
    const main = resolved.find((r) => r.prefix[0] === fn) ?? resolved.find((r) => branchOf(r.prefix) === null);
    if (!main) continue;
    // The table's readings first; a role reading of a literal the table already read (a batch both global and
    // per device) is left out.
    const own = branchValues(ctx, main, branch, fn);
    const read = new Set(Object.values(own).map((v) => v.span?.start));
    for (const values of [taken.get(branch), unread.get(branch)]) {
      for (const [name, v] of Object.entries(values ?? {}) as [HyperparameterName, ExtractedValue][])
        if (own[name] === undefined && !read.has(v.span?.start)) own[name] = v;
    }
    if (Object.keys(own).length === 0) continue;
    const hyperparameters: Values = {};
    for (const [name, v] of Object.entries({ ...main.optimizer.hyperparameters, ...own }) as
      [HyperparameterName, ExtractedValue][]) hyperparameters[name] = copy(v);
    out.push({
      ...main,
      prefix: main.prefix[0] === fn ? [branch, ...main.prefix.slice(1)] : [branch],
      optimizer: {
        ...main.optimizer,
        hyperparameters,
        appliesTo: label,
      },
    });
  }
  return out;
}
