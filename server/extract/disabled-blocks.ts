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
  // The switched-off blocks as a trie of path segments: one map lookup per segment of each entry, no strings built.
  interface Node {
    children: Map<string, Node>;
    off: boolean;
  }
  const root: Node = { children: new Map(), off: false };
  const switches = new Set<ConfigEntry>();
  for (const e of entries) {
    if (e.value !== false && typeof e.value !== 'string') continue;
    const last = e.path[e.path.length - 1] ?? '';
    // `enabled` is the longest switch name, and every one starts with e, u or a: a length test and a first-letter test
    // spare the regex on almost every entry.
    const first = last.charCodeAt(0) | 0x20;
    if (e.path.length < 2 || last.length > 7 || (first !== 0x65 && first !== 0x75 && first !== 0x61)) continue;
    if (!SWITCH.test(last) || !isFalse(e, format)) continue;
    let node = root;
    for (const segment of e.path.slice(0, -1)) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map(), off: false }));
      node = next;
    }
    node.off = true;
    switches.add(e);
  }
  if (switches.size === 0) return entries;
  const disabled = (e: ConfigEntry): boolean => {
    let node: Node | undefined = root;
    for (let i = 0; i < e.path.length - 1 && node; i++) {
      node = node.children.get(e.path[i] ?? '');
      if (node?.off) return true;
    }
    return false;
  };
  return entries.filter((e) => switches.has(e) || !disabled(e));
}
