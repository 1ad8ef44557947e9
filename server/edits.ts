/**
 * Writing a hyperparameter into a file: the replacement of exactly one literal, in the file's own
 * number style, or, where the file is silent, the insertion of the key in the framework's preferred
 * spelling next to the optimizer's other keys (server/key-insertion.ts). Derived values and values
 * buried inside a larger literal (`betas: "(0.9, 0.999)"`) are refused with a reason rather than
 * edited approximately.
 */
import type { FileAnalysis } from '../core/analysis';
import { type ExtractedValue, type HyperparameterName, SCHEDULE_KINDS, type TextReplacement } from '../core/hyperparams';
import { ECOSYSTEMS, GENERIC } from './extract/ecosystems';
import { rewriteComposerTime } from './extract/units';
import { insertionFor } from './key-insertion';
import { FILE_TRUNCATED } from './read-limit';
import { formatNumberLike, formatStringLike, isNumericLiteral } from './number-style';

export type EditOutcome = { replacements: TextReplacement[] } | { message: string };

const NUMERIC_NAMES: ReadonlySet<HyperparameterName> = new Set([
  'lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum', 'microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen', 'steps', 'warmupSteps',
]);
export const INTEGER_NAMES: ReadonlySet<HyperparameterName> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen', 'steps', 'warmupSteps']);

/**
 * Checks a requested value against what the hyperparameter can hold; a message when it cannot. A warmup written
 * as a fraction of the run (`warmup_ratio`, unit `fraction`) is edited as a fraction in [0, 1], not as steps.
 */
export function invalidValue(name: HyperparameterName, value: number | string, unit?: ExtractedValue['unit']):
  string | null {
  if (unit === 'fraction') {
    return typeof value === 'number' && value >= 0 && value <= 1 ? null : `${name} is written as a fraction of the run, in [0, 1]`;
  }
  if (!NUMERIC_NAMES.has(name)) return typeof value === 'string' && value.trim() !== '' ? null : `${name} takes a name such as "cosine"`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
  if (value < 0) return `${name} cannot be negative`;
  if ((name === 'beta1' || name === 'beta2' || name === 'momentum') && value >= 1) return `${name} must be in [0, 1)`;
  if (INTEGER_NAMES.has(name) && !Number.isInteger(value)) return `${name} must be a whole number`;
  return null;
}

/** A schedule name any loader reads back as itself in every format: no quotes, blanks, `$`, `;`, tags or newlines. */
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * The name to write for a schedule: one of the framework's own schedule names (its ecosystem table), given
 * either as that name or as the kind of schedule it is (`cosine` → DeepSpeed's `WarmupCosineLR`).
 * Anything else is refused: a name the framework does not know would fail its run, and free text
 * (`cosine\nlr: 1`, `$(...)`) would write more than one value.
 */
export function scheduleName(analysis: FileAnalysis, value: string): { name: string } | { message: string } {
  const table = ECOSYSTEMS.find((t) => t.id === analysis.ecosystem) ?? GENERIC;
  // Boolean switches (nanoGPT's `decay_lr`) are not names to write as text.
  const names = Object.entries(table.schedules ?? {}).filter(([name]) => SAFE_NAME.test(name) && name !== 'true' && name !== 'false');
  const exact = names.find(([name]) => name === value);
  if (exact) return { name: exact[0] };
  const kind = SCHEDULE_KINDS.find((k) => k === value);
  // The name that is the kind itself (`cosine`) first, then the first of that kind in the table.
  const ofKind = kind ? (names.find(([name, k]) => k === kind && name.toLowerCase() === kind) ??
    names.find(([, k]) => k === kind)) : undefined;
  if (ofKind) return { name: ofKind[0] };
  const known = names.map(([name]) => name).join(', ');
  return { message: known ? `${table.displayName} has no schedule called "${value.slice(0, 40)}"; it knows ${known}.` : `OptLens knows no schedule names for ${table.displayName}, so it does not write one.` };
}

/** True when the written literal is one value on its own, safe to rewrite whole. */
function standaloneLiteral(literal: string, name: HyperparameterName): boolean {
  if (!NUMERIC_NAMES.has(name)) return !/[,()[\]{}]/.test(literal);
  // A number, or an arithmetic expression (Python `6e-4 * 8`, shell `$((4*8))` resolved upstream) that is the whole
  // value.
  return isNumericLiteral(literal) || /^[\d\s.eE+\-*/()_]+$/.test(literal);
}

/**
 * The edit that sets `name` of optimizer `optimizerIndex` to `value` in `text` (the text `analysis` was
 * computed from).
 */
export function hyperparameterEdit(
  analysis: FileAnalysis,
  text: string,
  optimizerIndex: number,
  name: HyperparameterName,
  value: number | string,
): EditOutcome {
  const opt = analysis.optimizers[optimizerIndex];
  if (!opt) return { message: `There is no optimizer ${optimizerIndex} in this file.` };
  const invalid = invalidValue(name, value, opt.hyperparameters[name]?.unit);
  if (invalid) return { message: invalid };
  if (name === 'schedule') {
    const schedule = scheduleName(analysis, String(value));
    if ('message' in schedule) return schedule;
    value = schedule.name;
  }
  const current = opt.hyperparameters[name];
  if (current?.source === 'derived') {
    return { message: `${name} is derived from ${current.derivedFrom?.join(', ') ?? 'other values'}; change one of those instead.` };
  }
  if (!current || current.source === 'default' || !current.span) {
    // Where a key goes depends on the lines around it, and in a file read in part most were not read.
    if (analysis.findings.some((f) => f.code === FILE_TRUNCATED)) {
      return { message: `This file is too large to read whole and does not write ${name} in the lines OptLens read; add it by hand.` };
    }
    const inserted = insertionFor(analysis, text, optimizerIndex, name, value);
    return inserted ?? { message: `The file does not write ${name}, and OptLens knows no place to add it for ${analysis.ecosystem}.` };
  }
  const span = current.span;
  const sharing = Object.values(opt.hyperparameters).filter(
    (v) => v?.span && v.span.start === span.start && v.span.end === span.end);
  const literal = text.slice(span.start, span.end);
  // A Composer time string keeps its unit: `800ba` becomes `1000ba`, never a bare number (which Composer reads as
  // epochs).
  const time = typeof value === 'number' && sharing.length === 1 ? rewriteComposerTime(literal, value) : null;
  if (time !== null) return { replacements: [{ span, newText: time }] };
  if (sharing.length > 1 || !standaloneLiteral(literal, name)) {
    return { message: `${name} is written inside \`${literal}\`; edit it by hand.` };
  }
  const newText = typeof value === 'number'
    ? formatNumberLike(literal, value, analysis.format, INTEGER_NAMES.has(name) && current.unit !== 'fraction')
    : formatStringLike(literal, value, analysis.format);
  return { replacements: [{ span, newText }] };
}

/** Applies replacements (non-overlapping, any order) to `text`. */
export function applyReplacements(text: string, replacements: readonly TextReplacement[]): string {
  const sorted = [...replacements].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const r of sorted) out = out.slice(0, r.span.start) + r.newText + out.slice(r.span.end);
  return out;
}
