/**
 * An optimizer named by the key of its settings block: `optimizer: {adamw: {lr: 3e-4, betas: [0.9, 0.95]}}`,
 * `optim: {sgd: {momentum: 0.9}}`, `[optimizer.adamw]` in TOML. The lowercase twin of a block keyed by its class
 * (class-keys.ts): frameworks that pick the optimizer by a registry name build the one whose settings the block holds
 * (OpenNMT-style `optim: {adam: ...}`, registry configs keyed `optimizers: {adamw: ...}`), so the key is the name.
 *
 * It holds only where nothing else names the optimizer: the key is a lowercase optimizer name OptLens knows (and no
 * setting's own name, such as `momentum`), it sits directly under an optimizer block (`optimizer`, `optim`,
 * `optimizers`), it holds settings below it, the block writes no name key of its own (`name`, `type`, `_target_`, or
 * a value that is an optimizer name), and it is the block's only such child: two children naming optimizers are a
 * choice the program makes among them, which the file does not say.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry } from './entries';
import { isKnownOptimizerName } from './roles/known-names';
import { normaliseWord } from './roles/context';
import { OPTIMIZER_CONTEXT } from './roles/places';
import { oncePerSegment } from './roles/segment-cache';
import { ROLE_WORDS } from './roles/vocabulary';

const FORMATS: ReadonlySet<ConfigFormat> = new Set(['yaml', 'json', 'toml']);
const LOWER_NAME = /^[a-z][a-z0-9_]*$/;
/** Keys by which a block names its own optimizer. */
const NAME_KEY = /^(?:name|type|kind|class|cls|class_path|_target_|target|optimizer|optim|opt|algorithm)$|_(?:name|type|class|cls)$/i;
const NUL = '\u0000';

/**
 * The paths (joined by NUL) of the keys that name the optimizer their settings block configures, in one pass over
 * the entries; empty for formats without such blocks.
 */
export function settingsNameKeys(entries: readonly ConfigEntry[], format: ConfigFormat): ReadonlySet<string> {
  if (!FORMATS.has(format)) return new Set();
  // A file repeats its few key names on every entry: each is asked about once (roles/segment-cache.ts).
  const isBlock = oncePerSegment((s) => OPTIMIZER_CONTEXT.test(normaliseWord(s)));
  const isName = oncePerSegment((s) => LOWER_NAME.test(s) && isKnownOptimizerName(s) &&
    !ROLE_WORDS.has(normaliseWord(s)));
  const children = new Map<string, Set<string>>();
  const named = new Set<string>();
  for (const e of entries) {
    const path = e.path;
    const n = path.length;
    // A key of the block itself that names its optimizer.
    if (n >= 2 && isBlock(path[n - 2] ?? '')) {
      const key = path[n - 1] ?? '';
      if (NAME_KEY.test(key) || (typeof e.value === 'string' && isKnownOptimizerName(e.value))) {
        named.add(path.slice(0, n - 1).join(NUL));
      }
    }
    // A setting two or more levels below a block whose child names an optimizer.
    for (let i = 0; i + 2 < n; i++) {
      if (!isBlock(path[i] ?? '') || !isName(path[i + 1] ?? '')) continue;
      const block = path.slice(0, i + 1).join(NUL);
      const set = children.get(block) ?? new Set<string>();
      set.add(path[i + 1] ?? '');
      children.set(block, set);
    }
  }
  const out = new Set<string>();
  for (const [block, names] of children) {
    if (names.size !== 1 || named.has(block)) continue;
    for (const name of names) out.add(block + NUL + name);
  }
  return out;
}
