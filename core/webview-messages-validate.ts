/**
 * Checks of every message crossing between the extension host and its webviews (core/webview-messages.ts).
 * Each returns the message typed when it has exactly the expected shape, else null; nothing is coerced.
 * The host checks what pages post (a page is untrusted content); the pages check what the host sends
 * (cheap, and it catches a host/page version mismatch early). Pure, no DOM, no vscode.
 */
import { SECTION_ID } from './science-reference';
import { HYPERPARAMETER_NAMES, OPTIMIZER_KINDS, SCHEDULE_KINDS, type Finding, type Severity } from './hyperparams';
import type {
  BoundConfig, HostSimulation, HostToPlayground, HostToReport, ParamOrigin, PlaygroundParamName, PlaygroundParams,
  PlaygroundToHost, RecipeBinding, ReportChart, ReportDocument, ReportSeries, ReportTable, ReportToHost,
} from './webview-messages';

type Rec = Record<string, unknown>;

/** Longest string field accepted (a message in a toast, a file name); data URLs have their own bound. */
const MAX_TEXT = 10_000;
/** One exported chart image: a PNG data URL up to 16 MiB. */
const MAX_DATA_URL = 16 * 2 ** 20;
const MAX_ITEMS = 100_000;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2 ** 31;
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isArrayOf = (v: unknown, check: (x: unknown) => boolean, max = MAX_ITEMS) => Array.isArray(v) &&
  v.length <= max && v.every(check);
/** Only the keys listed: an unexpected key means a different version or a forged message. */
const onlyKeys = (r: Rec, keys: readonly string[]) => Object.keys(r).every((k) => keys.includes(k));

const WEIGHT_DECAY_SEMANTICS = ['lr', 'lr-ratio', 'lr-squared', 'coupled-l2', 'none'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const NUMERIC_PARAMS = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'batchSize', 'noiseScale', 'snr', 'steps'] as const;
const OPTIONAL_NUMERIC_PARAMS = ['warmupSteps', 'hessianAlignment', 'theta0Rms', 'gradNorm', 'params'] as const;
export const PLAYGROUND_PARAM_NAMES: readonly PlaygroundParamName[] = [
  'optimizer', ...NUMERIC_PARAMS, 'schedule', ...OPTIONAL_NUMERIC_PARAMS, 'weightDecaySemantics',
];

/** The bound config's input, as far as the playground relies on it: a known optimizer and finite numbers (or null). */
function isBoundInput(v: unknown): boolean {
  if (!isRecord(v) || !oneOf(OPTIMIZER_KINDS, v.optimizer) || !oneOf(SCHEDULE_KINDS, v.schedule)) return false;
  return Object.values(v).every((x) => x === null || typeof x !== 'number' || Number.isFinite(x))
    && typeof v.nesterov === 'boolean' && typeof v.fp16 === 'boolean';
}

export function isPlaygroundParams(v: unknown): v is PlaygroundParams {
  if (!isRecord(v) || !onlyKeys(v, [...PLAYGROUND_PARAM_NAMES, 'base'])) return false;
  return oneOf(OPTIMIZER_KINDS, v.optimizer) && oneOf(SCHEDULE_KINDS, v.schedule)
    && NUMERIC_PARAMS.every((k) => isFiniteNumber(v[k]))
    && OPTIONAL_NUMERIC_PARAMS.every((k) => optional(v[k], isFiniteNumber))
    && optional(v.weightDecaySemantics, (x) => oneOf(WEIGHT_DECAY_SEMANTICS, x))
    && optional(v.base, isBoundInput);
}

function isSpan(v: unknown): boolean {
  return isRecord(v) && isCount(v.start) && isCount(v.end) && (v.end) >= (v.start);
}

function isFinding(v: unknown): v is Finding {
  if (!isRecord(v)) return false;
  const fixesOk = optional(v.fixes, (fixes) => isArrayOf(fixes, (f) => isRecord(f) && isText(f.title)
    && isArrayOf(f.replacements, (r) => isRecord(r) && isSpan(r.span) && isText(r.newText)), 100));
  return isText(v.code, 200) && oneOf(SEVERITIES, v.severity) && isText(v.message)
    && (v.line === null || isCount(v.line)) && (v.span === null || isSpan(v.span))
    && optional(v.optimizerIndex, isCount) && fixesOk;
}

