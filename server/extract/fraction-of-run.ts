/**
 * A warmup written as a share of the run whose numerator is a step count: detectron2's
 * `warmup_length=250 / train.max_iter` is 250 steps, written as such, whatever the run's length (WarmupParamScheduler
 * multiplies the share back by LRMultiplier's max_iter). Where a warmup read as a fraction is `<number> / <the run's
 * length key>`, the warmup is that number of steps at the number's literal, where an edit goes; any other fraction
 * (`1 / 100`, `0.1`) stays a share of the run.
 */
import type { ExtractedValue } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import { matchesWhole, parsePattern, renderPath } from './keypath';
import type { ResolveContext, ResolvedOptimizer } from './resolve';

const STEPS_OVER = /^(\s*)(\d[\d_]*)\s*\/\s*([A-Za-z_][\w.[\]]*)\s*$/;

/** Whether `name` (`train.max_iter`) is where the run's length is written: the table's steps spellings, or the key
 * the run's steps were read from. */
function isRunLength(ctx: ResolveContext, name: string, steps: ExtractedValue | undefined): boolean {
  const path = parsePattern(name);
  if (steps?.via && matchesWhole(parsePattern(steps.via.keyPath), path)) return true;
  return (ctx.table.run.steps ?? []).some((s) => matchesWhole(parsePattern(typeof s === 'string' ? s : s.key), path));
}

function entryOf(ctx: ResolveContext, v: ExtractedValue): ConfigEntry | undefined {
  const span = v.span;
  const keyPath = v.via?.keyPath;
  if (!span || keyPath === undefined) return undefined;
  return ctx.index.entries.find((e) => e.span.start === span.start && renderPath(e.path) === keyPath);
}

export function readStepsOverRunLength(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): void {
  for (const r of resolved) {
    const hps = r.optimizer.hyperparameters;
    const warmup = hps.warmupSteps;
    if (warmup?.source !== 'written' || warmup.unit !== 'fraction') continue;
    const entry = entryOf(ctx, warmup);
    const m = entry ? STEPS_OVER.exec(entry.raw) : null;
    if (!entry || !m || !isRunLength(ctx, m[3] ?? '', hps.steps)) continue;
    const literal = m[2] ?? '';
    const start = entry.span.start + (m[1] ?? '').length;
    const reason = `the numerator of \`${entry.raw.trim()}\`: a warmup of ${literal} steps written as a share of the run`;
    hps.warmupSteps = {
      value: Number(literal.replace(/_/g, '')), raw: literal, key: warmup.key,
      line: ctx.lines.lineAt(start), span: { start, end: start + literal.length }, source: 'written',
      ...(warmup.via ? { via: { rule: warmup.via.rule, keyPath: warmup.via.keyPath, confidence: warmup.via.confidence,
        reason } } : {}),
    };
  }
}
