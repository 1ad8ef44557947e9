/**
 * A warmup of -1 that means "take the fraction written beside it" (veRL's `lr_warmup_steps: -1` with
 * `lr_warmup_steps_ratio`: verl/workers/fsdp_workers.py `if num_warmup_steps < 0: num_warmup_steps =
 * int(num_warmup_steps_ratio * total_steps)`). Role inference lets the fraction replace the sentinel (roles/fill.ts);
 * the fraction becomes steps where the run length is known (batch.ts deriveWarmup). Where it is not (veRL's
 * `total_training_steps: -1`, filled in by the trainer), the fraction is no count either, and the warmup is the -1 as
 * written, marked a sentinel: the fraction remembers the sentinel it replaced for that.
 */
import type { ExtractedValue } from '../../core/hyperparams';

const replaced = new WeakMap<ExtractedValue, ExtractedValue>();

/** Records that `fraction` replaced the sentinel warmup `sentinel`. */
export function replacesSentinel(fraction: ExtractedValue, sentinel: ExtractedValue): void {
  replaced.set(fraction, sentinel);
}

/** The sentinel warmup a fraction replaced, or null. */
export function sentinelReplacedBy(fraction: ExtractedValue): ExtractedValue | null {
  return replaced.get(fraction) ?? null;
}

/** Keeps the record on a copy of the fraction (value-copies.ts). */
export function keepSentinelOnCopy(from: ExtractedValue, copy: ExtractedValue): ExtractedValue {
  const sentinel = replaced.get(from);
  if (sentinel) replaced.set(copy, { ...sentinel, ...(sentinel.span ? { span: { ...sentinel.span } } : {}) });
  return copy;
}
