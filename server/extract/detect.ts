/**
 * Which ecosystem a file belongs to, from its content: each table lists weighted key patterns, values and
 * Python callees that identify it; the file name only breaks ties. When no table scores enough, the
 * generic table reads what is unambiguous and the evidence says `none`.
 */
import type { ConfigFormat, EcosystemEvidence, EcosystemSignal, NearTie } from '../../core/analysis';
import type { ConfigEntry } from './entries';
import type { EcosystemTable } from './ecosystems/types';
import type { EcosystemCandidate } from './extraction';
import { matchesWhole, parsePattern } from './keypath';

/** A score below this is not evidence (one weak shared key such as `learning_rate` must not decide). */
const MIN_SCORE = 3;
/**
 * Candidates within this fraction of the best are "close", a near tie: the content does not decide between them, so
 * the file name does; where it does not either, the best is a guess (evidence `close`), shown as one on every surface.
 */
const CLOSE = 0.15;
const SAMPLE = 20_000;

export interface Detection {
  table: EcosystemTable;
  evidence: EcosystemEvidence;
  candidates: EcosystemCandidate[];
  /** For a near tie (`close`): the tables that scored nearly as high, with the scores. */
  nearTie?: NearTie;
  /** What decided: the keys, values and calls that matched, the file name, or a comment naming the ecosystem. */
  signals: EcosystemSignal[];
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '.').replace(/\u0000/g, '.*');
  return new RegExp(`(^|/)${body}$`, 'i');
}

export function fileNameMatches(table: EcosystemTable, fileName: string): boolean {
  const normalised = fileName.replace(/\\/g, '/');
  return [...(table.detect.fileNames ?? []), ...(table.detect.folders ?? [])]
    .some((g) => globToRegExp(g).test(normalised));
}

/** Whether the file sits in a folder convention only this table's framework has (`detect.folders`). */
function inFrameworkFolder(table: EcosystemTable, fileName: string): boolean {
  const normalised = fileName.replace(/\\/g, '/');
  return (table.detect.folders ?? []).some((g) => globToRegExp(g).test(normalised));
}

/**
 * The sample's key shape: the key paths and path prefixes that the tables' literal key patterns name,
 * lower-cased, joined by NUL (a pattern may name a block), and every segment name, lower-cased.
 */
export interface KeyShape { prefixes: Set<string>; names: Set<string> }

/** A literal pattern's key, as `hasPattern` looks it up: its segments lower-cased, joined by NUL. */
const literalKey = (segments: readonly string[]): string => segments.map((s) => s.toLowerCase()).join('\u0000');

/**
 * Only the prefixes some table looks up are kept: building and hashing every prefix of a 10,000-key file
 * costs more than the rest of detection. A path stops being followed at its first prefix that begins no
 * looked-up key (`stems`: each key and its NUL-delimited beginnings), since no longer prefix can be one.
 */
function keyShape(entries: readonly ConfigEntry[], tables: readonly EcosystemTable[]): KeyShape {
  const stems = new Set<string>();
  for (const table of tables) {
    for (const { pattern } of table.detect.keys) {
      const segments = parsePattern(pattern);
      if (segments.some((s) => s.includes('*'))) continue;
      const key = literalKey(segments);
      stems.add(key);
      for (let at = key.indexOf('\u0000'); at >= 0; at = key.indexOf('\u0000', at + 1)) stems.add(key.slice(0, at));
    }
  }
  const prefixes = new Set<string>();
  const names = new Set<string>();
  // Neighbouring entries share their leading segments (`datasets.0.path`, `datasets.0.type`): the walk resumes
  // after the segments the previous path has too, from the state it reached there.
  let previous: readonly string[] = [];
  const keyAt: string[] = [];
  const followedAt: boolean[] = [];
  for (const e of entries) {
    const path = e.path;
    let i = 0;
    while (i < path.length && i < previous.length && path[i] === previous[i]) i++;
    let key = i > 0 ? keyAt[i - 1] ?? '' : '';
    let followed = i > 0 ? followedAt[i - 1] ?? true : true;
    for (; i < path.length; i++) {
      const lower = (path[i] ?? '').toLowerCase();
      names.add(lower);
      if (followed) {
        key = key === '' ? lower : `${key}\u0000${lower}`;
        if (stems.has(key)) prefixes.add(key);
        else if (key !== '') followed = false;
      }
      keyAt[i] = key;
      followedAt[i] = followed;
    }
    previous = path;
  }
  return { prefixes, names };
}

/**
 * False when a segment of the pattern without wildcards names no key of the sample: no path can then match
 * it (a literal segment matches only its own name, case aside), so the scan over every entry is skipped.
 */
function mayMatch(segments: readonly string[], shape: KeyShape): boolean {
  return segments.every((s) => s.includes('*') || shape.names.has(s.toLowerCase()));
}

function hasPattern(entries: readonly ConfigEntry[], shape: KeyShape, pattern: string): boolean {
  const segments = parsePattern(pattern);
  if (!segments.some((s) => s.includes('*'))) return shape.prefixes.has(literalKey(segments));
  if (!mayMatch(segments, shape)) return false;
  const below = [...segments, '**'];
  return entries.some((e) => matchesWhole(below, e.path, true));
}