function isParamOrigin(v: unknown): v is ParamOrigin {
  return isRecord(v) && oneOf(['written', 'default', 'derived', 'setting', 'comment', 'assumed'] as const, v.source)
    && (v.hyperparameter === null || oneOf(HYPERPARAMETER_NAMES, v.hyperparameter))
    && (v.line === null || isCount(v.line)) && optional(v.detail, isText);
}

const RECIPE_NUMBERS = ['batchSamples', 'tokensPerStep', 'epochs', 'datasetSamples', 'tokens', 'params'] as const;

function isRecipeBinding(v: unknown): v is RecipeBinding {
  if (!isRecord(v) || !isRecord(v.context) || !isRecord(v.context.provenance)) return false;
  const ctx = v.context;
  const provenance = ctx.provenance as Rec;
  const isShape = (s: unknown) => Array.isArray(s) && s.length === 2 && s.every((d) => isCount(d) && d > 0);
  return RECIPE_NUMBERS.every((k) => ctx[k] === null || isFiniteNumber(ctx[k]))
    && Object.keys(provenance).every((k) => oneOf(RECIPE_NUMBERS, k) && isText(provenance[k], 500))
    && (v.shape === null || isShape(v.shape)) && oneOf(['original', 'match_rms_adamw'] as const, v.muonAdjustLr);
}

/** The floor as bind.ts sends it: the fields its phrase reads, nothing else. */
function isScheduleFloor(v: unknown): boolean {
  if (!isRecord(v) || !onlyKeys(v, ['kind', 'value']) || !isRecord(v.value)) return false;
  const x = v.value;
  return oneOf(['lr', 'ratio'] as const, v.kind)
    && onlyKeys(x, ['value', 'raw', 'key', 'line', 'span', 'source', 'defaultFrom']) && isFiniteNumber(x.value)
    && (x.raw === null || isText(x.raw, 200)) && (x.key === null || isText(x.key, 500))
    && (x.line === null || isCount(x.line)) && x.span === null
    && oneOf(['written', 'default', 'derived'] as const, x.source) && optional(x.defaultFrom, (d) => isText(d, 500));
}

function isBoundConfig(v: unknown): v is BoundConfig {
  if (!isRecord(v) || !isRecord(v.origins)) return false;
  const origins = v.origins;
  return isText(v.uri) && isText(v.fileName) && isCount(v.optimizerIndex) && isText(v.optimizerName)
    && isPlaygroundParams(v.params)
    && Object.keys(origins).every((k) => oneOf(PLAYGROUND_PARAM_NAMES, k) && isParamOrigin(origins[k]))
    && isArrayOf(v.findings, isFinding, 1000) && optional(v.recipe, isRecipeBinding)
    && optional(v.scheduleFloor, isScheduleFloor);
}

function isComparison(v: unknown): boolean {
  return isRecord(v) && (v.predicted === null || isFiniteNumber(v.predicted)) && isFiniteNumber(v.simulated) &&
    isFiniteNumber(v.stderr);
}

function isHostSimulation(v: unknown): v is HostSimulation {
  return isRecord(v) && isText(v.uri) && isCount(v.optimizerIndex) && isText(v.backend, 200) && isCount(v.steps)
    && isCount(v.coordinates) && isComparison(v.updateRms) && isComparison(v.weightRmsAtEnd);
}

/**
 * A page's request to open the science reference at a section: a section id in form only. Whether the reference
 * has that section is the host's check (it holds the reference: extension/science-reference.ts).
 */
function openSectionMessage(v: Rec): { type: 'openScienceReference'; section: string } | null {
  return onlyKeys(v, ['type', 'section']) && isText(v.section, 20) && SECTION_ID.test(v.section)
    ? { type: 'openScienceReference', section: v.section }
    : null;
}

/** What the playground page posts to the host. */
export function validatePlaygroundToHost(v: unknown): PlaygroundToHost | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'ready':
      return onlyKeys(v, ['type']) ? { type: 'ready' } : null;
    case 'apply':
      if (!onlyKeys(v, ['type', 'requestId', 'uri', 'optimizerIndex', 'param', 'value'])) return null;
      if (!isCount(v.requestId) || !isText(v.uri) || !isCount(v.optimizerIndex) ||
        !oneOf(PLAYGROUND_PARAM_NAMES, v.param)) return null;
      if (!(isFiniteNumber(v.value) || isText(v.value, 100))) return null;
      return { type: 'apply', requestId: v.requestId, uri: v.uri, optimizerIndex: v.optimizerIndex, param: v.param, value: v.value };
    case 'notify':
      if (!onlyKeys(v, ['type', 'level', 'message']) || !oneOf(['info', 'warning', 'error'] as const, v.level) || !isText(v.message, 2000)) return null;
      return { type: 'notify', level: v.level, message: v.message };
    case 'openScienceReference':
      return openSectionMessage(v);
    default:
      return null;
  }
}

