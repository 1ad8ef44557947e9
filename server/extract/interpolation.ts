/**
 * OmegaConf-style interpolations (`max_seq_len: ${variables.max_seq_len}`, torchtune's `${batch_size}`): a value
 * written once and used under other keys. Each entry whose whole value is such a reference is read as the literal it
 * points to, so every key that uses the value finds it, at the literal's line and span (where the value is, and where
 * an edit must go), with the key that writes it as `origin` and the reference it went through as `through`.
 *
 * OmegaConf resolves `${a.b}` from the root of the config it loaded (omry/omegaconf@v2.3.0 docs/source/usage.rst,
 * "Variable interpolation": "Interpolations are absolute by default"). A launcher's run file can carry the config as
 * one of its blocks (MosaicML MCLI's `parameters:`, written out as its own YAML file before the run), so a reference
 * the root does not hold is looked up in each enclosing block of the key that uses it, outermost first.
 * MONAI bundles write `"@lr"` for the same (BUNDLE_REFERENCE), speakerlab's configs `<lr>` (ANGLE_REFERENCE).
 * The frameworks' arithmetic resolvers (`${sum:${a},${b}}`) are read as the number they compute, at the line that
 * writes them (interpolation-resolvers.ts). Relative references (`${.x}`), other resolvers (`${oc.env:LR}`) and
 * references inside longer strings (`${a}_${b}`) are left as written: the run fills them in (runtime-values.ts).
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry } from './entries';
import { isResolverCall, resolverReferences, resolverValue } from './interpolation-resolvers';
import { parsePattern } from './keypath';

const REFERENCE = /^\s*\$\{([A-Za-z_][\w.[\]-]*)\}\s*$/;
/**
 * A MONAI bundle reference (`"lr": "@lr"`, `"@train#dataloader"`): `@` starts the ID of another item of the config,
 * from its root, its parts joined by `#` (`::` in newer releases) (Project-MONAI/MONAI monai/bundle/utils.py:
 * ID_REF_KEY = "@", ID_SEP_KEY = "#"; docs/source/config_syntax.md).
 */
