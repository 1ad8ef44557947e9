/**
 * Finding the entries a key spelling names. Entries are indexed by their last key segment (list indices
 * skipped), so matching a table against a 10 MB file costs one lookup per spelling, not a scan.
 */
import { isCallEntry, isImportEntry, type ConfigEntry } from './entries';
import { matchesWhole, matchPrefix, parsePattern } from './keypath';
import { HYPERPARAMETER_NAMES } from '../../core/hyperparams';
import type {
  KeyPattern, KeySpelling, OptimizerScope, SiblingCondition, UnitSwitch, ValueUnit,
} from './ecosystems/types';

const INDEX = /^\d+$/;

export interface EntryIndex {
  entries: readonly ConfigEntry[];
  /** Entries by lower-cased last non-index segment. */
  byName: Map<string, ConfigEntry[]>;
  /**
   * Entries by whole path (segments joined by NUL; lower-cased when matching ignores case), in reader order, built for
   * one last name at a time when a path with that name is first asked for (entriesAt): keys are joined for those
   * entries only, so a 10 MB list's items cost nothing here unless a path inside that list is asked for.
   */
  pathsByName: PathMaps;
  caseInsensitive: boolean;
}

/** The path maps of each lower-cased last name: of the paths ending in it, and of those ending in a list index. */
interface PathMaps {
  named: Map<string, Map<string, ConfigEntry[]>>;
  listed: Map<string, Map<string, ConfigEntry[]>>;
}

const SEP = '\u0000';

function pathKey(path: readonly string[], caseInsensitive: boolean): string {
  const joined = path.join(SEP);
  return caseInsensitive ? joined.toLowerCase() : joined;
}

/** Whether a segment is a list index (INDEX), without a regex: this runs for every entry of a file. */
function isIndex(segment: string): boolean {
  if (segment.length === 0) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export function lastName(path: readonly string[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i] ?? '';
    if (!isIndex(segment)) return segment;
  }
  return '';
}

