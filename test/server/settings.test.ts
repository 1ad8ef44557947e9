import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HINT_KINDS, analysisSettingsKey, parseSettings } from '../../server/settings';

describe('parseSettings', () => {
  it('reads every field of the optlens section', () => {
    const s = parseSettings({
      noiseScale: 4000, noiseScaleUnit: 'tokens', dataParallelSize: 8, parameterCount: 1.3e9, gradientNorm: 0.8, snr: 0.1,
      inlayHints: { surge: false }, diagnostics: { severity: { 'surge-risk': 'error', 'equilibrium-longer-than-run': 'off' } },
    });
    expect(s.analysis).toEqual({ noiseScale: 4000, noiseScaleUnit: 'tokens', worldSize: 8, params: 1.3e9, gradNorm: 0.8, snr: 0.1 });
    expect(s.hints).toEqual({ updateRms: true, weightRms: true, surge: false, eps: true });
    expect(s.severities).toEqual({ 'surge-risk': 'error', 'equilibrium-longer-than-run': 'off' });
  });

  it('drops malformed values instead of failing', () => {
    const s = parseSettings({ noiseScale: -1, dataParallelSize: 2.5, gradientNorm: 'big', snr: NaN, inlayHints: { eps: 'no' }, diagnostics: { severity: { x: 'fatal' } } });
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('keys analysis settings only by what changes the analysis', () => {
    const a = parseSettings({ noiseScale: 10, inlayHints: { surge: false } });
    const b = parseSettings({ noiseScale: 10 });
    const c = parseSettings({ noiseScale: 11 });
    expect(analysisSettingsKey(a)).toBe(analysisSettingsKey(b));
    expect(analysisSettingsKey(a)).not.toBe(analysisSettingsKey(c));
  });

  it('reads the inlay-hint mode, falling back to all', () => {
    expect(parseSettings({ inlayHints: { mode: 'problems' } }).hintMode).toBe('problems');
    expect(parseSettings({ inlayHints: { mode: 'activeLine' } }).hintMode).toBe('activeLine');
    expect(parseSettings({ inlayHints: { mode: 'loud' } }).hintMode).toBe('all');
  });

  it('matches the schema offered to package.json', () => {
    const schema = JSON.parse(readFileSync(new URL('../../server/settings-schema.json', import.meta.url), 'utf8')) as { properties: Record<string, unknown> };
    const names = Object.keys(schema.properties);
    for (const kind of HINT_KINDS) expect(names).toContain(`optlens.inlayHints.${kind}`);
    expect(names).toContain('optlens.inlayHints.mode');
    for (const key of ['noiseScale', 'noiseScaleUnit', 'dataParallelSize', 'parameterCount', 'gradientNorm', 'gradientScaleSpread', 'snr', 'diagnostics.severity']) {
      expect(names).toContain(`optlens.${key}`);
    }
    expect(names).toHaveLength(HINT_KINDS.length + 8);
  });
});
