/** `optlens analyze`: its JSON (one FileAnalysis per file), SARIF 2.1.0 for code scanning, text, flags and exit codes.
 * */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeCommand } from '../../cli/analyze';
import type { JsonFile } from '../../cli/analyze-json';
import { UsageError, type CliIO } from '../../cli/io';

const CORPUS = join(__dirname, '../fixtures/corpus');
const dir = mkdtempSync(join(tmpdir(), 'optlens-analyze-'));
const AXOLOTL_IGNORED = join(dir, 'axolotl.yml');
writeFileSync(AXOLOTL_IGNORED, 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 2\noptimizer: adamw_torch\nadam_eps: 1e-6\nlearning_rate: 0.0001\n');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false,
    signal: new AbortController().signal };
  const code = await analyzeCommand(args, io);
  return { code, out, err };
}

describe('--format json', () => {
  test('the JSON shape: values at their lines, defaults with their source', async () => {
    const { code, out } = await run([join(CORPUS, 'axolotl/phi2-ft.yml'), '--json', '--world-size', '8']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { files: JsonFile[] };
    const [file] = parsed.files;
    expect(Object.keys(file ?? {})).toEqual(['path', 'format', 'ecosystem', 'ecosystemEvidence', 'optimizers', 'findings']);
    expect(file).toMatchObject({ format: 'yaml', ecosystem: 'axolotl' });
    expect(file?.ecosystemEvidence).toMatchObject({ certainty: 'recognised', name: 'axolotl' });
    expect(file?.ecosystemEvidence.signals).toContainEqual({ kind: 'key', text: 'base_model' });
    expect(file?.ecosystemEvidence.summary).toMatch(/^Looks like axolotl \(keys: `base_model`/);
    const [opt] = file?.optimizers ?? [];
    // phi2-ft.yml's cosine schedule adds where it ends (scheduleEnd).
    expect(Object.keys(opt ?? {})).toEqual(['name', 'implementation', 'line', 'hyperparameters', 'predictions', 'recipe',
      'scheduleEnd']);
    expect(opt).toMatchObject({ name: 'adamw_torch_fused', line: 36 });
    expect(opt?.hyperparameters.lr).toEqual({
      value: 3e-6, line: 41, raw: '0.000003', key: 'learning_rate', source: 'written',
      via: { rule: 'table', keyPath: 'learning_rate', confidence: 'high', reason: 'the axolotl spelling `learning_rate`' },
    });
    expect(opt?.hyperparameters.beta1).toMatchObject({ value: 0.9, line: null, source: 'default' });
    expect(opt?.hyperparameters.beta1?.defaultFrom).toContain('TrainingArguments');
    expect(opt?.hyperparameters.globalBatchSize).toMatchObject({ value: 16, source: 'derived', derivedFrom: ['microBatchSize', 'gradAccum', 'worldSize'] });
    expect(opt?.predictions?.updateRms).toBeGreaterThan(0);
  });

  test('a file read by names: each value says how, the name how it was found, the defaults the prediction assumed',
    async () => {
      const generic = join(dir, 'by-names.yaml');
      writeFileSync(generic, 'optimizer:\n  name: adamw\n  learning_rate: 3.0e-4\n  adam_b2: 0.95\n');
      const [file] = (JSON.parse((await run([generic, '--json'])).out) as { files: JsonFile[] }).files;
      expect(file?.ecosystemEvidence).toEqual({ certainty: 'none', signals: [],
        summary: 'No framework recognised: each value is read by what its name means.' });
      const [opt] = file?.optimizers ?? [];
      expect(opt?.hyperparameters.beta2?.via).toMatchObject({ rule: 'role', keyPath: 'optimizer.adam_b2', confidence: 'high' });
      expect(opt?.assumed).toEqual({ source: 'torch.optim.AdamW defaults (PyTorch docs)',
        values: { beta1: 0.9, eps: 1e-8, weightDecay: 0.01 } });
      const { out } = await run([generic]);
      expect(out).toContain('No framework recognised');
      expect(out).toMatch(/beta2\s+0\.95\s+line 4\s+optimizer\.adam_b2\s+\(read by its name: likely\)/);
      expect(out).toContain('Assumed, as neither the file nor a framework table gives them: β1 `0.9`');
    });

  test('findings carry code, severity, 1-based line and message', async () => {
    const { out, code } = await run([AXOLOTL_IGNORED, '--format', 'json']);
    expect(code).toBe(0);
    const finding = (JSON.parse(out) as { files: JsonFile[] }).files[0]?.findings.find((f) => f.code === 'ignored-key');
    expect(finding).toMatchObject({ code: 'ignored-key', severity: 'warning', line: 5 });
    expect(Object.keys(finding ?? {})).toEqual(['code', 'severity', 'line', 'message']);
  });
});

describe('--format sarif', () => {
  test('SARIF 2.1.0 that GitHub code scanning accepts', async () => {
    const { out } = await run([AXOLOTL_IGNORED, join(CORPUS, 'nemo/megatron_gpt_config.yaml'), '--format', 'sarif']);
    const sarif = JSON.parse(out) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } }; results:
        Record<string, unknown>[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif-2.1.0');
    const [runEntry] = sarif.runs;
    expect(runEntry?.tool.driver.name).toBe('OptLens');
    const ruleIds = runEntry?.tool.driver.rules.map((r) => r.id) ?? [];
    expect(ruleIds).toContain('ignored-key');
    for (const rule of runEntry?.tool.driver.rules ?? []) expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    const results = runEntry?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(ruleIds).toContain(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      const loc = (r.locations as { physicalLocation: {
        artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[])[0];
      expect(loc?.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc?.physicalLocation.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(loc?.physicalLocation.artifactLocation.uri).not.toMatch(/\\/);
      // Files under the working directory are relative to %SRCROOT%; any other is an absolute file: URI.
      expect(loc?.physicalLocation.artifactLocation.uri).toMatch(/^(file:\/\/|test\/fixtures\/)/);
    }
    const ignored = results.find((r) => r.ruleId === 'ignored-key') as { locations: { physicalLocation: { region: { startLine: number; startColumn: number; endColumn: number } } }[] };
    expect(ignored.locations[0]?.physicalLocation.region).toMatchObject(
      { startLine: 5, startColumn: 11, endColumn: 15 });
  });
});

test('SARIF: a file under the working directory is relative to %SRCROOT%', async () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { out } = await run(['axolotl.yml', '--format', 'sarif']);
    const result = (JSON.parse(out) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] }).runs[0]?.results[
        0];
    expect(result?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'axolotl.yml', uriBaseId: '%SRCROOT%' });
  } finally {
    process.chdir(cwd);
  }
});

