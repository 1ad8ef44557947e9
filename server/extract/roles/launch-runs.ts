/**
 * A launch script of several training commands, one after another (`mpiexec ... python train.py --lr 1e-4
 * --global_batch_size 4096` on one line, `python train.py --lr 8e-6 --global_batch_size 2048` on a later one), runs
 * several trainings: each command's flags are that command's only. The first command that trains (that writes a
 * learning rate, else any role) is the file's main run; every later one that writes an optimizer's setting and a value
 * of a role the main run read from its own command is a run of its own, predicted beside it: a copy of the main run
 * with that command's values (what the main command wrote and it does not is left to its program's defaults). Values
 * written outside any command (a variable, a string of flags) are every run's.
 */
import { HYPERPARAMETER_NAMES, type HyperparameterName, type Hyperparameters } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { indexEntries, lastName } from '../match';
import type { ResolveContext, ResolvedOptimizer } from '../resolve';
import { copyValues } from '../value-copies';
import { roleCandidates } from './candidates';
import { bestPerRole, lastAtEachPath } from './candidate-order';
import { normaliseWord } from './context';
import { valueOf } from './fill';
import { ROLE_WORDS } from './vocabulary';

const OPTIMIZER_NAMES: ReadonlySet<HyperparameterName> = new Set(['lr', 'beta1', 'beta2', 'eps', 'weightDecay',
  'momentum']);
/** Most runs of later commands added (a generated sweep of a hundred commands is not predicted a hundred times). */
const MAX_LAUNCH_RUNS = 8;

export interface LaunchEntries {
  /** What the main run reads: its command's entries, those written outside any command, and those of commands that
   * write no role (`srun --ntasks 8 bash -c ...` around the training command, `tee log`). */
  main: ConfigEntry[];
  /** The main run's command (ConfigEntry.launch), or null when fewer than two commands write roles. */
  mainLaunch: number | null;
  /** The entries of each later command that writes roles, in script order. */
  others: Map<number, ConfigEntry[]>;
}

/** The role a key's name gives (`--lr` → lr), by the shared vocabulary. */
function roleOf(entry: ConfigEntry): string | undefined {
  return ROLE_WORDS.get(normaliseWord(lastName(entry.path)))?.role;
}

/** Splits a launch script's entries by the command that writes them (see the module comment). */
export function splitLaunchEntries(entries: readonly ConfigEntry[]): LaunchEntries {
  const roles = new Map<number, Set<string>>();
  for (const e of entries) {
    if (e.launch === undefined) continue;
    const role = roleOf(e);
    if (role === undefined) continue;
    const set = roles.get(e.launch) ?? new Set<string>();
    set.add(role);
    roles.set(e.launch, set);
  }
  if (roles.size < 2) return { main: [...entries], mainLaunch: null, others: new Map() };
  const launches = [...roles.keys()].sort((a, b) => a - b);
  const mainLaunch = launches.find((l) => roles.get(l)?.has('lr')) ?? launches[0] ?? null;
  const others = new Map<number, ConfigEntry[]>();
  for (const l of launches) if (l !== mainLaunch) others.set(l, []);
  const main: ConfigEntry[] = [];
  for (const e of entries) {
    const other = e.launch === undefined ? undefined : others.get(e.launch);
    if (other) other.push(e);
    else main.push(e);
  }
  return { main, mainLaunch, others };
}

/** What one later command writes, read by the role vocabulary from its own entries only. */
function launchValues(ctx: ResolveContext, entries: readonly ConfigEntry[]): Hyperparameters {
  const index = indexEntries(entries, ctx.index.caseInsensitive);
  const own = { ...ctx, index };
  const values: Hyperparameters = {};
  const read = roleCandidates(index, ctx.format).filter((c) => c.via.confidence !== 'low');
  for (const c of bestPerRole(lastAtEachPath(read))) {
    const name = c.role as HyperparameterName;
    if (!HYPERPARAMETER_NAMES.includes(name) || values[name] !== undefined) continue;
    const v = valueOf(own, c);
    if (v) values[name] = v;
  }
  return values;
}

/** The run of each later command (see the module comment), added after `resolved`. */
export function withLaunchRuns(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[],
  split: LaunchEntries): ResolvedOptimizer[] {
  if (split.mainLaunch === null || split.others.size === 0) return [...resolved];
  const launchAt = new Map<number, number>();
  for (const e of split.main) if (e.launch !== undefined) launchAt.set(e.span.start, e.launch);
  const fromMain = (r: ResolvedOptimizer): HyperparameterName[] => HYPERPARAMETER_NAMES.filter((name) => {
    const v = r.optimizer.hyperparameters[name];
    return v?.source === 'written' && v.span !== null && launchAt.get(v.span.start) === split.mainLaunch;
  });
  const main = resolved.find((r) => fromMain(r).length > 0);
  if (!main) return [...resolved];
  const own = new Set(fromMain(main));
  const out = [...resolved];
  for (const entries of split.others.values()) {
    if (out.length - resolved.length >= MAX_LAUNCH_RUNS) break;
    const values = launchValues(ctx, entries);
    // A training command sets the optimizer (a rate, a decay); a later tool's batch alone (a converter's, a
    // calibration's) makes no run.
    const names = Object.keys(values) as HyperparameterName[];
    if (!names.some((name) => own.has(name)) || !names.some((name) => OPTIMIZER_NAMES.has(name))) continue;
    const hyperparameters: Hyperparameters = copyValues(main.optimizer.hyperparameters);
    for (const name of own) delete hyperparameters[name];
    Object.assign(hyperparameters, values);
    const line = Object.values(values).find((v) => v.line !== null)?.line;
    const where = `the run of the later training command${line === undefined ? '' : ` at line ${line}`}`;
    out.push({ ...main, optimizer: { ...main.optimizer, hyperparameters,
      appliesTo: main.optimizer.appliesTo === undefined ? where : `${main.optimizer.appliesTo}, in ${where}` } });
  }
  return out;
}