function push(map: Map<string, ConfigEntry[]>, key: string, entry: ConfigEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

export function indexEntries(entries: readonly ConfigEntry[], caseInsensitive: boolean): EntryIndex {
  const byName = new Map<string, ConfigEntry[]>();
  for (const entry of entries) push(byName, lastName(entry.path).toLowerCase(), entry);
  return { entries, byName, pathsByName: { named: new Map(), listed: new Map() }, caseInsensitive };
}

/**
 * The entries written at exactly this path (its segments literal), matched as the index matches case. Entries at one
 * path share its last name and whether it ends in a list index, so only that part of byName is looked through.
 */
export function entriesAt(index: EntryIndex, path: readonly string[]): readonly ConfigEntry[] {
  const name = lastName(path).toLowerCase();
  const listed = isIndex(path[path.length - 1] ?? '');
  const maps = listed ? index.pathsByName.listed : index.pathsByName.named;
  let paths = maps.get(name);
  if (!paths) {
    paths = new Map();
    for (const entry of index.byName.get(name) ?? []) {
      if (isIndex(entry.path[entry.path.length - 1] ?? '') === listed) {
        push(paths, pathKey(entry.path, index.caseInsensitive), entry);
      }
    }
    maps.set(name, paths);
  }
  return paths.get(pathKey(path, index.caseInsensitive)) ?? [];
}

/** The entries written at `tail` in the block that holds `entry` (`tail` a key beside it, or a key and an index). */
export function entriesBeside(index: EntryIndex, entry: ConfigEntry, ...tail: string[]): readonly ConfigEntry[] {
  return entriesAt(index, [...entry.path.slice(0, -1), ...tail]);
}

/** Entries at exactly this literal path (no wildcards), or null when the pattern has wildcards. */
function atPath(index: EntryIndex, pattern: readonly string[]): readonly ConfigEntry[] | null {
  if (pattern.some((s) => s.includes('*'))) return null;
  return entriesAt(index, pattern);
}

/** Entries that might match a pattern: those sharing its last literal segment, or all for a glob. */
export function candidates(index: EntryIndex, pattern: readonly string[]): readonly ConfigEntry[] {
  const name = lastName(pattern);
  if (name === '' || name.includes('*')) return index.entries;
  return index.byName.get(name.toLowerCase()) ?? [];
}

/** A spelling, normalised: the key's segments, the list element it names (if any), its unit. */
export interface Spelling {
  key: string[];
  index: number | null;
  unit: ValueUnit | null;
  unitWhen: UnitSwitch | null;
  /** Keys beside the value that must say it is this role (sibling-conditions.ts). */
  when?: SiblingCondition[];
  /** The key whose number multiplies the value (a count per epoch × `epochs`), when there is one. */
  times?: KeyPattern;
  text: KeyPattern;
}

export function normaliseSpelling(spelling: KeySpelling): Spelling {
  if (typeof spelling === 'string') {
    return { key: parsePattern(spelling), index: null, unit: null, unitWhen: null, text: spelling };
  }
  const index = 'index' in spelling ? spelling.index : null;
  const unitWhen = 'unitWhen' in spelling ? spelling.unitWhen ?? null : null;
  const unit = spelling.unit ?? null;
  const out: Spelling = { key: parsePattern(spelling.key), index, unit, unitWhen, text: spelling.key };
  if ('times' in spelling && spelling.times !== undefined) out.times = spelling.times;
  if ('when' in spelling) out.when = spelling.when;
  return out;
}

export interface SpellingMatch {
  entry: ConfigEntry;
  /** The element of a list key; false when the key holds a scalar where a list was expected (`betas: "auto"`). */
  element: boolean;
}

/**
 * How `entry` stands to `seen` when both are flags of different shell commands (ConfigEntry.launch): a command run
 * after another starts another run, so its flag does not override the earlier command's. False when they are not.
 */
export function otherLaunch(entry: ConfigEntry, seen: ConfigEntry): 'earlier' | 'later' | false {
  const a = entry.launch;
  const b = seen.launch;
  if (a === undefined || b === undefined || a === b) return false;
  return a < b ? 'earlier' : 'later';
}

/**
 * The entry that counts for a key written more than once at the same path: the last one, of the first shell command
 * that writes it (otherLaunch). argparse keeps the
 * last `--weight-decay` of a launch script, Python the last assignment, PyYAML and `json.load` the last
 * duplicate key; a pattern naming different paths still picks between them in document order.
 */
function lastAtSamePath(index: EntryIndex, match: SpellingMatch | null): SpellingMatch | null {
  if (!match) return null;
  const same = entriesAt(index, match.entry.path);
  let last: ConfigEntry | undefined;
  for (const entry of same) if (!last || otherLaunch(entry, last) !== 'later') last = entry;
  return last && last !== match.entry ? { entry: last, element: match.element } : match;
}

/**
 * The first path (in document order) that `spelling` names below `prefix`, and its last entry there (see
 * lastAtSamePath). For a list element spelling, the element itself is preferred; a scalar written at the list
 * key itself is returned with `element: false`.
 */
export function findSpelling(index: EntryIndex, prefix: readonly string[], spelling: Spelling): SpellingMatch | null {
  return lastAtSamePath(index, firstSpelling(index, prefix, spelling));
}

/**
 * The element a negative index names, counted from the end of the first list the key names (`-1`: its last
 * element, as Python indexes: ESPnet's warmup ends at `warmup_steps_list[-1]`); null when no list is written there.
 */
function fromEnd(index: EntryIndex, full: readonly string[], at: number): number | null {
  let list: string | null = null;
  let length = 0;
  for (const entry of candidates(index, full)) {
    const last = entry.path[entry.path.length - 1] ?? '';
    const parent = entry.path.slice(0, -1);
    if (!INDEX.test(last) || !matchesWhole(full, parent, index.caseInsensitive)) continue;
    list ??= pathKey(parent, false);
    if (pathKey(parent, false) === list) length = Math.max(length, Number(last) + 1);
  }
  return list !== null && length + at >= 0 ? length + at : null;
}

function firstSpelling(index: EntryIndex, prefix: readonly string[], spelling: Spelling): SpellingMatch | null {
  const full = [...prefix, ...spelling.key];
  const ci = index.caseInsensitive;
  if (spelling.index !== null) {
    const at = spelling.index < 0 ? fromEnd(index, full, spelling.index) : spelling.index;
    if (at === null) {
      const scalar = candidates(index, full).find((entry) => matchesWhole(full, entry.path, ci));
      return scalar ? { entry: scalar, element: false } : null;
    }
    const elementPattern = [...full, String(at)];
    const element = atPath(index, elementPattern);
    if (element !== null) {
      const first = element[0] ?? atPath(index, full)?.[0];
      return first ? { entry: first, element: element[0] !== undefined } : null;
    }
    for (const entry of candidates(index, full)) {
      if (matchesWhole(elementPattern, entry.path, ci)) return { entry, element: true };
    }
    for (const entry of candidates(index, full)) {
      if (matchesWhole(full, entry.path, ci)) return { entry, element: false };
    }
    return null;
  }
  const exact = atPath(index, full);
  if (exact !== null) {
    const first = exact[0];
    return first ? { entry: first, element: true } : null;
  }
  for (const entry of candidates(index, full)) {
    if (matchesWhole(full, entry.path, ci)) return { entry, element: true };
  }
  return null;
}

/** Where a pass spelling by spelling first meets a block: the spelling, the candidate entry, the end in its path. */
type Rank = readonly [number, number, number];

const before = (a: Rank, b: Rank): boolean =>
  (a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2]);

interface BlockSpelling {
  rank: number;
  spelling: Spelling;
  tail: string[];
  /** Without `**` the key (or key and element) takes exactly its own number of segments: other ends cannot match. */
  fixed: boolean;
}

