/**
 * Key paths and key patterns. A path is the list of segments a reader gives (`['optimizer', 'betas', '0']`);
 * it prints as `optimizer.betas[0]`, the form of MANIFEST.json and of `optlens analyze`. A pattern is the
 * same text with wildcards (see ecosystems/types.ts): `*` one segment, `optim*` a glob on one segment,
 * `**` zero or more segments.
 */
const INDEX = /^\d+$/;

/** `['optimizer', 'betas', '0']` → `optimizer.betas[0]`. */
export function renderPath(path: readonly string[]): string {
  let out = '';
  for (const segment of path) {
    if (INDEX.test(segment) && out !== '') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

const parsed = new Map<string, readonly string[]>();

/**
 * `optimizer.params.betas[0]` → `['optimizer', 'params', 'betas', '0']`; '' → []. Flags (`--lr`) stay whole.
 * The tables' patterns are parsed again on every analysis, so the parses are kept (a fresh copy is returned).
 */
export function parsePattern(pattern: string): string[] {
  let segments = parsed.get(pattern);
  if (!segments) {
    if (parsed.size >= 10_000) parsed.clear();
    segments = parse(pattern);
    parsed.set(pattern, segments);
  }
  return [...segments];
}

function parse(pattern: string): string[] {
  if (pattern === '') return [];
  if (pattern.startsWith('-')) return [pattern];
  const segments: string[] = [];
  for (const part of pattern.split('.')) {
    const match = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1] !== '') segments.push(match[1] ?? '');
    for (const index of (match[2] ?? '').matchAll(/\[([^\]]*)\]/g)) segments.push(index[1] ?? '');
  }
  return segments;
}

const globCache = new Map<string, RegExp>();

function segmentMatches(pattern: string, segment: string, caseInsensitive: boolean): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return caseInsensitive ? pattern.toLowerCase() === segment.toLowerCase() : pattern === segment;
  const cacheKey = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = globCache.get(cacheKey);
  if (!re) {
    const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
    globCache.set(cacheKey, re);
  }
  return re.test(segment);
}

/**
 * Matches `pattern` against a prefix of `path` starting at `from`; returns every end index at which the
 * pattern is fully matched (several when `**` is involved).
 */
export function matchPrefix(pattern: readonly string[], path: readonly string[], from = 0, caseInsensitive = false):
  number[] {
  const ends: number[] = [];
  const walk = (p: number, s: number): void => {
    if (p === pattern.length) {
      ends.push(s);
      return;
    }
    const head = pattern[p] ?? '';
    if (head === '**') {
      for (let k = s; k <= path.length; k++) walk(p + 1, k);
      return;
    }
    if (s < path.length && segmentMatches(head, path[s] ?? '', caseInsensitive)) walk(p + 1, s + 1);
  };
  walk(0, from);
  return [...new Set(ends)];
}

/**
 * True when the whole path matches the pattern: the same answer as `matchPrefix(...).includes(path.length)`,
 * without building the list of ends, and stopping at the first match (detection, role inference and the
 * ignored-key trap call it for every key of a large file).
 */
export function matchesWhole(pattern: readonly string[], path: readonly string[], caseInsensitive = false): boolean {
  // Every segment but `**` takes exactly one path segment: a path of the wrong length is out before any compare.
  let fixed = 0;
  let spread = false;
  for (const segment of pattern) {
    if (segment === '**') spread = true;
    else fixed++;
  }
  if (spread ? path.length < fixed : path.length !== fixed) return false;
  const whole = (p: number, s: number): boolean => {
    if (p === pattern.length) return s === path.length;
    const head = pattern[p] ?? '';
    if (head === '**') {
      for (let k = s; k <= path.length; k++) if (whole(p + 1, k)) return true;
      return false;
    }
    return s < path.length && segmentMatches(head, path[s] ?? '', caseInsensitive) && whole(p + 1, s + 1);
  };
  return whole(0, 0);
}

/** Replaces the last key segment of a raw key text, for the rename fix (`adam_eps` → `adam_epsilon`). */
export function lastSegment(pattern: string): string {
  const segments = parsePattern(pattern);
  return segments[segments.length - 1] ?? pattern;
}
