/**
 * Opens the GPU simulator in headless Chromium with software WebGL2 (SwiftShader): bundles
 * test/e2e/gpu/page.ts with esbuild (minified, as the production webview bundle is, since gpu.js
 * parses the kernels' source text), serves it with gpu.js's browser build under a CSP without
 * 'unsafe-eval', and calls the page's checks. Used by the e2e test and by bench/gpu.bench.ts.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveStatic } from '../browser';
import type { GpuPageChecks } from './page';

/** The webview's policy (vscode-anchors.md §4), minus nonces: scripts from the page's origin only. */
export const STRICT_CSP = "default-src 'none'; script-src 'self'";

/** The repository root: the nearest folder above this file (or the bench bundle that inlines it) holding page.ts. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'test/e2e/gpu/page.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (test/e2e/gpu/page.ts)');
    dir = parent;
  }
  return dir;
}

type Check = keyof GpuPageChecks;
type Awaited2<T> = T extends Promise<infer U> ? U : T;

export interface GpuPage {
  page: Page;
  /** Runs one of page.ts's checks in the browser and returns its (JSON-serialised) result. */
  call<K extends Check>(name: K, ...args: Parameters<GpuPageChecks[K]>):
    Promise<Awaited2<ReturnType<GpuPageChecks[K]>>>;
  /** Console errors and CSP violations seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openGpuPage(): Promise<GpuPage> {
  const root = repositoryRoot();
  const dir = mkdtempSync(join(tmpdir(), 'optlens-gpu-'));
  await esbuild.build({
    entryPoints: [join(root, 'test/e2e/gpu/page.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile: join(dir, 'checks.js'),
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'node_modules/gpu.js/dist/gpu-browser.min.js'), join(dir, 'gpu-browser.min.js'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script src="gpu-browser.min.js"></script><script src="checks.js"></script></head><body></body></html>',
  );
  const { url, server } = await serveStatic(dir, { 'content-security-policy': STRICT_CSP });
  let browser: Browser | null = null;
  try {
    browser = await launchChromium({ webgl: true });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${url}/index.html`);
    const opened = browser;
    return {
      page,
      errors,
      call: (name, ...args) =>
        page.evaluate(
          ([n, a]) => {
            const checks = (globalThis as unknown as {
              gpuChecks: Record<string, (...x: unknown[]) => unknown> }).gpuChecks;
            return checks[n as string](...(a as unknown[]));
          },
          [name, args] as const,
        ) as never,
      async close() {
        await opened.close();
        server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
