/**
 * A second sample of real public configs of the corpus's ecosystems (test/fixtures/heldout-like, provenance in
 * its SOURCES.md), annotated by hand in the MANIFEST.json format (expected.json) and checked by the same rules
 * as the development corpus (manifest-suite.ts). It exists to catch rules that only fit the corpus files:
 * other key spellings (litgpt's `train.learning_rate`, gpt-neox's `gas`), other detection evidence
 * (alignment-handbook SFT recipes), other units (mmengine `by_epoch=False` warmups), argparse's last-flag-wins.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { describeManifest, readManifest } from './manifest-suite';

const FOLDER = join(__dirname, '../../fixtures/heldout-like');
const entries = readManifest(join(FOLDER, 'expected.json'));

describeManifest(FOLDER, entries);

test('every annotated file is present and every fixture is annotated', () => {
  for (const entry of entries) expect(existsSync(join(FOLDER, entry.file))).toBe(true);
  const fixtures = readdirSync(FOLDER, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.parentPath !== FOLDER)
    .map((d) => join(d.parentPath, d.name).slice(FOLDER.length + 1));
  expect(fixtures.sort()).toEqual(entries.map((e) => e.file).sort());
  expect(entries.length).toBeGreaterThanOrEqual(25);
});
