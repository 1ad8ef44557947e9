/**
 * The report's Recipe section (science.md §8) on the report page in headless Chromium: the extension's own report
 * builder on a real config (nanoGPT's GPT-2 recipe, with its parameter count given as an `# optlens:` comment), its
 * Recipe tables and the weight-decay-over-run chart rendered. The screenshot is the README's Recipe image
 * (copied to docs/images/recipe.png when the section changes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../core/webview-messages';
import { analysisReport } from '../../../extension/report/analysis-report';
import { analyzeText } from '../../../server/analyze';
import { launchChromium } from '../browser';
import { inkShare, openPage } from './pages';
import { repositoryRoot, startSite, type Site } from './site';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function recipeReport(): ReportDocument {
  const path = 'test/fixtures/corpus/nanogpt/train_gpt2.py';
  const text = `${readFileSync(join(repositoryRoot(), path), 'utf8')}\n# optlens: params=1.24e8\n`;
  const full = analysisReport(analyzeText(text, path, { snr: 0 }));
  return {
    ...full,
    title: 'OptLens report: train_gpt2.py (nanoGPT), Recipe section',
    tables: full.tables.filter((t) => t.title.startsWith('Recipe:')),
    charts: full.charts.filter((c) => c.id === 'weight-decay-over-run'),
    findings: [],
    notes: [],
  };
}

describe("the report's Recipe section", () => {
  it('renders the timescale and scaling-law tables and the weight-decay chart of a real config', async () => {
    const report = recipeReport();
    expect(report.tables.map((t) => t.title)).toEqual([
      'Recipe: weight-decay timescale',
      'Recipe: published scaling laws (each an empirical fit in its own regime, none the truth)',
    ]);
    const { page, errors } = await openPage(browser, site, 'report.html', { width: 1100, height: 1200 });
    await page.evaluate((doc) => window.optlensHarness.send({ type: 'report', report: doc }), report);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Recipe section') === true);
    expect(await page.locator('h2', { hasText: 'Recipe: weight-decay timescale' }).count()).toBe(1);
    expect(await page.textContent('table')).toMatch(/τ_iter = 1\/\(ηλ\)16,?667 steps/);
    expect(await inkShare(page, '[data-testid="report-chart-weight-decay-over-run"]')).toBeGreaterThan(0.01);
    await page.locator('#app').screenshot({ path: join(repositoryRoot(), 'test/e2e/screenshots/report-recipe.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
