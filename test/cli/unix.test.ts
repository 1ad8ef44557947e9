/**
 * `optlens` as a Unix tool: --version, binary input refused in one line, directories searched
 * with --include/--exclude, no flag listed twice in help, 3 significant digits in text (full in JSON),
 * a schedule switch shown as the schedule it selects.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeCommand } from '../../cli/analyze';
import { binaryReason, expandPaths, globToRegExp } from '../../cli/files';
import type { CliIO, Command } from '../../cli/io';
import { main } from '../../cli/main';
import { predictCommand } from '../../cli/predict';
import { simulateCommand } from '../../cli/simulate';
import { formatSignificant } from '../../core/format-number';

const CORPUS = join(__dirname, '../fixtures/corpus');
const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };

async function run(command: Command, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false,
    signal: new AbortController().signal };
  const code = await command(args, io);
  return { code, out, err };
}

/** A folder: two configs at different depths, one in node_modules, one binary file named like a config. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'optlens-unix-'));
  mkdirSync(join(root, 'sub/deeper'), { recursive: true });
  mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
  const yaml = readFileSync(join(CORPUS, 'trl/alignment-handbook-zephyr-7b-beta-dpo-config_full.yaml'));
  writeFileSync(join(root, 'top.yaml'), yaml);
  writeFileSync(join(root, 'sub/deeper/train.py'), readFileSync(join(CORPUS, 'nanogpt/train.py')));
  writeFileSync(join(root, 'node_modules/pkg/dep.yaml'), yaml);
  writeFileSync(join(root, 'notes.txt'), 'learning_rate: 1\n');
  const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
  writeFileSync(join(root, 'sub/model.json'), binary);
  return root;
}

describe('the CLI as a Unix tool', () => {
  test('--version prints the package version', async () => {
    const { code, out } = await run(main, ['--version']);
    expect(code).toBe(0);
    expect(out).toBe(`optlens ${pkg.version}\n`);
  });

  test('a directory is searched recursively, node_modules skipped, a binary file refused in one line', async () => {
    const root = tree();
    const { code, out, err } = await run(analyzeCommand, [root]);
    expect(out).toContain(join(root, 'top.yaml'));
    expect(out).toContain(join(root, 'sub/deeper/train.py'));
    expect(out).not.toContain('node_modules');
    expect(out).not.toContain('notes.txt');
    expect(err.trim().split('\n')).toEqual([`optlens analyze: ${join(root, 'sub/model.json')} is not a text config: binary data (a NUL byte at offset 0); skipped`]);
    expect(err).not.toContain('EISDIR');
    expect(code).toBe(2);
  });

  test('--include replaces the default set; --exclude adds to the skipped folders', async () => {
    const root = tree();
    const onlyPython = await run(analyzeCommand, [root, '--include', '**/*.py']);
    expect(onlyPython.code).toBe(0);
    expect(onlyPython.out).toContain('train.py');
    expect(onlyPython.out).not.toContain('top.yaml');
    const noSub = await run(analyzeCommand, [root, '--exclude', 'sub/**']);
    expect(noSub.out).toContain('top.yaml');
    expect(noSub.out).not.toContain('train.py');
    expect(noSub.err).toBe('');
    const none = await run(analyzeCommand, [root, '--include', '*.cfg']);
    expect(none.err).toContain('no config files under');
  });

  test('globs: ** spans folders, * stays in one, a bare pattern matches at any depth, braces alternate', () => {
    expect(globToRegExp('**/*.yaml').test('a/b/c.yaml')).toBe(true);
    expect(globToRegExp('**/*.yaml').test('c.yaml')).toBe(true);
    expect(globToRegExp('sub/*.yaml').test('sub/a/c.yaml')).toBe(false);
    expect(globToRegExp('*.{yml,toml}').test('x/y.toml')).toBe(true);
    expect(globToRegExp('*.{yml,toml}').test('x/y.json')).toBe(false);
    expect(globToRegExp('conf?.json').test('conf1.json')).toBe(true);
    const root = tree();
    expect(expandPaths([join(root, 'sub')], { include: ['**/*.py'], exclude: [] }).files).toEqual([join(root, 'sub/deeper/train.py')]);
  });

  test('binary detection: NUL bytes or mostly control bytes; UTF-8 text with tabs passes', () => {
    expect(binaryReason(new TextEncoder().encode('lr: 1e-3\n\tβ1: 0.9\r\n'))).toBeNull();
    expect(binaryReason(new Uint8Array([108, 114, 0, 58]))).toContain('NUL');
    expect(binaryReason(new Uint8Array(100).fill(27))).toContain('control bytes');
  });

  test('no flag is listed twice in any help', async () => {
    for (const command of [predictCommand, simulateCommand, analyzeCommand]) {
      const { out } = await run(command, ['--help']);
      const flags = [...out.matchAll(/^\s+(--[a-z0-9-]+)/gm)].map((m) => m[1]);
      expect(flags.length).toBeGreaterThan(3);
      expect(new Set(flags).size, out).toBe(flags.length);
    }
  });

  test('text output: 3 significant digits; JSON keeps full precision', async () => {
    const args = ['--lr', '1e-3', '--weight-decay', '0.1', '--steps', '30000', '--batch-size', '512', '--noise-scale', '1876.3565924922802'];
    const text = (await run(predictCommand, args)).out;
    for (const number of text.match(/\b\d+\.\d+\b/g) ?? []) expect(number.replace(/^0\.0*/, '').replace('.', '').length, number).toBeLessThanOrEqual(3);
    const json = JSON.parse((await run(predictCommand, [...args, '--json'])).out) as { surge: { threshold: number } };
    expect(String(json.surge.threshold).replace('.', '').length).toBeGreaterThan(6);
  });

  test("nanoGPT's decay_lr = True reads as the cosine schedule it selects, never as 'true'", async () => {
    const { out } = await run(analyzeCommand, [join(CORPUS, 'nanogpt/train.py')]);
    expect(out).toMatch(/schedule\s+cosine \(decay_lr = true\)/);
    expect(out).toMatch(/τ 16700 steps \(2\.78% of the run\)/);
  });

  test('formatSignificant: three digits, exact counts, exponents outside [1e-3, 1e5)', () => {
    expect(formatSignificant(1876.3565924922802)).toBe('1880');
    expect(formatSignificant(0.22941)).toBe('0.229');
    expect(formatSignificant(512)).toBe('512');
    expect(formatSignificant(4.6e-6)).toBe('4.6e-6');
    expect(formatSignificant(123456.7)).toBe('1.23e5');
  });
});