/**
 * The distinct block prefixes matching `at` under which at least one of `relative` spellings has an entry,
 * in document order of their first entry (ties in the order a pass spelling by spelling meets them). Spellings that
 * share their candidates (the entries of one last name) are checked in one pass over them, each entry's possible ends
 * found once: a file of 200,000 blocks and a table of 35 spellings was 35 passes over each name's entries.
 */
export function blockPrefixes(index: EntryIndex, at: readonly string[], relative: readonly Spelling[]): string[][] {
  const found = new Map<string, { prefix: string[]; first: number; rank: Rank }>();
  const ci = index.caseInsensitive;
  const groups = new Map<readonly ConfigEntry[], BlockSpelling[]>();
  relative.forEach((spelling, rank) => {
    const list = candidates(index, [...at, ...spelling.key]);
    const element = spelling.index === null ? null : spelling.index < 0 ? '*' : String(spelling.index);
    const tail = element === null ? spelling.key : [...spelling.key, element];
    const group = { rank, spelling, tail, fixed: !spelling.key.includes('**') };
    const known = groups.get(list);
    if (known) known.push(group);
    else groups.set(list, [group]);
  });
  // The pattern's literal segments must each be in a path it matches: a path without one is out before matching.
  const literals = at.filter((s) => !s.includes('*')).map((s) => (ci ? s.toLowerCase() : s));
  const holds = (path: readonly string[]): boolean =>
    literals.every((l) => path.some((s) => (ci ? s.toLowerCase() : s) === l));
  for (const [list, spellings] of groups) {
    for (let c = 0; c < list.length; c++) {
      const entry = list[c];
      const ends = entry && holds(entry.path) ? matchPrefix(at, entry.path, 0, ci) : [];
      if (!entry || ends.length === 0) continue;
      for (const { rank: s, spelling, tail, fixed } of spellings) {
        for (let e = 0; e < ends.length; e++) {
          const end = ends[e] ?? 0;
          const left = entry.path.length - end;
          if (fixed && left !== spelling.key.length && left !== tail.length) continue;
          const rest = entry.path.slice(end);
          if (!matchesWhole(spelling.key, rest, ci) && !matchesWhole(tail, rest, ci)) continue;
          const prefix = entry.path.slice(0, end);
          const id = JSON.stringify(prefix);
          const rank: Rank = [s, c, e];
          const seen = found.get(id);
          if (!seen) {
            found.set(id, { prefix, first: entry.span.start, rank });
            continue;
          }
          if (entry.span.start < seen.first) seen.first = entry.span.start;
          if (before(rank, seen.rank)) seen.rank = rank;
        }
      }
    }
  }
  const order = (a: { first: number; rank: Rank }, b: { first: number; rank: Rank }): number =>
    a.first - b.first || (before(a.rank, b.rank) ? -1 : 1);
  return [...found.values()].sort(order).map((f) => f.prefix);
}

/** The first call entry at each literal path, built once per index: a file of many calls looks each up, not a scan. */
const callsByPath = new WeakMap<EntryIndex, Map<string, ConfigEntry>>();

/** The first call entry (`callee` and value the same) whose path `path` matches whole. */
export function firstCallAt(index: EntryIndex, path: readonly string[]): ConfigEntry | null {
  // A segment with `*` is a glob to matchesWhole: such a path is matched as before.
  if (path.some((s) => s.includes('*'))) {
    return index.entries.find((e) => isCallEntry(e) && matchesWhole(path, e.path)) ?? null;
  }
  let calls = callsByPath.get(index);
  if (!calls) {
    calls = new Map();
    for (const e of index.entries) {
      const key = isCallEntry(e) ? JSON.stringify(e.path) : null;
      if (key !== null && !calls.has(key)) calls.set(key, e);
    }
    callsByPath.set(index, calls);
  }
  return calls.get(JSON.stringify(path)) ?? null;
}

/** The path of each call whose callee `callees` names (whole or by its last component), in reader order. */
export function callPaths(index: EntryIndex, callees: readonly string[]): string[][] {
  const names = new Set(callees.map((c) => c.toLowerCase()));
  const short = (c: string): string => c.toLowerCase().split('.').pop() ?? c;
  const paths: string[][] = [];
  for (const entry of index.entries) {
    if (!isCallEntry(entry)) continue;
    if (isImportEntry(entry)) continue;
    if (names.has(entry.callee.toLowerCase()) || names.has(short(entry.callee))) paths.push(entry.path);
  }
  return paths;
}

/**
 * The blocks (or calls) an optimizer scope finds, in the order resolve.ts builds optimizers at them: the calls of its
 * callees, else the blocks at `at` holding one of its spellings (each hyperparameter's in turn, then its name keys).
 */
export function scopePrefixes(index: EntryIndex, scope: OptimizerScope): string[][] {
  if (scope.callees) return callPaths(index, scope.callees);
  const own = HYPERPARAMETER_NAMES.flatMap((name) => (scope.hyperparameters[name] ?? []).map(normaliseSpelling));
  const relative = [...own, ...scope.nameKeys.map(normaliseSpelling)];
  return blockPrefixes(index, parsePattern(scope.at), relative);
}
