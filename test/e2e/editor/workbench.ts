/**
 * Driving a real VS Code workbench (code-server) in headless Chromium like a user: quick open, the
 * command palette, hovers, and webviews (two iframes deep, so every frame is searched). Every wait is on
 * a condition with a deadline; nothing sleeps for a fixed time.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { chromiumExecutable } from '../browser';

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its crash reporter and temp files kept inside it, so nothing is left in $HOME
 * or /tmp), opened on the workbench at `url` with `folder`.
 */
export async function openWorkbench(url: string, folder: string): Promise<Workbench> {
  const profile = mkdtempSync(join(tmpdir(), 'optlens-e2e-chromium-'));
  mkdirSync(join(profile, 'tmp'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: true,
    viewport: { width: 1500, height: 950 },
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg'), XDG_CACHE_HOME: join(profile, 'cache'), TMPDIR: join(profile, 'tmp') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-breakpad'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message.slice(0, 300)));
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 120_000 });
  return {
    page,
    context,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than null/undefined/false, or throws `what` at the deadline. */
export async function waitFor<T>(
  what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  // With a report open beside it there are two editor groups, each with an active tab: check the focused group's.
  await page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
}

/**
 * Runs a command from the palette (F1) by its full title ("OptLens: Open Playground"). Extension commands
 * appear only once the extension host has registered them, so it retries until the exact row shows.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: title }) }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      // The fuzzy list may rank a longer title first: pick the row whose label is exactly the title.
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const count = await rows.count();
      for (let i = 0; i < count; i++) {
        const label = (await rows.nth(i).locator('.label-name').first().innerText()).replace(/\s+/g, ' ').trim();
        if (label === title) {
          await rows.nth(i).click();
          return;
        }
      }
      throw new Error(`no palette row labelled exactly '${title}'`);
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`command not in the palette: ${title} (${String(error)})`);
    }
  }
}

/** Every frame of the page whose document matches `selector` (webview content lives in nested iframes). */
export async function framesWith(page: Page, selector: string): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    try {
      if (await frame.$(selector)) found.push(frame);
    } catch {
      // a frame that is navigating or detached: skip it this round
    }
  }
  return found;
}

/** Waits for a frame holding `selector` and returns it. */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  return waitFor(`a webview frame with ${selector}`, async () => (await framesWith(page, selector))[0], timeoutMs);
}

/**
 * The text of the editor's visible lines (inlay hints are injected text and appear in it). Monaco renders
 * spaces as no-break spaces; they are turned back into spaces.
 */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Drags the side bar's edge until the side bar is `width` pixels wide (the playground reads better wide). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('no side bar to widen');
  const edge = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}
