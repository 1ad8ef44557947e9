/**
 * A real third-party client: Neovim 0.7.2 (Debian) runs `node dist/server.js --stdio` and asks for a
 * hover, inlay hints and a code action, receives pushed diagnostics, and applies the fix with its own
 * edit code. Needs `nvim` on the PATH and a built server (`node scripts/build.mjs`, run by `npm ci`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingLine, onPath } from '../../../scripts/prerequisites.mjs';

const ROOT = resolve(__dirname, '../../..');
const SERVER = join(ROOT, 'dist/server.js');

/** An axolotl config without a noise-scale comment: Neovim supplies it through workspace/configuration. */
const CONFIG = [
  'base_model: microsoft/phi-2',
  'optimizer: adamw_torch_fused',
  'adam_beta1: 0.9',
  'adam_beta2: 0.95',
  'learning_rate: 0.001',
  'weight_decay: 0.1',
  'micro_batch_size: 64',
  'gradient_accumulation_steps: 4',
  'max_steps: 100000',
  '',
].join('\n');

interface NvimResults {
  errors: string[];
  diagnostics?: { code: string; message: string; codeDescription?: { href: string } }[];
  hover?: { contents: { kind: string; value: string } };
  hints?: { label: string; position: { line: number; character: number } }[];
  actions?: { title: string; isPreferred?: boolean }[];
  linesAfter?: string[];
  diagnosticsAfterFix?: { code: string }[];
}

describe('Neovim 0.7.2 over stdio', () => {
  let dir: string;
  let results: NvimResults;

  beforeAll(() => {
    expect(existsSync(SERVER), 'dist/server.js is missing: run `node scripts/build.mjs`').toBe(true);
    // `npm test` installs Neovim first where it may; run alone on a machine without it, say how to get it.
    if (!onPath('nvim')) throw new Error(missingLine(['neovim'], 'The Neovim test'));
    dir = mkdtempSync(join(tmpdir(), 'optlens-nvim-'));
    const file = join(dir, 'phi2-ft.yml');
    const out = join(dir, 'results.json');
    writeFileSync(file, CONFIG);
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'lsp-client.lua')}`], {
      env: { ...process.env, OPTLENS_OUT: out, OPTLENS_SERVER: SERVER, OPTLENS_FILE: file, OPTLENS_NOISE_SCALE: '1000' },
      timeout: 60_000,
      encoding: 'utf8',
    });
    expect(run.error?.message, 'nvim failed to start').toBeUndefined();
    expect(existsSync(out), `nvim wrote no results: ${run.stderr}`).toBe(true);
    results = JSON.parse(readFileSync(out, 'utf8')) as NvimResults;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the server and receives pushed diagnostics', () => {
    expect(results.errors).toEqual([]);
    const surge = results.diagnostics?.find((d) => d.code === 'surge-risk');
    expect(surge?.message).toContain('Batch size 256 is past the Surge threshold 58.8');
    expect(surge?.codeDescription?.href).toMatch(/#finding-surge-risk$/);
  });

  it('answers a hover with the formula', () => {
    expect(results.hover?.contents.kind).toBe('markdown');
    expect(results.hover?.contents.value).toContain('√((1 − 0.9)/(1 + 0.9)) = 0.229');
  });

  it('answers an inlay-hint request, though 0.7.2 does not advertise inlay hints', () => {
    // The numbers are the test; the hints' wording belongs to the server's hint module.
    const labels = results.hints?.map((h) => h.label) ?? [];
    for (const expected of [/update RMS ≈ 0\.23/, /weight RMS → 0\.071 in ~10k steps/, /Surge/]) {
      expect(labels.some((label) => expected.test(label)), `${String(expected)} in ${labels.join(' | ')}`).toBe(true);
    }
  });

  it('offers a code action whose edit Neovim applies to the one literal, clearing the diagnostic', () => {
    expect(results.actions?.find((a) => a.isPreferred)?.title).toBe('Set β1 0.9 → 0.71, the largest without Surge at this batch (costs: momentum averages ~3.4 steps instead of ~10, update RMS 0.229 → 0.412)');
    expect(results.linesAfter?.join('\n')).toBe(CONFIG.replace('adam_beta1: 0.9', 'adam_beta1: 0.71').replace(/\n$/, ''));
    expect(results.diagnosticsAfterFix?.some((d) => d.code === 'surge-risk')).toBe(false);
  });
});
