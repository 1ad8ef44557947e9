/**
 * The playground page in headless Chromium, under the webview's real CSP (header and meta), through the
 * harness that stands in for VS Code: controls move the charts and write back, state survives a reload,
 * simulations finish on the CPU worker and on WebGL2 (SwiftShader), no console errors, and screenshots in
 * light, dark and high-contrast themes checked by their pixels.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser';
import { contrastingShare, medianLuminance, pngLuminance } from './png';
import { chartPixels, inkShare, openPage, posted, simulate } from './pages';
import { repositoryRoot, startSite, type Site } from './site';

const SCREENSHOTS = join(repositoryRoot(), 'test/e2e/screenshots');
const CHARTS = ['update-rms', 'weight-rms', 'surge', 'eps'];
/** What a simulated-vs-formula line looks like: "β1 = 0.9: simulated 0.2291 ± 0.0004 vs formula 0.229: agrees (…)". */
const COMPARISON = /simulated \d+\.\d+ ± \d+\.\d+ vs formula \d+\.\d+: (agrees|off by|too noisy|disagrees)/;

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

describe('the playground page', () => {
  it('draws the four charts and their formulas, bound to the config, without console errors', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html');
    expect(await page.textContent('[data-testid="binding"]')).toContain('hf-sft.yaml');
    for (const id of CHARTS) {
      expect(await inkShare(page, `[data-testid="chart-${id}"]`)).toBeGreaterThan(0.01);
      expect(await page.locator(`[data-testid="formula-${id}"] .katex`).count()).toBeGreaterThan(0);
      expect(await page.textContent(`[data-testid="source-${id}"]`)).toMatch(/science\.md §\d/);
    }
    // The framework default is labelled as such.
    expect(await page.textContent('[data-param="beta1"] .origin')).toBe('framework default');
    expect((await posted(page))[0]).toEqual({ type: 'ready' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves the charts and the formula with the β1 slider, and writes the settled value back', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html');
    const before = await chartPixels(page, 'update-rms');
    const formulaBefore = await page.textContent('[data-testid="formula-update-rms"]');
    const slider = page.locator('[data-testid="control-beta1"]');
    await slider.focus();
    // Page Down moves a range input by a tenth of its range: β1 from 0.9 to about 0.8.
    await slider.press('PageDown');
    const value = Number(await page.inputValue('[data-testid="control-beta1-value"]'));
    expect(value).toBeGreaterThan(0.75);
    expect(value).toBeLessThan(0.85);
    await page.waitForFunction((text) => document.querySelector('[data-testid="formula-update-rms"]')?.textContent !== text, formulaBefore);
    expect(await chartPixels(page, 'update-rms')).not.toBe(before);
    // The write-back goes out once the value settles, and the host's re-bind marks it as written.
    await page.waitForFunction(() => window.optlensHarness.received.some((m) => m !== null && m.type === 'apply'));
    const apply = (await posted(page)).find((m) => (m as { type?: string } | null)?.type === 'apply');
    expect(apply).toMatchObject({ type: 'apply', uri: 'file:///workspace/examples/hf-sft.yaml', optimizerIndex: 0, param: 'beta1', value });
    await page.waitForFunction(() => document.querySelector('[data-param="beta1"] .origin')?.textContent === 'in file');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves a control when the host re-binds (an edit in the file), and takes typed values', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html');
    await page.evaluate(() => {
      const h = window.optlensHarness;
      if (!h.bound) throw new Error('no binding');
      h.send({ type: 'bind', config: { ...h.bound, params: { ...h.bound.params, beta2: 0.95 } } });
    });
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="control-beta2-value"]')?.value === '0.95');
    // A hover's "open in playground" focuses the control; a message of the wrong shape is ignored.
    await page.evaluate(() => window.optlensHarness.send({ type: 'focus', param: 'eps' }));
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'control-eps');
    await page.evaluate(() => window.optlensHarness.send({ type: 'bind', config: { uri: 42 } }));
    expect(await page.inputValue('[data-testid="control-beta2-value"]')).toBe('0.95');
    await page.fill('[data-testid="control-eps-value"]', '1e-3');
    await page.press('[data-testid="control-eps-value"]', 'Enter');
    await page.waitForFunction(() => window.optlensHarness.received.some((m) => m !== null && m.type === 'apply' && m.param === 'eps' && m.value === 1e-3));
    await page.fill('[data-testid="control-eps-value"]', 'abc');
    await page.press('[data-testid="control-eps-value"]', 'Enter');
    expect(await page.getAttribute('[data-testid="control-eps-value"]', 'aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps its values across a reload through getState/setState', async () => {
    const { page } = await openPage(browser, site, 'index.html?bind=0');
    await page.locator('[data-testid="control-lr"]').focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => (document.querySelector('[data-testid="control-lr-value"]') as HTMLInputElement).value === '1e-5');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.inputValue('[data-testid="control-lr-value"]')).toBe('1e-5');
    await page.close();
  });

  it('runs a simulation in the CPU worker, shows it beside each formula, and cancels', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?gpu=off');
    expect(await page.textContent('[data-testid="backend"]')).toBe('cpu-worker');
    await simulate(page);
    expect(await page.textContent('[data-testid="sim-status"]')).toMatch(/Simulated on cpu-worker in [\d.]+ s/);
    for (const id of ['update-rms', 'weight-rms', 'eps']) expect(await page.textContent(`[data-testid="sim-result-${id}"]`)).toMatch(COMPARISON);
    expect(await page.textContent('[data-testid="sim-result-surge"]')).toMatch(/Monte Carlo/);
    // Adam's update RMS at β1 = 0.9, β2 = 0.999: science.md §1.1 holds within 3 s.e. or 5% (§6).
    expect(await page.getAttribute('[data-testid="sim-result-update-rms"] span', 'class')).toBe('gap-ok');
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-simulated-light.png'), fullPage: true });
    await page.click('[data-testid="simulate"]');
    await page.click('[data-testid="cancel"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-status"]')?.textContent === 'Simulation cancelled.');
    expect(await page.isEnabled('[data-testid="simulate"]')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says in the weight-RMS card why a 10¹²-step run is not simulated, and keeps the formula curve', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?gpu=off');
    // The host re-binds the config with max_steps: 1e12, as after an edit of the file.
    await page.evaluate(() => {
      const bound = window.optlensHarness.bound;
      if (bound) window.optlensHarness.send({ type: 'bind', config: { ...bound, params: { ...bound.params, steps: 1e12 } } });
    });
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid="control-steps-value"]') as HTMLInputElement).value === '1e12');
    await simulate(page);
    const card = page.locator('[data-testid="sim-result-weight-rms"]');
    expect(await card.getAttribute('data-state')).toBe('refused');
    expect(await card.isVisible()).toBe(true);
    expect(await card.textContent()).toMatch(
      /^Not simulated: this run is 1e12 steps: .* past the 4e8 element-steps OptLens simulates; lower the steps to at most 1\.56e6/);
    expect(await inkShare(page, '[data-testid="chart-weight-rms"]')).toBeGreaterThan(0.01);
    // The other charts still get their simulated points.
    expect(await page.textContent('[data-testid="sim-result-update-rms"]')).toMatch(COMPARISON);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows why Simulate Current Config refused the bound config\'s run, in the weight-RMS card', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?gpu=off');
    const message = 'this run is 1e12 steps: even its smallest simulation (256 coordinates × 1e12 steps = 2.56e14 '
      + 'element-steps) is past the 4e8 element-steps OptLens simulates; lower the steps to at most 1.56e6 to simulate a '
      + 'shorter run';
    await page.evaluate((m) => {
      const bound = window.optlensHarness.bound;
      if (bound) window.optlensHarness.send({ type: 'simulationRefused', refusal: { uri: bound.uri, optimizerIndex: 0, message: m } });
    }, message);
    const card = page.locator('[data-testid="sim-result-weight-rms"]');
    await card.getByText('Simulate Current Config: not simulated: this run is 1e12 steps').waitFor();
    expect(await card.textContent()).toContain(`Simulate Current Config: not simulated: ${message}.`);
    expect(await page.textContent('[data-testid="sim-result-update-rms"]')).not.toContain('Simulate Current Config');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`is readable in the ${theme} theme (screenshot pixels)`, async () => {
      const { page, errors } = await openPage(browser, site, `index.html?theme=${theme}`);
      const png = await page.screenshot({ path: join(SCREENSHOTS, `playground-${theme}.png`), fullPage: true });
      const l = pngLuminance(png);
      const background = medianLuminance(l);
      if (theme === 'light') expect(background).toBeGreaterThan(0.85);
      else expect(background).toBeLessThan(0.05);
      // Text, controls and chart strokes: a few percent of the page, at 3:1 contrast or more.
      const share = contrastingShare(l, background);
      expect(share).toBeGreaterThan(0.02);
      expect(share).toBeLessThan(0.4);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('fits a side bar 400 px wide', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?theme=dark', { width: 400, height: 900 });
    // Nothing wider than the view: no horizontal scrolling in the side bar.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    const l = pngLuminance(await page.screenshot({ path: join(SCREENSHOTS, 'playground-sidebar-dark.png'), fullPage: true }));
    expect(medianLuminance(l)).toBeLessThan(0.05);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('re-colours the charts when the theme changes, without a reload', async () => {
    const { page, errors } = await openPage(browser, site, 'index.html?theme=light');
    const light = await chartPixels(page, 'surge');
    await page.evaluate(() => window.optlensHarness.setTheme('dark'));
    await page.waitForFunction((before) => (document.querySelector('[data-testid="chart-surge"]') as HTMLCanvasElement).toDataURL() !== before, light);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the playground on WebGL2', () => {
  let webgl: Browser;
  beforeAll(async () => {
    webgl = await launchChromium({ webgl: true });
  });
  afterAll(async () => {
    await webgl?.close();
  });

  it('runs the simulation through gpu.js on WebGL2 under the strict CSP', async () => {
    const { page, errors } = await openPage(webgl, site, 'index.html?theme=dark');
    expect(await page.textContent('[data-testid="backend"]')).toMatch(/^gpu:webgl2/);
    await simulate(page);
    expect(await page.textContent('[data-testid="sim-status"]')).toMatch(/gpu:webgl2/);
    expect(await page.textContent('[data-testid="sim-result-weight-rms"]')).toMatch(COMPARISON);
    // The GPU's float32 trajectory agrees with science.md §2.4 (within 3 s.e. or 5%; the seed is fixed).
    expect(await page.getAttribute('[data-testid="sim-result-weight-rms"] span', 'class')).toBe('gap-ok');
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-simulated-dark.png'), fullPage: true });
    writeFileSync(join(SCREENSHOTS, 'playground-webgl-status.txt'), `${await page.textContent('[data-testid="sim-status"]')}\n`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
