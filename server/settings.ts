/**
 * The `optlens.*` settings, per resource, as the server uses them. The client sends them as the JSON
 * object of `workspace/configuration` (section `optlens`) or in `didChangeConfiguration`; anything
 * malformed falls back to the default for that field, never to an error: a typo in settings.json
 * must not switch the language server off. `settings-schema.json` is the same list for package.json.
 */
import type { AnalysisSettings } from '../core/analysis';
import { MAX_GRADIENT_SCALE_SPREAD } from '../core/theory/coordinate-scales';
import type { Severity } from '../core/hyperparams';

/** The inlay hints a user can switch off one by one. */
export const HINT_KINDS = ['updateRms', 'weightRms', 'surge', 'eps'] as const;
export type HintKind = (typeof HINT_KINDS)[number];

/**
 * Which lines get hints (Error Lens style): every line, only the cursor's line, or only lines where a finding
 * is. `activeLine` needs the cursor, which only the editor knows: the VS Code client filters for it, and the
 * server (for every other editor) then shows all.
 */
export const HINT_MODES = ['all', 'activeLine', 'problems'] as const;
export type HintMode = (typeof HINT_MODES)[number];

/** A finding's severity as configured: one of LSP's four, or `off` to drop the diagnostic. */
export type SeveritySetting = Severity | 'off';

export interface OptLensSettings {
  analysis: AnalysisSettings;
  hints: Record<HintKind, boolean>;
  hintMode: HintMode;
  /** Per finding code, overriding the severity the finding was made with. */
  severities: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: OptLensSettings = {
  analysis: { snr: 0, noiseScaleUnit: 'samples' },
  hints: { updateRms: true, weightRms: true, surge: true, eps: true },
  hintMode: 'all',
  severities: {},
};

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number meeting `valid`, or undefined (so the analysis treats the input as unknown). */
function numberSetting(value: unknown, valid: (n: number) => boolean): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && valid(value) ? value : undefined;
}

const positive = (n: number): boolean => n > 0;
const positiveInteger = (n: number): boolean => n >= 1 && Number.isInteger(n);

/** Reads the `optlens` section as a client sends it; unknown or malformed fields take their defaults. */
export function parseSettings(section: unknown): OptLensSettings {
  const raw = isRecord(section) ? section : {};
  const analysis: AnalysisSettings = {
    snr: numberSetting(raw.snr, (n) => n >= 0) ?? DEFAULT_SETTINGS.analysis.snr,
    noiseScaleUnit: raw.noiseScaleUnit === 'tokens' ? 'tokens' : 'samples',
  };
  const noiseScale = numberSetting(raw.noiseScale, positive);
  if (noiseScale !== undefined) Object.assign(analysis, { noiseScale, noiseScaleSource: 'setting' });
  const worldSize = numberSetting(raw.dataParallelSize, positiveInteger);
  if (worldSize !== undefined) analysis.worldSize = worldSize;
  const params = numberSetting(raw.parameterCount, positive);
  if (params !== undefined) analysis.params = params;
  const gradNorm = numberSetting(raw.gradientNorm, positive);
  if (gradNorm !== undefined) analysis.gradNorm = gradNorm;
  const spread = numberSetting(raw.gradientScaleSpread, (n) => n >= 0 && n <= MAX_GRADIENT_SCALE_SPREAD);
  if (spread !== undefined) analysis.gradientScaleSpread = spread;
  const datasetSize = numberSetting(raw.datasetSize, positive);
  if (datasetSize !== undefined) analysis.datasetSize = datasetSize;
  const tokens = numberSetting(raw.trainingTokens, positive);
  if (tokens !== undefined) analysis.tokens = tokens;
  const theta0 = numberSetting(raw.initialWeightRms, (n) => n >= 0);
  if (theta0 !== undefined) Object.assign(analysis, { initialWeightRms: theta0, initialWeightRmsSource: 'setting' });

  const hintsRaw = isRecord(raw.inlayHints) ? raw.inlayHints : {};
  const hints = { ...DEFAULT_SETTINGS.hints };
  for (const kind of HINT_KINDS) {
    const flag = hintsRaw[kind];
    if (typeof flag === 'boolean') hints[kind] = flag;
  }
  const hintMode = HINT_MODES.find((m) => m === hintsRaw.mode) ?? DEFAULT_SETTINGS.hintMode;

  const severities: Record<string, SeveritySetting> = {};
  const severitiesRaw = isRecord(raw.diagnostics) && isRecord(raw.diagnostics.severity) ? raw.diagnostics.severity : {};
  for (const [code, level] of Object.entries(severitiesRaw)) {
    if (typeof level === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(level)) {
      severities[code] = level as SeveritySetting;
    }
  }
  return { analysis, hints, hintMode, severities };
}

/** A stable key for the analysis-relevant part, so a settings change that alters nothing re-analyses nothing. */
export function analysisSettingsKey(settings: OptLensSettings): string {
  const a = settings.analysis;
  return JSON.stringify([a.noiseScale, a.noiseScaleUnit, a.worldSize, a.params, a.gradNorm, a.gradientScaleSpread,
    a.snr, a.initialWeightRms, a.datasetSize, a.tokens]);
}
