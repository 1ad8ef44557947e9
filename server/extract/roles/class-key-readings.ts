/**
 * What a class key (class-keys.ts) says: an optimizer class names the optimizer its block configures, the block being
 * the optimizer's group (`optimizer: {AdamW: {betas: ...}}`, `AdamW.lr`); a learning-rate schedule class names the
 * schedule (`ExponentialLR.gamma`, `- CosineDecayLR: {...}`). Read at the key, where the class is written.
 *
 * A phase of a list of schedules that rises (Cerebras's `SequentialLR: {schedulers: [{CosineDecayLR:
 * {initial_learning_rate: 0, end_learning_rate: 3e-4, total_iters: 34}}, {CosineDecayLR: {...}}]}`, torch's
 * `LinearLR(start_factor=0.01)` before a decay) is the warmup: the schedule the run follows is the phase after it.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import { entriesAt, type EntryIndex } from '../match';
import { frameworkValue } from '../values';
import { classKind } from '../class-keys';
import { isKnownOptimizerName } from './known-names';
import type { RoleCandidate } from './candidates';
import { keyContext } from './context';

const START = ['initial_learning_rate', 'init_value', 'initial_lr', 'start_lr', 'start_factor'];
const END = ['end_learning_rate', 'end_value', 'end_lr', 'peak_value', 'peak_lr', 'end_factor'];

/** Whether the schedule block at `path`, an element of a list of phases, rises: a warmup, not the run's shape. */
function risingPhase(index: EntryIndex, format: ConfigFormat, path: readonly string[]): boolean {
  if (!/^\d+$/.test(path[path.length - 2] ?? '')) return false;
  const first = (keys: readonly string[]): number | null => {
    for (const key of keys) {
      const e = entriesAt(index, [...path, key])[0];
      const v = e ? frameworkValue(e, format) : null;
      if (typeof v === 'number') return v;
    }
    return null;
  };
  const start = first(START);
  // torch's LinearLR ends at end_factor 1.0 when it is not written (pytorch/pytorch@v2.5.0 lr_scheduler.py).
  const end = first(END) ?? (entriesAt(index, [...path, 'start_factor']).length > 0 ? 1 : null);
  return start !== null && end !== null && start < end;
}

export function classKeyCandidates(index: EntryIndex, format: ConfigFormat, key: ConfigEntry): RoleCandidate[] {
  if (key.classKey !== true || typeof key.value !== 'string') return [];
  // A gin selector's entry is filed as a call of its configurable; as a name it is no call that passes every argument
  // (roles/fill.ts notPassed): its bindings are the arguments, and what they leave out is set elsewhere.
  const { callee: _call, ...entry } = key;
  // A lowercase name keys its settings only under an optimizer block (settings-name-keys.ts).
  const kind = classKind(key.value) ?? (isKnownOptimizerName(key.value) ? 'optimizer' : null);
  if (kind === null) return [];
  if (kind === 'schedule' && risingPhase(index, format, entry.path)) return [];
  const around = keyContext(entry);
  if (around.kind === 'decoy') return [];
  const keyPath = renderPath(entry.path);
  if (kind === 'optimizer') {
    return [{ role: 'optimizer', entry, element: null, context: { kind: 'optimizer', group: [...entry.path] },
      via: { rule: 'role', keyPath, confidence: 'high',
        reason: `the key \`${key.value}\` names the optimizer class its block configures` } }];
  }
  return [{ role: 'schedule', entry, element: null, context: around,
    via: { rule: 'role', keyPath, confidence: 'medium',
      reason: `the key \`${key.value}\` names the learning-rate schedule class its block configures` } }];
}
