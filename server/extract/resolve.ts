/**
 * Applies one ecosystem table to a file's entries: finds each optimizer the table's scopes describe,
 * then each hyperparameter, in this order of precedence: the optimizer's own block, the run-level
 * spellings, the implementation's defaults, the framework's defaults. Batch arithmetic is done after
 * (batch.ts). Nothing here knows a framework: everything comes from the table.
 */
import type { ConfigFormat } from '../../core/analysis';
import {
  HYPERPARAMETER_NAMES,
  type ExtractedOptimizer,
  type ExtractedValue,
  type HyperparameterName,
  type Hyperparameters,
  type RuntimeValue,
} from '../../core/hyperparams';
import { CLASS_DEFAULT_PHRASE, type ConfigEntry } from './entries';
import { declinedSpelling } from './declined-spellings';
import { familyUses } from './optimizer-families';
import type { Defaults, EcosystemTable, OptimizerInfo, OptimizerScope, Spellings } from './ecosystems/types';
import { matchesWhole, parsePattern, renderPath } from './keypath';
import type { LineIndex } from './lines';
import {
  findSpelling, firstCallAt, normaliseSpelling, scopePrefixes, type EntryIndex, type Spelling,
} from './match';
import { markRunTimeBase } from './roles/scaled-lr';
import { isCountList, valueInUnit } from './units';
import { lrScheduleString } from './lr-schedule-strings';
import { scheduleOwnName } from './schedule-names';
import { throughPhrase } from './interpolation';
import { runtimeOf } from './runtime-values';
import { stepsOverRunLength } from './fraction-of-run';
import { unitScaleBase } from './scaled-constants';
import { siblingConditionsHold } from './sibling-conditions';
import { frameworkValue, numbersInString } from './values';

export interface ResolveContext {
  format: ConfigFormat;
  table: EcosystemTable;
  index: EntryIndex;
  lines: LineIndex;
}

/** An optimizer found in the file, before batch arithmetic; `prefix` is its block (or call) path. */
export interface ResolvedOptimizer {
  optimizer: ExtractedOptimizer;
  scope: OptimizerScope;
  info: OptimizerInfo;
  prefix: string[];
  nameEntry: ConfigEntry | null;
  /** The written mode switch (`adam_w_mode: false`) when it changed what runs. */
  switchEntry: ConfigEntry | null;
}

type Normalised = Partial<Record<HyperparameterName, Spelling[]>>;

const normalisedCache = new WeakMap<Spellings, Normalised>();

function normalised(spellings: Spellings): Normalised {
  let out = normalisedCache.get(spellings);
  if (out) return out;
  out = {};
  for (const name of HYPERPARAMETER_NAMES) {
    const list = spellings[name];
    if (list) out[name] = list.map(normaliseSpelling);
  }
  normalisedCache.set(spellings, out);
  return out;
}

const COUNTS: HyperparameterName[] = ['steps', 'warmupSteps', 'globalBatchSize', 'microBatchSize', 'gradAccum'];

/** The spelling's unit, or the one a switch written beside the value selects (`by_epoch=False`, `units: tokens`). */
function unitOf(ctx: ResolveContext, spelling: Spelling, entry: ConfigEntry): Spelling['unit'] {
  const when = spelling.unitWhen;
  if (!when) return spelling.unit;
  const sibling = findSpelling(ctx.index, entry.path.slice(0, -1), normaliseSpelling(when.sibling));
  const v = sibling ? frameworkValue(sibling.entry, ctx.format) : null;
  const switched = v === when.value || (typeof v === 'string' && v.toLowerCase() === String(when.value).toLowerCase());
  return switched ? when.unit : spelling.unit;
}

/**
 * A count written per unit of another key, times that key's number (torchtune: `max_steps_per_epoch` × `epochs`): as
 * written when the number is 1, derived from both otherwise; null (no run length) when the file does not give it.
 */
function timesValue(ctx: ResolveContext, value: ExtractedValue, times: string): ExtractedValue | null {
  const match = findSpelling(ctx.index, [], normaliseSpelling(times));
  const by = match ? frameworkValue(match.entry, ctx.format) : null;
  if (typeof value.value !== 'number' || value.unit !== undefined || typeof by !== 'number' || !(by > 0)) return null;
  if (by === 1) {
    if (value.via) value.via.reason += ` (× \`${times}: 1\`)`;
    return value;
  }
  const from = [value.key ?? value.via?.keyPath ?? '', renderPath(match?.entry.origin ?? match?.entry.path ?? [times])];
  return { value: value.value * by, raw: null, key: null, line: null, span: null, source: 'derived', derivedFrom: from };
}