function valueMatches(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value) || new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(value);
}

/** Content evidence for one table: the sum of the weights of its signals present in the sample. */
export function score(table: EcosystemTable, entries: readonly ConfigEntry[], shape: KeyShape,
  callees: Set<string>, signals?: EcosystemSignal[]): number {
  let total = 0;
  for (const { pattern, weight } of table.detect.keys) {
    if (!hasPattern(entries, shape, pattern)) continue;
    total += weight;
    signals?.push({ kind: 'key', text: pattern });
  }
  for (const { pattern, value, weight } of table.detect.values ?? []) {
    const segments = parsePattern(pattern);
    if (!mayMatch(segments, shape)) continue;
    if (!entries.some((e) => typeof e.value === 'string' && matchesWhole(segments, e.path, true) && valueMatches(value, e.value))) continue;
    total += weight;
    signals?.push({ kind: 'value', text: `${pattern}: ${value}` });
  }
  for (const { name, weight } of table.detect.callees ?? []) {
    const lower = name.toLowerCase();
    if (!callees.has(lower) && ![...callees].some((c) => c.endsWith(`.${lower}`))) continue;
    total += weight;
    signals?.push({ kind: 'call', text: name });
  }
  return total;
}

const FILE_NAME: EcosystemSignal = { kind: 'file-name', text: 'the file name' };

/**
 * Formats a file of one format also holds: the YAML reader reads the commands written in a YAML file (SkyPilot's
 * `run: |`, a Kubernetes container's `args:`, Determined's `entrypoint:`) as the shell scripts they are
 * (yaml-commands.ts), so a launcher's flags there (`./train_gpt2cu -l 0.0006`) are a shell table's keys.
 */
const EMBEDDED: Partial<Record<ConfigFormat, readonly ConfigFormat[]>> = { yaml: ['shell'] };

export function detectEcosystem(
  tables: readonly EcosystemTable[],
  generic: EcosystemTable,
  entries: readonly ConfigEntry[],
  format: ConfigFormat,
  fileName: string,
  forced?: string,
): Detection {
  const eligible = tables.filter((t) => t.formats.some((f) => f === format || EMBEDDED[format]?.includes(f)));
  if (forced) {
    const table = tables.find((t) => t.id === forced);
    const signals: EcosystemSignal[] = [{ kind: 'comment', text: `ecosystem=${forced}` }];
    if (table) return { table, evidence: 'content', candidates: [{ id: table.id, score: Infinity }], signals };
  }
  // Configs put their identifying keys early; a pathological 10 MB file is judged on its first entries.
  const sample = entries.length > SAMPLE ? entries.slice(0, SAMPLE) : entries;
  const shape = keyShape(sample, eligible);
  const callees = new Set(sample.flatMap((e) => (e.callee === undefined ? [] : [e.callee.toLowerCase()])));
  // Each table's signals are collected in the one scoring pass (a second pass costs a scan of 20,000 entries).
  const scored = eligible.map((table) => {
    const signals: EcosystemSignal[] = [];
    return { table, score: score(table, sample, shape, callees, signals), signals: signals.slice(0, 4) };
  }).sort((a, b) => b.score - a.score);
  const candidates = scored.filter((s) => s.score > 0).slice(0, 5).map((s) => ({ id: s.table.id, score: s.score }));
  // A framework built on the best-scoring one (unsloth over a TRL script) takes the file when its own signals suffice.
  const top = scored[0];
  const layer = top
    ? scored.find((s) => s.score >= MIN_SCORE && s.table.detect.layersOver?.includes(top.table.id))
    : undefined;
  if (layer) return { table: layer.table, evidence: 'content', candidates, signals: layer.signals };
  const best = top;
  if (best && best.score >= MIN_SCORE) {
    const close = scored.filter((s) => s.score >= best.score * (1 - CLOSE));
    if (close.length > 1) {
      const byName = close.find((s) => fileNameMatches(s.table, fileName));
      if (byName) return { table: byName.table, evidence: 'filename', candidates, signals: [...byName.signals, FILE_NAME] };
      const nearTie: NearTie = { score: best.score,
        rivals: close.slice(1).map((s) => ({ id: s.table.id, name: s.table.displayName, score: s.score })) };
      return { table: best.table, evidence: 'close', candidates, signals: best.signals, nearTie };
    }
    return { table: best.table, evidence: 'content', candidates, signals: best.signals };
  }
  // A name alone is no evidence: `pretrain.sh` and `train_ppo.sh` launch every framework's runs (OpenCLIP's
  // h14_84_8_pretrain.sh is no Megatron-LM script); it breaks a tie only among tables some of the file's keys fit.
  const byName = scored.find((s) => s.score > 0 && fileNameMatches(s.table, fileName))?.table
    ?? eligible.find((t) => inFrameworkFolder(t, fileName));
  if (byName) return { table: byName, evidence: 'filename', candidates, signals: [FILE_NAME] };
  return { table: generic, evidence: 'none', candidates, signals: [] };
}
