/**
 * OptLens in a real VS Code (code-server + headless Chromium), on the packaged VSIX and a copy of
 * examples/, driven as a user would: quick open, hover, quick fix, the command palette, the side panel.
 * Assertions are on the DOM; the screenshots under test/e2e/screenshots/ are for people (the README).
 * Steps share one workbench and run in order; each waits for its condition, never for a fixed time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, packageVersion } from '../../../scripts/code-server.mjs';
import { vsixEntries } from '../../../scripts/vsix.mjs';
import { SCREENSHOTS, startEditor, type Editor } from './editor-server';
import { editorText, openFile, openWorkbench, runCommand, screenshot, waitFor, webviewFrame, widenSideBar, type Workbench } from './workbench';

const EXAMPLE = 'hf-sft.yaml';
let editor: Editor;
let bench: Workbench;
let page: Page;
let playground: Frame | undefined;
/** The playground's frame, once "Open Playground" has found it. */
function pg(): Frame {
  if (!playground) throw new Error('the playground was not opened');
  return playground;
}

const fileText = () => readFileSync(join(editor.workspace, EXAMPLE), 'utf8');
const shot = (name: string) => screenshot(page, SCREENSHOTS, name);

/** The editor line holding `key:` (the view-line whose text starts with it). */
function lineWith(key: string) {
  return page.locator('.monaco-editor .view-lines .view-line', { hasText: new RegExp(`^${key}:`) }).first();
}

/** That line's text as shown, inlay hints included (Monaco's no-break spaces turned back into spaces). */
const lineText = async (key: string) => (await lineWith(key).innerText()).replace(/\u00a0/g, ' ');