export function writtenValue(ctx: ResolveContext, name: HyperparameterName, entry: ConfigEntry, spelling: Spelling,
  element: boolean): ExtractedValue | null {
  let value = frameworkValue(entry, ctx.format);
  // `max_steps:` or `~` leaves the framework's default in place: not a written value.
  if (value === null) return null;
  // A value the run sets (`get_lr()`, `${oc.env:LR}`, an interpolation this file cannot resolve) is written but
  // unknown: no default may stand in for it.
  const runtime = name === 'schedule' ? null : runtimeOf(entry);
  if (runtime) return scaledBaseValue(ctx, name, entry, spelling) ?? runtimeValue(ctx, entry, spelling, runtime);
  if (COUNTS.includes(name) && isCountList(value)) return null;
  if (!element && typeof value === 'string' && spelling.index !== null) {
    // A list written as a string (`betas: (0.9, 0.999)`): the framework gets a string; we still read the
    // numbers so predictions can be made, and the betas-string finding reports it.
    const numbers = numbersInString(value);
    const n = numbers?.at(spelling.index);
    if (n !== undefined) value = n;
  }
  // `lin_7.3e-4`: a schedule and the lr it starts from (lr-schedule-strings.ts); the lr is the number.
  const scheduled = name === 'lr' ? lrScheduleString(value) : null;
  if (scheduled) value = scheduled.start;
  // A schedule referenced in code by its module path is named by its own name (schedule-names.ts).
  if (name === 'schedule' && typeof value === 'string' && (ctx.format === 'python' || ctx.format === 'gin')) {
    value = scheduleOwnName(value);
  }
  const inUnit = valueInUnit(value, unitOf(ctx, spelling, entry));
  if (!inUnit) return null;
  const extracted = tableValue(ctx, entry, spelling, inUnit.value);
  if (inUnit.unit) extracted.unit = inUnit.unit;
  if (COUNTS.includes(name) && value === -1) extracted.unit = 'sentinel';
  if (entry.computed && extracted.via) extracted.via.computed = true;
  return spelling.times === undefined ? extracted : timesValue(ctx, extracted, spelling.times);
}

/** A value the table's spelling found at `entry`, as written there. */
function tableValue(ctx: ResolveContext, entry: ConfigEntry, spelling: Spelling, value: ExtractedValue['value']):
  ExtractedValue {
  return {
    value,
    raw: entry.raw,
    // A Python value read through a name (`lr=args.learning_rate`) is shown with the key that wrote it.
    key: renderPath(entry.origin ?? entry.path),
    line: ctx.lines.lineAt(entry.span.start),
    span: { ...entry.span },
    source: 'written',
    // A default of the file's own optimizer class is written, but the call leaves it: less sure than a passed argument.
    via: { rule: 'table', keyPath: renderPath(entry.path), confidence: entry.classDefault ? 'medium' : 'high',
      reason: `the ${ctx.table.displayName} spelling \`${spelling.text}\`${throughPhrase(entry)}${
        entry.classDefault ? CLASS_DEFAULT_PHRASE : ''}`,
      ...(entry.through ? { through: entry.through.expression } : {}) },
  };
}

/** The settings a written constant the run scales may give (scaled-constants.ts): rates, not counts. */
const SCALED_ROLES: ReadonlySet<HyperparameterName> = new Set(['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum']);

/**
 * A Python setting the run computes from a written constant and factors it knows only when it starts (`eps=1e-15 /
 * math.sqrt(BS)`): the constant, at its literal, said to be the written base of that expression (scaled-constants.ts).
 */
