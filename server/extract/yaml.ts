/**
 * YAML reader: every scalar of every document as a `ConfigEntry`, with spans from the `yaml` package's
 * CST (yaml-language-server's approach), never from regexes. Anchors and aliases are followed (the span
 * is the anchored literal, the one an edit must change), merge keys (`<<: *base`) are applied with the
 * map's own keys taking precedence, and later documents of a stream add their entries after earlier ones.
 *
 * Values are the YAML 1.2 core schema's (npm `yaml`'s default); PyYAML's 1.1 typing differs on a few
 * literals (`1e-8` is a string there) and is decided later from the raw text (yaml11.ts), because no npm
 * parser reproduces it.
 */
import { Composer, Parser, isAlias, isMap, isScalar, isSeq, visit, type Alias, type Document, type Node, type Scalar } from 'yaml';
import type { ConfigEntry, ReadResult, ScalarValue } from './entries';
import { MAX_ALIAS_ENTRIES, MAX_ENTRIES } from './yaml-scalars';
import { scanYaml } from './yaml-scan';
import { classTagEntry, withReferencesResolved } from './yaml-tags';

/** The entry list is bounded by MAX_ENTRIES, alias expansion by MAX_ALIAS_ENTRIES (yaml-scalars.ts), nesting here. */
const MAX_ALIAS_DEPTH = 32;
/**
 * Nodes one document's walk may visit through aliases and merges (~0.2 s). Aliases whose keys are all
 * shadowed by a merge never reach the entry caps, so the walk itself is what must be bounded.
 */
export const MAX_ALIAS_NODES = 500_000;

interface Walk {
  doc: Document.Parsed;
  text: string;
  entries: ConfigEntry[];
  /** How many entries to keep (the first ones, in document order). */
  limit: number;
  aliasDepth: number;
  /** Entries produced through aliases so far. */
  aliased: number;
  /** What each alias of the document points at, built on the first alias met. */
  targets: Map<Alias, Node> | null;
  /** Nodes visited through aliases and merges so far (MAX_ALIAS_NODES). */
  visited: number;
  /** Alias targets whose walk gave no entry: walking them again gives none either (`[*e, *e]` of empty maps). */
  empty: Set<Node>;
  /** Entries written as a HyperPyYAML reference (`!ref <lr_model>`), read as their literal after the walk. */
  references: Set<ConfigEntry>;
  /** Quoted scalars never closed: their value is the rest of the file, not what the user meant. */
  damaged: Set<Node>;
}

