/**
 * A schedule given in code by a qualified reference is the schedule its own name says: the module path before it is
 * where it lives, not what it is. `torch.optim.lr_scheduler.StepLR(optimizer, 30)` is `StepLR`, gin's
 * `@learning_rate_schedules.truncated_rsqrt` is `truncated_rsqrt`, and an enum member keeps its class
 * (`ppo_optimizer.LRSchedule.NONE` is `LRSchedule.NONE`, as `NONE` alone says nothing). The literal as written stays
 * the value's raw text, so a name written either way is found.
 */
const QUALIFIED = /^@?([A-Za-z_]\w*)(\.[A-Za-z_]\w*)+(\(\))?$/;

/** The name a qualified schedule reference gives itself; the text unchanged when it is no qualified reference. */
export function scheduleOwnName(text: string): string {
  const trimmed = text.trim();
  if (!QUALIFIED.test(trimmed)) return text;
  const parts = trimmed.replace(/^@/, '').replace(/\(\)$/, '').split('.');
  // Modules are lower case (PEP 8); from the first class on, the name is the class and what it holds.
  const cls = parts.findIndex((p) => /^_*[A-Z]/.test(p));
  return cls >= 0 ? parts.slice(cls).join('.') : parts[parts.length - 1] ?? text;
}
