/**
 * `analyzeText` survives any bytes: whatever the text, it returns an analysis whose spans (findings,
 * fixes, values) all lie inside the text, so every diagnostic range and quick fix the server derives is valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import type { Span } from '../../core/hyperparams';
import { analyzeText } from '../../server/analyze';
import { AXOLOTL } from './lsp/fixtures';

const NAMES = ['config.yaml', 'ds_config.json', 'train.toml', 'train.py', 'launch.sh', 'notes.txt'];

function expectSpansInside(analysis: FileAnalysis, length: number): void {
  const inside = (span: Span | null | undefined) => {
    if (!span) return;
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(length);
  };
  for (const f of analysis.findings) {
    inside(f.span);
    for (const fix of f.fixes ?? []) for (const r of fix.replacements) inside(r.span);
  }
  for (const opt of analysis.optimizers) {
    inside(opt.span);
    for (const v of Object.values(opt.hyperparameters)) inside(v?.span);
  }
}

describe('analyzeText on arbitrary input', () => {
  it('never throws, and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...NAMES), (text, name) => {
        expectSpansInside(analyzeText(text, `/w/${name}`, { noiseScale: 100, gradNorm: 1, params: 1e6 }), text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('survives a real config cut, spliced and re-typed anywhere', () => {
    fc.assert(
      fc.property(fc.nat(AXOLOTL.length), fc.nat(40), fc.string({ maxLength: 20 }), (at, cut, insert) => {
        const text = AXOLOTL.slice(0, at) + insert + AXOLOTL.slice(Math.min(AXOLOTL.length, at + cut));
        const analysis = analyzeText(text, '/w/phi2-ft.yml', { noiseScale: 1000 });
        expectSpansInside(analysis, text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('explains an unknown framework and an unmodelled optimizer instead of staying silent', () => {
    const generic = analyzeText('trainer:\n  lr: 0.001\n  weight_decay: 0.1\n', '/w/x.yaml', {});
    expect(generic.ecosystemEvidence).toBe('none');
    expect(generic.findings.map((f) => f.code)).toContain('generic-extraction');
  });
});
