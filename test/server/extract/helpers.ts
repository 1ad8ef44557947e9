/** Shared by the extraction tests: applying a fix the way an editor does, finding values, comparing them with a
 * manifest's. */
import { expect } from 'vitest';
import type { ExtractedValue, Finding, Fix, HyperparameterName } from '../../../core/hyperparams';
import type { Extraction } from '../../../server/extract';

/** Applies a fix's replacements (end to start, as an editor does). */
export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const r of [...fix.replacements].sort((a, b) => b.span.start - a.span.start)) out =
    out.slice(0, r.span.start) + r.newText + out.slice(r.span.end);
  return out;
}

/**
 * Applies the first fix of `finding` and checks that it changed only `expectedOld` into `expectedNew`:
 * one replacement whose span holds exactly the old text, everything before and after byte-identical.
 */
export function applyOnlyFix(text: string, finding: Finding | undefined, expectedOld: string, expectedNew: string):
  string {
  const fix = finding?.fixes?.[0];
  expect(fix, `a fix on ${finding?.code}`).toBeDefined();
  if (!fix) return text;
  expect(fix.replacements).toHaveLength(1);
  const [r] = fix.replacements;
  if (!r) return text;
  expect(text.slice(r.span.start, r.span.end)).toBe(expectedOld);
  expect(r.newText).toBe(expectedNew);
  const fixed = applyFix(text, fix);
  expect(fixed.slice(0, r.span.start)).toBe(text.slice(0, r.span.start));
  expect(fixed.slice(r.span.start + expectedNew.length)).toBe(text.slice(r.span.end));
  return fixed;
}

export function value(x: Extraction, name: HyperparameterName, optimizer = 0): ExtractedValue | undefined {
  return x.optimizers[optimizer]?.hyperparameters[name];
}

export function findings(x: Extraction, code: string): Finding[] {
  return x.findings.filter((f) => f.code === code);
}

/** A value as read against the one a MANIFEST.json states: numbers equal to 1e-12 relative, anything else exactly. */
export function sameValue(actual: number | string | boolean | null, expected: number | string | boolean | null):
  boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
  return actual === expected;
}