const BUNDLE_REFERENCE = /^\s*@([A-Za-z_]\w*(?:(?:#|::)\w+)*)\s*$/;
/**
 * A speakerlab reference (3D-Speaker's configs: `lr: <lr>` under `optimizer.args`): a whole value `<name>` stands for
 * the top-level item `name`, which the builder puts in its place (modelscope/3D-Speaker@09e7806
 * speakerlab/utils/builder.py is_ref_type: `^<[a-zA-Z]\w*>$`, deep_build looks the name up in the config's root).
 */
const ANGLE_REFERENCE = /^\s*<([A-Za-z]\w*)>\s*$/;
/** A reference to a reference is followed this many times at most (a cycle ends there, unresolved). */
const MAX_HOPS = 8;
/** Formats whose loaders interpolate (OmegaConf reads YAML; Hydra and OmegaConf configs are also written as JSON). */
const INTERPOLATING: readonly ConfigFormat[] = ['yaml', 'json', 'toml'];

const SEP = '\u0000';

function targetOf(value: ConfigEntry['value']): string[] | null {
  if (typeof value !== 'string') return null;
  const text = REFERENCE.exec(value)?.[1];
  if (text !== undefined) return parsePattern(text);
  const id = BUNDLE_REFERENCE.exec(value)?.[1];
  if (id !== undefined) return id.split(/#|::/);
  const name = ANGLE_REFERENCE.exec(value)?.[1];
  return name === undefined ? null : [name];
}

/**
 * Whether a value may be a reference or a resolver call: each syntax needs `$`, `@` or `<`. Tested first, so the
 * readers' regexes run on those few strings only, not on every string of a 10 MB file.
 */
function mayInterpolate(value: ConfigEntry['value']): value is string {
  return typeof value === 'string' && (value.includes('$') || value.includes('@') || value.includes('<'));
}

/** What follows the last separator of a path's key: the part of the key its last segment writes. */
function keyTail(segment: string): string {
  const at = segment.lastIndexOf(SEP);
  return at < 0 ? segment : segment.slice(at + 1);
}

/**
 * The key tails (keyTail) of every path a reference in the file can lead to, from the same readers the resolution
 * uses (a syntax added to one is never skipped by the other); null when no entry interpolates, 'all' when a
 * reference names no key of its own.
 */
function referencedTails(entries: readonly ConfigEntry[]): Set<string> | 'all' | null {
  const tails = new Set<string>();
  let any = false;
  let all = false;
  const add = (target: readonly string[] | null): void => {
    const last = target?.[target.length - 1];
    if (target !== null && last === undefined) all = true;
    else if (last !== undefined) tails.add(keyTail(last));
  };
  for (const entry of entries) {
    if (!mayInterpolate(entry.value)) continue;
    const target = targetOf(entry.value);
    if (target !== null) add(target);
    else if (isResolverCall(entry.value)) resolverReferences(entry.value).forEach((r) => add(targetOf(r)));
    else continue;
    any = true;
  }
  return !any ? null : all ? 'all' : tails;
}

/**
 * The last entry written at each path (the one a loader keeps, as for a duplicate key), of the paths whose key ends
 * in one of `tails` (referencedTails): only those can be looked up, so the other entries' keys are never joined.
 */
function byPath(entries: readonly ConfigEntry[], tails: Set<string> | 'all'): Map<string, ConfigEntry> {
  const out = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    const last = entry.path[entry.path.length - 1] ?? '';
    if (tails === 'all' || tails.has(keyTail(last))) out.set(entry.path.join(SEP), entry);
  }
  return out;
}

/** The entry a reference used at `path` names: from the root, else from each enclosing block, outermost first. */
function lookup(paths: Map<string, ConfigEntry>, target: readonly string[], path: readonly string[]):
  ConfigEntry | undefined {
  for (let depth = 0; depth < path.length; depth++) {
    const found = paths.get([...path.slice(0, depth), ...target].join(SEP));
    if (found) return found;
  }
  return undefined;
}

/** The literal a reference leads to, following references to references; null when it leads to none. */
function resolve(paths: Map<string, ConfigEntry>, entry: ConfigEntry): ConfigEntry | null {
  let current = entry;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const target = targetOf(current.value);
    if (target === null) return current === entry ? null : current;
    const next = lookup(paths, target, current.path);
    if (!next || next === current) return null;
    current = next;
  }
  return null;
}

/** The entries with every whole-value reference read as the literal it names; others are returned as they are. */
export function withInterpolationsResolved(entries: readonly ConfigEntry[], format: ConfigFormat): ConfigEntry[] {
  const tails = INTERPOLATING.includes(format) ? referencedTails(entries) : null;
  if (tails === null) return [...entries];
  const paths = byPath(entries, tails);
  return entries.map((entry) => {
    if (!mayInterpolate(entry.value)) return entry;
    const computed = resolverValue(entry.value, (reference) => {
      const found = resolve(paths, { ...entry, value: reference });
      return found ? found.value : null;
    });
    if (computed !== null) {
      const read: ConfigEntry = { ...entry, value: computed };
      delete read.runtime;
      return read;
    }
    const literal = targetOf(entry.value) === null ? null : resolve(paths, entry);
    if (!literal) return entry;
    const read: ConfigEntry = {
      ...entry,
      value: literal.value,
      raw: literal.raw,
      span: { ...literal.span },
      quoted: literal.quoted,
      origin: literal.origin ?? literal.path,
      through: { expression: entry.raw, span: { ...entry.span } },
    };
    if (literal.runtime) read.runtime = literal.runtime;
    else delete read.runtime;
    return read;
  });
}

/** For a provenance's reason: `, through \`${variables.max_seq_len}\`` for a value read through a reference. */
export function throughPhrase(entry: ConfigEntry): string {
  return entry.through ? `, through \`${entry.through.expression}\`` : '';
}
