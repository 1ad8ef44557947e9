/**
 * The playground where it lives: a side bar from 280 px up. At 280, 400 and 800 px there is no
 * horizontal scrollbar, every formula is whole (nothing clipped, nothing scrolled), every chart is inside the
 * width; and a simulation gives a first estimate with error bars before the final result, restarts instead of
 * running stale when a control moves, and is cancelled cleanly.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser';
import { openPage } from './pages';
import { repositoryRoot, startSite, type Site } from './site';

const SCREENSHOTS = join(repositoryRoot(), 'test/e2e/screenshots');

let site: Site;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  site = await startSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Every element wider than the page, every formula line whose content overflows its box, every chart past the edge. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const line of document.querySelectorAll<HTMLElement>('[data-testid^="formula-"] > div')) {
      const box = line.getBoundingClientRect();
      if (line.scrollWidth > line.clientWidth + 1) problems.push(`formula clipped: ${line.textContent?.slice(0, 40)} (${line.scrollWidth} > ${line.clientWidth})`);
      for (const part of line.querySelectorAll<HTMLElement>('.katex-html > .base')) {
        const r = part.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`formula part outside its box: ${part.textContent?.slice(0, 30)}`);
      }
      if (box.right > width + 0.5 || box.left < -0.5) problems.push(`formula outside the page: ${line.textContent?.slice(0, 40)}`);
    }
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas')) {
      const r = canvas.getBoundingClientRect();
      if (r.right > width + 0.5 || r.width < 100) problems.push(`chart ${canvas.dataset.testid} spans ${r.left}–${r.right} of ${width}`);
    }
    return problems;
  });
}

describe('the playground in a side bar', () => {
  for (const width of [280, 400, 800]) {
    it(`fits ${width} px: no sideways scrolling, whole formulas, charts inside the width`, async () => {
      const { page, errors } = await openPage(browser, site, 'index.html?theme=dark', { width, height: 1000 });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid^="formula-"] .katex').length >= 4);
      expect(await layoutProblems(page)).toEqual([]);
      // A formula line still reads: it is not shrunk past the fitting floor.
      const smallest = await page.$$eval('[data-testid^="formula-"] > div', (lines) => Math.min(...lines.map((l) => parseFloat(getComputedStyle(l).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(7);
      await page.screenshot({ path: join(SCREENSHOTS, `playground-${width}px.png`), fullPage: true });
      // Dragging the side bar narrower re-fits the formulas.
      await page.setViewportSize({ width: Math.max(280, width - 100), height: 1000 });
      await page.waitForTimeout(200);
      expect(await layoutProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('progressive simulation', () => {
  it('shows a first estimate with error bars before the final result, and says which it shows', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?gpu=off', { width: 400, height: 1000 });
    const started = Date.now();
    await page.click('[data-testid="simulate"]');
    await page.waitForSelector('body[data-estimated="1"]', { timeout: 60_000 });
    const estimateSeconds = (Date.now() - started) / 1000;
    const status = await page.textContent('[data-testid="sim-status"]');
    // Either still refining, or (on a fast machine) already final: never a stale or missing state.
    expect(status).toMatch(/First estimate after [\d.]+ s \(bars: ±2 standard errors\); refining on cpu-worker…|Simulated on/);
    expect(await page.textContent('[data-testid="sim-result-update-rms"]')).toMatch(/simulated \S+ ± \S+ vs formula/);
    await page.waitForSelector('body[data-simulated="1"]', { timeout: 240_000 });
    const finalSeconds = (Date.now() - started) / 1000;
    expect(await page.textContent('[data-testid="sim-status"]')).toMatch(/Simulated on cpu-worker in [\d.]+ s \(first estimate after [\d.]+ s\)\./);
    expect(finalSeconds).toBeGreaterThan(estimateSeconds);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a control moved during a run stops it and starts again once the controls rest; Cancel stops both', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?gpu=off', { width: 400, height: 1000 });
    await page.click('[data-testid="simulate"]');
    await page.waitForSelector('body[data-estimated="1"]', { timeout: 60_000 });
    const slider = page.locator('[data-testid="control-beta1"]');
    await slider.focus();
    await slider.press('PageDown');
    expect(await page.textContent('[data-testid="sim-status"]')).toMatch(/Settings changed: the simulation starts again/);
    expect(await page.isEnabled('[data-testid="cancel"]')).toBe(true);
    // The restart's first estimate is for the new β1.
    await page.waitForSelector('body[data-estimated="2"]', { timeout: 60_000 });
    const beta1 = await page.inputValue('[data-testid="control-beta1-value"]');
    expect(await page.textContent('[data-testid="sim-result-update-rms"]')).toContain(`β1 = ${beta1}`);
    await page.click('[data-testid="cancel"]');
    expect(await page.textContent('[data-testid="sim-status"]')).toBe('Simulation cancelled.');
    expect(await page.isEnabled('[data-testid="simulate"]')).toBe(true);
    expect(await page.getAttribute('body', 'data-simulated')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
