// `node scripts/score-configs.mjs dev|blind [--root DIR] [--no-misses] [--json FILE]`: scores a hand-annotated
// split of real configs (test/fixtures/configs/<split>/MANIFEST.json) against OptLens's extractor: the share of
// written values found with the right value at the right line, per format, per role and per ecosystem, then the
// misses. --root scores another checkout's extractor (a git worktree of an older commit, with node_modules),
// so "before" and "after" are measured by the same scoring code (test/server/extract/config-score.ts).
// --no-misses prints the tallies only (for the blind split, whose misses nobody writing rules may read).
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const root = resolve(option('--root') ?? repo);
const jsonOut = option('--json');
const showMisses = !args.includes('--no-misses');
const split = args.find((a) => !a.startsWith('--'));
if (!split) {
  console.error('usage: node scripts/score-configs.mjs dev|blind|FOLDER [--root DIR] [--no-misses] [--json FILE]');
  process.exit(2);
}
const folder = isAbsolute(split) || split.includes('/') ? resolve(split) : join(repo, 'test/fixtures/configs', split);
const manifest = JSON.parse(readFileSync(join(folder, 'MANIFEST.json'), 'utf8'));

// One bundle: the scoring module of this checkout, the extractor of --root.
const work = mkdtempSync(join(tmpdir(), 'optlens-score-'));
const entry = join(work, 'entry.ts');
writeFileSync(entry, [
  `export { extract } from ${JSON.stringify(join(root, 'server/extract/index.ts'))};`,
  `export { scoreSplit, formatScore } from ${JSON.stringify(join(repo, 'test/server/extract/config-score.ts'))};`,
].join('\n'));
try {
  await esbuild.build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    outfile: join(work, 'score.mjs'), logLevel: 'warning', mainFields: ['module', 'main'],
    nodePaths: [join(root, 'node_modules'), join(repo, 'node_modules')],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const { extract, scoreSplit, formatScore } = await import(pathToFileURL(join(work, 'score.mjs')).href);
  const score = scoreSplit(manifest.entries, (file) => readFileSync(join(folder, file), 'utf8'), extract);
  const name = `${split} (extractor of ${root === repo ? 'this checkout' : root})`;
  console.log(formatScore(name, score, { misses: showMisses }));
  const written = showMisses ? score : { ...score, misses: [], decoysRead: [] };
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(written, null, 1));
} finally {
  rmSync(work, { recursive: true, force: true });
}
