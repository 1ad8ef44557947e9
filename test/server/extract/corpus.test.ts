/**
 * Every file of test/fixtures/corpus against its MANIFEST.json entry (the checks are in manifest-suite.ts).
 * Python and shell files are read by the Python and shell readers and tables; they are checked by the same rules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeManifest, readManifest } from './manifest-suite';

const CORPUS = join(__dirname, '../../fixtures/corpus');
const entries = readManifest(join(CORPUS, 'MANIFEST.json'));

describeManifest(CORPUS, entries);

test('the corpus folder is complete', () => {
  for (const entry of entries) expect(existsSync(join(CORPUS, entry.file))).toBe(true);
});