function scaledBaseValue(ctx: ResolveContext, name: HyperparameterName, entry: ConfigEntry, spelling: Spelling):
  ExtractedValue | null {
  if (ctx.format !== 'python' || !(SCALED_ROLES.has(name) || name === 'warmupSteps') ||
    entry.span.end - entry.span.start !== entry.raw.length) {
    return null;
  }
  // A warmup fraction written as steps over the run's length is that many steps (fraction-of-run.ts).
  const steps = name === 'warmupSteps' && spelling.unit === 'fraction';
  const base = steps ? stepsOverRunLength(entry.raw) : SCALED_ROLES.has(name) ? unitScaleBase(entry.raw) : null;
  if (!base) return null;
  const span = { start: entry.span.start + base.start, end: entry.span.start + base.end };
  const extracted = tableValue(ctx, { ...entry, value: base.value, raw: base.raw, span }, spelling, base.value);
  if (extracted.via && !steps) extracted.via.scaled = { expression: entry.raw, runTime: true };
  return extracted;
}

function runtimeValue(ctx: ResolveContext, entry: ConfigEntry, spelling: Spelling, runtime: RuntimeValue):
  ExtractedValue {
  const extracted = tableValue(ctx, entry, spelling, runtime.expression);
  // A literal of the same role written elsewhere is read before it, as before a value computed in the file.
  if (extracted.via) extracted.via.computed = true;
  // The table's unit holds for what the run sets (OLMo-core's global_batch_size=common.global_batch_size counts tokens)
  // and for the constant of that name the file writes, read in its place (roles/fill.ts).
  const unit = unitOf(ctx, spelling, entry);
  if (unit === 'tokens' || unit === 'epochs' || unit === 'samples' || unit === 'seconds') extracted.unit = unit;
  return { ...extracted, runtime };
}

function defaultValue(defaults: Defaults | undefined, name: HyperparameterName, hps: Hyperparameters = {},
  index?: EntryIndex): ExtractedValue | null {
  const d = defaults?.[name];
  if (!d) return null;
  if (d.unlessWritten?.every((other) => hps[other]?.source === 'written')) return null;
  if (index && d.unlessKeys?.some((key) => findSpelling(index, [], normaliseSpelling(key)) !== null)) return null;
  const inUnit = d.unit ? valueInUnit(d.value, d.unit) : null;
  const value: ExtractedValue = {
    value: inUnit?.value ?? d.value, raw: null, key: null, line: null, span: null, source: 'default', defaultFrom: d.from,
  };
  if (inUnit?.unit) value.unit = inUnit.unit;
  return value;
}

/**
 * The first spelling written; a run length in epochs, tokens or samples (`max_duration: 2ep`) gives way to a later
 * spelling in steps (OLMo's `stop_at`), which is what ends the run sooner and what the theory counts in. A value
 * computed from other settings (`max_iters = max_step * accum`) gives way to a later spelling written as a literal,
 * and a 0 the framework reads as unset (table `zeroIsUnset`) to a later spelling.
 */
function lookup(ctx: ResolveContext, prefix: readonly string[], spellings: Normalised, name: HyperparameterName):
  ExtractedValue | null {
  let fallback: ExtractedValue | null = null;
  for (const spelling of spellings[name] ?? []) {
    const match = findSpelling(ctx.index, prefix, spelling);
    if (match && !siblingConditionsHold(ctx.index, ctx.format, spelling, match.entry)) continue;
    if (match && declinedSpelling(ctx.index, name, spelling, match.entry)) continue;
    const value = match ? writtenValue(ctx, name, match.entry, spelling, match.element) : null;
    const unset = value?.value === 0 && ctx.table.zeroIsUnset?.includes(name) === true;
    if (value && (unset || (spelling.unit === 'duration' && value.unit !== undefined) || value.via?.computed)) {
      fallback ??= value;
    } else if (value) return value;
  }
  return fallback;
}

/**
 * An optimizer the table's scopes did not find (role inference found its values, `--critic.adam.lr`): it runs
 * what the framework runs when the file names none (its implied optimizer, if the table has one), and it
 * shares the file's run-level values.
 */
export function impliedOptimizer(ctx: ResolveContext): ResolvedOptimizer | null {
  const scope = ctx.table.optimizers.find((s) => s.defaultName !== undefined && !s.callees);
  if (!scope || scope.defaultName === undefined) return null;
  const info = infoFor(scope, scope.defaultName);
  if (!info || info.kind === null) return null;
  const hyperparameters: Hyperparameters = {};
  const run = normalised(ctx.table.run);
  for (const hp of HYPERPARAMETER_NAMES) {
    const value = lookup(ctx, [], run, hp);
    if (value) hyperparameters[hp] = value;
  }
  return {
    optimizer: { name: scope.defaultName, kind: info.kind, implementation: info.implementation, line: null, span: null,
      weightDecaySemantics: info.weightDecaySemantics, hyperparameters },
    scope,
    info,
    prefix: [],
    nameEntry: null,
    switchEntry: null,
  };
}

