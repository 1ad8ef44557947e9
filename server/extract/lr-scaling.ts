/**
 * A learning rate the framework rescales by the batch when the run starts (the table's `lrScaling`): mmengine's
 * `auto_scale_lr = dict(enable=True, base_batch_size=256)` multiplies every lr by (data-parallel size × batch per
 * device) / 256 before the first step. The run's lr is then not the one written:
 * - on, with the batch per device and the data-parallel size known: the lr is derived (written × ratio), and an
 *   information finding at the switch shows the arithmetic;
 * - on, with either unknown: the written lr stays in the predictions, marked as assumed unscaled in its provenance, and
 *   a warning at the lr says so and what to set to compute it;
 * - written but off (mmengine's default `enable=False`, turned on by the launcher's flag): a hint at the base batch
 *   says when it would apply.
 */
import type { ExtractedValue, Finding, Hyperparameters } from '../../core/hyperparams';
import type { ConfigFormat } from '../../core/analysis';
import type { LrScaling } from './ecosystems/types';
import type { ConfigEntry } from './entries';
import { renderPath } from './keypath';
import type { LineIndex } from './lines';
import { findSpelling, normaliseSpelling, type EntryIndex } from './match';
import { frameworkValue } from './values';

export const LR_AUTO_SCALED = 'lr-auto-scaled';

interface Context {
  index: EntryIndex;
  format: ConfigFormat;
  lines: LineIndex;
}

function written(ctx: Context, key: string): { entry: ConfigEntry; value: unknown } | null {
  const match = findSpelling(ctx.index, [], normaliseSpelling(key));
  return match ? { entry: match.entry, value: frameworkValue(match.entry, ctx.format) } : null;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toPrecision(3).replace(/\.?0+$/, ''));

function finding(ctx: Context, severity: Finding['severity'], message: string, entry: ConfigEntry | ExtractedValue,
  optimizerIndex: number): Finding {
  const span = 'path' in entry ? entry.span : entry.span ?? { start: 0, end: 0 };
  return { code: LR_AUTO_SCALED, severity, message, line: ctx.lines.lineAt(span.start), span: { ...span },
    optimizerIndex };
}

/** Applies the table's lr scaling to each optimizer's lr (after the batch is known) and says what it did. */
export function applyLrScaling(ctx: Context, scaling: LrScaling | undefined, all: readonly Hyperparameters[],
  dp: { value: number; from: string } | null): Finding[] {
  if (!scaling) return [];
  const base = written(ctx, scaling.baseBatchKey);
  if (!base || typeof base.value !== 'number' || !(base.value > 0)) return [];
  const baseBatch = base.value;
  const enable = written(ctx, scaling.enableKey);
  const on = enable ? enable.value === true || enable.value === 'True' || enable.value === 'true' : scaling.enableDefault;
  const rule = `${scaling.name} multiplies the learning rate by (data-parallel size × batch per device) / ` +
    `${fmt(baseBatch)} when the run starts (${scaling.source})`;
  if (!on) {
    const how = scaling.launchFlag ? ` unless the run is launched with \`${scaling.launchFlag}\`` : '';
    return [finding(ctx, 'hint', `\`${renderPath(base.entry.origin ?? base.entry.path)}\` = ${fmt(baseBatch)}: ` +
      `${scaling.name} is off here${how}, which turns it on: then ${rule}. The predictions use the written ` +
      'learning rate.', base.entry, 0)];
  }
  const out: Finding[] = [];
  all.forEach((hps, i) => {
    const lr = hps.lr;
    if (!lr || lr.source !== 'written' || typeof lr.value !== 'number' || lr.runtime) return;
    const micro = hps.microBatchSize;
    const perDevice = micro && typeof micro.value === 'number' && micro.unit === undefined ? micro.value : null;
    if (perDevice !== null && dp) {
      const ratio = (dp.value * perDevice) / baseBatch;
      const scaled = lr.value * ratio;
      out.push(finding(ctx, 'information', `${rule}: ${fmt(dp.value)} × ${fmt(perDevice)} / ${fmt(baseBatch)} = ` +
        `${fmt(ratio)}, so the run's learning rate is ${fmt(lr.value)} × ${fmt(ratio)} = ${fmt(scaled)}, the one ` +
        `predicted (written ${lr.raw ?? fmt(lr.value)}, line ${lr.line ?? '?'}).`, enable?.entry ?? base.entry, i));
      hps.lr = { value: scaled, raw: null, key: null, line: null, span: null, source: 'derived',
        derivedFrom: [lr.key ?? 'lr', renderPath(base.entry.path), micro?.key ?? 'microBatchSize', dp.from] };
      return;
    }
    const missing = [perDevice === null ? 'the batch per device' : '', dp ? '' : 'the data-parallel size']
      .filter((s) => s !== '').join(' and ');
    out.push(finding(ctx, 'warning', `${rule}. This file does not give ${missing}, so the learning rate the run ` +
      `uses is unknown: the predictions assume it is the written ${lr.raw ?? fmt(lr.value)} (a global batch of ` +
      `${fmt(baseBatch)}). Set the data-parallel size (\`# optlens: world-size=N\` or optlens.dataParallelSize) to ` +
      'compute it.', lr, i));
    if (lr.via) lr.via.reason += ` (assumed unscaled: ${scaling.name} rescales it when the run starts)`;
  });
  return out;
}
