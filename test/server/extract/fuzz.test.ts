/**
 * Nothing OptLens reads makes extraction throw or report a span that is not the literal: random bytes,
 * config-like token soup and mutated corpus files (scripts/fuzz-cases.ts). `npm run fuzz` runs the same
 * property 100,000 times; the suite runs a few hundred cases.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'vitest';
import { checkCase, fuzzCases, type FuzzCase } from '../../../scripts/fuzz-cases';

const CORPUS = join(__dirname, '../../fixtures/corpus');

function corpusFiles(): FuzzCase[] {
  return readdirSync(CORPUS)
    .filter((d) => statSync(join(CORPUS, d)).isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => ({ fileName: `${d}/${f}`, text: readFileSync(join(CORPUS, d, f), 'utf8') })));
}

test('random and mutated inputs never break extraction', () => {
  fc.assert(fc.property(fuzzCases(corpusFiles()), (c) => checkCase(c)), { numRuns: 400, seed: 4 });
});
