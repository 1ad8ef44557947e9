/**
 * A learning rate given as a schedule (optax's `warmup_cosine_decay_schedule(peak_value=1e-4, warmup_steps=1000,
 * ...)`): the optimizer's lr is the schedule's peak, at the argument that writes it, and the schedule's warmup,
 * length and shape are the run's, read from the arguments the table's `scheduleFactories` names. The schedule is
 * - the call given as the lr (`optax.adamw(learning_rate=optax.linear_schedule(...))`);
 * - the configurable a gin reference names (`learning_rate = @optax.warmup_cosine_decay_schedule()`), its arguments
 *   in that configurable's bindings;
 * - the call an lr was read inside (`schedule.peak_value`, through a table's run spelling);
 * - where the optimizer has no lr of its own, the file's schedule (a join of the others, or the only one), a likely
 *   reading and marked so.
 * A schedule whose peak is not written in this file (bound in an included file) leaves the lr unknown, set when the
 * run is assembled: no default stands in for it.
 */
import type { ExtractedValue, Hyperparameters, HyperparameterName, ScheduleKind } from '../../core/hyperparams';
import { isCallEntry, isImportEntry, type ConfigEntry } from './entries';
import type { FactoryArgument, ScheduleFactory } from './ecosystems/optax-schedules';
import { renderPath } from './keypath';
import { findSpelling, normaliseSpelling, type Spelling } from './match';
import { writtenValue, type ResolveContext, type ResolvedOptimizer } from './resolve';

interface Call {
  factory: ScheduleFactory;
  /** The entry that names the schedule where the lr is given (the call, or the gin reference). */
  at: ConfigEntry;
  /** Where its arguments are, or null when this file does not bind them. */
  prefix: string[] | null;
}

/** What a schedule gives the run, each value found at its argument. */
interface Reading {
  values: Partial<Record<HyperparameterName, ExtractedValue>>;
  kind: ScheduleKind | null;
  /** Key paths of the joined parts: a value read inside one (a part's `decay_steps`) is the part's, not the run's. */
  parts?: string[];
}

const MAX_JOINED = 16;

/** The spelling of exactly the prefix it is looked up under. */
const exactly = (path: readonly string[]): Spelling => ({ ...normaliseSpelling(''), key: [], text: renderPath(path) });

function entryAt(ctx: ResolveContext, path: readonly string[]): ConfigEntry | null {
  return path.length === 0 ? null : findSpelling(ctx.index, path, exactly(path))?.entry ?? null;
}

function factoryNamed(ctx: ResolveContext, name: string): ScheduleFactory | null {
  const short = name.split(/[./]/).pop() ?? name;
  return ctx.table.scheduleFactories?.find((f) => f.name === short) ?? null;
}

const isCall = (e: ConfigEntry): boolean => isCallEntry(e) && !isImportEntry(e);

/**
 * The index's entries by span (`start:end`) and its first call by raw text, built once per index: each optimizer
 * looks up its own lr and schedule here, where a scan of every entry per optimizer made a file of many quadratic.
 */
interface EntryLookups {
  bySpan: Map<string, ConfigEntry[]>;
  callByRaw: Map<string, ConfigEntry>;
}

const lookups = new WeakMap<ResolveContext['index'], EntryLookups>();

function entryLookups(ctx: ResolveContext): EntryLookups {
  let found = lookups.get(ctx.index);
  if (found) return found;
  found = { bySpan: new Map(), callByRaw: new Map() };
  for (const e of ctx.index.entries) {
    const key = `${e.span.start}:${e.span.end}`;
    const list = found.bySpan.get(key);
    if (list) list.push(e);
    else found.bySpan.set(key, [e]);
    if (isCall(e) && !found.callByRaw.has(e.raw)) found.callByRaw.set(e.raw, e);
  }
  lookups.set(ctx.index, found);
  return found;
}

/** The entries written at exactly this span, in reader order. */
function entriesWithSpan(ctx: ResolveContext, span: { start: number; end: number }): readonly ConfigEntry[] {
  return entryLookups(ctx).bySpan.get(`${span.start}:${span.end}`) ?? [];
}

