/**
 * A scheduler list's warmup segment (NeMo-RL's `scheduler: [{name: LinearLR, kwargs: {start_factor: 1e-6,
 * end_factor: 1.0}}, {name: LinearLR, kwargs: {start_factor: 1.0, end_factor: 0.0}}]`, run by torch's SequentialLR):
 * a LinearLR rising from `start_factor` to `end_factor` (1.0 when not written: pytorch/pytorch@v2.5.0
 * torch/optim/lr_scheduler.py `LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)`) only brings the
 * lr up to its peak. Its `total_iters` is the warmup (roles/vocabulary.ts SIBLING_WORDS); the schedule the run follows
 * is the segment after it.
 */
import type { ConfigFormat } from '../../../core/analysis';
import { entriesAt, type EntryIndex } from '../match';
import { frameworkValue } from '../values';

const INDEX = /^\d+$/;

function numberAt(index: EntryIndex, format: ConfigFormat, path: readonly string[]): number | null {
  const entry = entriesAt(index, path)[0];
  const value = entry ? frameworkValue(entry, format) : null;
  return typeof value === 'number' ? value : null;
}

/**
 * Whether the scheduler named at `path` (`policy.scheduler.0.name`) is a rising warmup segment of a list that goes on
 * to another scheduler (`policy.scheduler.1.name`), so it is not the run's schedule.
 */
export function isWarmupSegment(index: EntryIndex, format: ConfigFormat, path: readonly string[]): boolean {
  const block = path.slice(0, -1);
  const position = block[block.length - 1] ?? '';
  if (!INDEX.test(position)) return false;
  const next = [...block.slice(0, -1), String(Number(position) + 1), ...path.slice(-1)];
  if (entriesAt(index, next).length === 0) return false;
  for (const at of [block, [...block, 'kwargs']]) {
    const start = numberAt(index, format, [...at, 'start_factor']);
    if (start === null) continue;
    return start < (numberAt(index, format, [...at, 'end_factor']) ?? 1);
  }
  return false;
}
