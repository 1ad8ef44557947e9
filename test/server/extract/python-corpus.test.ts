/** The Python reader against the corpus: nanoGPT, modded-nanogpt and OpenMMLab files and their MANIFEST values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPython } from '../../../server/extract/python';
import { CORPUS, expectNoCommentDecoys, expectWritten, manifestEntries, writtenValues } from './reader-corpus';

const entries = manifestEntries('python');

test('the corpus has Python files', () => {
  expect(entries.length).toBeGreaterThanOrEqual(4);
});

describe.each(entries)('$file', (entry) => {
  const text = readFileSync(join(CORPUS, entry.file), 'utf8');
  const read = readPython(text);

  test('parses without errors', () => {
    expect(read.errors).toEqual([]);
  });

  test.each(writtenValues(entry))('$field at line $line', (w) => {
    expectWritten(text, read, w);
  });

  test('numbers in comments are not entries', () => {
    expectNoCommentDecoys(text, read, entry);
  });
});