/** The schedule `entry` names: a call of a factory, or a gin reference to one (`@optax.linear_schedule()`). */
function callAt(ctx: ResolveContext, entry: ConfigEntry): Call | null {
  if (typeof entry.value !== 'string') return null;
  const factory = factoryNamed(ctx, entry.value);
  if (!factory) return null;
  if (isCall(entry)) return { factory, at: entry, prefix: entry.path };
  if (!entry.raw.startsWith('@')) return null;
  const bound = entryLookups(ctx).callByRaw.get(entry.value);
  return { factory, at: entry, prefix: bound ? bound.path : null };
}

/** How the schedule reaches the optimizer, in words. */
function given(call: Call): string {
  if (call.factory.replacesLr) return 'the scheduler that sets the optimizer\'s learning rate, whatever its call writes';
  // A scheduler that only scales the optimizer's lr (torch's LinearLR, CosineAnnealingLR) is no learning rate itself.
  return call.factory.peak || call.factory.ramp ? 'the schedule given as the learning rate'
    : 'a scheduler of the optimizer\'s learning rate';
}

function argument(ctx: ResolveContext, call: Call, arg: FactoryArgument, role: HyperparameterName, what: string):
  ExtractedValue | null {
  if (!call.prefix) return null;
  for (const key of [arg.keyword, String(arg.position)]) {
    const spelling = normaliseSpelling(key);
    const match = findSpelling(ctx.index, call.prefix, spelling);
    if (!match || match.entry.path.length !== call.prefix.length + 1) continue;
    const value = writtenValue(ctx, role, match.entry, spelling, false);
    if (!value) continue;
    if (value.via) value.via.reason = `${what} of \`${call.factory.name}\` (its \`${arg.keyword}\`), ${given(call)}`;
    return value;
  }
  return null;
}

/**
 * The class whose fields the schedule's arguments are (`class CosineDecaySchedule:` whose `create()` calls
 * `optax.warmup_cosine_decay_schedule(peak_value=self.peak_lr, ...)`, Physical-Intelligence/openpi@15a9616
 * src/openpi/training/optimizer.py): the configuration the run chooses is the class, written where the class key is
 * (class-keys.ts); null when no argument is a field of such a class.
 */
function namingClass(ctx: ResolveContext, call: Call): ConfigEntry | null {
  if (!call.prefix) return null;
  for (const arg of [call.factory.peak, call.factory.warmup, call.factory.length]) {
    const origin = arg ? findSpelling(ctx.index, call.prefix, normaliseSpelling(arg.keyword))?.entry.origin : undefined;
    const head = origin?.length === 2 ? origin[0] : undefined;
    const key = head === undefined ? undefined : findSpelling(ctx.index, [head], exactly([head]))?.entry;
    if (key?.classKey === true) return key;
  }
  return null;
}

/** The schedule's name where it is given as the lr (`warmup_cosine_decay_schedule`), with its shape. */
function scheduleValue(ctx: ResolveContext, call: Call): ExtractedValue {
  const named = namingClass(ctx, call);
  if (named) {
    return {
      value: String(named.value), raw: named.raw, key: renderPath(named.path), line: ctx.lines.lineAt(named.span.start),
      span: { ...named.span }, source: 'written',
      via: { rule: 'table', keyPath: renderPath(named.path), confidence: 'high',
        reason: `the class whose fields \`${call.factory.name}\` is built from, ${given(call)}` },
    };
  }
  const e = call.at;
  return {
    value: call.factory.name, raw: e.raw, key: renderPath(e.origin ?? e.path), line: ctx.lines.lineAt(e.span.start),
    span: { ...e.span }, source: 'written',
    via: { rule: 'table', keyPath: renderPath(e.path), confidence: 'high',
      reason: `the schedule \`${call.factory.name}\`, ${given(call)}` },
  };
}

/** The peak of a schedule this file does not bind: known only when the run is assembled. */
function unboundPeak(ctx: ResolveContext, call: Call): ExtractedValue {
  return { ...scheduleValue(ctx, call), value: call.at.raw, runtime: { kind: 'call', expression: call.at.raw } };
}

