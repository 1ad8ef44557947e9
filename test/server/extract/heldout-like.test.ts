/**
 * A second sample of real public configs of the corpus's ecosystems (test/fixtures/heldout-like, provenance in
 * its SOURCES.md), annotated by hand in the MANIFEST.json format (expected.json) and checked by the same rules
 * as the development corpus (manifest-suite.ts). It exists to catch rules that only fit the corpus files:
 * other key spellings (litgpt's `train.learning_rate`, gpt-neox's `gas`), other detection evidence
 * (alignment-handbook SFT recipes), other units (mmengine `by_epoch=False` warmups), argparse's last-flag-wins.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeManifest, readManifest } from './manifest-suite';

const FOLDER = join(__dirname, '../../fixtures/heldout-like');
const entries = readManifest(FOLDER);

describeManifest(FOLDER, entries);

test('every annotated file is present and every fixture is annotated', () => {
  for (const entry of entries) expect(existsSync(join(FOLDER, entry.file))).toBe(true);
  expect(entries.length).toBeGreaterThanOrEqual(25);
});
