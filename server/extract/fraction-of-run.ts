/**
 * A warmup written as a share of the run whose numerator is a step count: detectron2's
 * `warmup_length=250 / train.max_iter` is 250 steps, written as such, whatever the run's length (WarmupParamScheduler
 * multiplies the share back by LRMultiplier's max_iter). Where a warmup read as a fraction is `<number> / <the run's
 * length>`, the warmup is that number of steps at the number's literal, where an edit goes; any other fraction
 * (`1 / 100`, `0.1`, `5 / num_epochs`) stays a share of the run. The run's length is known two ways: a length the run
 * computes or imports (`train.max_iter = schedule_iters(64)`) by its name (`stepsOverRunLength`, asked by resolve.ts
 * while it reads the warmup); a length the file writes by its key, the table's steps spelling or the key the run's
 * steps were read from (`readStepsOverRunLength`, once the optimizers are resolved).
 */
import type { ExtractedValue } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import { matchesWhole, parsePattern, renderPath } from './keypath';
import type { ResolveContext, ResolvedOptimizer } from './resolve';
import type { ScaledLiteral } from './scaled-constants';

/** `<count> / <name>`: the blanks before the count, the count, the name divided by. */
const STEPS_OVER = /^(\s*)(\d[\d_]*)\s*\/\s*([A-Za-z_][\w.[\]]*)\s*$/;

/** A count of steps over a name (`250 / train.max_iter`): the count's literal at its offset, and the name. */
function stepsOver(expression: string): { literal: ScaledLiteral; over: string } | null {
  const m = STEPS_OVER.exec(expression);
  if (!m) return null;
  const [, lead = '', count = '', over = ''] = m;
  const literal = { value: Number(count.replace(/_/g, '')), raw: count, start: lead.length,
    end: lead.length + count.length };
  return { literal, over };
}

/** Names of a run's length (`max_iter`, `total_steps`, `num_training_steps`), by their last component. */
const RUN_LENGTH = /(^|_)(max_(iter|iters|steps|updates)|(total|num|train|training)_(training_)?(steps|iters|iterations|updates))$/i;

/**
 * A warmup fraction written as a count of steps over a run length named as such (`warmup_ratio = 1000 /
 * total_steps`), whatever value the run computes for it: the count, in steps. Null for anything else (`0.05`,
 * `5 / num_epochs`, which counts epochs).
 */
export function stepsOverRunLength(expression: string): ScaledLiteral | null {
  const found = stepsOver(expression);
  if (!found || !RUN_LENGTH.test(found.over.split('.').pop() ?? '')) return null;
  return found.literal.value > 0 ? found.literal : null;
}

/** Whether `name` (`train.max_iter`) is where the run's length is written: the table's steps spellings, or the key
 * the run's steps were read from. */
function isRunLength(ctx: ResolveContext, name: string, steps: ExtractedValue | undefined): boolean {
  const path = parsePattern(name);
  if (steps?.via && matchesWhole(parsePattern(steps.via.keyPath), path)) return true;
  return (ctx.table.run.steps ?? []).some((s) => matchesWhole(parsePattern(typeof s === 'string' ? s : s.key), path));
}

/** The entries by the start of their span, built on first use: each optimizer looks its warmup's entry up here. */
function entriesByStart(ctx: ResolveContext): (start: number) => readonly ConfigEntry[] {
  let byStart: Map<number, ConfigEntry[]> | null = null;
  return (start) => {
    if (!byStart) {
      byStart = new Map();
      for (const e of ctx.index.entries) {
        const list = byStart.get(e.span.start);
        if (list) list.push(e);
        else byStart.set(e.span.start, [e]);
      }
    }
    return byStart.get(start) ?? [];
  };
}

/** Each optimizer's warmup written as steps over the run length the file writes: those steps (see above). */
export function readStepsOverRunLength(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): void {
  const startingAt = entriesByStart(ctx);
  for (const r of resolved) {
    const hps = r.optimizer.hyperparameters;
    const warmup = hps.warmupSteps;
    if (warmup?.source !== 'written' || warmup.unit !== 'fraction') continue;
    const span = warmup.span;
    const keyPath = warmup.via?.keyPath;
    const entry = span && keyPath !== undefined ?
      startingAt(span.start).find((e) => renderPath(e.path) === keyPath) : undefined;
    const found = entry ? stepsOver(entry.raw) : null;
    if (!entry || !found || !isRunLength(ctx, found.over, hps.steps)) continue;
    const { raw: literal, value } = found.literal;
    const start = entry.span.start + found.literal.start;
    const reason = `the numerator of \`${entry.raw.trim()}\`: a warmup of ${literal} steps written as a share of the run`;
    hps.warmupSteps = {
      value, raw: literal, key: warmup.key,
      line: ctx.lines.lineAt(start), span: { start, end: start + literal.length }, source: 'written',
      ...(warmup.via ? { via: { rule: warmup.via.rule, keyPath: warmup.via.keyPath, confidence: warmup.via.confidence,
        reason } } : {}),
    };
  }
}
