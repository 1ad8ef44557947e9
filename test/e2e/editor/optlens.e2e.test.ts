/**
 * OptLens in a real VS Code (code-server + headless Chromium), on the packaged VSIX and a copy of
 * examples/, driven as a user would: quick open, hover, quick fix, the command palette, the side panel.
 * Assertions are on the DOM; the screenshots under test/e2e/screenshots/ are for people (the README).
 * Steps share one workbench and run in order; each waits for its condition, never for a fixed time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, packageVersion } from '../../../scripts/code-server.mjs';
import { vsixEntries } from '../../../scripts/vsix.mjs';
import { SCREENSHOTS, startEditor, type Editor } from './editor-server';
import { editorText, openFile, openWorkbench, runCommand, screenshot, waitFor, webviewFrame, type Workbench } from './workbench';

const EXAMPLE = 'hf-sft.yaml';
let editor: Editor;
let bench: Workbench;
let page: Page;

const fileText = () => readFileSync(join(editor.workspace, EXAMPLE), 'utf8');
const shot = (name: string) => screenshot(page, SCREENSHOTS, name);

/** The editor line holding `key:` (the view-line whose text starts with it). */
function lineWith(key: string) {
  return page.locator('.monaco-editor .view-lines .view-line', { hasText: new RegExp(`^${key}:`) }).first();
}

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
    await waitFor('the update-RMS inlay hint', async () => /update RMS ≈ 0\.23/.test(await editorText(page)), 120_000);
    expect(await editorText(page)).toMatch(/past Surge peak/);
    // The status bar speaks for the active config: its optimizer, the headline prediction, the Surge warning.
    await page.locator('.statusbar-item', { hasText: 'AdamW · RMS 0.229' }).first().waitFor({ timeout: 30_000 });
    await shot('1-inlay-hints');
  });

  it('explains β1 with its formula on hover', async () => {
    await lineWith('adam_beta1').locator('span', { hasText: /^0\.9$/ }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: '√((1 − β1)/(1 + β1))' }).first();
    await hover.waitFor({ timeout: 30_000 });
    expect(await hover.innerText()).toMatch(/FORMULAS\.md §1\.1/);
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

  let playground: Frame;

  it('opens the playground from the command palette, with its charts', async () => {
    await runCommand(page, 'OptLens: Open Playground');
    // The playground page is the frame with the Simulate button (webview content sits two iframes deep).
    playground = await webviewFrame(page, '[data-testid="simulate"]', 90_000);
    for (const id of ['update-rms', 'weight-rms', 'surge', 'eps']) {
      await waitFor(`the ${id} chart drawn`, () => playground.locator(`canvas[data-testid="chart-${id}"]`).evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0), 60_000);
    }
    await waitFor('the playground bound to the file', async () => (await playground.locator('[data-testid="binding"]').innerText()).includes(EXAMPLE), 30_000);
    await shot('5-playground');
  });

  it('writes the β1 control back into the file', async () => {
    const slider = playground.locator('input[type="range"][data-testid="control-beta1"]');
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
    const result = playground.locator('[data-testid="sim-result-update-rms"]');
    await waitFor('the simulated update RMS beside the formula', async () => /Simulate Current Config \(cpu[^)]*\): 0\.2\d+ ± [\d.e-]+ vs formula 0\.2\d+/.test(await result.innerText()), 180_000);
    await expect(playground.locator('[data-testid="formula-update-rms"]').innerText()).resolves.toMatch(/RMS/);
    await page.locator('.notifications-toasts', { hasText: 'OptLens simulation of hf-sft.yaml' }).first().waitFor({ timeout: 30_000 });
    await shot('7-simulation');
  });

  it('starts the playground\'s own simulation in the page, and cancels it', async () => {
    await playground.locator('[data-testid="simulate"]').click();
    await waitFor('the simulation running', async () => (await playground.locator('[data-testid="cancel"]').isEnabled()), 30_000);
    expect(await playground.locator('[data-testid="backend"]').innerText()).toMatch(/gpu|cpu/);
    await playground.locator('[data-testid="cancel"]').click();
    await waitFor('the simulate button back', async () => playground.locator('[data-testid="simulate"]').isEnabled(), 30_000);
  });

  it('opens the report with "OptLens: Analyze Current Config"', async () => {
    await openFile(page, EXAMPLE);
    await runCommand(page, 'OptLens: Analyze Current Config');
    const report = await webviewFrame(page, 'main.report', 90_000);
    await waitFor('the report tables and charts', async () => (await report.locator('table').count()) >= 2 && (await report.locator('canvas').count()) >= 1, 60_000);
    expect(await report.locator('body').innerText()).toMatch(/update RMS/);
    await shot('8-report');
  });

  it('raised no page errors in the workbench', () => {
    expect(bench.errors.filter((e) => /optlens|webview/i.test(e))).toEqual([]);
  });
});
