/**
 * Keys that name a class: the config builds that class from the block under the key, so the key is the optimizer's
 * or the schedule's name, written where the key is.
 *
 * - Flat `Class.argument` keys at the top of a YAML or JSON file: argbind's (descriptinc/argbind: `AdamW.lr: 1e-4`
 *   binds the argument `lr` of the function or class `AdamW`; descript-audio-codec conf/base.yml), the flat dotted
 *   configs of sweeps (`optimizer.lr`), with argbind's scopes (`train/AudioDataset.duration`, as gin writes them). Each
 *   such entry gets a twin whose path is the key taken apart (`['AdamW', 'lr']`, `['train', 'AudioDataset',
 *   'duration']`), as a shell flag `--AdamW.lr` gets one (shell.ts), with the key as written as its `origin`; the twin
 *   shares the literal, so nothing is read twice. A flag's twin is read for its class key as a flat key is.
 * - A block keyed by its class (`optimizer: {AdamW: {betas: ...}}`, `schedulers: [{CosineDecayLR: {...}}]`: Cerebras
 *   Model Zoo's trainer YAML, Cerebras/modelzoo@f1fd1e0 models/nlp/llama/configs; the `AdamW.*` of a flat key; a gin
 *   selector): the key gets an entry of its own, marked `classKey`, whose value is the class and whose span is the
 *   class's name in the key, so the optimizer or schedule it builds is read there (roles/class-key-readings.ts). It
 *   is no call: the block holds the class's arguments, and what it leaves out is set elsewhere or defaulted.
 *
 * Only a name in CapWords that names an optimizer OptLens knows (`AdamW`, `SGD`) or a learning-rate schedule class
 * (`ExponentialLR`, `CosineDecayLR`) makes a class key: `DAC:` or `Discriminator.rates` build other things.
 */
import type { ConfigFormat } from '../../core/analysis';
import { isCallEntry, type ConfigEntry } from './entries';
import { isKnownOptimizerName } from './roles/known-names';
import { settingsNameKeys } from './settings-name-keys';