function infoFor(scope: OptimizerScope, name: string): OptimizerInfo | null {
  const lower = name.toLowerCase();
  for (const [key, info] of Object.entries(scope.names)) if (key.toLowerCase() === lower) return info;
  // Qualified names (`torch.optim.AdamW`, `optax.adamw`) are looked up by their last component too.
  const short = lower.split('.').pop() ?? lower;
  for (const [key, info] of Object.entries(scope.names)) if (key.toLowerCase() === short) return info;
  return scope.names['*'] ?? null;
}

/** Applies `adam_w_mode: false`-style switches written in the optimizer's block. */
function switchedInfo(ctx: ResolveContext, info: OptimizerInfo, prefix: readonly string[]): {
  info: OptimizerInfo; switchEntry: ConfigEntry | null } {
  if (!info.modeSwitch) return { info, switchEntry: null };
  const match = findSpelling(ctx.index, prefix, normaliseSpelling(info.modeSwitch.key));
  const v = match ? frameworkValue(match.entry, ctx.format) : null;
  if (match && (v === false || v === 'false' || v === 'False')) return { info: { ...info.modeSwitch.whenFalse, defaults: info.defaults }, switchEntry: match.entry };
  return { info, switchEntry: null };
}

function nameEntryIn(ctx: ResolveContext, scope: OptimizerScope, prefix: readonly string[]): ConfigEntry | null {
  if (scope.callees) return firstCallAt(ctx.index, prefix);
  for (const key of scope.nameKeys) {
    const match = findSpelling(ctx.index, prefix, normaliseSpelling(key));
    if (match && typeof match.entry.value === 'string' && match.entry.value !== '') return match.entry;
  }
  return null;
}

/**
 * The first switch that is on (`use_muon: true`) and replaces what the name key says, with its entry; a switch
 * that keeps the named optimizer (`loraplus_lr_ratio`) still outranks the ones after it.
 */
function activeSwitch(ctx: ResolveContext, scope: OptimizerScope, prefix: readonly string[]):
  { name: string; info: OptimizerInfo; entry: ConfigEntry } | null {
  for (const sw of scope.switches ?? []) {
    const match = findSpelling(ctx.index, prefix, normaliseSpelling(sw.key));
    if (!match) continue;
    const v = frameworkValue(match.entry, ctx.format);
    const on = sw.on === 'written' ? v !== null && v !== '' : v === true || v === 'true' || v === 'True' || v === 1;
    if (!on) continue;
    return sw.runs && sw.name !== undefined ? { name: sw.name, info: sw.runs, entry: match.entry } : null;
  }
  return null;
}

function buildOptimizer(ctx: ResolveContext, scope: OptimizerScope, prefix: string[], written: ConfigEntry | null,
  implied = false): ResolvedOptimizer | null {
  const switched = activeSwitch(ctx, scope, prefix);
  const nameEntry = switched?.entry ?? written;
  let name = switched?.name ?? (written ? String(frameworkValue(written, ctx.format)) : scope.defaultName ?? 'unknown');
  const found = switched?.info ?? infoFor(scope, name);
  if (!found) return null;
  if (!switched && found.builds !== undefined) name = found.builds;
  const { info, switchEntry } = switchedInfo(ctx, found, prefix);
  const own = normalised(scope.hyperparameters);
  const run = normalised(ctx.table.run);
  const hyperparameters: Hyperparameters = {};
  for (const hp of HYPERPARAMETER_NAMES) {
    const readers = scope.onlyFor?.[hp];
    const reads = readers === undefined || readers.some((n) => n.toLowerCase() === name.toLowerCase());
    const ownValue = implied || !reads ? null : lookup(ctx, prefix, own, hp);
    // A value the run computes (`matrix_lr=args.matrix_lr * batch_lr_scale`) gives way to the run-level literal it
    // scales, which then says it is that base (roles/scaled-lr.ts).
    const runValue = !ownValue || ownValue.runtime ? lookup(ctx, [], run, hp) : null;
    const base = ownValue && runValue && !runValue.runtime && markRunTimeBase(ownValue, runValue, hp);
    const value = base ? runValue : ownValue ?? runValue;
    if (value) hyperparameters[hp] = value;
  }
  const decayKey = hyperparameters.weightDecay?.via?.keyPath;
  const inLoss = decayKey !== undefined && (ctx.table.l2LossKeys ?? []).some((k) =>
    matchesWhole(parsePattern(k), parsePattern(decayKey)));
  const optimizer: ExtractedOptimizer = {
    name,
    kind: info.kind,
    implementation: info.implementation,
    line: nameEntry ? ctx.lines.lineAt(nameEntry.span.start) : null,
    span: nameEntry ? { ...nameEntry.span } : null,
    weightDecaySemantics: inLoss ? 'coupled-l2' : info.weightDecaySemantics,
    hyperparameters,
  };
  if (scope.appliesTo) optimizer.appliesTo = scope.appliesTo;
  return { optimizer, scope, info, prefix, nameEntry, switchEntry };
}

