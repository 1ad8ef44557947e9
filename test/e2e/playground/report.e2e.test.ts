/**
 * The report page ("Analyze Current Config", "Export Report") in headless Chromium under the webview CSP,
 * fed by the harness's host: it renders the report's tables, charts, findings and notes, answers
 * `exportCharts` with one PNG per chart, and is readable in light and dark themes.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReportToHost } from '../../../core/webview-messages-validate';
import { launchChromium } from '../browser';
import { contrastingShare, medianLuminance, pngLuminance } from './png';
import { inkShare, openPage, posted } from './pages';
import { repositoryRoot, startSite, type Site } from './site';

const SCREENSHOTS = join(repositoryRoot(), 'test/e2e/screenshots');
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

describe('the report page', () => {
  it('renders the report and exports its charts as PNG data URLs', async () => {
    const { page, errors } = await openPage(browser, site, 'report.html');
    expect(await page.textContent('h1')).toBe('OptLens report: hf-sft.yaml');
    expect(await page.locator('table tr').count()).toBeGreaterThan(3);
    expect(await page.textContent('.findings')).toContain('surge-risk');
    for (const id of ['update-rms', 'eta-star']) expect(await inkShare(page, `[data-testid="report-chart-${id}"]`)).toBeGreaterThan(0.01);
    await page.evaluate(() => window.optlensHarness.send({ type: 'exportCharts', requestId: 7 }));
    await page.waitForFunction(() => window.optlensHarness.received.some((m) => m !== null && m.type === 'chartImages'));
    const reply = (await posted(page)).find((m) => (m as { type?: string } | null)?.type === 'chartImages');
    // The host's own validator accepts it: ids match the charts, each image a PNG data URL.
    const checked = validateReportToHost(reply);
    expect(checked?.type === 'chartImages' && checked.requestId).toBe(7);
    expect(checked?.type === 'chartImages' && checked.images.map((i) => i.id)).toEqual(['update-rms', 'eta-star']);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is readable in the ${theme} theme`, async () => {
      const { page, errors } = await openPage(browser, site, `report.html?theme=${theme}`);
      const l = pngLuminance(await page.screenshot({ path: join(SCREENSHOTS, `report-${theme}.png`), fullPage: true }));
      const background = medianLuminance(l);
      if (theme === 'light') expect(background).toBeGreaterThan(0.85);
      else expect(background).toBeLessThan(0.05);
      expect(contrastingShare(l, background)).toBeGreaterThan(0.01);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