/** What the host sends to the playground page. */
export function validateHostToPlayground(v: unknown): HostToPlayground | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'bind':
      return v.config === null || isBoundConfig(v.config) ? (v as HostToPlayground) : null;
    case 'focus':
      return oneOf(PLAYGROUND_PARAM_NAMES, v.param) ? (v as HostToPlayground) : null;
    case 'applied':
      return isCount(v.requestId) && typeof v.ok === 'boolean' && optional(v.message, isText) ? (v as HostToPlayground) : null;
    case 'simulation':
      return isHostSimulation(v.simulation) ? (v as HostToPlayground) : null;
    case 'simulationRefused': {
      const r = v.refusal;
      return isRecord(r) && isText(r.uri) && isCount(r.optimizerIndex) && isText(r.message, 2000)
        ? (v as HostToPlayground) : null;
    }
    default:
      return null;
  }
}

function isSeries(v: unknown): v is ReportSeries {
  return isRecord(v) && isText(v.label, 500) && oneOf(['theory', 'simulation'] as const, v.kind)
    && optional(v.optimizer, (o) => oneOf(OPTIMIZER_KINDS, o))
    && isArrayOf(v.points, (p) => isRecord(p) && isFiniteNumber(p.x) && isFiniteNumber(p.y) &&
      optional(p.stderr, isFiniteNumber));
}

function isAxis(v: unknown): boolean {
  return isRecord(v) && isText(v.label, 500) && oneOf(['linear', 'log'] as const, v.scale);
}

function isChart(v: unknown): v is ReportChart {
  return isRecord(v) && isText(v.id, 100) && /^[\w-]+$/.test(v.id) && isText(v.title, 500) && isAxis(v.x) && isAxis(v.y)
    && isArrayOf(v.series, isSeries, 100) &&
      isArrayOf(v.markers, (m) => isRecord(m) && isFiniteNumber(m.x) && isText(m.label, 500), 100)
    && isText(v.source, 500);
}

function isTable(v: unknown): v is ReportTable {
  return isRecord(v) && isText(v.title, 500) && isArrayOf(v.columns, (c) => isText(c, 500), 100)
    && isArrayOf(v.rows, (r) => isArrayOf(r, (c) => isText(c), 100), 10_000);
}

export function isReportDocument(v: unknown): v is ReportDocument {
  return isRecord(v) && oneOf(['analysis', 'sweep', 'compare'] as const, v.kind) && isText(v.title) && isText(v.subtitle)
    && isArrayOf(v.tables, isTable, 100) && isArrayOf(v.charts, isChart, 100) && isArrayOf(v.findings, isFinding, 1000)
    && isArrayOf(v.notes, (n) => isText(n), 1000) && optional(v.analysis, isRecord);
}

/** What the report page posts to the host. */
export function validateReportToHost(v: unknown): ReportToHost | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'ready':
      return onlyKeys(v, ['type']) ? { type: 'ready' } : null;
    case 'chartImages': {
      if (!onlyKeys(v, ['type', 'requestId', 'images']) || !isCount(v.requestId)) return null;
      const imageOk = (i: unknown) => isRecord(i) && onlyKeys(i, ['id', 'dataUrl']) && isText(i.id, 100) && /^[\w-]+$/.test(i.id)
        && isText(i.dataUrl, MAX_DATA_URL) && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(i.dataUrl);
      if (!isArrayOf(v.images, imageOk, 100)) return null;
      return { type: 'chartImages', requestId: v.requestId, images: v.images as { id: string; dataUrl: string }[] };
    }
    case 'openScienceReference':
      return openSectionMessage(v);
    default:
      return null;
  }
}

/** What the host sends to the report page. */
export function validateHostToReport(v: unknown): HostToReport | null {
  if (!isRecord(v)) return null;
  if (v.type === 'report') return isReportDocument(v.report) ? (v as HostToReport) : null;
  if (v.type === 'exportCharts') return isCount(v.requestId) ? (v as HostToReport) : null;
  return null;
}
