/**
 * The worker-thread analyzer: runs dist/server.js in worker mode (built by `node scripts/build.mjs`) and
 * must give exactly the main thread's analysis; a worker that cannot start falls back to the main thread.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerAnalyzer } from '../../server/analysis-worker';
import { analyzeText } from '../../server/analyze';
import { AXOLOTL } from './lsp/fixtures';

const SERVER = resolve(__dirname, '../../dist/server.js');

describe('workerAnalyzer', () => {
  it('analyses big texts on the worker, with the same result as the main thread', async () => {
    expect(existsSync(SERVER), 'dist/server.js is missing: run `node scripts/build.mjs`').toBe(true);
    const calls: string[] = [];
    const local: typeof analyzeText = (...args) => (calls.push(args[0]), analyzeText(...args));
    const analyze = workerAnalyzer(SERVER, local, AXOLOTL.length);
    const settings = { noiseScale: 1000 };
    const [big, small] = await Promise.all([
      analyze(AXOLOTL, '/w/phi2-ft.yml', settings, { languageId: 'yaml' }),
      analyze(AXOLOTL.slice(0, -1), '/w/phi2-ft.yml', settings, { languageId: 'yaml' }),
    ]);
    expect(big).toEqual(analyzeText(AXOLOTL, '/w/phi2-ft.yml', settings, { languageId: 'yaml' }));
    expect(big.findings.map((f) => f.code)).toContain('surge-risk');
    // Only the text under the threshold ran locally.
    expect(calls).toEqual([AXOLOTL.slice(0, -1)]);
    expect(small.optimizers).toHaveLength(1);
  });

  it('falls back to the main thread when the worker cannot run', async () => {
    const analyze = workerAnalyzer(join(__dirname, 'no-such-worker.js'), analyzeText, 0);
    const result = await analyze(AXOLOTL, '/w/phi2-ft.yml', {}, {});
    expect(result.ecosystem).toBe('axolotl');
  });
});