/**
 * The node each alias points at: the last node before it with its anchor, as `Alias.resolve` finds it,
 * but in one pass over the document; `resolve` walks the document once per alias, which is quadratic
 * (a 10 MB file with 2,600 aliases took over 3 minutes).
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const targets = new Map<Alias, Node>();
  const anchored = new Map<string, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchored.set(node.anchor, node);
    },
  });
  return targets;
}

function resolveAlias(w: Walk, alias: Alias): Node | undefined {
  w.targets ??= aliasTargets(w.doc);
  return w.targets.get(alias);
}

function scalarValue(node: Scalar): ScalarValue {
  const v: unknown = node.value;
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  // Anything else is a custom tag's value: its own string form is the only text it has.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return v === undefined ? null : String(v);
}

function keyText(key: unknown): string {
  if (isScalar(key)) {
    if (typeof key.value === 'symbol') return '<<';
    // A key is a scalar in every config; a custom-tagged one has only its own string form.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return String(key.value ?? '');
  }
  if (isAlias(key)) return `*${key.source}`;
  return '?';
}

function pushScalar(w: Walk, node: Scalar, path: string[], keySpan: ConfigEntry['keySpan']): void {
  if (w.entries.length >= w.limit || !node.range || w.damaged.has(node)) return;
  if (w.aliasDepth > 0 && ++w.aliased > MAX_ALIAS_ENTRIES) return;
  const start = node.range[0];
  // A block scalar's range runs on over the line breaks and blank lines after its text; the literal as written ends
  // with its text (an edit keeps the line breaks, and a file whose later lines differ gives the same span).
  const block = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL';
  const end = block ? start + w.text.slice(start, node.range[1]).trimEnd().length : node.range[1];
  // `key:` with nothing after it: no literal is written (the framework keeps its default).
  if (start === end) return;
  const entry: ConfigEntry = {
    path,
    value: scalarValue(node),
    raw: w.text.slice(start, end),
    span: { start, end },
    keySpan,
    quoted: node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE',
  };
  w.entries.push(entry);
  if (node.tag === '!ref') w.references.add(entry);
}

function walkNode(w: Walk, node: unknown, path: string[], keySpan: ConfigEntry['keySpan']): void {
  if (w.entries.length >= w.limit || (w.aliasDepth > 0 && ++w.visited > MAX_ALIAS_NODES)) return;
  if (isAlias(node)) {
    if (w.aliasDepth >= MAX_ALIAS_DEPTH || w.aliased > MAX_ALIAS_ENTRIES) return;
    const target = resolveAlias(w, node);
    if (!target || w.empty.has(target)) return;
    const before = w.entries.length;
    w.aliasDepth++;
    walkNode(w, target, path, keySpan);
    w.aliasDepth--;
    if (w.entries.length === before && w.visited <= MAX_ALIAS_NODES) w.empty.add(target);
    return;
  }
  const tagged = (isScalar(node) || isMap(node) || isSeq(node)) && node.range && w.aliasDepth === 0 ?
    classTagEntry(w.text, node.tag, path, node.range[0], isMap(node)) : null;
  if (tagged) w.entries.push(tagged);
  if (isScalar(node)) {
    pushScalar(w, node, path, keySpan);
    return;
  }
  if (isSeq(node)) {
    node.items.forEach((item, i) => walkNode(w, item, [...path, String(i)], keySpan));
    return;
  }
  if (isMap(node)) walkMap(w, node.items, path, new Set(), new Set());
}

type Pairs = { key: unknown; value: unknown }[];

/**
 * Walks a map's pairs; `shadowed` holds keys already given by an outer map that merged this one, and
 * `merged` the maps already merged into it: merging one again adds no key (all of its keys, its own
 * merges' included, are shadowed by then), so `<<: [*m, *m, …]` chains cost one walk per distinct map.
 */
function walkMap(w: Walk, items: Pairs, path: string[], shadowed: Set<string>, merged: Set<unknown>): void {
  const own = new Set(items.map((p) => keyText(p.key)));
  for (const pair of items) {
    const key = keyText(pair.key);
    if (key === '<<') continue;
    if (shadowed.has(key)) continue;
    const keyNode = pair.key as Node | null;
    const keySpan = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : null;
    walkNode(w, pair.value, [...path, key], keySpan);
  }
  const mergeKey = items.find((p) => keyText(p.key) === '<<');
  if (!mergeKey || w.aliasDepth >= MAX_ALIAS_DEPTH) return;
  // Merge sources in order; a key given by an earlier source shadows later ones (YAML merge-key spec).
  const sources = isSeq(mergeKey.value) ? mergeKey.value.items : [mergeKey.value];
  const seen = new Set([...shadowed, ...own]);
  w.aliasDepth++;
  for (const source of sources) {
    const target = isAlias(source) ? resolveAlias(w, source) : source;
    if (isMap(target) && !merged.has(target) && ++w.visited <= MAX_ALIAS_NODES) {
      merged.add(target);
      walkMap(w, target.items, path, seen, merged);
      for (const p of target.items) seen.add(keyText(p.key));
    }
  }
  w.aliasDepth--;
}

