/**
 * Hostile input, class "injection": config text is data wherever OptLens shows it. An optimizer name holding
 * Markdown (a fake command link, a remote image that would act as a beacon, raw HTML) reaches the hover only
 * escaped, so the only links in a hover are the ones OptLens builds; a config value holding terminal escape
 * sequences reaches the terminal as text from `optlens analyze`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalSafe } from '../../cli/io';
import { startTestClient, type TestClient } from './lsp/harness';

const URI = 'file:///w/hostile.yaml';
const FAKE_LINK = '[Open in playground](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)';
const BEACON = '![x](https://attacker.example/beacon.png)';
/** A key no framework knows, quoted back by its finding: config text that the hover on its line shows. */
const HOSTILE = `optimizer:\n  type: AdamW\n  "lr ${FAKE_LINK} ${BEACON} <img src=https://attacker.example/b.png>": 3.0e-4\n  lr: 3.0e-4\n  weight_decay: 0.1\n`;

describe('hover Markdown', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('carries config text only escaped: no link, image or HTML from the file', async () => {
    client = await startTestClient();
    client.open(URI, 'yaml', HOSTILE);
    const texts: string[] = [];
    for (let line = 0; line < HOSTILE.split('\n').length; line++) {
      const position = { line, character: 4 };
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position });
      if (hover) texts.push((hover.contents as MarkupContent).value);
    }
    expect(texts.length).toBeGreaterThan(0);
    for (const markdown of texts) {
      expect(markdown).not.toContain('](command:workbench');
      expect(markdown).not.toContain('![');
      expect(markdown).not.toContain('<img');
      // Every command link is one of OptLens's own.
      for (const m of markdown.matchAll(/\]\(command:([\w.]+)/g)) expect(m[1]).toMatch(/^optlens\./);
      // No link to anywhere outside the editor.
      expect(markdown).not.toMatch(/\]\(https?:/);
    }
  });
});

describe('CLI text output', () => {
  it('terminalSafe writes control characters as \\xNN and keeps newlines and tabs', () => {
    expect(terminalSafe('a\u001b]8;;https://x\u0007b\u001b[2Jc\r\u009b\n\td')).toBe('a\\x1b]8;;https://x\\x07b\\x1b[2Jc\\x0d\\x9b\n\td');
  });

  it('`optlens analyze` prints no ESC from a config value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optlens-cli-'));
    const cli = join(dir, 'cli.js');
    await esbuild.build({
      entryPoints: [resolve(__dirname, '../../cli/main.ts')], outfile: cli,
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'silent',
    });
    const config = join(dir, 'config.yaml');
    writeFileSync(config, 'optimizer:\n  type: "AdamW\u001b]0;pwned\u0007\u001b[2J"\n  lr: 3.0e-4\n  weight_decay: 0.1\n');
    const run = spawnSync('node', [cli, 'analyze', config], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(run.stdout).toContain('AdamW');
  });
});
