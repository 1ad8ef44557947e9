/**
 * The entry index (server/extract/match.ts): `entriesAt` and `entriesBeside` find what a file writes at a path, the
 * one place that folds case for a table with case-insensitive keys, which every reader of a sibling key relies on.
 */
import { expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { entriesAt, entriesBeside, indexEntries } from '../../../server/extract/match';

const entry = (path: string[], value: number | string): ConfigEntry => ({
  path, value, raw: String(value), span: { start: 0, end: 1 }, keySpan: null, quoted: false,
});

const lr = entry(['optimizer', 'LR'], 3e-4);
const written = [
  entry(['optimizer', 'Name'], 'adamw'),
  lr,
  entry(['optimizer', 'params', '0', 'params'], 'backbone'),
];

test('entriesAt finds the literal path; case matters unless the index folds it', () => {
  expect(entriesAt(indexEntries(written, false), ['optimizer', 'LR'])).toHaveLength(1);
  expect(entriesAt(indexEntries(written, false), ['optimizer', 'lr'])).toHaveLength(0);
  expect(entriesAt(indexEntries(written, true), ['optimizer', 'lr'])[0]?.value).toBe(3e-4);
});

test("entriesBeside looks in the entry's own block, a key or a key and an index", () => {
  const index = indexEntries(written, true);
  expect(entriesBeside(index, lr, 'name')[0]?.value).toBe('adamw');
  expect(entriesBeside(index, lr, 'params', '0', 'params')).toHaveLength(1);
  expect(entriesBeside(index, lr, 'weight_decay')).toHaveLength(0);
});

test('entriesAt tells a list key from its items and from a key of the same name elsewhere, in reader order', () => {
  const files = [
    entry(['data', 'files'], 'none'),
    entry(['data', 'files', '0'], 'a.bin'),
    entry(['data', 'files', '1'], 'b.bin'),
    entry(['eval', 'Files', '1'], 'c.bin'),
    entry(['data', 'files', '1'], 'b2.bin'),
  ];
  const index = indexEntries(files, false);
  expect(entriesAt(index, ['data', 'files']).map((e) => e.value)).toEqual(['none']);
  expect(entriesAt(index, ['data', 'files', '1']).map((e) => e.value)).toEqual(['b.bin', 'b2.bin']);
  expect(entriesAt(index, ['eval', 'files', '1'])).toHaveLength(0);
  expect(entriesAt(indexEntries(files, true), ['EVAL', 'files', '1']).map((e) => e.value)).toEqual(['c.bin']);
  expect(entriesAt(index, ['files', '1'])).toHaveLength(0);
});

test('entriesAt finds exactly the entries a scan of every entry finds, for any path (made-up random files)', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = ['lr', 'LR', 'optim', 'files', '0', '1', '12', 'Beta1', 'x'];
  const path = (): string[] => Array.from({ length: 1 + next(4) }, () => words[next(words.length)] ?? 'x');
  for (let round = 0; round < 20; round++) {
    const all = Array.from({ length: 40 }, (_, i) => entry(path(), i));
    for (const ci of [false, true]) {
      const index = indexEntries(all, ci);
      const key = (p: readonly string[]): string => (ci ? p.join('\u0000').toLowerCase() : p.join('\u0000'));
      for (let q = 0; q < 40; q++) {
        const asked = q < 20 ? (all[q]?.path ?? []) : path();
        expect(entriesAt(index, asked)).toEqual(all.filter((e) => key(e.path) === key(asked)));
      }
    }
  }
});
