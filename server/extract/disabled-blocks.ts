/**
 * Blocks the file switches off are not read: NeMo-RL writes a Megatron optimizer block with `enabled: false`
 * beside the active `policy.optimizer.kwargs`, and a run uses only the latter. A block is off when it holds
 * `enabled: false` (or `enable`, `use`, `active`); its entries are dropped before any table or role reads them,
 * except the switch itself (so `fp16.enabled: false` still says fp16 is off).
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry } from './entries';
import { frameworkValue } from './values';

const SWITCH = /^(enabled?|use|active)$/i;

function isFalse(entry: ConfigEntry, format: ConfigFormat): boolean {
  const v = frameworkValue(entry, format);
  return v === false || (typeof v === 'string' && /^(false|no|off)$/i.test(v) && format !== 'python');
}

export function withoutDisabledBlocks(entries: readonly ConfigEntry[], format: ConfigFormat): readonly ConfigEntry[] {
  // Python and shell have no blocks in this sense (a keyword `enabled=False` is one argument of one call).
  if (format === 'python' || format === 'shell') return entries;
  const off = new Set<string>();
  const switches = new Set<ConfigEntry>();
  for (const e of entries) {
    const last = e.path[e.path.length - 1] ?? '';
    if (e.path.length >= 2 && SWITCH.test(last) && isFalse(e, format)) {
      off.add(e.path.slice(0, -1).join('\u0000'));
      switches.add(e);
    }
  }
  if (off.size === 0) return entries;
  // One set lookup per path prefix of each entry: linear in the file, however many blocks are off.
  const disabled = (e: ConfigEntry): boolean => {
    let key = '';
    for (let i = 0; i < e.path.length - 1; i++) {
      key = i === 0 ? (e.path[0] ?? '') : `${key}\u0000${e.path[i] ?? ''}`;
      if (off.has(key)) return true;
    }
    return false;
  };
  return entries.filter((e) => switches.has(e) || !disabled(e));
}
