/**
 * The playground's Recipe panel in headless Chromium under the webview CSP: bound to the harness's config (with a
 * recipe context), it shows the weight-decay timescale, its place against the guideline, the scaling-law chart and
 * table; moving the λ slider moves τ_iter and the verdict (the numbers follow the controls), and the recommended λ
 * button sets the control and writes the value back.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('the Recipe panel', () => {
  it('renders the timescale, the gauge and the scaling laws, and follows the λ slider', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html');
    const tau = '[data-testid="recipe-tau-iter"] td';
    // lr 1e-3, λ 0.1: τ_iter = 1/(ηλ) = 10,000 steps, half the 20,000-step run; Power Lines' fit at 14 tokens per
    // parameter is 27%, so the config is within a factor 2 of it.
    await page.waitForFunction((s) => document.querySelector(s)?.textContent === '10000 steps', tau);
    expect(await page.textContent('[data-testid="recipe-verdict"]')).toMatch(/^Within the recommended range: .*τ_EMA = 50% of the run/);
    expect(await page.isVisible('[data-testid="recipe-gauge-band"]')).toBe(true);
    expect(await page.locator('[data-testid="recipe-laws-table"] tbody tr').count()).toBe(2);
    expect(await page.textContent('[data-testid="recipe-law-regimes"]')).toMatch(/DeepSeek LLM: fitted on .*Step Law \(StepFun\): fitted on/);
    expect(await inkShare(page, '[data-testid="recipe-law-chart"]')).toBeGreaterThan(0.01);
    expect(await page.isHidden('[data-testid="recipe-muon"]')).toBe(true);

    const slider = page.locator('[data-testid="control-weightDecay"]');
    await slider.focus();
    // Page Down moves a range input by a tenth of its range: λ from 0.1 to about 0.04 on the log scale 1e-4 … 1.
    await slider.press('PageDown');
    const lambda = Number(await page.inputValue('[data-testid="control-weightDecay-value"]'));
    await page.waitForFunction((s) => document.querySelector(s)?.textContent !== '10000 steps', tau);
    expect(await page.textContent(tau)).toBe(`${Number((1 / (1e-3 * lambda)).toPrecision(3))} steps`);
    expect(await page.textContent('[data-testid="recipe-verdict"]')).toMatch(/^Longer than recommended: .*Weight decay λ ≈ [\d.]+ would put it there\./);
    await page.screenshot({ path: join(repositoryRoot(), 'test/e2e/screenshots/playground-recipe.png'), fullPage: true });
    // The quick fix sets the recommended λ in the control, writes it into the file, and puts the config in range.
    const proposed = Number(await page.getAttribute('[data-testid="recipe-apply-lambda"]', 'data-value'));
    await page.click('[data-testid="recipe-apply-lambda"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="recipe-verdict"]')?.textContent?.startsWith('Within') === true);
    expect(Number(await page.inputValue('[data-testid="control-weightDecay-value"]'))).toBe(proposed);
    await page.waitForFunction((v) => window.optlensHarness.received.some((m) => m?.type === 'apply' && m.param === 'weightDecay' && m.value === v), proposed);
    expect(await page.isHidden('[data-testid="recipe-apply-lambda"]')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
