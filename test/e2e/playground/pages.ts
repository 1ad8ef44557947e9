/**
 * Opening the harness pages in Chromium for the tests and the bench, with every console error and page
 * error collected (a CSP violation is a console error), and helpers to read the page's state.
 */
import type { Browser, Page } from 'playwright-core';
import type { Site } from './site';

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests, in order. */
  errors: string[];
}

export async function openPage(
  browser: Browser, site: Site, path: string, viewport = { width: 900, height: 1300 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(`${site.url}/harness/${path}`);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}

/** A chart's pixels as a data URL: two equal strings mean the chart did not change. */
export function chartPixels(page: Page, id: string): Promise<string> {
  return page.$eval(`[data-testid="chart-${id}"]`, (c) => (c as HTMLCanvasElement).toDataURL());
}

/** Share of a canvas's pixels that something was drawn on (alpha > 0). */
export function inkShare(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (!data) return 0;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) ink++;
    return ink / (data.length / 4);
  });
}

/** Messages the page posted to the (harness) host. */
export function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => window.optlensHarness.received);
}

/** Waits for the page's n-th finished simulation. */
export async function simulate(page: Page, n = 1, timeout = 240_000): Promise<void> {
  await page.click('[data-testid="simulate"]');
  await page.waitForSelector(`body[data-simulated="${n}"]`, { timeout });
}