/** `AdamW.lr`, `optimizer.lr`, `train/AudioDataset.duration`: identifiers joined by dots, after optional scopes. */
const DOTTED = /^(?:[A-Za-z_][\w-]*\/)*[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/;
const FLAT_FORMATS: ReadonlySet<ConfigFormat> = new Set(['yaml', 'json']);
const CLASS_FORMATS: ReadonlySet<ConfigFormat> = new Set(['yaml', 'json', 'toml', 'gin', 'shell', 'python']);
const INDEX = /^\d+$/;
/** A shape's word: `SequentialLR` and `ChainedScheduler` hold phases, each named for its own shape, and have none. */
const SCHEDULE_WORD =
  /(Cosine|Linear|Constant|Poly|Exponential|Step|OneCycle|Cyclic|Warm[uU]p|Decay|Lambda|Noam|Sqrt|Plateau|Annealing)/;
const SCHEDULE_END = /(LR|Schedule|Scheduler)$/;

export type ClassKind = 'optimizer' | 'schedule';

/** Whether a key names an optimizer class or a learning-rate schedule class, and which. */
export function classKind(segment: string): ClassKind | null {
  if (!/^[A-Z][A-Za-z0-9_]*$/.test(segment)) return null;
  if (SCHEDULE_END.test(segment) && SCHEDULE_WORD.test(segment)) return 'schedule';
  return isKnownOptimizerName(segment) ? 'optimizer' : null;
}

/** The twin of a top-level dotted key, taken apart; null when the key is not one. */
function splitTwin(entry: ConfigEntry): ConfigEntry | null {
  const head = entry.path[0];
  if (head === undefined || entry.path.length === 0 || !DOTTED.test(head)) return null;
  const parts = head.split('/').flatMap((scope, i, all) => (i === all.length - 1 ? scope.split('.') : [scope]));
  return { ...entry, path: [...parts, ...entry.path.slice(1)], origin: entry.origin ?? entry.path };
}

const lastName = (qualified: string): string => qualified.replace(/\(\)$/, '').split('.').pop() ?? qualified;

/**
 * Where `name` is written as a whole word starting between `from` and `to` (the last such place), else -1. Only that
 * window is searched, so a key the text spells otherwise costs its window, never a scan of the file.
 */
function wordAt(text: string, name: string, from: number, to: number, accept: (at: number) => boolean): number {
  const window = text.slice(from, to + name.length);
  let at = window.lastIndexOf(name);
  while (at >= 0) {
    const before = text[from + at - 1] ?? ' ';
    const after = text[from + at + name.length] ?? ' ';
    if (!/\w/.test(before) && !/\w/.test(after) && accept(from + at)) return from + at;
    if (at === 0) break;
    at = window.lastIndexOf(name, at - 1);
  }
  return -1;
}

/** How far back from a block's first key its own key may be written (a YAML key line, a JSON key and brace). */
const KEY_REACH = 400;

/** The entry of the class key `path` (its last segment the class), found before `first`, the block's first entry. */
function classKeyEntry(text: string, path: string[], first: ConfigEntry, flat: boolean, python: boolean):
  ConfigEntry | null {
  const name = path[path.length - 1] ?? '';
  const key = first.keySpan ?? first.span;
  // A flat key (`AdamW.lr`) holds the class at its start; a nested block's key is written just before its first key.
  // In Python only a class statement (`class AdamW(OptimizerConfig):` over its fields) is a class key: a call's target,
  // a dict's name or the class's docstring is not one.
  const accept = (at: number): boolean => !python || /\bclass\s+$/.test(text.slice(Math.max(0, at - 16), at));
  const at = flat ? wordAt(text, name, key.start, key.end - name.length, accept) :
    wordAt(text, name, Math.max(0, key.start - KEY_REACH), key.start, accept);
  if (at < 0) return null;
  const span = { start: at, end: at + name.length };
  return { path, value: name, raw: name, span, keySpan: { ...span }, quoted: false, classKey: true };
}

/**
 * The entries with the twins of flat dotted keys and the entries of class keys added (each class key once, before the
 * first entry of its block); the file's own entries unchanged and in order.
 */
export function withClassKeys(entries: readonly ConfigEntry[], format: ConfigFormat, text: string):
  readonly ConfigEntry[] {
  if (!CLASS_FORMATS.has(format)) return entries;
  const out: ConfigEntry[] = [];
  const seen = new Set<string>();
  const kinds = new Map<string, ClassKind | null>();
  const kindOf = (segment: string): ClassKind | null => {
    if (!kinds.has(segment)) kinds.set(segment, classKind(segment));
    return kinds.get(segment) ?? null;
  };
  // Lowercase optimizer names keying their settings under an optimizer block (settings-name-keys.ts).
  const named = settingsNameKeys(entries, format);
  const addKeys = (entry: ConfigEntry, flat: boolean): void => {
    const last = entry.path.length - 1;
    for (let i = 0; i < last; i++) {
      const segment = entry.path[i] ?? '';
      if (INDEX.test(segment)) continue;
      const lower = kindOf(segment) === null;
      if (lower && (named.size === 0 || i === 0)) continue;
      const id = entry.path.slice(0, i + 1).join('\u0000');
      if (lower && !named.has(id)) continue;
      if (seen.has(id)) continue;
      seen.add(id);
      const made = classKeyEntry(text, entry.path.slice(0, i + 1), entry, flat, format === 'python');
      if (made) out.push(made);
    }
  };
  // A gin configurable a reference names (`train.optimizer = @trax.optimizers.Momentum`) is named there, qualified.
  const referenced = new Set<string>();
  if (format === 'gin') {
    for (const e of entries) if (e.raw.startsWith('@') && typeof e.value === 'string') referenced.add(lastName(e.value));
  }
  for (const entry of entries) {
    if (format === 'gin') {
      // A gin selector's own entry already names its configurable: it is marked, not copied.
      const selector = isCallEntry(entry) &&
        entry.path[entry.path.length - 1] === entry.callee && kindOf(entry.callee) !== null &&
        !referenced.has(entry.callee);
      out.push(selector ? { ...entry, classKey: true } : entry);
      continue;
    }
    // A Python call's keywords (`AdamW(lr=...)`) are the call's, which names itself.
    if (format === 'python' && entry.callee !== undefined) {
      out.push(entry);
      continue;
    }
    const twin = FLAT_FORMATS.has(format) ? splitTwin(entry) : null;
    // A shell flag's dest twin (`['AdamW', 'lr']` of `--AdamW.lr`) is a flat key, its flag the key as written.
    addKeys(twin ?? entry, twin !== null || (format === 'shell' && entry.origin !== undefined));
    out.push(entry);
    if (twin) out.push(twin);
  }
  return out;
}
