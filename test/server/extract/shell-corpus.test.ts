/** The shell reader against the corpus launch scripts and their MANIFEST values (flags in bash arrays). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readShell } from '../../../server/extract/shell';
import { CORPUS, expectNoCommentDecoys, expectWritten, manifestEntries, writtenValues } from './reader-corpus';

const entries = manifestEntries('shell');

test('the corpus has shell files', () => {
  expect(entries.length).toBeGreaterThanOrEqual(1);
});

describe.each(entries)('$file', (entry) => {
  const text = readFileSync(join(CORPUS, entry.file), 'utf8');
  const read = readShell(text);

  test('parses without errors', () => {
    expect(read.errors).toEqual([]);
  });

  test.each(writtenValues(entry))('$field at line $line', (w) => {
    const found = expectWritten(text, read, w);
    // A flag's key is the flag itself.
    expect(found?.path[0]).toBe(w.key);
  });

  test('numbers in comments are not entries', () => {
    expectNoCommentDecoys(text, read, entry);
  });
});
