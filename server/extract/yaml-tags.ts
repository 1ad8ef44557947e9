/**
 * Python-object tags in YAML, as HyperPyYAML (SpeechBrain's loader) and PyYAML's full loader write them:
 *
 * - `opt_class: !name:torch.optim.AdamW` (a callable, called later with the parameters), `!new:` (an object built
 *   from the mapping's keywords), `!apply:` (a function applied to them), and PyYAML's long forms
 *   `!!python/name:`, `!!python/object/new:`, `!!python/object/apply:`: the tag names the class the block builds,
 *   as Hydra's `_target_` does. The reader files it as an entry under the block, keyed by the tag's kind as written
 *   (`opt_class.!name`), at the class name's own span, so tables can read the block's builder like any key.
 * - `lr: !ref <lr_model>`: the value written at `lr_model` (a dotted path, or `<a[b]>`, from the root). The entry is
 *   read as that literal, at its line, with the key that writes it as `origin`: where the number is and where an edit
 *   must go. A reference to a list of scalars (`betas: !ref <betas>` with `betas: [0.9, 0.98]` at the top) is its
 *   elements, each read under the referring key (`opt_class.betas[0]`) at the element's literal; a reference to a
 *   mapping (a `!new:` model block) is left as written, since copying the block would make a second of what it
 *   builds. A reference with
 *   arithmetic (`!ref <a> * 2`) or inside a longer string is left as written.
 *
 * - `- !CosineDecay {max_epochs: 96}`: a local tag naming a class, on a mapping, builds that class from the mapping's
 *   keywords, as `!new:` does: PaddleDetection registers a constructor per class (PaddlePaddle/PaddleDetection
 *   ppdet/core/config/yaml_helpers.py serializable: `yaml.add_constructor('!{}'.format(cls.__name__), ...)`, which
 *   calls `cls(**kwargs)`). It is filed as `!new` too. Only a capitalised name on a mapping counts: `!include path`,
 *   `!env VAR` and CloudFormation's `!Ref x` / `!Join [...]` are scalars or lists, not an object built from keywords.
 *
 * Source: speechbrain/HyperPyYAML@11f0a860 hyperpyyaml/core.py (load_hyperpyyaml: the `!new:`, `!name:`,
 * `!module:`, `!apply:` shortcuts for PyYAML's python tags; resolve_references: `!ref <key.subkey>`).
 */
import type { ConfigEntry } from './entries';

const CLASS_TAG = /^(?:!|!!python\/|tag:yaml\.org,2002:python\/)(?:object\/)?(new|name|apply):(\S+)$/;
/** A local tag that names a class (`!CosineDecay`), read on a mapping only. */
const LOCAL_CLASS_TAG = /^!([A-Z][A-Za-z0-9_]*)$/;
const REFERENCE = /^<([A-Za-z_][\w.]*(?:\[[\w.-]+\])*)>$/;
/** A reference to a reference is followed this many times at most (a cycle ends there, unresolved). */
const MAX_HOPS = 8;

/** `!new:x.Y` → `{ kind: '!new', name: 'x.Y', at }` where `at` is the name's offset within the tag. */
export function classTag(tag: string | undefined): { kind: string; name: string; at: number } | null {
  const m = tag === undefined ? null : CLASS_TAG.exec(tag);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { kind: `!${m[1]}`, name: m[2], at: tag!.length - m[2].length };
}

/**
 * The class entry for a node tagged `tag` at `path`, when the tag names a class: the name's span is found in the text
 * just before the node (a tag is written before its node), as the parser keeps no span for it.
 */
export function classTagEntry(text: string, tag: string | undefined, path: string[], nodeStart: number,
  mapping = false): ConfigEntry | null {
  const local = mapping && tag !== undefined ? LOCAL_CLASS_TAG.exec(tag)?.[1] : undefined;
  const parsed = local !== undefined ? { kind: '!new', name: local } : classTag(tag);
  if (!parsed) return null;
  const written = local !== undefined ? `!${local}` : `${parsed.kind}:${parsed.name}`;
  const at = text.lastIndexOf(written, nodeStart);
  if (at < 0) return null;
  const start = at + written.length - parsed.name.length;
  return {
    path: [...path, parsed.kind], value: parsed.name, raw: parsed.name,
    span: { start, end: start + parsed.name.length }, keySpan: { start: at, end: Math.max(at + 1, start - 1) },
    quoted: false,
  };
}

