// `npm run bench`: bundles every bench/*.bench.ts into one script, runs it, prints the tables and
// writes them to bench/RESULTS.md with the date and machine. `npm run bench -- NAME` runs the suites
// whose file name contains NAME.
import * as esbuild from 'esbuild';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const suites = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
const outDir = join(root, 'bench/out');
mkdirSync(outDir, { recursive: true });

const entry = suites.map((f, i) => `import s${i} from './${f}';`).join('\n') +
  `\nexport const suites = [${suites.map((f, i) => `['${f}', s${i}]`).join(', ')}];\n`;
writeFileSync(join(root, 'bench/.entry.ts'), entry);
await esbuild.build({
  entryPoints: [join(root, 'bench/.entry.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
  outfile: join(outDir, 'bench.mjs'), logLevel: 'warning', mainFields: ['module', 'main'], external: ['playwright-core', 'yaml-language-server', 'esbuild'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { suites: loaded } = await import(pathToFileURL(join(outDir, 'bench.mjs')).href);

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Math.round(v * 1000) / 1000)) : String(v));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
let md = `# Benchmark results\n\nLast run: ${new Date().toISOString().slice(0, 10)} on ${machine}. Produced by \`npm run bench\`; figures are wall-clock on a shared machine.\n`;
for (const [file, suite] of loaded) {
  let tables;
  try {
    tables = await suite();
  } catch (error) {
    console.error(`bench ${file} failed: ${error?.stack ?? error}`);
    process.exitCode = 1;
    continue;
  }
  for (const t of tables) {
    const rows = [t.columns, ...t.rows.map((r) => r.map(fmt))];
    const widths = t.columns.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
    console.log(`\n## ${t.title}\n`);
    for (const r of rows) console.log(r.map((cell, c) => String(cell ?? '').padEnd(widths[c])).join('  '));
    for (const n of t.notes ?? []) console.log(`  · ${n}`);
    md += `\n## ${t.title}\n\n| ${t.columns.join(' | ')} |\n|${t.columns.map(() => '---').join('|')}|\n`;
    for (const r of t.rows) md += `| ${r.map(fmt).join(' | ')} |\n`;
    if (t.notes?.length) md += '\n' + t.notes.map((n) => `- ${n}`).join('\n') + '\n';
  }
}
if (!filter) writeFileSync(join(root, 'bench/RESULTS.md'), md);
