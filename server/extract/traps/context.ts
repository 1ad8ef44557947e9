/** What every trap sees: the file, its entries, the table that read it and the optimizers found. */
import type { ConfigFormat } from '../../../core/analysis';
import type { Finding, Span } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import type { EcosystemTable } from '../ecosystems/types';
import type { LineIndex } from '../lines';
import type { EntryIndex } from '../match';
import type { ResolvedOptimizer } from '../resolve';

export interface TrapContext {
  text: string;
  format: ConfigFormat;
  table: EcosystemTable;
  /** True when the table was chosen on content or name; generic extraction hedges its messages. */
  recognised: boolean;
  entries: readonly ConfigEntry[];
  index: EntryIndex;
  lines: LineIndex;
  optimizers: readonly ResolvedOptimizer[];
  fp16: { value: boolean; key: string; span: Span } | null;
}

export type Trap = (ctx: TrapContext) => Finding[];

/** A finding at a span (line from the span's start). */
export function findingAt(ctx: TrapContext, base: Omit<Finding, 'line' | 'span'>, span: Span | null): Finding {
  return { ...base, line: span ? ctx.lines.lineAt(span.start) : null, span: span ? { ...span } : null };
}

/** Short decimal text of a number for messages (`1e-8`, `0.95`). */
export function show(value: number | string | boolean): string {
  if (typeof value !== 'number') return JSON.stringify(value);
  return Math.abs(value) !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6) ? value.toExponential().replace('e+', 'e') : String(value);
}
