/**
 * Schedules that read the written learning rate as a multiplier, not as the peak (the table's `lrScheduleScales`):
 * OpenNMT-py's `decay_method: noam` runs learning_rate × hidden_size^-0.5 × min(step^-0.5, step × warmup^-1.5), whose
 * peak, at the end of the warmup, is learning_rate × hidden_size^-0.5 × warmup^-0.5 (`learning_rate: 2.0` peaks at
 * ≈ 9.9e-4). The run's lr is then not the one written:
 * - with every factor written (or a framework default): the peak lr is derived and predicted, and an information
 *   finding at the written lr shows the arithmetic;
 * - with a factor unknown: the written lr stays in the predictions, marked as a scale in its provenance, and a warning
 *   at it says so and what is missing.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { Finding, Hyperparameters } from '../../core/hyperparams';
import type { LrScheduleScale } from './ecosystems/types';
import { renderPath } from './keypath';
import type { LineIndex } from './lines';
import { findSpelling, normaliseSpelling, type EntryIndex } from './match';
import { frameworkValue } from './values';

export const LR_SCHEDULE_SCALE = 'lr-is-a-schedule-scale';

interface Context {
  index: EntryIndex;
  format: ConfigFormat;
  lines: LineIndex;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(3).replace(/\.?0+$/, ''));

/** A factor's number: written at its key, else the framework's default; null when neither is a positive number. */
function factorValue(ctx: Context, factor: LrScheduleScale['factors'][number]): { value: number; key: string } | null {
  const match = findSpelling(ctx.index, [], normaliseSpelling(factor.key));
  const v = match ? frameworkValue(match.entry, ctx.format) : null;
  if (match && typeof v === 'number' && v > 0) return { value: v, key: renderPath(match.entry.origin ?? match.entry.path) };
  if (!match && factor.default !== undefined && factor.default > 0) return { value: factor.default, key: factor.key };
  return null;
}

/** Applies the table's schedule scales to each optimizer's lr (after defaults) and says what it did. */
export function applyLrScheduleScales(ctx: Context, scales: readonly LrScheduleScale[] | undefined,
  all: readonly Hyperparameters[]): Finding[] {
  if (!scales || scales.length === 0) return [];
  const out: Finding[] = [];
  all.forEach((hps, i) => {
    const lr = hps.lr;
    const schedule = hps.schedule?.value;
    const scale = typeof schedule === 'string'
      ? scales.find((s) => s.schedules.some((n) => n.toLowerCase() === schedule.toLowerCase())) : undefined;
    if (!scale || !lr || lr.source !== 'written' || typeof lr.value !== 'number' || lr.runtime || !lr.span) return;
    const factors = scale.factors.map((f) => ({ f, got: factorValue(ctx, f) }));
    const rule = `${scale.name} reads the learning rate as a scale: the peak lr is ${scale.formula} (${scale.source})`;
    const where = { line: ctx.lines.lineAt(lr.span.start), span: { ...lr.span }, optimizerIndex: i };
    const missing = factors.filter((x) => x.got === null).map((x) => `\`${x.f.key}\``);
    if (missing.length > 0) {
      out.push({ code: LR_SCHEDULE_SCALE, severity: 'warning', ...where, message: `${rule}. This file does not write ` +
        `${missing.join(' or ')}, so the peak lr of this run is unknown: the predictions use the written ` +
        `${lr.raw ?? fmt(lr.value)} as if it were the peak.` });
      if (lr.via) lr.via.reason += ` (a scale of the ${String(schedule)} schedule, used as the peak)`;
      return;
    }
    let peak = lr.value;
    const terms: string[] = [];
    for (const { f, got } of factors) {
      if (!got) return;
      peak *= got.value ** f.power;
      terms.push(`${fmt(got.value)}^${fmt(f.power)}`);
    }
    out.push({ code: LR_SCHEDULE_SCALE, severity: 'information', ...where, message: `${rule}: ` +
      `${lr.raw ?? fmt(lr.value)} × ${terms.join(' × ')} = ${fmt(peak)}, the lr predicted.` });
    hps.lr = { value: peak, raw: null, key: null, line: null, span: null, source: 'derived',
      derivedFrom: [lr.key ?? 'lr', ...factors.map((x) => x.got?.key ?? x.f.key)] };
  });
  return out;
}
