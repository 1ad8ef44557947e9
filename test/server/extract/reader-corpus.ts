/**
 * Checks a format reader against the MANIFEST.json entries of test/fixtures/corpus: every value the manifest
 * says is written (hyperparameters and extras) is an entry with that line, raw literal and value, under a
 * key that names it; numbers in comments (comment decoys) are never entries. Shared by the Python and shell
 * reader tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ConfigEntry, ReadResult } from '../../../server/extract/entries';
import { renderPath } from '../../../server/extract/keypath';
import { lineIndex } from '../../../server/extract/lines';
import { sameValue } from './helpers';

export const CORPUS = join(__dirname, '../../fixtures/corpus');

type Scalar = number | string | boolean | null;

export interface ManifestEntry {
  file: string;
  format: string;
  expected: Record<string, Scalar>;
  expected_lines: Record<string, number | null>;
  expected_raw: Record<string, string | null>;
  expected_keys: Record<string, string | null>;
  extras?: Record<string, { value: Scalar; line: number; raw: string; key: string }>;
  decoys?: { line: number; raw: string; key: string }[];
}

export function manifestEntries(format: string): ManifestEntry[] {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'MANIFEST.json'), 'utf8')) as { entries: ManifestEntry[] };
  return manifest.entries.filter((e) => e.format === format);
}

export interface Written {
  field: string;
  value: Scalar;
  line: number;
  raw: string;
  key: string;
}

/** What the manifest says is written: hyperparameter fields with a line, and extras. */
export function writtenValues(entry: ManifestEntry): Written[] {
  const out: Written[] = [];
  for (const [field, line] of Object.entries(entry.expected_lines)) {
    const raw = entry.expected_raw[field];
    if (line === null || raw === null || raw === undefined) continue;
    out.push({ field, value: entry.expected[field] ?? null, line, raw, key: entry.expected_keys[field] ?? '' });
  }
  for (const [field, extra] of Object.entries(entry.extras ?? {})) out.push({ field, ...extra });
  return out;
}

/** The identifier a descriptive manifest key ends with: `AdamW(betas=)[0]` → `betas`, `Hyperparameters.learning_rate` →
 * `learning_rate`. */
export function keyWord(key: string): string {
  const match = /([A-Za-z_-][\w-]*)(?:=\))?(?:\[\d+\])?$/.exec(key.replace(/=\)/, ''));
  return (match?.[1] ?? key).replace(/^-+/, '');
}

/** Asserts that `read` has an entry for `w`; returns it. */
export function expectWritten(text: string, read: ReadResult, w: Written): ConfigEntry | undefined {
  const lines = lineIndex(text);
  // A descriptive value (modded-nanogpt's schedule: the `elif` line of get_lr) may be the code inside the quoted line.
  const descriptive = typeof w.value === 'string' && w.value !== w.raw.replace(/^(["'])(.*)\1$/, '$2');
  const atLine = read.entries.filter(
    (e) => lines.lineAt(e.span.start) === w.line &&
      (e.raw === w.raw || (descriptive && e.raw.length >= 3 && w.raw.includes(e.raw))));
  const where = `${w.field} at line ${w.line} (${w.raw}); entries there: ${JSON.stringify(atLine.map((e) => [renderPath(e.path), e.value]))}`;
  const named = atLine.filter((e) => renderPath(e.origin ?? e.path).includes(keyWord(w.key)) ||
    renderPath(e.path).includes(keyWord(w.key)));
  expect(named.length, where).toBeGreaterThan(0);
  const entry = named[0];
  if (!entry) return undefined;
  expect(text.slice(entry.span.start, entry.span.end)).toBe(entry.raw);
  // Numbers are compared as numbers. A descriptive value names what the entry says (`trapezoidal (constant then
  // linear warmdown)` for `trapezoidal`), except a flag whose meaning the table gives (`decay_lr = True` is cosine).
  if (descriptive && typeof entry.value === 'boolean') return entry;
  const matches = descriptive ? String(w.value).toLowerCase().startsWith(String(entry.value).toLowerCase()) : sameValue(
    entry.value, w.value);
  expect(matches, `${where}: value ${String(entry.value)} vs ${String(w.value)}`).toBe(true);
  return entry;
}

/** Numbers in comments are never entries. */
export function expectNoCommentDecoys(text: string, read: ReadResult, entry: ManifestEntry): void {
  const lines = lineIndex(text);
  for (const decoy of (entry.decoys ?? []).filter((d) => d.key.startsWith('comment'))) {
    const hit = read.entries.find((e) => lines.lineAt(e.span.start) === decoy.line && e.raw === decoy.raw);
    expect(hit, `comment decoy at line ${decoy.line}`).toBeUndefined();
  }
}
