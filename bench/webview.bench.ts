/**
 * `npm run bench -- webview`: the playground as a person meets it, in headless Chromium through the
 * harness under the webview CSP (test/e2e/playground/site.ts builds the production-minified pages):
 * - time from opening the page to the first chart drawn, beside the page's own DOMContentLoaded;
 * - the redraw that follows a slider move (theory curves + four charts + changed formulas), against the
 *   16.7 ms frame budget of a 60 Hz display;
 * - the production bundle sizes of the extension, the server and the webview, raw and gzipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { launchChromium } from '../test/e2e/browser';
import { openPage } from '../test/e2e/playground/pages';
import { repositoryRoot, startSite } from '../test/e2e/playground/site';
import type { BenchSuite, BenchTable } from './types';
import { percentiles } from './types';

const OPENS = 7;
const SLIDER_MOVES = 60;

async function pageTimings(): Promise<BenchTable[]> {
  const site = await startSite();
  const browser = await launchChromium();
  try {
    const first: number[] = [];
    const loaded: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const { page } = await openPage(browser, site, 'index.html?bind=0');
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { chart: performance.getEntriesByName('optlens-first-chart')[0]?.startTime ?? NaN, dom: nav?.responseEnd ?? NaN };
      });
      first.push(t.chart);
      loaded.push(t.dom);
      await page.close();
    }
    const { page } = await openPage(browser, site, 'index.html?bind=0');
    // Each step: one keyboard step of the β1 slider (an `input` event), then the frame that redraws.
    const redraws = await page.evaluate(async (moves) => {
      const slider = document.querySelector('[data-testid="control-beta1"]') as HTMLInputElement;
      for (const name of ['optlens-render', 'optlens-render-theory', 'optlens-render-charts', 'optlens-render-formulas']) performance.clearMeasures(name);
      const frames: number[] = [];
      for (let i = 0; i < moves; i++) {
        const t0 = performance.now();
        slider.value = String(700 + (i % 40) * 7);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        frames.push(performance.now() - t0);
      }
      const durations = (name: string) => performance.getEntriesByName(name).map((e) => e.duration);
      return { render: durations('optlens-render'), theory: durations('optlens-render-theory'), charts: durations('optlens-render-charts'), formulas: durations('optlens-render-formulas'), frames };
    }, SLIDER_MOVES);
    await page.close();
    const f = percentiles(first);
    const d = percentiles(loaded);
    const r = percentiles(redraws.render);
    const frame = percentiles(redraws.frames);
    const fm = percentiles(redraws.formulas);
    return [
      {
        title: 'Playground: open to first chart (headless Chromium, harness, production bundles)',
        columns: ['measure', 'p50 ms', 'p95 ms', 'min ms'],
        rows: [
          ['first chart drawn (performance mark, from navigation start)', f.p50, f.p95, f.min],
          ['peer: the HTML received (responseEnd)', d.p50, d.p95, d.min],
          ['first chart − HTML received (p50): scripts loaded and run', f.p50 - d.p50, '', ''],
        ],
        notes: [`${OPENS} page opens on a warm browser; the first chart means the theory of all four charts computed, drawn and the formulas typeset.`],
      },
      {
        title: 'Playground: redraw after a β1 slider move',
        columns: ['measure', 'p50 ms', 'p95 ms', 'min ms', 'p95 / 16.7 ms frame'],
        rows: [
          ['frame work: theory curves + 4 charts', r.p50, r.p95, r.min, r.p95 / (1000 / 60)],
          ...(['theory', 'charts'] as const).map((part) => {
            const q = percentiles(redraws[part]);
            return [`  of which ${part}`, q.p50, q.p95, q.min, q.p95 / (1000 / 60)];
          }),
          ['input event → next frame painted', frame.p50, frame.p95, frame.min, frame.p95 / (1000 / 60)],
          ['typesetting the changed formulas (KaTeX; at most every 80 ms while sliding)', fm.p50, fm.p95, fm.min, fm.p95 / (1000 / 60)],
        ],
        notes: [
          `${redraws.render.length} renders for ${SLIDER_MOVES} moves (one per animation frame); steps T = 20000 with a cosine schedule, so each render evaluates the O(T) weight-RMS recursion.`,
          'Headless Chromium draws canvases in software on a shared 2-core machine; VS Code draws them on the GPU.',
        ],
      },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}

/** Production (minified) size of one bundle, built in memory exactly as scripts/build.mjs --production does. */
async function bundleSize(entry: string, platform: 'node' | 'browser'): Promise<{ raw: number; gzip: number }> {
  const repo = repositoryRoot();
  const result = await esbuild.build({
    entryPoints: [join(repo, entry)], bundle: true, platform, format: platform === 'node' ? 'cjs' : 'iife', target: platform === 'node' ? 'node20' : 'es2022',
    minify: true, write: false, logLevel: 'silent', outfile: join(tmpdir(), 'optlens-bench-bundle.js'), external: platform === 'node' ? ['vscode'] : [], mainFields: platform === 'node' ? ['module', 'main'] : undefined,
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.contents ?? new Uint8Array();
  return { raw: js.length, gzip: gzipSync(js).length };
}

/** Runs `npm run package` (production build + vsce) and returns what it reports: the VSIX name, size and file count. */
function packageVsix(repo: string): { vsix: string; bytes: number; files: number } {
  const result = spawnSync(process.execPath, [join(repo, 'scripts/package.mjs'), '--json'], { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status}): ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { vsix: string; bytes: number; files: number };
}

async function bundleSizes(): Promise<BenchTable> {
  const repo = repositoryRoot();
  const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const rows: (string | number)[][] = [];
  const add = async (name: string, entry: string, platform: 'node' | 'browser') => {
    if (!existsSync(join(repo, entry))) return;
    const size = await bundleSize(entry, platform);
    rows.push([name, kib(size.raw), kib(size.gzip)]);
  };
  await add('extension (dist/extension.js)', 'extension/main.ts', 'node');
  await add('server (dist/server.js)', 'server/main.ts', 'node');
  await add('webview playground (dist/webview/main.js)', 'webview/main.ts', 'browser');
  await add('webview simulation worker (dist/webview/sim-worker.js)', 'webview/sim-worker.ts', 'browser');
  await add('webview report page (dist/webview/report.js)', 'webview/report.ts', 'browser');
  const gpu = readFileSync(join(repo, 'node_modules/gpu.js/dist/gpu-browser.min.js'));
  rows.push(['gpu.js browser build (copied as is)', kib(gpu.length), kib(gzipSync(gpu).length)]);
  const fonts = join(repo, 'node_modules/katex/dist/fonts');
  const woff2 = readdirSync(fonts).filter((f) => f.endsWith('.woff2')).reduce((s, f) => s + statSync(join(fonts, f)).size, 0);
  rows.push(['KaTeX CSS + WOFF2 fonts (copied as is; WOFF2 is already compressed)', kib(statSync(join(repo, 'node_modules/katex/dist/katex.min.css')).size + woff2), '']);
  const vsix = packageVsix(repo);
  rows.push([`VSIX ${vsix.vsix} (${vsix.files} files)`, kib(vsix.bytes), '']);
  return {
    title: 'Bundle sizes (production: minified, no source maps)',
    columns: ['bundle', 'KiB', 'gzip KiB'],
    rows,
    notes: [
      'Built in memory with the options of scripts/build.mjs --production.',
      'The playground bundle holds chart.js (tree-shaken), KaTeX and the science core; gpu.js is a separate script so that no bundle holds it twice.',
      'VSIX: packaged in this run by `npm run package` (production build, vsce --no-dependencies); its file count is every entry in the archive.',
    ],
  };
}

const suite: BenchSuite = async () => [...(await pageTimings()), await bundleSizes()];
export default suite;
