/**
 * The checks a MANIFEST.json-style folder of real configs runs against `extract()`: format, ecosystem,
 * optimizer name and line, and for each hyperparameter the value, line, raw literal and key as written (or
 * its absence), the framework defaults, the decoys that must not be read, and the PyYAML pitfalls as
 * findings. Shared by the development corpus (corpus.test.ts) and the held-out-like sample
 * (heldout-like.test.ts), so both are judged by exactly the same rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExtractedOptimizer, ExtractedValue, HyperparameterName } from '../../../core/hyperparams';
import { extract } from '../../../server/extract';
import { sameValue } from './helpers';

/** MANIFEST field names → OptLens hyperparameter names. */
export const FIELDS: Record<string, HyperparameterName> = {
  lr: 'lr',
  beta1: 'beta1',
  beta2: 'beta2',
  eps: 'eps',
  weight_decay: 'weightDecay',
  momentum: 'momentum',
  batch_size_per_device: 'microBatchSize',
  grad_accum: 'gradAccum',
  global_batch_size: 'globalBatchSize',
  seq_len: 'seqLen',
  total_steps: 'steps',
  warmup_steps: 'warmupSteps',
  schedule: 'schedule',
};

type Scalar = number | string | boolean | null;
export interface ManifestEntry {
  file: string;
  ecosystem: string;
  format: string;
  optimizer: string | null;
  optimizer_line: number | null;
  expected: Record<string, Scalar>;
  expected_lines: Record<string, number | null>;
  expected_raw: Record<string, string | null>;
  expected_keys: Record<string, string | null>;
  framework_defaults?: Record<string, { value: Scalar; source: string }>;
  decoys?: { line: number; raw: string; key: string }[];
  parser_pitfalls?: { field: string; line: number; raw: string; parser: string }[];
  /** Present only where a field is not in the default unit (samples for batches, optimizer steps for steps). */
  expected_units?: Record<string, string>;
}

/** The entries of a MANIFEST.json-format file (`{ entries: [...] }`). */
export function readManifest(file: string): ManifestEntry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: ManifestEntry[] }).entries;
}

function written(optimizers: ExtractedOptimizer[], name: HyperparameterName): ExtractedValue[] {
  return optimizers.flatMap((o) => {
    const v = o.hyperparameters[name];
    return v && v.source === 'written' ? [v] : [];
  });
}

/** Python and shell keys in MANIFEST are descriptive (`AdamW(betas=)[0]`); the keyword must still be the one read. */
function sameKey(actual: string | null, expected: string, format: string): boolean {
  if (format === 'yaml' || format === 'json' || format === 'toml') return actual === expected;
  const word = /([A-Za-z_][\w-]*)(?:=\))?(?:\[\d+\])?$/.exec(expected.replace(/=\)/, ''))?.[1] ?? expected;
  return actual !== null && actual.includes(word.replace(/^-+/, ''));
}

/**
 * The `unit` OptLens should report for a MANIFEST unit note: none for the default units (samples,
 * sequences, optimizer steps), else the non-default unit the note names.
 */
function unitOf(note: string | undefined): ExtractedValue['unit'] {
  if (note === undefined || /sequences|samples/.test(note)) return undefined;
  if (/sentinel/.test(note)) return 'sentinel';
  if (/epoch/.test(note)) return 'epochs';
  if (/token/.test(note)) return 'tokens';
  // Composer batches (`4800ba`) are optimizer steps: read as their number, in no other unit.
  return undefined;
}

