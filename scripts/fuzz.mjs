// `npm run fuzz`: the extraction fuzzer (scripts/fuzz-cases.ts) for at least 100,000 cases.
// Bundles the TypeScript with esbuild (as bench.mjs does), runs fast-check, prints the number of cases
// and crashes, and exits 1 on the first crash with the shrunk counterexample.
// Usage: npm run fuzz [-- CASES [SEED]]
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const outDir = join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'scripts/fuzz-cases.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: join(outDir, 'fuzz-cases.mjs'), logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build whose internal require()s esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { fuzzCases, checkCase } = await import(pathToFileURL(join(outDir, 'fuzz-cases.mjs')).href);
const fc = (await import('fast-check')).default;

const corpusDir = join(root, 'test/fixtures/corpus');
const corpus = readdirSync(corpusDir)
  .filter((d) => statSync(join(corpusDir, d)).isDirectory())
  .flatMap((d) => readdirSync(join(corpusDir, d)).map((f) => ({ fileName: `${d}/${f}`, text: readFileSync(join(corpusDir, d, f), 'utf8') })));

let ran = 0;
const started = performance.now();
const result = fc.check(
  fc.property(fuzzCases(corpus), (c) => {
    ran++;
    if (ran % 10_000 === 0) process.stderr.write(`  ${ran} cases, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    checkCase(c);
  }),
  { numRuns: cases, seed },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.failed) {
  console.log(`fuzz: CRASH after ${result.numRuns} cases (seed ${seed}, ${seconds} s)`);
  console.log(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log(`fuzz: ${result.numRuns} cases, 0 crashes (seed ${seed}, ${corpus.length} corpus files mutated, ${seconds} s)`);
