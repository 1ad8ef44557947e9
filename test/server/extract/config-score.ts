/**
 * Scoring of a hand-annotated split of real configs (test/fixtures/configs/dev or blind): for every value the
 * annotation says the file writes, did extraction report that role with the right value at the right line?
 * Percentages per format, per role and per ecosystem, the misses listed, decoys read and crashes counted.
 *
 * The extractor is passed in, so the same scoring runs against today's `extract()` (configs-dev.test.ts) and
 * against an older checkout's (scripts/score-configs.mjs --root), whose types may differ: only the fields
 * every version has (name, line, hyperparameters with value/raw/line/source) are read.
 */
import type { ManifestEntry } from './manifest-suite';
import { FIELDS } from './manifest-suite';

type Scalar = number | string | boolean | null;

/** What scoring reads of one extracted value; a structural subset of `ExtractedValue`. */
export interface ScoredValue {
  value: number | string | boolean;
  raw: string | null;
  line: number | null;
  source: string;
}

/** What scoring reads of an extraction; a structural subset of `Extraction`, old or new. */
export interface ScoredExtraction {
  optimizers: { name: string; line: number | null; hyperparameters: Partial<Record<string, ScoredValue>> }[];
}

export type Extractor = (text: string, fileName: string) => ScoredExtraction;

/** A further written value of a role in the same file (a second optimizer, another branch). */
export interface ExtraValue {
  field: string;
  value: Scalar;
  line: number;
  raw: string;
  key: string;
}

/** A MANIFEST entry of test/fixtures/configs: the shared format plus extra values and provenance. */
export interface ConfigEntry extends ManifestEntry {
  repo: string;
  path: string;
  commit: string;
  licence: string;
  extra_values?: ExtraValue[];
  /** The collection round a later entry came from (`third-round`); absent for the first entries. */
  added?: string;
  /** The blind set an entry once belonged to before its release to dev (`true` for the first, then its name). */
  retired_blind?: boolean | string;
}

/** One value the annotation expects, as scored. */
export interface Expectation {
  file: string;
  format: string;
  ecosystem: string;
  /** MANIFEST field name (`lr`, `beta1`, …) or `optimizer`. */
  role: string;
  value: Scalar;
  line: number;
  raw: string;
}

export interface Miss extends Expectation {
  /** What extraction reported for the role instead: `line: raw` of each written value, or the optimizers. */
  found: string[];
}

export interface Tally {
  found: number;
  total: number;
}

export interface SplitScore {
  files: number;
  crashes: { file: string; error: string }[];
  overall: Tally;
  byFormat: Record<string, Tally>;
  byRole: Record<string, Tally>;
  byEcosystem: Record<string, Tally>;
  misses: Miss[];
  /** Decoys extraction reported as a written value (the same raw literal at the decoy's line). */
  decoysRead: { file: string; line: number; raw: string; key: string }[];
}

const DURATION = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(ba|ep|tok|sp|dur)$/i;

