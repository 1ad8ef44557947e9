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
 *   must go. A reference with arithmetic (`!ref <a> * 2`) or inside a longer string is left as written.
 *
 * Source: speechbrain/HyperPyYAML@11f0a860 hyperpyyaml/core.py (load_hyperpyyaml: the `!new:`, `!name:`,
 * `!module:`, `!apply:` shortcuts for PyYAML's python tags; resolve_references: `!ref <key.subkey>`).
 */
import type { ConfigEntry } from './entries';

const CLASS_TAG = /^(?:!|!!python\/|tag:yaml\.org,2002:python\/)(?:object\/)?(new|name|apply):(\S+)$/;
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
export function classTagEntry(text: string, tag: string | undefined, path: string[], nodeStart: number):
  ConfigEntry | null {
  const parsed = classTag(tag);
  if (!parsed) return null;
  const written = `${parsed.kind}:${parsed.name}`;
  const at = text.lastIndexOf(written, nodeStart);
  if (at < 0) return null;
  const start = at + written.length - parsed.name.length;
  return {
    path: [...path, parsed.kind], value: parsed.name, raw: parsed.name,
    span: { start, end: start + parsed.name.length }, keySpan: { start: at, end: start - 1 }, quoted: false,
  };
}

function targetPath(value: ConfigEntry['value']): string[] | null {
  const m = typeof value === 'string' ? REFERENCE.exec(value.trim()) : null;
  if (!m?.[1]) return null;
  return m[1].split(/[.[\]]+/).filter((s) => s !== '');
}

/** The entries with each whole `!ref <key>` (those in `references`) read as the literal it names. */
export function withReferencesResolved(entries: ConfigEntry[], references: ReadonlySet<ConfigEntry>): ConfigEntry[] {
  if (references.size === 0) return entries;
  const byPath = new Map<string, ConfigEntry>();
  for (const e of entries) byPath.set(e.path.join('\u0000'), e);
  return entries.map((entry) => {
    if (!references.has(entry)) return entry;
    let current = entry;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const target = references.has(current) ? targetPath(current.value) : null;
      if (target === null) break;
      const next = byPath.get(target.join('\u0000'));
      if (!next || next === current) return entry;
      current = next;
    }
    if (current === entry || references.has(current)) return entry;
    return { ...entry, value: current.value, raw: current.raw, span: { ...current.span }, quoted: current.quoted,
      origin: current.origin ?? current.path };
  });
}
