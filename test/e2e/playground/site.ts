/**
 * The playground and report pages as a plain web site for the browser tests and the bench: the webview
 * bundles built with esbuild (minified, as `--production` ships them) into a temporary folder with the
 * static assets, and the harness pages rendered by webview/html.ts with a fresh nonce. Served over http
 * with the webview's real CSP as a header (and in the page's meta tag, as in VS Code).
 * Building its own copy keeps these tests independent of a `dist/` that other builds may be rewriting.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { renderPlaygroundHtml, renderReportHtml, webviewCsp } from '../../../webview/html';
import { serveStatic } from '../browser';

/** The repository root: the nearest folder above this file (or the bench bundle that inlines it) holding
 * webview/main.ts. */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'webview/main.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (webview/main.ts)');
    dir = parent;
  }
  return dir;
}

export interface Site {
  url: string;
  /** The bundles' folder (what `dist/webview` holds after a production build). */
  root: string;
  close(): Promise<void>;
}

const ENTRIES = [
  ['webview/main.ts', 'main.js'],
  ['webview/sim-worker.ts', 'sim-worker.js'],
  ['webview/report.ts', 'report.js'],
  ['webview/harness/harness.ts', 'harness/harness.js'],
] as const;

/** Builds the pages into a temporary folder and serves it; `close` stops the server and removes the folder. */
export async function startSite(): Promise<Site> {
  const repo = repositoryRoot();
  const root = mkdtempSync(join(tmpdir(), 'optlens-playground-'));
  await Promise.all(ENTRIES.map(([entry, out]) => esbuild.build({
    entryPoints: [join(repo, entry)], outfile: join(root, out), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'silent',
  })));
  cpSync(join(repo, 'node_modules/gpu.js/dist/gpu-browser.min.js'), join(root, 'gpu-browser.min.js'));
  cpSync(join(repo, 'node_modules/katex/dist/katex.min.css'), join(root, 'katex.min.css'));
  cpSync(join(repo, 'webview/playground.css'), join(root, 'playground.css'));
  mkdirSync(join(root, 'fonts'));
  const fonts = join(repo, 'node_modules/katex/dist/fonts');
  for (const f of readdirSync(fonts).filter((name) => name.endsWith('.woff2'))) cpSync(join(fonts, f), join(root, 'fonts', f));
  const nonce = randomBytes(16).toString('base64');
  const options = { cspSource: "'self'", nonce, assetBase: '..', preludeScripts: ['harness.js'] };
  writeFileSync(join(root, 'harness/index.html'), renderPlaygroundHtml(options));
  writeFileSync(join(root, 'harness/report.html'), renderReportHtml(options));
  const { url, server }: { url: string; server: Server } = await serveStatic(root, { 'content-security-policy': webviewCsp("'self'", nonce) });
  return {
    url,
    root,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