/** Fills what the file leaves unsaid with the implementation's, then the framework's, defaults. */
export function applyDefaults(resolved: ResolvedOptimizer, table: EcosystemTable, index?: EntryIndex): void {
  const hps = resolved.optimizer.hyperparameters;
  const kind = resolved.optimizer.kind;
  for (const hp of HYPERPARAMETER_NAMES) {
    if (hps[hp]) continue;
    const own = defaultValue(resolved.info.defaults, hp, hps, index);
    const framework = !familyUses(kind, hp) ? null : defaultValue(table.defaults, hp, hps, index);
    const value = own ?? framework;
    if (value) hps[hp] = value;
  }
}

/**
 * Where an optimizer is written: the literals of its name and of its values. The same literals reached by two
 * paths (mmengine's `optimizer = dict(...)` then `optim_wrapper = dict(optimizer=optimizer)`) are one optimizer.
 */
function sourceKey(r: ResolvedOptimizer): string {
  const spans = Object.values(r.optimizer.hyperparameters).flatMap((v) => (v?.source === 'written' && v.span ? [`${v.span.start}:${v.span.end}`] : []));
  const name = r.nameEntry ? `${r.nameEntry.span.start}:${r.nameEntry.span.end}` : '-';
  return `${name}|${spans.sort().join(',')}`;
}

export function resolveOptimizers(ctx: ResolveContext): ResolvedOptimizer[] {
  const out: ResolvedOptimizer[] = [];
  const usedNames = new Set<string>();
  const usedSources = new Set<string>();
  const usedPrefixes = new Set<string>();
  // Every proper prefix of a found optimizer's block: a block among them holds optimizers found inside it.
  const containers = new Set<string>();
  const spanKey = (e: ConfigEntry): string => `${e.span.start}:${e.span.end}`;
  for (const scope of ctx.table.optimizers) {
    for (const prefix of scopePrefixes(ctx.index, scope)) {
      const id = JSON.stringify(prefix);
      if (usedPrefixes.has(id)) continue;
      // A block holding optimizers found inside it is their container (fairseq's composite `optimizer` around
      // `groups.*`), not an optimizer of its own.
      if (containers.has(id)) continue;
      const nameEntry = nameEntryIn(ctx, scope, prefix);
      if (nameEntry && usedNames.has(spanKey(nameEntry))) continue;
      if (!nameEntry && scope.requireName) continue;
      const resolved = buildOptimizer(ctx, scope, prefix, nameEntry);
      if (!resolved || usedSources.has(sourceKey(resolved))) continue;
      usedPrefixes.add(id);
      if (nameEntry) usedNames.add(spanKey(nameEntry));
      usedSources.add(sourceKey(resolved));
      for (let k = 0; k < prefix.length; k++) containers.add(JSON.stringify(prefix.slice(0, k)));
      out.push(resolved);
    }
  }
  if (out.length > 0) return out;
  // Nothing written names an optimizer: the framework's implied one (Hugging Face's adamw_torch), carrying
  // whatever run-level values the file writes; a file that writes none (a pyproject.toml) has no optimizer.
  const implied = ctx.table.optimizers.find((s) => s.defaultName !== undefined && !s.callees) ??
    ctx.table.optimizers[0];
  if (!implied) return out;
  const resolved = buildOptimizer(ctx, implied, [], null, true);
  if (resolved && Object.keys(resolved.optimizer.hyperparameters).length > 0) out.push(resolved);
  return out;
}
