/**
 * Whether the keys written beside a value say it is the role a spelling reads (`SiblingCondition`): mmengine's
 * `param_scheduler[0].end` is a warmup's end only when that scheduler is a warmup (its `type` a warmup scheduler, its
 * `end_factor` unwritten or 1.0); otherwise the next spelling is read, and role inference does not take the key.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry } from './entries';
import { findSpelling, normaliseSpelling, type EntryIndex, type Spelling } from './match';
import { frameworkValue } from './values';

const same = (a: unknown, b: string | number | boolean): boolean =>
  a === b || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()) ||
  (typeof a === 'string' && typeof b === 'string' && a.split('.').pop()?.toLowerCase() === b.toLowerCase());

/** A key's last segment as a flag and its dest both spell it (`--micro-batch-size`, `micro_batch_size`). */
const keyName = (e: ConfigEntry): string => (e.path.at(-1) ?? '').replace(/^-+/, '').replace(/-/g, '_');

export function siblingConditionsHold(index: EntryIndex, format: ConfigFormat, spelling: Spelling,
  entry: ConfigEntry): boolean {
  for (const c of spelling.when ?? []) {
    const match = findSpelling(index, c.root === true ? [] : entry.path.slice(0, -1), normaliseSpelling(c.sibling));
    // Another key that copies this very literal (`micro_batch_size = batch_size`, its span the value's own) writes
    // nothing beside it: it is read as absent (a key's own twin, a flag's dest, is no copy).
    const copy = match !== null && match.entry.span.start === entry.span.start &&
      match.entry.span.end === entry.span.end && keyName(match.entry) !== keyName(entry);
    const v = match && !copy ? frameworkValue(match.entry, format) : null;
    if (v === null || v === undefined ? !c.ifAbsent : !c.values.some((x) => same(v, x))) return false;
  }
  return true;
}
