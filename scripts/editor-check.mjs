// `npm start`'s non-interactive check: the editor answers with OptLens active. Opens the workbench in headless
// Chromium with a throw-away profile, opens one example through Quick Open as a user would, and waits until
// OptLens's inlay hint ("update RMS ≈ …") is in the editor's text: proof that the extension activated, its
// language server started and answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './prerequisites.mjs';

/** Resolves to the hint text seen; rejects with what was on screen when it does not appear in time. */
export async function checkOptLensActive(url, file, timeoutMs = 180_000) {
  const profile = mkdtempSync(join(tmpdir(), 'optlens-start-check-'));
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg'), XDG_CACHE_HOME: join(profile, 'cache'), TMPDIR: profile },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-breakpad'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(file);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    const lines = page.locator('.monaco-editor .view-lines').first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = (await lines.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      const hint = /update RMS ≈ [\d.]+/.exec(text);
      if (hint) return hint[0];
      if (Date.now() > deadline) throw new Error(`no OptLens inlay hint in ${file} after ${timeoutMs / 1000} s; the editor showed:\n${text.slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