function read(ctx: ResolveContext, call: Call, depth = 0): Reading {
  const f = call.factory;
  const values: Reading['values'] = { schedule: scheduleValue(ctx, call) };
  if (f.join) return depth > 0 ? { values: {}, kind: null } : readJoin(ctx, call);
  if (f.peak) {
    const target = f.warmupTarget ? argument(ctx, call, f.warmupTarget, 'lr', 'the warmup\'s target, the peak') : null;
    values.lr = target ?? argument(ctx, call, f.peak, 'lr', 'the peak') ?? unboundPeak(ctx, call);
    const warmup = f.warmup ? argument(ctx, call, f.warmup, 'warmupSteps', 'the warmup') : null;
    if (warmup) values.warmupSteps = warmup;
    const length = f.length && !target ? argument(ctx, call, f.length, 'steps', 'the length') : null;
    if (length) values.steps = length;
    return { values, kind: f.schedule };
  }
  if (!f.ramp) return { values, kind: f.schedule };
  const from = argument(ctx, call, f.ramp.from, 'lr', 'the start');
  const to = argument(ctx, call, f.ramp.to, 'lr', 'the end');
  const steps = f.ramp.steps;
  if (typeof from?.value === 'number' && typeof to?.value === 'number' && to.value > from.value) {
    // A rising ramp is a warmup to its end value, held there after.
    values.lr = to;
    const warmup = argument(ctx, call, steps, 'warmupSteps', 'the ramp');
    if (warmup) values.warmupSteps = warmup;
    return { values, kind: 'constant' };
  }
  values.lr = from ?? unboundPeak(ctx, call);
  const length = argument(ctx, call, steps, 'steps', 'the length');
  if (length) values.steps = length;
  return { values, kind: f.schedule };
}

/** The calls a join runs: its inline schedules, else the file's other schedules in the order they are written. */
function joined(ctx: ResolveContext, call: Call): Call[] {
  const join = call.factory.join;
  if (!join || !call.prefix) return [];
  const out: Call[] = [];
  for (const key of [join.schedules.keyword, String(join.schedules.position)]) {
    for (let i = 0; i < MAX_JOINED; i++) {
      const e = entryAt(ctx, [...call.prefix, key, String(i)]);
      const child = e ? callAt(ctx, e) : null;
      if (!child) break;
      out.push(child);
    }
    if (out.length > 0) return out;
  }
  return fileSchedules(ctx).filter((c) => !c.factory.join);
}

function readJoin(ctx: ResolveContext, call: Call): Reading {
  const parts = joined(ctx, call).map((c) => ({ call: c, reading: read(ctx, c, 1) }));
  const values: Reading['values'] = {};
  let peak: ExtractedValue | null = null;
  for (const { reading } of parts) {
    const lr = reading.values.lr;
    if (lr && (!peak || (typeof lr.value === 'number' && typeof peak.value === 'number' && lr.value > peak.value))) {
      peak = lr;
    }
  }
  if (peak) values.lr = peak;
  const first = parts[0];
  const warmup = parts.length > 1 ? first?.reading.values.warmupSteps : undefined;
  if (warmup) values.warmupSteps = warmup;
  const last = parts[parts.length - 1];
  if (last?.reading.values.schedule) values.schedule = last.reading.values.schedule;
  const length = joinedLength(ctx, call, last?.reading.values.steps);
  if (length) values.steps = length;
  const inside = parts.flatMap((p) => (p.call.prefix ? [renderPath(p.call.prefix)] : []));
  return { values, kind: last?.reading.kind ?? null, parts: inside };
}

/** A join runs until its last boundary plus its last part's length: derived from both where both are written. */
function joinedLength(ctx: ResolveContext, call: Call, lastLength: ExtractedValue | undefined): ExtractedValue | null {
  const join = call.factory.join;
  if (!join || !call.prefix || typeof lastLength?.value !== 'number') return null;
  let boundary: ConfigEntry | null = null;
  for (const key of [join.boundaries.keyword, String(join.boundaries.position)]) {
    for (let i = 0; i < MAX_JOINED; i++) {
      const e = entryAt(ctx, [...call.prefix, key, String(i)]);
      if (!e) break;
      boundary = e;
    }
    if (boundary) break;
  }
  if (!boundary || typeof boundary.value !== 'number') return null;
  return { value: boundary.value + lastLength.value, raw: null, key: null, line: null, span: null, source: 'derived',
    derivedFrom: [renderPath(boundary.origin ?? boundary.path), lastLength.key ?? 'steps'] };
}

const schedulesOf = new WeakMap<ResolveContext, Call[]>();

/**
 * The file's schedule calls not given inside another schedule call, in document order; found once per analysis (each
 * optimizer without an lr of its own asks), and a call is inside another when one of its proper prefixes is a call's.
 */
