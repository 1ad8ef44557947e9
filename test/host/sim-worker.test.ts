import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuRun } from '../../core/sim/cpu-run';
import { driveRun } from '../../core/sim/drive';
import { createWorkerRun } from '../../host/sim-worker';
import { NORMAL_BLOCK } from '../../core/sim/rng';
import { spec } from '../core/sim/spec-fixtures';

// The worker runs as a bundled script (dist/sim-worker.js in the product); build the same bundle here.
let dir = '';
let script = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optlens-sim-worker-'));
  script = join(dir, 'sim-worker.js');
  await esbuild.build({
    entryPoints: [join(__dirname, '../../host/sim-worker.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worker threads', () => {
  it.each([
    ['replicas', spec({ seeds: 4, params: 300, steps: 60 })],
    ['coordinate blocks', spec({ seeds: 1, params: 4 * NORMAL_BLOCK + 5, steps: 60 })],
    ['Muon matrices', spec({ seeds: 1, params: 6 * 64, steps: 20 }, { optimizer: 'muon', shape: [8, 8], momentum: 0.95, nesterov: true })],
    ['Muon matrices that do not divide an RNG block', spec({ seeds: 1, params: 30 * 100, steps: 5 }, { optimizer: 'muon', shape: [10, 10], momentum: 0.95 })],
  ])('split by %s, give the single-thread numbers', async (_label, s) => {
    const reference = createCpuRun(s);
    await reference.advance(s.steps);
    const want = reference.result();
    const run = await createWorkerRun(s, { script, workers: 2 });
    try {
      const got = await driveRun(run);
      expect(got.backend).toMatch(/^cpu-workers:/);
      expect(got.complete).toBe(true);
      expect(got.trajectory.step).toEqual(want.trajectory.step);
      got.trajectory.weightRms.forEach(
        (w, k) => expect(Math.abs(w / want.trajectory.weightRms[k] - 1)).toBeLessThan(1e-12));
      got.trajectory.updateRms.forEach(
        (u, k) => expect(Math.abs(u / want.trajectory.updateRms[k] - 1)).toBeLessThan(1e-12));
      expect(got.elementStepsPerSecond).toBeGreaterThan(0);
    } finally {
      run.dispose();
    }
  });

  it('reports a bad spec from the worker as an error', async () => {
    await expect(createWorkerRun(spec({ params: 2 * NORMAL_BLOCK }, { beta1: 2 }), { script, workers: 2 })).rejects.toThrow(/beta1/);
  });
});
