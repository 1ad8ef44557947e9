/**
 * How role inference gives a value to an optimizer: each role takes the best candidate not yet written there (a
 * literal before a value computed from other settings, a number before a value the run sets), read once per
 * candidate, and a name found by role renames the optimizer only where it may (roles/infer.ts decides where).
 */
import type { ExtractedValue, HyperparameterName } from '../../../core/hyperparams';
import { isCallEntry, type ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import { findSpelling, normaliseSpelling } from '../match';
import { familyUses, settingsNotTaken } from '../optimizer-families';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from '../resolve';
import { isComposerTime } from '../units';
import { runtimeOf } from '../runtime-values';
import { frameworkValue } from '../values';
import { replacesSentinel, sentinelReplacedBy } from '../warmup-sentinel';
import type { RoleCandidate } from './candidates';
import { optimizerInfoFor } from './optimizer-info';
import { candidateBase, keepsScaledLr, markRunTimeBase } from './scaled-lr';
import { OPTIMIZER_FACTORY } from './vocabulary';

const COUNT_ROLES: ReadonlySet<string> = new Set(['steps', 'warmupSteps']);
/**
 * The optimizer's own settings; a run length or warmup inside its block (NeMo's `optim.sched.max_steps`) is the
 * schedule's horizon, not the run's, so it never replaces the run-level one.
 */
const OWN_SETTINGS: ReadonlySet<string> = new Set(['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum']);

export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/** A factor written in the file as `KEY = literal` (a constant, an option's default), for a product's inputs. */
function literalOf(ctx: ResolveContext, name: string): string | null {
  // As written (`cfg.batch_size`), else by its own name (`args.batch_size` is the option `--batch_size`'s twin).
  const match = findSpelling(ctx.index, [], normaliseSpelling(name)) ??
    findSpelling(ctx.index, [], normaliseSpelling(name.split('.').pop() ?? name));
  const e = match?.entry;
  if (!e || typeof e.value !== 'number' || e.computed === true) return null;
  return `${renderPath(e.origin ?? e.path)} = ${e.raw}`;
}

/** Values already read, per candidate: a file-wide value is given to every optimizer, read once. */
const readValues = new WeakMap<RoleCandidate, ExtractedValue | null>();

/**
 * Whether a candidate replaces the value read before it: a value computed from other settings gives way to one
 * written as a literal, and a value the run sets (`get_lr()`, DeepSpeed's `auto`) to a number written elsewhere,
 * never to another word.
 */
function replaces(current: ExtractedValue, c: RoleCandidate): boolean {
  if (!current.via?.computed) return false;
  if (c.role !== 'optimizer' && c.role !== 'schedule' && runtimeOf(c.entry) !== null) return false;
  // A value the run sets gives way to any number the file writes for the role, one computed there included
  // (`default=64 * DEFAULT_SEQUENCE_LENGTH` for the `global_batch_size=bs.global_batch_size_tokens` it reaches).
  if (current.runtime) return typeof c.entry.value === 'number';
  return c.entry.computed !== true;
}

/** The value a role candidate reads (each candidate read once), a copy the caller may own. */
export function valueOf(ctx: ResolveContext, c: RoleCandidate): ExtractedValue | null {
  if (readValues.has(c)) {
    const v = readValues.get(c) ?? null;
    return v && { ...v, span: v.span && { ...v.span } };
  }
  const value = readValue(ctx, c);
  readValues.set(c, value);
  return value && { ...value, span: value.span && { ...value.span } };
}

function readValue(ctx: ResolveContext, c: RoleCandidate): ExtractedValue | null {
  const name = c.role as HyperparameterName;
  const duration = COUNT_ROLES.has(name) && isComposerTime(c.entry.value);
  const unit = duration ? ('duration' as const) : (c.unit ?? null);
  const spelling = { key: c.entry.path, index: c.element, unit, unitWhen: null, text: renderPath(c.entry.path) };
  const element = c.element === null || /^\d+$/.test(c.entry.path[c.entry.path.length - 1] ?? '');
  const value = writtenValue(ctx, name, c.entry, spelling, element);
  if (!value) return null;
  value.via = value.runtime ? { ...c.via, computed: true } : c.via;
  return value;
}

function rename(ctx: ResolveContext, target: ResolvedOptimizer, entry: ConfigEntry, via: RoleCandidate['via']): void {
  const name = String(frameworkValue(entry, ctx.format));
  const info = optimizerInfoFor(ctx.table.optimizers, name);
  target.info = info;
  target.nameEntry = entry;
  const o = target.optimizer;
  o.name = name;
  o.kind = info.kind;
  o.implementation = info.implementation;
  o.weightDecaySemantics = info.weightDecaySemantics;
  o.line = ctx.lines.lineAt(entry.span.start);
  o.span = { ...entry.span };
  o.nameVia = via;
}

/**
 * A class the settings are written under (`class AdamW:` whose fields the `optax.adamw(...)` call in its method reads)
 * names what the call builds, where the settings are: the name and its place are the class's, what runs is the call's.
 */
function namedAt(ctx: ResolveContext, target: ResolvedOptimizer, entry: ConfigEntry, via: RoleCandidate['via']): void {
  const o = target.optimizer;
  o.name = String(entry.value);
  o.line = ctx.lines.lineAt(entry.span.start);
  o.span = { ...entry.span };
  o.nameVia = via;
}

/** Optimizers whose block is the one role inference found their values in (not one a table's scope gave them). */
export const adoptedBlock = new WeakSet<ResolvedOptimizer>();

/**
 * A warmup of -1 means "not in steps": the framework then takes the warmup fraction written beside it (veRL's
 * `lr_warmup_steps: -1` with `lr_warmup_steps_ratio`), so a fraction replaces the sentinel. A run length in epochs
 * gives way to one the file writes in optimizer steps (WeNet's `max_epoch: 120` beside the schedule's `max_steps:
 * 87960`, the steps its NoamHoldAnnealing decays over): the count in the unit the role is told in.
 */
function givesWay(current: ExtractedValue, c: RoleCandidate): boolean {
  if (c.role === 'steps' && current.unit === 'epochs' && c.unit === undefined)
    return typeof c.entry.value === 'number' && Number.isInteger(c.entry.value) && c.entry.value > 0;
  return c.role === 'warmupSteps' && current.unit === 'sentinel' && c.unit === 'fraction';
}

/**
 * Whether `c` is written inside the optimizer's own block while the value read before it is a run-level one from
 * outside that block: the block's own value wins, as a table's own spellings win over its run-level ones
 * (resolve.ts). A block the table found by its name, with the keywords one level down (`optimizer: {type: AdamW,
 * config: {lr: 3e-4}}`), is still the optimizer's: `training.learning_rate` beside it is the fallback the framework
 * uses when the block gives none.
 */
function ownBlockValue(target: ResolvedOptimizer, current: ExtractedValue, c: RoleCandidate): boolean {
  if (!OWN_SETTINGS.has(c.role) || target.prefix.length === 0 || current.via?.rule !== 'table') return false;
  if (!startsWith(c.entry.path, target.prefix)) return false;
  const block = renderPath(target.prefix);
  const key = current.via.keyPath;
  return !(key.startsWith(`${block}.`) || key.startsWith(`${block}[`));
}

/**
 * A call of a function or method no table or optimizer list knows (nanoGPT's `optimizer =
 * model.configure_optimizers(...)`) returns what the framework builds there: where the table already implies that
 * optimizer (nanoGPT's AdamW), the call is its factory, not an unmodelled optimizer of its own. A name written as a
 * word still renames it, and a factory OptLens recognises (`create_optimizer_v2`) builds what the run-level name says.
 */
function buildsImplied(ctx: ResolveContext, target: ResolvedOptimizer, call: ConfigEntry): boolean {
  if (target.nameEntry !== null || target.optimizer.kind === null) return false;
  const callee = String(frameworkValue(call, ctx.format));
  // A class (`SophiaG(...)`, PEP 8's CapWords) is an optimizer of its own that OptLens may not model; a function or
  // method (lower case) returns one.
  const fn = /^[a-z_]/.test(callee.split('.').pop() ?? '');
  return fn && !OPTIMIZER_FACTORY.test(callee) && optimizerInfoFor(ctx.table.optimizers, callee).kind === null;
}

/**
 * A momentum read by its name for an optimizer whose family takes none (Adam, AdamW, Lion: β1 is their momentum) is
 * another family's setting: a script's shared `--momentum` flag (help "SGD momentum", facebookresearch/deit main.py,
 * passed to timm's create_optimizer, which gives it to SGD-family optimizers only: huggingface/pytorch-image-models
 * timm/optim/_optim_factory.py), or a shared optimizer block's (Swin's `_C.TRAIN.OPTIMIZER.MOMENTUM` beside `NAME =
 * 'adamw'`, microsoft/Swin-Transformer optimizer.py builds SGD with it, AdamW with the betas).
 */
function forOtherFamily(target: ResolvedOptimizer, c: RoleCandidate): boolean {
  return c.role === 'momentum' && !familyUses(target.optimizer.kind, 'momentum');
}

const FAMILY_SETTINGS: ReadonlySet<string> = new Set(['beta1', 'beta2', 'eps', 'momentum']);

/**
 * An optimizer class called in the file with every argument it gets written there (`torch.optim.Adam(params,
 * lr=args.lr)`): a β, ε or momentum its call does not pass is the class's default, whatever a flag elsewhere says
 * (GaLore's torchrun_main.py writes `--beta1` for Adafactor and SGD; its Adam branch passes none).
 */
function notPassed(ctx: ResolveContext, target: ResolvedOptimizer, c: RoleCandidate): boolean {
  const call = target.nameEntry;
  if (!FAMILY_SETTINGS.has(c.role) || c.context.kind === 'optimizer') return false;
  if (!call || call.callee === undefined) return false;
  // What the call passes, read as written, stays open to a number a name reaches (`betas=config.betas`).
  if (call.value !== call.callee || call.openArguments === true) return false;
  if (target.optimizer.hyperparameters[c.role as HyperparameterName]?.source === 'written') return false;
  return !OPTIMIZER_FACTORY.test(call.callee) && optimizerInfoFor(ctx.table.optimizers, call.callee).kind !== null;
}

/**
 * What becomes of candidate `c` (not a name) for `target`: `skip`, no setting this optimizer takes (a β, ε or momentum
 * its call does not pass, notPassed); `keep`, the value already written stands (a literal over a computed value, unless
 * `replaces` or `givesWay` says otherwise; a learning rate computed from a base literal, which is the product; a
 * run-level value under the block's own, ownBlockValue); else `take`. Another family's momentum is dropped once the
 * name is final (forOtherFamily), after every candidate.
 */
function verdict(ctx: ResolveContext, target: ResolvedOptimizer, c: RoleCandidate, current: ExtractedValue | undefined):
  'skip' | 'keep' | 'take' {
  if (notPassed(ctx, target, c)) return 'skip';
  if (current?.source !== 'written') return 'take';
  if (keepsScaledLr(current, candidateBase(c), (name) => literalOf(ctx, name))) return 'keep';
  return replaces(current, c) || givesWay(current, c) || ownBlockValue(target, current, c) ? 'take' : 'keep';
}

/**
 * A number written under the name a table's run-time value reads (`GLOBAL_BATCH_SIZE = 8 * 1024 * 1024` for
 * OLMo-core's `global_batch_size=common.global_batch_size`, in tokens) is in the unit the table gives that value.
 */
function keepRunTimeUnit(current: ExtractedValue, value: ExtractedValue, c: RoleCandidate): void {
  if (!current.runtime || current.unit === undefined || current.via?.rule !== 'table') return;
  if (value.unit !== undefined || value.runtime) return;
  const name = c.entry.path[c.entry.path.length - 1]?.toLowerCase();
  const read = /([A-Za-z_]\w*)\s*$/.exec(current.runtime.expression)?.[1]?.toLowerCase();
  if (name !== undefined && name === read) value.unit = current.unit;
}

/**
 * A sentinel warmup written after the fraction that stands for it (`lr_warmup_steps_ratio: 0.05` then
 * `lr_warmup_steps: -1`) is the warmup a fraction that cannot become steps leaves, as where it came first (givesWay).
 */
function sentinelAfterFraction(ctx: ResolveContext, target: ResolvedOptimizer, c: RoleCandidate): void {
  const current = target.optimizer.hyperparameters.warmupSteps;
  if (c.role !== 'warmupSteps' || current?.unit !== 'fraction' || c.entry.value !== -1) return;
  if (sentinelReplacedBy(current)) return;
  const value = valueOf(ctx, c);
  if (value?.unit === 'sentinel') replacesSentinel(current, value);
}

/** Gives each role the best candidate not yet written in `target`; the optimizer's name only where none is written. */
export function fill(
  ctx: ResolveContext,
  target: ResolvedOptimizer,
  candidates: readonly RoleCandidate[],
  mayRename: boolean,
): void {
  const done = new Set<string>();
  let momentum: RoleCandidate | null = null;
  // Literals first: a value computed from other settings is read only where no literal says the role.
  const ordered = [...candidates].sort((a, b) => Number(a.entry.computed === true) - Number(b.entry.computed === true));
  for (const c of ordered) {
    if (done.has(c.role)) {
      sentinelAfterFraction(ctx, target, c);
      continue;
    }
    if (c.role === 'optimizer') {
      // The call whose keywords are this optimizer's block (`optimizer = torch.optim.AdamW(...)` for `optimizer.lr`)
      // names it, even where the block's values came from the table's run-level spellings.
      const call = isCallEntry(c.entry);
      const ownCall = call && target.nameEntry === null && adoptedBlock.has(target) && c.entry.path.length > 0 &&
        startsWith(target.prefix, c.entry.path);
      // A factory of the implied optimizer is no name: a name written later in the file may still give it one.
      if (call && buildsImplied(ctx, target, c.entry)) continue;
      done.add(c.role);
      if (mayRename || ownCall) rename(ctx, target, c.entry, c.via);
      else if (c.entry.classKey === true && target.nameEntry?.callee !== undefined) {
        namedAt(ctx, target, c.entry, c.via);
      }
      continue;
    }
    const current = target.optimizer.hyperparameters[c.role];
    const decided = verdict(ctx, target, c, current);
    if (decided === 'skip') continue;
    if (decided === 'keep') {
      sentinelAfterFraction(ctx, target, c);
      done.add(c.role);
      continue;
    }
    const value = valueOf(ctx, c);
    if (!value) continue;
    if (current) markRunTimeBase(current, value, c.role);
    if (current) keepRunTimeUnit(current, value, c);
    if (current?.unit === 'sentinel' && value.unit === 'fraction') replacesSentinel(value, current);
    // A sentinel warmup, or a value the run sets, still gives way to a later candidate (`replaces`, `givesWay`).
    if (!(c.role === 'warmupSteps' && value.unit === 'sentinel') && !value.runtime) done.add(c.role);
    target.optimizer.hyperparameters[c.role] = value;
    if (c.role === 'momentum') momentum = c;
  }
  // Checked once the name is final: a name read after the momentum may make it another family's.
  if (momentum && forOtherFamily(target, momentum)) delete target.optimizer.hyperparameters.momentum;
  // An optimizer OptLens does not model takes only its family's settings (optimizer-families.ts).
  if (target.optimizer.kind === null) {
    for (const hp of settingsNotTaken(target.optimizer.name)) delete target.optimizer.hyperparameters[hp];
  }
}
