// Builds one bundle per side with esbuild: extension (vscode host), server (LSP), cli, the simulator's
// worker thread, and the webview pages (browser). `node scripts/build.mjs --production` minifies and drops
// source maps (what the VSIX ships); `--watch` rebuilds on change. Every bundle is attempted; the build
// fails (exit 1) if any one failed, after printing each error.
// A full build writes into a temporary folder and then moves each file into dist/ (a rename replaces a file
// atomically), so `npx optlens` and a running extension keep working while `npm start` rebuilds.
import * as esbuild from 'esbuild';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** Where this build writes: dist/ itself when watching (files are replaced one by one), else a fresh folder swapped in
 * at the end. */
const out = watch ? 'dist' : `dist.build-${process.pid}`;

// mainFields: jsonc-parser's "main" is a UMD build whose internal require()s esbuild cannot follow; its ESM build
// bundles.
const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], sourcemap: !production, minify: production, logLevel: 'silent' };
const browser = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'silent' };

const bundles = [
  { ...node, entryPoints: ['extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['host/sim-worker.ts'], outfile: 'dist/sim-worker.js' },
  { ...node, entryPoints: ['extension/surge-worker.ts'], outfile: 'dist/surge-worker.js' },
  { ...browser, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js' },
  { ...browser, entryPoints: ['webview/sim-worker.ts'], outfile: 'dist/webview/sim-worker.js' },
  { ...browser, entryPoints: ['webview/report.ts'], outfile: 'dist/webview/report.js' },
  // The harness (webview/harness): stands in for VS Code so the pages run in a plain browser; not shipped.
  { ...browser, entryPoints: ['webview/harness/harness.ts'], outfile: 'dist/webview/harness/harness.js' },
].filter((b) => {
  const present = existsSync(join(root, b.entryPoints[0]));
  if (!present) console.warn(`build: ${b.entryPoints[0]} not present yet, skipped`);
  return present;
}).map((b) => ({ ...b, outfile: b.outfile.replace(/^dist\//, `${out}/`) }));

/**
 * Static files the webview loads as they are: gpu.js's browser build, the playground's stylesheet, and
 * KaTeX's stylesheet with its WOFF2 fonts (every browser a webview runs in reads WOFF2; the CSS lists the
 * other formats only as fallbacks, so shipping them would only grow the VSIX).
 */
function copyAssets() {
  const web = join(root, out, 'webview');
  mkdirSync(join(web, 'fonts'), { recursive: true });
  cpSync(join(root, 'node_modules/gpu.js/dist/gpu-browser.min.js'), join(web, 'gpu-browser.min.js'));
  cpSync(join(root, 'node_modules/katex/dist/katex.min.css'), join(web, 'katex.min.css'));
  const fonts = join(root, 'node_modules/katex/dist/fonts');
  for (const font of readdirSync(fonts).filter((f) => f.endsWith('.woff2'))) cpSync(join(fonts, font), join(web, 'fonts', font));
  for (const css of ['playground.css', 'report.css']) {
    if (existsSync(join(root, 'webview', css))) cpSync(join(root, 'webview', css), join(web, css));
  }
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)));
}

/**
 * Moves the finished build into dist/ file by file (each rename is atomic), then drops what it no longer
 * has, except the previous output of a bundle that failed this time (`keep`): a failed rebuild leaves the
 * last good CLI and extension in place rather than none.
 */
function swapIntoDist(keepFromBefore) {
  const from = join(root, out);
  const to = join(root, 'dist');
  const built = filesUnder(from);
  for (const file of built) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    renameSync(join(from, file), join(to, file));
  }
  const keep = new Set([...built, ...keepFromBefore]);
  for (const file of filesUnder(to)) if (!keep.has(file)) rmSync(join(to, file), { force: true });
  rmSync(from, { recursive: true, force: true });
}

/**
 * The harness pages: the very HTML the extension renders (webview/html.ts), with the harness script first,
 * `'self'` as the resource origin, and a nonce drawn at build time (the browser tests read it back and send
 * the same CSP as an HTTP header). Serve dist/webview over http and open /harness/index.html.
 */
async function writeHarnessPages() {
  if (!existsSync(join(root, 'webview/html.ts'))) return;
  const { outputFiles } = await esbuild.build({ entryPoints: ['webview/html.ts'], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const html = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
  const options = { cspSource: "'self'", nonce: randomBytes(16).toString('base64'), assetBase: '..', preludeScripts: ['harness.js'] };
  mkdirSync(join(root, out, 'webview/harness'), { recursive: true });
  writeFileSync(join(root, out, 'webview/harness/index.html'), html.renderPlaygroundHtml(options));
  writeFileSync(join(root, out, 'webview/harness/report.html'), html.renderReportHtml(options));
}

function kib(path) {
  return existsSync(path) ? `${Math.round(statSync(path).size / 1024)} KiB` : 'missing';
}

process.chdir(root);
if (!watch) rmSync(join(root, out), { recursive: true, force: true });
copyAssets();
if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...b, logLevel: 'warning' })).watch();
  console.log('build: watching');
} else {
  const results = await Promise.allSettled(bundles.map((b) => esbuild.build(b)));
  const failed = [];
  results.forEach((r, i) => {
    const b = bundles[i];
    if (r.status === 'fulfilled') return;
    failed.push(b.outfile);
    const errors = r.reason?.errors ?? [];
    const text = errors.length
      ? esbuild.formatMessagesSync(errors, { kind: 'error', color: false }).join('')
      : String(r.reason?.message ?? r.reason);
    console.error(`build: ${b.entryPoints[0]} failed:\n${text}`);
  });
  await writeHarnessPages();
  // npm links `bin` entries as they are: the CLI must be executable for `npx optlens` to run it.
  if (existsSync(join(root, out, 'cli.js'))) chmodSync(join(root, out, 'cli.js'), 0o755);
  const failedFiles = failed.flatMap((f) => [f, `${f}.map`]).map((f) => relative(out, f));
  swapIntoDist(failedFiles);
  const built = bundles.filter((b) => !failed.includes(b.outfile)).map((b) => b.outfile.replace(`${out}/`, 'dist/'));
  console.log(`build${production ? ' (production)' : ''}: ${built.map((f) => `${f} ${kib(join(root, f))}`).join(', ')}`);
  if (failed.length > 0) process.exit(1);
}