describe('text, flags and exit codes', () => {
  test('text names each value with its line and key', async () => {
    const { out } = await run([join(CORPUS, 'torchtitan/llama3_8b.toml')]);
    expect(out).toMatch(/lr\s+3e-4\s+line 25\s+optimizer\.lr/);
    expect(out).toMatch(/beta2\s+0\.95\s+default/);
  });

  test('--fail-on decides the exit code', async () => {
    expect((await run([AXOLOTL_IGNORED])).code).toBe(0);
    expect((await run([AXOLOTL_IGNORED, '--fail-on', 'warning'])).code).toBe(1);
    expect((await run([AXOLOTL_IGNORED, '--fail-on', 'never'])).code).toBe(0);
  });

  test('an unreadable file is reported and exits 2; the others are still analysed', async () => {
    const { code, err, out } = await run([join(dir, 'missing.yaml'), AXOLOTL_IGNORED, '--json']);
    expect(code).toBe(2);
    expect(err).toContain('missing.yaml');
    expect((JSON.parse(out) as { files: JsonFile[] }).files).toHaveLength(1);
  });

  test.each([
    [['--format', 'xml', 'a.yaml'], '--format'],
    [['--world-size', '0', 'a.yaml'], '--world-size'],
    [['--noise-scale', 'lots', 'a.yaml'], '--noise-scale'],
    [['--fail-on', 'info', 'a.yaml'], '--fail-on'],
    [[], 'FILE'],
  ])('bad flags are usage errors naming the flag: %j', async (args, flag) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(flag);
  });
});