/** One `describe` per entry of `entries`, reading each file from `folder`. */
export function describeManifest(folder: string, entries: ManifestEntry[]): void {
  describe.each(entries)('$file', (entry) => {
    const text = readFileSync(join(folder, entry.file), 'utf8');
    const x = extract(text, entry.file);
    const descriptive = entry.format === 'python' || entry.format === 'shell';

    test('format and ecosystem come from the content', () => {
      expect(x.format).toBe(entry.format);
      expect(x.ecosystem).toBe(entry.ecosystem);
      expect(x.ecosystemEvidence).toBe('content');
    });

    test('optimizer name and line', () => {
      expect(x.optimizers.length).toBeGreaterThan(0);
      if (entry.optimizer === null || entry.optimizer.includes('+')) return;
      const named = x.optimizers.find((o) => o.name === entry.optimizer);
      expect(named, `optimizer ${entry.optimizer} among ${x.optimizers.map((o) => o.name).join(', ')}`).toBeDefined();
      expect(named?.line).toBe(entry.optimizer_line);
    });

    test.each(Object.keys(FIELDS))('%s as written', (field) => {
      const name = FIELDS[field];
      const expected = entry.expected[field] ?? null;
      const found = written(x.optimizers, name);
      if (expected === null) {
        // MANIFEST's warmup_steps is a step count; a warmup written as a fraction of the run (`warmup_ratio`) is
        // annotated among its extras and checked by warmup-fraction.test.ts.
        // Likewise a run length kept in epochs or samples (Composer `max_duration: 2ep`) is no step count.
        const steps = found.filter((v) => v.unit !== 'fraction' && v.unit !== 'epochs' && v.unit !== 'samples');
        expect(steps, `${field} is not written in the file`).toEqual([]);
        return;
      }
      const line = entry.expected_lines[field];
      const match = found.find((v) => v.line === line);
      expect(match, `${field} at line ${line}; found ${JSON.stringify(found.map((v) => [v.line, v.raw, v.key]))}`).toBeDefined();
      if (!match) return;
      // Descriptive MANIFEST values (`trapezoidal (…)`) and raws of Python expressions are D's to match; numbers always
      // are.
      // A Composer batch count (`4800ba`) is annotated as written and read as its number of steps.
      const want = typeof expected === 'string' && /^\d+ba$/.test(expected) ? Number(expected.slice(0, -2)) : expected;
      if (!(descriptive && typeof expected === 'string')) expect(sameValue(match.value, want), `${field}: ${String(match.value)} vs ${String(expected)}`).toBe(true);
      // MANIFEST keeps the quotes of `"auto"` but drops them for schedule names (`WarmupDecayLR`): accept either.
      if (!descriptive) expect([match.raw, match.raw?.replace(/^(["'])(.*)\1$/, '$2')]).toContain(entry.expected_raw[field]);
      expect(sameKey(match.key, entry.expected_keys[field] ?? '', entry.format), `${field} key ${match.key} vs ${entry.expected_keys[field]}`).toBe(true);
      expect(text.slice(match.span?.start, match.span?.end)).toBe(match.raw);
      expect(match.unit, `${field} unit`).toBe(unitOf(entry.expected_units?.[field]));
    });

    test('framework defaults where the file is silent', () => {
      for (const [field, d] of Object.entries(entry.framework_defaults ?? {})) {
        const name = FIELDS[field];
        const values = x.optimizers.map((o) => o.hyperparameters[name]).filter((v): v is ExtractedValue => v !== undefined && v.source !== 'written');
        expect(values.some((v) => sameValue(v.value, d.value)), `${field} default ${String(d.value)}; got ${JSON.stringify(values.map((v) => v.value))}`).toBe(true);
        for (const v of values.filter((v) => v.source === 'default')) expect(v.defaultFrom, `${field} default cites its source`).toBeTruthy();
      }
    });

    test('decoys are not read', () => {
      const all = x.optimizers.flatMap((o) => Object.values(o.hyperparameters)).filter((v) => v?.source === 'written');
      for (const decoy of entry.decoys ?? []) {
        expect(all.some((v) => v?.line === decoy.line && v.raw === decoy.raw), `decoy ${decoy.key} at line ${decoy.line}`).toBe(false);
      }
    });

    test('PyYAML pitfalls of hyperparameters are findings with a fix', () => {
      for (const pitfall of (entry.parser_pitfalls ?? []).filter((p) => p.parser.startsWith('PyYAML') && !p.field.startsWith('extras.'))) {
        const finding = x.findings.find((f) => f.code === 'pyyaml-exponent-string' && f.line === pitfall.line);
        expect(finding, `pyyaml finding at line ${pitfall.line}`).toBeDefined();
        const replacement = finding?.fixes?.[0]?.replacements[0];
        expect(replacement && text.slice(replacement.span.start, replacement.span.end)).toBe(pitfall.raw);
      }
    });
  });
}
