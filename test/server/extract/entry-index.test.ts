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
