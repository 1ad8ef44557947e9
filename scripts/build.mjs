// Builds one bundle per side with esbuild: extension (vscode host), server (LSP), cli, webview (browser).
// `node scripts/build.mjs --production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning' };
const browser = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'warning' };

const bundles = [
  { ...node, entryPoints: ['extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['core/sim/node-worker.ts'], outfile: 'dist/sim-worker.js' },
  { ...browser, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js' },
  { ...browser, entryPoints: ['webview/sim-worker.ts'], outfile: 'dist/webview/sim-worker.js' },
  { ...browser, entryPoints: ['webview/report.ts'], outfile: 'dist/webview/report.js' },
].filter((b) => {
  const present = existsSync(join(root, b.entryPoints[0]));
  if (!present) console.warn(`build: ${b.entryPoints[0]} not present yet, skipped`);
  return present;
});

/** Static files the webview loads as they are: gpu.js's browser build and KaTeX's stylesheet and fonts. */
function copyAssets() {
  const out = join(root, 'dist/webview');
  mkdirSync(out, { recursive: true });
  cpSync(join(root, 'node_modules/gpu.js/dist/gpu-browser.min.js'), join(out, 'gpu-browser.min.js'));
  cpSync(join(root, 'node_modules/katex/dist/katex.min.css'), join(out, 'katex.min.css'));
  cpSync(join(root, 'node_modules/katex/dist/fonts'), join(out, 'fonts'), { recursive: true });
}

process.chdir(root);
if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
copyAssets();
if (watch) {
  for (const b of bundles) await (await esbuild.context(b)).watch();
  console.log('build: watching');
} else {
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  console.log(`build: ${bundles.map((b) => b.outfile).join(', ')}`);
}