/** The quoted scalar an unclosed-quote error at `pos` belongs to: the last one that opens before it. */
function unclosedQuote(doc: Document.Parsed, pos: number): { node: Node; start: number } | null {
  let found: { node: Node; start: number } | null = null;
  visit(doc, {
    Scalar: (_key, node) => {
      const range = node.range;
      if (!range || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')) return;
      if (range[0] < pos && range[1] >= pos - 1 && (!found || range[0] > found.start)) found =
        { node, start: range[0] };
    },
  });
  return found;
}

/** Collects comment tokens anywhere in the CST (they carry their own offsets). */
function collectComments(token: unknown, out: ReadResult['comments'], depth = 0): void {
  if (depth > 200 || token === null || typeof token !== 'object') return;
  if (Array.isArray(token)) {
    for (const t of token) collectComments(t, out, depth + 1);
    return;
  }
  const t = token as { type?: unknown; offset?: unknown; source?: unknown };
  if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
    out.push({ text: t.source, span: { start: t.offset, end: t.offset + t.source.length } });
    return;
  }
  for (const value of Object.values(token)) if (value !== null && typeof value === 'object') collectComments(value, out, depth + 1);
}

/**
 * Above this size the line scanner (yaml-scan.ts) is tried first: it reads the block and flow YAML that
 * configs are written in, ~10× quicker than composing documents on 10 MB, and answers only where it gives
 * exactly the full reader's entries (differential and randomised tests in yaml-scan.test.ts). From 16 KB up:
 * a 10,000-line config (190 KB) took ~600 ms composed and ~200 ms scanned here, most of the former in garbage
 * collection of the CST; below 16 KB composing costs a few milliseconds.
 */
const FAST_PATH_BYTES = 16 * 1024;

function fastRead(text: string): ReadResult | null {
  try {
    return scanYaml(text);
  } catch {
    // A fault in a fast reader (its tests call it directly, where it shows) must cost only speed here.
    return null;
  }
}

export function readYaml(text: string): ReadResult {
  if (text.length > FAST_PATH_BYTES) {
    const fast = fastRead(text);
    if (fast) return fast;
  }
  return readYamlDocuments(text);
}

/** The full reader: CST, then composed documents (anchors, aliases, merge keys, tags, errors). */
export function readYamlDocuments(text: string, limit = MAX_ENTRIES): ReadResult {
  const tokens = [...new Parser().parse(text)];
  const comments: ReadResult['comments'] = [];
  collectComments(tokens, comments);
  comments.sort((a, b) => a.span.start - b.span.start);
  const entries: ConfigEntry[] = [];
  const references = new Set<ConfigEntry>();
  const errors: ReadResult['errors'] = [];
  const composer = new Composer({ merge: true, uniqueKeys: false, strict: false, prettyErrors: false });
  for (const doc of composer.compose(tokens, true, text.length)) {
    const damaged = new Set<Node>();
    for (const error of doc.errors) {
      const unclosed = error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? unclosedQuote(doc, error.pos[0]) : null;
      if (unclosed) damaged.add(unclosed.node);
      // Where the quote opens, not where the file ends: that is where the mistake is.
      const start = unclosed ? unclosed.start : error.pos[0];
      const end = unclosed ? start + 1 : Math.max(error.pos[1], error.pos[0]);
      errors.push({ message: error.message, span: { start, end } });
    }
    const walk: Walk = { doc, text, entries, limit, aliasDepth: 0, aliased: 0, targets: null, visited: 0,
      empty: new Set(), damaged, references };
    walkNode(walk, doc.contents, [], null);
    if (walk.visited > MAX_ALIAS_NODES || walk.aliased > MAX_ALIAS_ENTRIES) {
      const at = doc.range[0];
      errors.push({
        message: `analysis stopped: this document's anchors and merge keys expand to more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes; values reached through them after that point are not read`,
        span: { start: at, end: Math.min(text.length, at + 1) },
      });
    }
  }
  return { entries: withReferencesResolved(entries, references), errors, comments };
}