function unquote(text: string): string {
  return text.trim().replace(/^(["'])(.*)\1$/, '$2');
}

function asNumber(v: number | string | boolean): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const text = unquote(v).replace(/_/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : null;
}

/**
 * Whether an extracted value is the annotated one: numbers equal to 1e-9 relative (a numeric string such as
 * PyYAML's `'2e-5'` counts as its number), names equal ignoring case and quotes, a Composer duration
 * (`100ba`) equal to its number when the unit is carried separately.
 */
export function valueMatches(actual: ScoredValue, expected: Scalar, expectedRaw: string): boolean {
  if (expected === null) return false;
  if (typeof expected === 'number') {
    const n = asNumber(actual.value);
    return n !== null && Math.abs(n - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (typeof expected === 'boolean') return actual.value === expected;
  const want = unquote(expected).toLowerCase();
  const got = typeof actual.value === 'string' ? unquote(actual.value).toLowerCase() : String(actual.value);
  if (got === want) return true;
  if (actual.raw !== null && unquote(actual.raw).toLowerCase() === unquote(expectedRaw).toLowerCase()) return true;
  const duration = DURATION.exec(want);
  return duration !== null && typeof actual.value === 'number' && Number(duration[1]) === actual.value;
}

/** Optimizer names compared by their letters and digits: `torch.optim.AdamW` and `AdamW` agree. */
function sameOptimizer(actual: string, expected: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const a = norm(actual);
  const e = norm(expected);
  return a.length > 0 && (a === e || a.endsWith(e) || e.endsWith(a));
}

/** Every value an entry expects: the optimizer (name and line), each field, each extra value. */
export function expectations(entry: ConfigEntry): Expectation[] {
  const base = { file: entry.file, format: entry.format, ecosystem: entry.ecosystem };
  const out: Expectation[] = [];
  if (entry.optimizer !== null && entry.optimizer_line !== null) {
    out.push({ ...base, role: 'optimizer', value: entry.optimizer, line: entry.optimizer_line, raw: entry.optimizer });
  }
  for (const field of Object.keys(FIELDS)) {
    const value = entry.expected[field] ?? null;
    const line = entry.expected_lines[field] ?? null;
    if (value === null || line === null) continue;
    out.push({ ...base, role: field, value, line, raw: entry.expected_raw[field] ?? String(value) });
  }
  for (const extra of entry.extra_values ?? []) {
    out.push({ ...base, role: extra.field, value: extra.value, line: extra.line, raw: extra.raw });
  }
  return out;
}

function written(x: ScoredExtraction, role: string): ScoredValue[] {
  const name = FIELDS[role];
  if (name === undefined) return [];
  return x.optimizers.flatMap((o) => {
    const v = o.hyperparameters[name];
    return v !== undefined && v.source !== 'default' && v.line !== null ? [v] : [];
  });
}

/**
 * An optimizer written through a module alias, as annotated (`optim.SGD` after `import mlx.optimizers as optim`), by
 * the module it aliases (`mlx.optimizers.SGD`), the name extraction reports; the name as written when no import binds
 * it. Stricter than the suffix rule alone, which cannot tell `mlx.optimizers.SGD` from `torch.optim.SGD`.
 */
export function unaliased(name: string, text: string): string {
  const [first, ...rest] = name.split('.');
  if (!first || !/^\w+$/.test(first) || rest.length === 0) return name;
  const bound = new RegExp(`^[ \\t]*import[ \\t]+([\\w.]+)[ \\t]+as[ \\t]+${first}[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return bound?.[1] ? [bound[1], ...rest].join('.') : name;
}

/** Whether extraction reported the expected value; with what it reported for the role otherwise. */
export function judge(x: ScoredExtraction, e: Expectation): { hit: boolean; found: string[] } {
  if (e.role === 'optimizer') {
    const hit = x.optimizers.some((o) => o.line === e.line && sameOptimizer(o.name, String(e.value)));
    return { hit, found: x.optimizers.map((o) => `${o.line ?? '-'}: ${o.name}`) };
  }
  const values = written(x, e.role);
  const hit = values.some((v) => v.line === e.line && valueMatches(v, e.value, e.raw));
  return { hit, found: values.map((v) => `${v.line}: ${v.raw ?? String(v.value)}`) };
}

function add(tallies: Record<string, Tally>, key: string, hit: boolean): void {
  const t = (tallies[key] ??= { found: 0, total: 0 });
  t.total += 1;
  if (hit) t.found += 1;
}

/** Scores `entries` (files read by `read`) against `extract`; a throwing extractor counts every value missed. */
export function scoreSplit(entries: ConfigEntry[], read: (file: string) => string, extract: Extractor): SplitScore {
  const score: SplitScore = {
    files: entries.length, crashes: [], overall: { found: 0, total: 0 },
    byFormat: {}, byRole: {}, byEcosystem: {}, misses: [], decoysRead: [],
  };
  for (const entry of entries) {
    let x: ScoredExtraction = { optimizers: [] };
    let text = '';
    try {
      text = read(entry.file);
      x = extract(text, entry.file);
    } catch (error) {
      score.crashes.push({ file: entry.file, error: error instanceof Error ? error.message : String(error) });
    }
    for (const e of expectations(entry)) {
      const named = e.role === 'optimizer' && typeof e.value === 'string' ? unaliased(e.value, text) : e.value;
      const { hit, found } = judge(x, named === e.value ? e : { ...e, value: named });
      score.overall.total += 1;
      if (hit) score.overall.found += 1;
      add(score.byFormat, e.format, hit);
      add(score.byRole, e.role, hit);
      add(score.byEcosystem, e.ecosystem, hit);
      if (!hit) score.misses.push({ ...e, found });
    }
    const all = Object.keys(FIELDS).flatMap((f) => written(x, f));
    for (const d of entry.decoys ?? []) {
      if (all.some((v) => v.line === d.line && v.raw !== null && unquote(v.raw) === unquote(d.raw))) {
        score.decoysRead.push({ file: entry.file, line: d.line, raw: d.raw, key: d.key });
      }
    }
  }
  return score;
}

export function percent(t: Tally): number {
  return t.total === 0 ? 100 : (100 * t.found) / t.total;
}

function table(title: string, tallies: Record<string, Tally>): string[] {
  const rows = Object.entries(tallies).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([k]) => k.length), title.length);
  return [`${title.padEnd(width)}  found/total      %`,
    ...rows.map(([k, t]) => {
      const ratio = `${t.found}/${t.total}`.padStart(11);
      return `${k.padEnd(width)}  ${ratio}  ${percent(t).toFixed(1).padStart(5)}`;
    })];
}

/** The score as plain text: overall, per format, per role, per ecosystem, then (unless left out) each miss. */
export function formatScore(name: string, s: SplitScore, options: { misses: boolean }): string {
  const lines = [
    `${name}: ${s.files} files, ${s.overall.found}/${s.overall.total} written values found at the right value ` +
      `and line (${percent(s.overall).toFixed(1)}%), ${s.crashes.length} crashes, ${s.decoysRead.length} decoys read`,
    '', ...table('format', s.byFormat), '', ...table('role', s.byRole), '', ...table('ecosystem', s.byEcosystem),
  ];
  for (const c of s.crashes) lines.push(`crash ${c.file}: ${c.error}`);
  if (options.misses) {
    lines.push('', `misses (${s.misses.length}):`);
    for (const m of s.misses) {
      const found = m.found.length > 0 ? m.found.join('; ') : 'nothing';
      lines.push(`  ${m.file}:${m.line} ${m.role} = ${m.raw}  (found: ${found})`);
    }
    lines.push('', `decoys read (${s.decoysRead.length}):`);
    for (const d of s.decoysRead) lines.push(`  ${d.file}:${d.line} ${d.key} = ${d.raw}`);
  } else {
    const byRole = Object.entries(s.byRole).filter(([, t]) => t.found < t.total)
      .map(([r, t]) => `${r} ${t.total - t.found}`);
    lines.push('', `misses by role: ${byRole.join(', ') || 'none'} (the list is left out)`);
  }
  return lines.join('\n');
}
