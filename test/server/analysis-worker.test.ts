/**
 * The worker-thread analyzer: runs the server bundle in worker mode and must give exactly the main
 * thread's analysis; a job past its time budget is stopped with a finding and the next job still runs;
 * newer versions of a file replace its queued one (latest version wins); closing a file drops its jobs; with no
 * worker to start, analysis falls back to the main thread.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { largeYaml } from '../../bench/lsp.bench';
import { workerAnalyzer } from '../../server/analysis-worker';
import { analyzeText } from '../../server/analyze';
import { AXOLOTL } from './lsp/fixtures';
import { serverBundle } from './server-bundle';

let script = '';
beforeAll(async () => {
  script = await serverBundle();
});

describe('workerAnalyzer', () => {
  it('analyses every text on a worker, with the same result as the main thread', async () => {
    const calls: string[] = [];
    const local: typeof analyzeText = (...args) => (calls.push(args[0]), analyzeText(...args));
    const analyze = workerAnalyzer(script, local, { bigFileChars: AXOLOTL.length });
    const settings = { noiseScale: 1000 };
    const [big, small] = await Promise.all([
      analyze(AXOLOTL, '/w/phi2-ft.yml', settings, { languageId: 'yaml' }),
      analyze(AXOLOTL.slice(0, -1), '/w/other.yml', settings, { languageId: 'yaml' }),
    ]);
    expect(big).toEqual(analyzeText(AXOLOTL, '/w/phi2-ft.yml', settings, { languageId: 'yaml' }));
    expect(big.findings.map((f) => f.code)).toContain('surge-risk');
    expect(small.optimizers).toHaveLength(1);
    // Nothing ran on the main thread.
    expect(calls).toEqual([]);
  });

  it('stops a job past its time budget with a finding, and the next job runs on a fresh worker', async () => {
    const analyze = workerAnalyzer(script, analyzeText, { budgetMs: 30 });
    // A 10,000-line YAML takes well over 30 ms (≈ 200 ms: bench/lsp.bench.ts).
    const stopped = await analyze(largeYaml(), '/w/large.yaml', {}, { languageId: 'yaml' });
    expect(stopped.optimizers).toEqual([]);
    expect(stopped.findings.map((f) => [f.code, f.severity])).toEqual([['analysis-stopped', 'warning']]);
    expect(stopped.findings[0]?.message).toMatch(/^analysis stopped: file too complex/);
    const generous = workerAnalyzer(script, analyzeText, { budgetMs: 20_000 });
    const next = await generous(AXOLOTL, '/w/phi2-ft.yml', {}, { languageId: 'yaml' });
    expect(next.ecosystem).toBe('axolotl');
  });

  it('keeps at most one queued job per file: the newest version wins and every caller gets its result', async () => {
    const analyze = workerAnalyzer(script, analyzeText);
    const big = largeYaml();
    const versions = Array.from({ length: 30 }, (_, i) => big.replace('learning_rate: 0.0003', `learning_rate: 0.000${i + 1}`));
    const results = versions.map((text) => analyze(text, '/w/typing.yaml', {}, { languageId: 'yaml' }));
    // One running, one queued: the 28 versions in between were dropped without being copied to the worker.
    expect(analyze.state()).toEqual({ running: 1, queued: 1 });
    // The Analyzer type also allows a plain result; the worker's answers are always promises.
    // eslint-disable-next-line @typescript-eslint/await-thenable
    const analyses = await Promise.all(results);
    const lrs = analyses.map((a) => a.optimizers[0]?.hyperparameters.lr?.value);
    expect(lrs[0]).toBeCloseTo(0.0001);
    for (const lr of lrs.slice(1)) expect(lr).toBeCloseTo(0.003);
    expect(analyze.state()).toEqual({ running: 0, queued: 0 });
  });

  it('drops a closed file\'s queued and running jobs at once, and the next file still runs', async () => {
    const analyze = workerAnalyzer(script, analyzeText);
    const big = largeYaml();
    const running = analyze(big, '/w/closed.yaml', {}, { languageId: 'yaml' });
    const queued = analyze(big.replace('learning_rate: 0.0003', 'learning_rate: 0.0002'), '/w/closed.yaml', {}, { languageId: 'yaml' });
    expect(analyze.state()).toEqual({ running: 1, queued: 1 });
    analyze.cancel('/w/closed.yaml');
    // Nothing of the closed file is left: no job holds its text.
    expect(analyze.state()).toEqual({ running: 0, queued: 0 });
    for (const result of await Promise.all([running, queued])) {
      expect(result.optimizers).toEqual([]);
      expect(result.findings[0]?.message).toBe('analysis stopped: the document was closed.');
    }
    const next = await analyze(big, '/w/other.yaml', {}, { languageId: 'yaml' });
    expect(next.optimizers[0]?.hyperparameters.lr?.value).toBeCloseTo(0.0003);
  });

  it('falls back to the main thread when no worker can run', async () => {
    const analyze = workerAnalyzer(join(__dirname, 'no-such-worker.js'), analyzeText);
    const result = await analyze(AXOLOTL, '/w/phi2-ft.yml', {}, {});
    expect(result.ecosystem).toBe('axolotl');
  });
});