describe('OptLens in a real VS Code', () => {
  beforeAll(async () => {
    editor = await startEditor();
    bench = await openWorkbench(editor.url, editor.workspace);
    page = bench.page;
  });

  afterAll(async () => {
    await bench?.close();
    editor?.stop();
  });

  // A failed step leaves a picture of the workbench as it was, and the playground's status line.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || !page) return;
    await shot(`failed-${context.task.name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
    const status = await playground?.locator('[data-testid="sim-status"]').innerText().catch(() => null);
    if (status) console.error(`playground status: ${status}`);
  });

  it('ships only bundles, icons and documents in the VSIX', () => {
    if (!process.env.OPTLENS_E2E_VSIX) expect(editor.vsix).toBe(join(ROOT, `optlens-${packageVersion()}.vsix`));
    const names = vsixEntries(editor.vsix).map((e) => e.name);
    expect(names).toContain('extension/dist/extension.js');
    expect(names).toContain('extension/dist/server.js');
    expect(names).toContain('extension/media/icon.png');
    expect(names.filter((n) => /node_modules|\.ts$|\.map$|^extension\/(test|examples|scripts|core|server|webview)\//.test(n))).toEqual([]);
  });

  it('shows the predicted numbers as inlay hints in the example YAML', async () => {
    await openFile(page, EXAMPLE);
    await waitFor('the update-RMS inlay hint', async () => /update RMS ≈ 0\.23 × lr/.test(await editorText(page)), 120_000);
    // The Surge hint sits on the accumulation, the key that forms the global batch, and says how with the file's
    // numbers (16 per device × 4 steps × 8 GPUs); VS Code cuts a hint at 43 characters, so only its start is visible.
    await waitFor('the Surge hint on gradient_accumulation_steps', async () =>
      /^gradient_accumulation_steps: 4\s*⚠ global batch 512 = 16 × 4 × 8; past the S/.test(await lineText('gradient_accumulation_steps')), 60_000);
    expect(await lineText('per_device_train_batch_size')).toMatch(/^per_device_train_batch_size: 16\s*$/);
    // The status bar speaks for the active config: its optimizer, the headline prediction, the Surge warning.
    await page.locator('.statusbar-item', { hasText: 'AdamW · RMS 0.229' }).first().waitFor({ timeout: 30_000 });
    await shot('1-inlay-hints');
  });

  it('explains β1 with its formula on hover', async () => {
    await lineWith('adam_beta1').locator('span', { hasText: /^0\.9$/ }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: '√((1 − β1)/(1 + β1))' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const lines = (await hover.innerText()).replace(/\u00a0/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    // It leads with the verdict: a usual β1, and the step it makes at this file's lr (2e-5 × 0.229).
    expect(lines[0]).toBe('✓ Fine: a usual momentum; steps of about 4.6·10⁻⁶ per coordinate.');
    const text = lines.join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/β1 = ?0\.9 ?, written as ?adam_beta1: 0\.9 ?on line 18\./);
    expect(text).toContain('√((1 − 0.9)/(1 + 0.9)) = 0.229');
    expect(text).toMatch(/Full report · science §1\.1 · Playground/);
    // The hover fades in: the README image is taken once it is fully opaque.
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => getComputedStyle(h).opacity === '1'));
    await page.waitForTimeout(300);
    await shot('2-hover-beta1');
    await page.keyboard.press('Escape');
  });

  it('squiggles the PyYAML trap and its quick fix rewrites only the literal', async () => {
    const line = lineWith('learning_rate');
    await waitFor('a squiggle under 2e-5', async () => (await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count()) > 0, 60_000);
    await line.locator('span', { hasText: /^2e-5$/ }).first().click();
    await shot('3-pyyaml-squiggle');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Write 2.0e-5' }).first();
    await fix.waitFor({ timeout: 30_000 });
    await shot('4-quick-fix');
    await fix.click();
    await waitFor('the fixed literal in the editor', async () => /learning_rate: 2\.0e-5/.test(await editorText(page)), 30_000);
    await page.keyboard.press('Control+S');
    await waitFor('the fix saved to disk', async () => fileText().includes('learning_rate: 2.0e-5'), 30_000);
    // Only that literal changed: every other line of the file is as it was.
    const original = readFileSync(join(ROOT, 'examples', EXAMPLE), 'utf8').split('\n');
    const now = fileText().split('\n');
    expect(now.length).toBe(original.length);
    expect(now.filter((l, i) => l !== original[i])).toEqual(['learning_rate: 2.0e-5']);
  });

  it('ranks the Surge quick fixes β1, lr, batch, each saying what it costs', async () => {
    // The warning sits where the global batch is formed: on the accumulation or the micro batch, whichever carries it.
    const rows = page.locator('.action-widget .monaco-list-row');
    // The diagnostics are re-pushed after the previous step's edit: ask again until the fixes are offered.
    const candidates = [['gradient_accumulation_steps', /^4$/], ['per_device_train_batch_size', /^16$/]] as const;
    await waitFor('the Surge quick fixes', async () => {
      for (const [key, value] of candidates) {
        await lineWith(key).locator('span', { hasText: value }).first().click();
        await page.keyboard.press('Control+.');
        const found = await rows.filter({ hasText: 'Set β1' }).first().waitFor({ timeout: 4_000 }).then(() => true, () => false);
        if (found) return true;
        await page.keyboard.press('Escape');
      }
      return false;
    }, 60_000);
    await rows.filter({ hasText: 'Set β1' }).first().waitFor({ timeout: 10_000 });
    const titles = (await rows.allInnerTexts()).map((t) => t.trim()).filter((t) => /^(Set β1|Lower )/.test(t));
    expect(titles[0]).toMatch(/^Set β1 0\.9 → 0\.\d+, the largest without Surge at this batch \(costs: momentum averages/);
    expect(titles[1]).toMatch(/^Lower lr .* the batch stays past Surge\)$/);
    expect(titles[2]).toMatch(/^Lower per_device_train_batch_size 16 → \d+, to the Surge threshold \(cuts the global batch [\d.]+×: fewer samples per step/);
    await shot('4b-surge-fixes');
    await page.keyboard.press('Escape');
  });

  it('opens the playground from the command palette, with its charts', async () => {
    await runCommand(page, 'OptLens: Open Playground');
    // The playground page is the frame with the Simulate button (webview content sits two iframes deep).
    playground = await webviewFrame(page, '[data-testid="simulate"]', 90_000);
    for (const id of ['update-rms', 'weight-rms', 'surge', 'eps']) {
      await waitFor(`the ${id} chart drawn`, () => pg().locator(`canvas[data-testid="chart-${id}"]`).evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0), 60_000);
    }
    await waitFor('the playground bound to the file', async () => (await pg().locator('[data-testid="binding"]').innerText()).includes(EXAMPLE), 30_000);
    await widenSideBar(page, 560);
    await shot('5-playground');
  });

  it('fits a side bar 300 px wide: no sideways scrolling, every formula whole', async () => {
    await widenSideBar(page, 300);
    await waitFor('the playground laid out narrow', async () => (await pg().evaluate(() => document.documentElement.clientWidth)) < 320, 30_000);
    const problems = await pg().evaluate(() => {
      const out: string[] = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width) out.push(`scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const line of document.querySelectorAll<HTMLElement>('[data-testid^="formula-"] > div')) {
        if (line.scrollWidth > line.clientWidth + 1) out.push(`formula clipped: ${line.textContent?.slice(0, 40)}`);
      }
      for (const c of document.querySelectorAll('canvas')) if (c.getBoundingClientRect().right > width + 0.5) out.push('chart past the edge');
      return out;
    });
    expect(problems).toEqual([]);
    await shot('5b-playground-300px');
    await widenSideBar(page, 560);
  });

  it('writes the β1 control back into the file', async () => {
    const slider = pg().locator('input[type="range"][data-testid="control-beta1"]');
    await slider.focus();
    await slider.press('ArrowRight');
    await waitFor('adam_beta1 changed in the editor', async () => {
      const m = /adam_beta1: ([\d.]+)/.exec(await editorText(page));
      return m !== null && m[1] !== '0.9';
    }, 30_000);
    await shot('6-beta1-written-back');
  });

  it('simulates the config and shows the result next to the formula', async () => {
    // "Simulate Current Config" runs the Monte Carlo check on worker threads in the extension host, behind a
    // cancellable progress notification; the playground then shows it under the update-RMS formula.
    await runCommand(page, 'OptLens: Simulate Current Config');
    const result = pg().locator('[data-testid="sim-result-update-rms"]');
    await waitFor('the simulated update RMS beside the formula', async () => /Simulate Current Config \(cpu[^)]*\): 0\.2\d+ ± [\d.e-]+ vs formula 0\.2\d+/.test(await result.innerText()), 180_000);
    await expect(pg().locator('[data-testid="formula-update-rms"]').innerText()).resolves.toMatch(/RMS/);
    await page.locator('.notifications-toasts', { hasText: 'OptLens simulation of hf-sft.yaml' }).first().waitFor({ timeout: 30_000 });
    await result.scrollIntoViewIfNeeded();
    await shot('7-simulation');
  });

  it('starts the playground\'s own simulation in the page, and cancels it', async () => {
    await pg().locator('[data-testid="simulate"]').click();
    await waitFor('the simulation running', async () => pg().locator('[data-testid="cancel"]').isEnabled(), 30_000);
    expect(await pg().locator('[data-testid="backend"]').innerText()).toMatch(/gpu|cpu/);
    await pg().locator('[data-testid="cancel"]').click();
    await waitFor('the simulate button back', async () => pg().locator('[data-testid="simulate"]').isEnabled(), 30_000);
  });

  it('keeps the playground\'s simulation running while the panel is hidden, and says truly where it is', async () => {
    const simulatedBefore = Number((await pg().locator('body').getAttribute('data-simulated')) ?? '0');
    await pg().locator('[data-testid="simulate"]').click();
    await waitFor('the simulation running', async () => pg().locator('[data-testid="cancel"]').isEnabled(), 30_000);
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await waitFor('the side bar hidden', async () => !(await page.locator('.part.sidebar').isVisible()), 30_000);
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await waitFor('the side bar shown', async () => page.locator('.part.sidebar').isVisible(), 30_000);
    // The same page (retained while hidden) finishes the run it started; nothing claims the settings changed.
    playground = await webviewFrame(page, '[data-testid="simulate"]', 60_000);
    await waitFor('the run finished after the panel came back', async () =>
      Number((await pg().locator('body').getAttribute('data-simulated')) ?? '0') > simulatedBefore, 300_000);
    expect(await pg().locator('[data-testid="sim-status"]').innerText()).toMatch(/^Simulated on .* in [\d.]+ s \(first estimate after [\d.]+ s\)\.$/);
    for (const id of ['update-rms', 'weight-rms', 'surge', 'eps']) {
      expect(await pg().locator(`[data-testid="sim-result-${id}"]`).innerText()).not.toMatch(/Settings changed/);
    }
    await shot('7b-playground-simulated');
  });

  it('opens the report with "OptLens: Analyze Current Config"', async () => {
    await openFile(page, EXAMPLE);
    await runCommand(page, 'OptLens: Analyze Current Config');
    const report = await webviewFrame(page, 'main.report', 90_000);
    await waitFor('the report tables and charts', async () => (await report.locator('table').count()) >= 2 && (await report.locator('canvas').count()) >= 1, 60_000);
    expect(await report.locator('body').innerText()).toMatch(/update RMS/);
    await shot('8-report');
  });

  it('sweeps the batch size: η*(B) with its Surge peak, checked by Monte Carlo', async () => {
    await openFile(page, EXAMPLE);
    await runCommand(page, 'OptLens: Sweep Batch Size');
    const report = await webviewFrame(page, 'main.report', 60_000);
    await waitFor('the sweep report', async () => /Batch-size sweep/.test(await report.locator('h1').innerText()), 60_000);
    expect(await report.locator('body').innerText()).toMatch(/Surge peak at B = 1\d\d/);
    // The Monte Carlo check runs behind a progress notification, then the report gains its table.
    await waitFor('the Monte Carlo check', async () => (await report.locator('body').innerText()).includes('Monte Carlo check'), 120_000);
    await shot('9-sweep');
  });

  it('compares AdamW, Lion, SignSGDM, SGDM and Muon', async () => {
    await openFile(page, EXAMPLE);
    await runCommand(page, 'OptLens: Compare Optimizers');
    const report = await webviewFrame(page, 'main.report', 60_000);
    const rows = report.locator('table tr:has(td)');
    await waitFor('the comparison table', async () => (await rows.count()) === 5, 60_000);
    expect((await rows.locator('td:first-child').allInnerTexts()).map((t) => t.trim())).toEqual(['AdamW', 'Lion', 'SignSGDM', 'SGDM', 'Muon']);
    // Each optimizer at the lr its convention maps to, and the report says how: Lion at AdamW's lr × 0.2 (÷3–10).
    const body = await report.locator('body').innerText();
    expect(body).toMatch(/Learning rates mapped by update-RMS matching/);
    expect(body).toMatch(/Lion: lr [\d.e-]+ = 2e-5 × 0\.\d+ \(update RMS 0\.\d+ → 1 per unit lr/);
    await shot('10-compare');
  });

  it('exports the report as HTML with the chart images, and CSV', async () => {
    await runCommand(page, 'OptLens: Export Report');
    // code-server's save dialog is a quick input holding the proposed path; accept it.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await waitFor('the proposed file name', async () => /optlens-compare-optimizers.*\.html$/.test(await input.inputValue()), 30_000);
    await input.press('Enter');
    const html = join(editor.workspace, 'optlens-compare-optimizers-hf-sft-yaml.html');
    const text = await waitFor('the exported HTML', async () => { try { return readFileSync(html, 'utf8'); } catch { return null; } }, 60_000);
    expect(text).toMatch(/<img alt="[^"]+" src="data:image\/png;base64,/);
    // The CSV is written right after the HTML: wait for it too.
    const csv = await waitFor('the exported CSV', async () => {
      try { return readFileSync(html.replace(/\.html$/, '.csv'), 'utf8'); } catch { return null; }
    }, 30_000);
    expect(csv.split('\r\n')[0]).toBe('chart,series,kind,x,y,stderr');
    expect(csv).toMatch(/compare-eta-star,Lion,theory,/);
  });

  it('estimates the noise scale from a log into this config, as a comment, not a workspace setting', async () => {
    await runCommand(page, 'OptLens: Estimate Noise Scale from a Log');
    // code-server's open dialog is a quick input listing a folder: go to the workspace, pick the log, accept.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(`${editor.workspace}/`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'grad-norms.csv' }).first().waitFor({ timeout: 30_000 });
    // Name the log in the dialog and accept it with one Enter while the dialog is open. (A click on its row closes the
    // dialog; an Enter sent after that lands in the editor, at the cursor the Surge step left before `4`, splitting
    // `gradient_accumulation_steps: 4` over two lines.)
    await input.fill(`${editor.workspace}/grad-norms.csv`);
    await waitFor('the log named in the dialog', async () => (await input.inputValue()).endsWith('/grad-norms.csv'), 30_000);
    await input.press('Enter');
    // Where it goes: this config first (a comment), the folder only on request, or a copy.
    const only = page.locator('.quick-input-list .monaco-list-row', { hasText: `Only ${EXAMPLE}` }).first();
    await only.waitFor({ timeout: 60_000 });
    expect(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Every config in' }).count()).toBe(1);
    await shot('11-noise-scale-choice');
    await only.click();
    await page.locator('.notifications-toasts', { hasText: 'B_simple ≈' }).first().waitFor({ timeout: 60_000 });
    // The playground says the value comes from a comment in this file, not from a setting.
    await waitFor('the noise-scale source in the playground', async () =>
      (await pg().locator('[data-param="noiseScale"] .origin').innerText()) === 'comment in file', 60_000);
    // The file's own `# optlens: noise-scale=` comment holds the estimate (grad-norms.csv: B_simple 2000, 3% noise).
    await lineWith('max_steps').click();
    await page.keyboard.press('Control+S');
    await waitFor('the comment saved', async () => /optlens: noise-scale=(1[5-9]\d\d|2[0-4]\d\d)\b/.test(fileText()), 30_000);
    // No keystroke of the steps so far landed in the config: the batch lines are as the example writes them.
    expect(fileText()).toMatch(/^per_device_train_batch_size: 16\ngradient_accumulation_steps: 4\nmax_seq_length: 2048$/m);
    let settings: Record<string, unknown> = {};
    try {
      settings = JSON.parse(readFileSync(join(editor.workspace, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      // no workspace settings at all: as intended
    }
    expect(settings['optlens.noiseScale']).toBeUndefined();
    await shot('11-noise-scale');
  });

  it('raised no page errors in the workbench', () => {
    expect(bench.errors.filter((e) => /optlens|webview/i.test(e))).toEqual([]);
  });
});