function fileSchedules(ctx: ResolveContext): Call[] {
  const known = schedulesOf.get(ctx);
  if (known) return known;
  const calls = ctx.index.entries.filter(isCall).flatMap((e) => {
    const c = callAt(ctx, e);
    return c ? [c] : [];
  });
  const at = new Set(calls.flatMap((c) => (c.prefix ? [JSON.stringify(c.prefix)] : [])));
  const inside = (c: Call): boolean => c.prefix !== null &&
    c.prefix.some((_, k) => at.has(JSON.stringify(c.prefix?.slice(0, k))));
  const out = calls.filter((c) => !inside(c));
  schedulesOf.set(ctx, out);
  return out;
}

/**
 * The scheduler read as this optimizer's schedule when it decides more than its name says: one that sets the
 * optimizer's lr itself (`OneCycleLR`), or a join of others (`SequentialLR`), whose shape is its last part's.
 */
function replacing(ctx: ResolveContext, hps: Hyperparameters): { call: Call; likely: boolean } | null {
  const schedule = hps.schedule;
  const span = schedule?.source === 'written' ? schedule.span : null;
  if (!span) return null;
  const entry = entriesWithSpan(ctx, span).find(isCall);
  const call = entry ? callAt(ctx, entry) : null;
  return call && (call.factory.replacesLr === true || call.factory.join) ? { call, likely: false } : null;
}

/** The schedule this optimizer's lr is, or is read inside; else the file's one schedule (a likely reading). */
function scheduleOf(ctx: ResolveContext, hps: Hyperparameters): { call: Call; likely: boolean } | null {
  const lr = hps.lr;
  if (lr?.source === 'written' && lr.span && lr.via) {
    const span = lr.span;
    const keyPath = lr.via.keyPath;
    const entry = entriesWithSpan(ctx, span).find((e) => renderPath(e.path) === keyPath);
    if (!entry) return null;
    const direct = callAt(ctx, entry);
    if (direct) return { call: direct, likely: false };
    const parent = entryAt(ctx, entry.path.slice(0, -1));
    const around = parent ? callAt(ctx, parent) : null;
    return around ? { call: around, likely: false } : replacing(ctx, hps);
  }
  if (lr && lr.source !== 'default') return null;
  const all = fileSchedules(ctx);
  const join = all.filter((c) => c.factory.join);
  const only = join.length === 1 ? join[0] : all.length === 1 ? all[0] : undefined;
  return only ? { call: only, likely: true } : null;
}

/**
 * A value the schedule gives replaces one read by name alone, a default, the schedule's own reference, or a value read
 * inside one of the parts a join runs (a part's length is not the run's).
 */
function replaceable(current: ExtractedValue | undefined, call: Call, parts: readonly string[],
  role: HyperparameterName): boolean {
  if (!current || current.source === 'default' || current.via?.rule === 'role') return true;
  if (role === 'lr' && call.factory.replacesLr) return true;
  const keyPath = current.via?.keyPath;
  if (keyPath !== undefined && parts.some((p) => keyPath.startsWith(`${p}.`))) return true;
  return current.span?.start === call.at.span.start;
}

/**
 * Reads each optimizer's schedule factory into its lr, warmup, length and schedule; returns the schedule's shape for
 * the optimizers it read (a rising `linear_schedule` is a warmup held constant, not a linear decay).
 */
export function applyScheduleFactories(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]):
  Map<ResolvedOptimizer, ScheduleKind | null> {
  const kinds = new Map<ResolvedOptimizer, ScheduleKind | null>();
  if (!ctx.table.scheduleFactories) return kinds;
  for (const r of resolved) {
    const hps = r.optimizer.hyperparameters;
    const found = scheduleOf(ctx, hps);
    if (!found) continue;
    const reading = read(ctx, found.call);
    for (const [role, value] of Object.entries(reading.values) as [HyperparameterName, ExtractedValue][]) {
      if (!replaceable(hps[role], found.call, reading.parts ?? [], role)) continue;
      if (found.likely && value.via) {
        value.via.confidence = 'medium';
        value.via.reason += ' (the file\'s only schedule; the optimizer names no learning rate)';
      }
      hps[role] = value;
      if (role === 'schedule') kinds.set(r, reading.kind);
    }
  }
  return kinds;
}
