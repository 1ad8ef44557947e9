import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, HINT_KINDS, analysisSettingsKey, parseSettings } from '../../server/settings';

describe('parseSettings', () => {
  it('reads every field of the optlens section', () => {
    const s = parseSettings({
      noiseScale: 4000, noiseScaleUnit: 'tokens', dataParallelSize: 8, parameterCount: 1.3e9, gradientNorm: 0.8, snr: 0.1,
      gradientScaleSpread: 0.5, datasetSize: 1.2e6, trainingTokens: 3e11, initialWeightRms: 0.02,
      inlayHints: { surge: false }, diagnostics: { severity: { 'surge-risk': 'error', 'equilibrium-longer-than-run': 'off' } },
    });
    expect(s.analysis).toEqual({
      noiseScale: 4000, noiseScaleSource: 'setting', noiseScaleUnit: 'tokens', worldSize: 8, params: 1.3e9, gradNorm: 0.8,
      snr: 0.1, gradientScaleSpread: 0.5, datasetSize: 1.2e6, tokens: 3e11,
      initialWeightRms: 0.02, initialWeightRmsSource: 'setting',
    });
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
    // The recipe (science.md §8) reads the dataset size and the run's tokens, so each must re-analyse.
    const changes = [
      { datasetSize: 1e6 }, { trainingTokens: 1e9 }, { gradientScaleSpread: 2 }, { initialWeightRms: 0.1 },
    ];
    for (const changed of changes) {
      expect(analysisSettingsKey(parseSettings({ noiseScale: 10, ...changed }))).not.toBe(analysisSettingsKey(b));
    }
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
    const keys = ['noiseScale', 'noiseScaleUnit', 'dataParallelSize', 'parameterCount', 'gradientNorm', 'gradientScaleSpread',
      'snr', 'datasetSize', 'trainingTokens', 'initialWeightRms', 'diagnostics.severity'];
    for (const key of keys) expect(names).toContain(`optlens.${key}`);
    expect(names).toHaveLength(HINT_KINDS.length + 1 + keys.length);
  });
});
