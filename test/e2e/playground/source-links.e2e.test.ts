/**
 * The Source lines of the playground's formula cards and of the report page's charts in headless Chromium, under
 * the webview CSP: each cited section is a link, reached with Tab and followed with a click or Enter, that posts
 * the one message the host accepts for it (the host's own validator reads it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlaygroundToHost, validateReportToHost } from '../../../core/webview-messages-validate';
import { launchChromium } from '../browser';
import { openPage, posted } from './pages';
import { startSite, type Site } from './site';

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

/** The page's posts that ask to open the reference, in order. */
async function opened(page: Page): Promise<unknown[]> {
  return (await posted(page)).filter((m) => (m as { type?: string } | null)?.type === 'openScienceReference');
}

describe('Source links', () => {
  it('each section of a formula card\'s source opens the reference there, by click and by Enter', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html');
    for (const id of ['update-rms', 'weight-rms', 'surge', 'eps']) {
      const source = page.locator(`[data-testid="source-${id}"]`);
      const links = source.locator('a.section-link');
      expect(await links.count(), id).toBeGreaterThan(0);
      // The text reads as before: "Source: science.md §…", with every section a link.
      const text = await source.textContent();
      expect(text).toMatch(/^Source: science\.md §\d/);
      expect(await links.allTextContents()).toEqual(text?.match(/§+\s*\d+(?:\.\d+)*[a-z]?/g));
    }
    const link = page.locator('[data-testid="source-weight-rms"] a.section-link').first();
    const section = await link.getAttribute('data-section');
    await link.click();
    await page.waitForFunction(() => window.optlensHarness.received.some((m) => m?.type === 'openScienceReference'));
    const [clicked] = await opened(page);
    expect(clicked).toEqual({ type: 'openScienceReference', section });
    expect(validatePlaygroundToHost(clicked)).toEqual(clicked);

    // Keyboard: Tab reaches the link, its focus is drawn, Enter follows it.
    const other = page.locator('[data-testid="source-surge"] a.section-link').first();
    const otherSection = await other.getAttribute('data-section');
    await page.locator('[data-testid="source-weight-rms"] a.section-link').last().focus();
    for (let i = 0; i < 40 && !(await other.evaluate((a) => a === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await other.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await other.evaluate((a) => a.matches(':focus-visible') && getComputedStyle(a).outlineStyle !== 'none'))
      .toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => window.optlensHarness.received.filter((m) => m?.type === 'openScienceReference').length === 2);
    expect((await opened(page))[1]).toEqual({ type: 'openScienceReference', section: otherSection });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report page\'s chart sources are the same links', async () => {
    const { page, errors } = await openPage(browser, site, 'report.html');
    const link = page.locator('.card .source a.section-link').first();
    const section = await link.getAttribute('data-section');
    expect(section).toMatch(/^\d+(\.\d+)*[a-z]?$/);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.optlensHarness.received.some((m) => m?.type === 'openScienceReference'));
    const [message] = await opened(page);
    expect(message).toEqual({ type: 'openScienceReference', section });
    expect(validateReportToHost(message)).toEqual(message);
    expect(errors).toEqual([]);
    await page.close();
  });
});