function targetPath(value: ConfigEntry['value']): string[] | null {
  const m = typeof value === 'string' ? REFERENCE.exec(value.trim()) : null;
  if (!m?.[1]) return null;
  return m[1].split(/[.[\]]+/).filter((s) => s !== '');
}

const SEP = '\u0000';

/** The entry a reference leads to after following references to references; null when it leads nowhere. */
function follow(entry: ConfigEntry, references: ReadonlySet<ConfigEntry>, byPath: ReadonlyMap<string, ConfigEntry>):
  { entry: ConfigEntry } | { under: string[] } | null {
  let current = entry;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const target = references.has(current) ? targetPath(current.value) : null;
    if (target === null) break;
    const next = byPath.get(target.join(SEP));
    if (!next) return { under: target };
    if (next === current) return null;
    current = next;
  }
  return current === entry || references.has(current) ? null : { entry: current };
}

/** `entry` read as the literal `target` writes, keeping `entry`'s path below `path` (its own, or an element's). */
function readAs(entry: ConfigEntry, target: ConfigEntry, path: string[]): ConfigEntry {
  return { ...entry, path, value: target.value, raw: target.raw, span: { ...target.span }, quoted: target.quoted,
    origin: target.origin ?? target.path };
}

/** The entries with each whole `!ref <key>` (those in `references`) read as the literal it names. */
export function withReferencesResolved(entries: ConfigEntry[], references: ReadonlySet<ConfigEntry>): ConfigEntry[] {
  if (references.size === 0) return entries;
  const byPath = new Map<string, ConfigEntry>();
  // The paths holding list elements: only these are looked up as lists (a reference to nothing costs no scan).
  const lists: Lists = { elements: new Map(), lookups: 0 };
  for (const e of entries) {
    byPath.set(e.path.join(SEP), e);
    if (e.path.length > 1 && /^\d+$/.test(e.path[e.path.length - 1] ?? '')) {
      lists.elements.set(e.path.slice(0, -1).join(SEP), null);
    }
  }
  return entries.flatMap((entry) => {
    if (!references.has(entry)) return [entry];
    const to = follow(entry, references, byPath);
    if (to === null) return [entry];
    if ('entry' in to) return [readAs(entry, to.entry, entry.path)];
    // A list: its elements, each under the referring key.
    const elements = listElements(entries, to.under, lists);
    if (elements.length === 0) return [entry];
    return elements.map((element) => {
      const path = [...entry.path, ...element.path.slice(to.under.length)];
      const literal = references.has(element) ? follow(element, references, byPath) : { entry: element };
      return literal !== null && 'entry' in literal ? readAs(entry, literal.entry, path) : { ...element, path };
    });
  });
}

/** Lists of scalars looked up per file, at most: each lookup scans the entries once. */
const MAX_LISTS = 32;

/** The paths holding list elements, with their elements once looked up (`null` before), and the lookups made. */
interface Lists {
  elements: Map<string, readonly ConfigEntry[] | null>;
  lookups: number;
}

/**
 * The elements of the list at `path` when it holds scalars only (none for a block, or a list holding a block or a
 * list); none once MAX_LISTS lists have been looked up, so a file of many references stays linear.
 */
function listElements(entries: readonly ConfigEntry[], path: readonly string[], lists: Lists): readonly ConfigEntry[] {
  const key = path.join(SEP);
  const cached = lists.elements.get(key);
  if (cached !== null) return cached ?? [];
  if (lists.lookups >= MAX_LISTS) return [];
  lists.lookups++;
  const under = entries.filter((e) => e.path.length > path.length && path.every((s, i) => e.path[i] === s));
  const scalars = under.every((e) => e.path.length === path.length + 1 && /^\d+$/.test(e.path[path.length] ?? ''));
  const out = scalars ? under : [];
  lists.elements.set(key, out);
  return out;
}
