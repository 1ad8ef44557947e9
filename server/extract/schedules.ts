/**
 * A written schedule name → the schedule the science core evaluates (science.md §2.4). A table's own
 * names come first; then names are recognised by the words frameworks use (`cosine_with_warmup`,
 * `CosineAnnealing`, `WarmupDecayLR`, `linear_with_warmup`, `wsd`, `inverse_sqrt`).
 */
import type { ScheduleKind } from '../../core/hyperparams';
import type { EcosystemTable } from './ecosystems/types';

const WORDS: [RegExp, ScheduleKind][] = [
  [/warmup[_-]?stable[_-]?decay|\bwsd\b|trapezoid|stable/i, 'wsd'],
  [/cos/i, 'cosine'],
  [/inverse[_-]?sqrt|rsqrt|noam/i, 'inverse-sqrt'],
  [/linear|warmupdecay|polynomial/i, 'linear'],
  [/constant|fixed|none/i, 'constant'],
];

export function scheduleKind(value: number | string | boolean | undefined, table: EcosystemTable): ScheduleKind | null {
  if (value === undefined || typeof value === 'number') return null;
  const text = String(value);
  // A Python schedule object is written qualified through its imports (`olmo_core.optim.CosWithWarmup`).
  const short = text.split('.').pop() ?? text;
  for (const [name, kind] of Object.entries(table.schedules ?? {})) if (
    name.toLowerCase() === text.toLowerCase() || name.toLowerCase() === short.toLowerCase()) return kind;
  for (const [re, kind] of WORDS) if (re.test(text)) return kind;
  return null;
}
