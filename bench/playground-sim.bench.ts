/**
 * `npm run bench -- playground-sim`: how long a person waits for the playground's Simulate, beside
 * "Simulate Current Config" on the same config, measured in the same run:
 * - the playground (headless Chromium, harness, CPU worker: the backend a machine without a GPU gets), bound to
 *   the config: time to the first estimate with its error bars, and to the final result;
 * - "Simulate Current Config": the host's plan (extension/sim-plan.ts) on worker threads (host/sim-worker.ts,
 *   dist/sim-worker.js), as the command runs it.
 * The two do different work: the playground checks four charts (update RMS over β1, the weight-RMS trajectory,
 * three Surge sweeps, the ε curve); the command checks the config's own two numbers.
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { driveRun } from '../core/sim/drive';
import { bindConfig } from '../extension/panel/bind';
import { planSimulation } from '../extension/sim-plan';
import { createWorkerRun } from '../host/sim-worker';
import { analyzeText } from '../server/analyze';
import { launchChromium } from '../test/e2e/browser';
import { openPage } from '../test/e2e/playground/pages';
import { repositoryRoot, startSite } from '../test/e2e/playground/site';
import type { BenchSuite, BenchTable } from './types';

const CONFIGS = [
  ['HF Trainer SFT (LLaMA-Factory qwen3_lora_sft.yaml)', 'test/fixtures/corpus/llamafactory/qwen3_lora_sft.yaml'],
  ['nanoGPT (train.py, 600k steps)', 'test/fixtures/corpus/nanogpt/train.py'],
] as const;
/** The configs write no noise scale: the playground's own assumption (bind.ts ASSUMED), set here explicitly. */
const NOISE_SCALE = 1000;

const suite: BenchSuite = async () => {
  const root = repositoryRoot();
  const workerScript = join(root, 'dist/sim-worker.js');
  if (!existsSync(workerScript)) throw new Error('dist/sim-worker.js is missing: run `npm run build` first');
  const site = await startSite();
  const browser = await launchChromium();
  const rows: (string | number)[][] = [];
  try {
    for (const [name, path] of CONFIGS) {
      const analysis = analyzeText(readFileSync(join(root, path), 'utf8'), path, { noiseScale: NOISE_SCALE, noiseScaleSource: 'setting' });
      const bound = bindConfig(`file:///bench/${path}`, analysis, 0);
      const input = analysis.optimizers[0]?.predictionInput;
      if (!bound || !input) throw new Error(`${path}: no modelled optimizer`);

      const { page } = await openPage(browser, site, 'index.html?gpu=off', { width: 400, height: 1000 });
      await page.evaluate((config) => window.optlensHarness.send({ type: 'bind', config }), bound);
      await page.waitForFunction((file) => document.querySelector('[data-testid="binding"]')?.textContent?.includes(file), bound.fileName);
      await page.click('[data-testid="simulate"]');
      await page.waitForSelector('body[data-simulated="1"]', { timeout: 600_000 });
      const playground = await page.evaluate(() => ({
        estimate: performance.getEntriesByName('optlens-sim-estimate')[0]?.duration ?? NaN,
        final: performance.getEntriesByName('optlens-sim-final')[0]?.duration ?? NaN,
      }));
      await page.close();

      const plan = planSimulation(input);
      let command = NaN;
      if (plan.ok) {
        const t0 = performance.now();
        const run = await createWorkerRun(
          plan.spec, { script: workerScript, workers: Math.max(1, availableParallelism() - 1) });
        try {
          await driveRun(run, { chunkMs: 200 });
        } finally {
          run.dispose();
        }
        command = performance.now() - t0;
      }
      const steps = input.steps === null ? 'not in the file (playground 10000, command 1000)' : Math.round(input.steps);
      rows.push([name, steps, playground.estimate / 1000, playground.final / 1000, command / 1000]);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const table: BenchTable = {
    title: 'Playground Simulate vs "Simulate Current Config" (seconds, same run)',
    columns: ['config', 'steps', 'playground: first estimate (s)', 'playground: final (s)', 'Simulate Current Config (s)'],
    rows,
    notes: [
      'Playground: headless Chromium, CPU worker (no GPU), bound to the config with B_simple = 1000; from the click to the first estimate with error bars, and to the final result.',
      `Simulate Current Config: the command's plan on ${Math.max(1, availableParallelism() - 1)} worker thread(s), from start to result.`,
      'The playground checks all four charts; the command checks the config\'s own update RMS and end-of-run weight RMS.',
    ],
  };
  return [table];
};

export default suite;
