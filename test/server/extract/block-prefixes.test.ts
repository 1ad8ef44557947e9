/**
 * blockPrefixes (server/extract/match.ts) checks the spellings that share candidate entries in one pass over them; it
 * must give exactly the blocks, in exactly the order (ties of the first entry's start included), of a pass spelling
 * by spelling over each spelling's candidates, the reference below. Made-up random paths, patterns and spans.
 */
import { expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { matchesWhole, matchPrefix } from '../../../server/extract/keypath';
import { blockPrefixes, candidates, indexEntries, normaliseSpelling, type EntryIndex, type Spelling }
  from '../../../server/extract/match';
import { random } from './seeded-random';

/** The pass spelling by spelling: every candidate of each spelling, every end of `at` in its path. */
function reference(index: EntryIndex, at: readonly string[], relative: readonly Spelling[]): string[][] {
  const found = new Map<string, { prefix: string[]; first: number }>();
  const ci = index.caseInsensitive;
  for (const spelling of relative) {
    const element = spelling.index === null ? null : spelling.index < 0 ? '*' : String(spelling.index);
    const tail = element === null ? spelling.key : [...spelling.key, element];
    for (const entry of candidates(index, [...at, ...spelling.key])) {
      for (const end of matchPrefix(at, entry.path, 0, ci)) {
        const rest = entry.path.slice(end);
        if (!matchesWhole(spelling.key, rest, ci) && !matchesWhole(tail, rest, ci)) continue;
        const prefix = entry.path.slice(0, end);
        const id = JSON.stringify(prefix);
        const seen = found.get(id);
        if (!seen || entry.span.start < seen.first) found.set(id, { prefix, first: entry.span.start });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.first - b.first).map((f) => f.prefix);
}

const SEGMENTS = ['optimizer', 'Optimizer', 'optim', 'opt', 'lr', 'LR', 'betas', 'eps', 'model', 'runs', '0', '1', '2'];
const PATTERNS = ['**.optimizer', '**.optim*', '**.runs.*', '', 'optimizer', '*.optimizer', '**', 'runs.*.opt'];
const KEYS = ['lr', 'betas', 'eps', 'optimizer.lr', 'opt*', 'LR', '**.lr', 'runs'];

test('blockPrefixes finds the blocks of a pass spelling by spelling, in its order (made-up random files)', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const entries: ConfigEntry[] = Array.from({ length: 1 + Math.floor(next() * 40) }, () => {
      const path = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(SEGMENTS));
      // Few distinct starts, so that blocks often tie on their first entry.
      const start = Math.floor(next() * 8);
      return { path, value: 1, raw: '1', span: { start, end: start + 1 }, keySpan: null, quoted: false };
    });
    const index = indexEntries(entries, next() < 0.3);
    const at = normaliseSpelling(pick(PATTERNS)).key;
    const relative = Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
      const key = pick(KEYS);
      const r = next();
      return normaliseSpelling(r < 0.6 ? key : { key, index: r < 0.8 ? 0 : r < 0.9 ? 1 : -1 });
    });
    expect(blockPrefixes(index, at, relative), `seed ${seed}`).toEqual(reference(index, at, relative));
  }
});
