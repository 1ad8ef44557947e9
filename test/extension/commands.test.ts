import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../core/webview-messages';
import { COMMANDS, registerCommands, type CommandDeps, type ResolvedConfig } from '../../extension/commands';
import type { CommandTarget } from '../../extension/command-args';
import { PlaygroundRelay } from '../../extension/panel/playground-relay';
import type { ReportPanel } from '../../extension/panel/report-panel';
import type * as vscode from 'vscode';
import { commands, mock, resetMock, Uri } from '../mocks/vscode';
import { analysis, optimizer, predictionInput } from './fixtures';

const URI = 'file:///ws/hf-sft.yaml';
// The sweep's Monte Carlo runs on a real worker thread: bundle it as scripts/build.mjs does.
const workDir = mkdtempSync(join(tmpdir(), 'optlens-commands-'));
const surgeWorker = join(workDir, 'surge-worker.js');
const simWorker = join(workDir, 'sim-worker.js');
beforeAll(async () => {
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent', mainFields: ['module', 'main'] };
  await build({ ...common, entryPoints: ['extension/surge-worker.ts'], outfile: surgeWorker });
  await build({ ...common, entryPoints: ['host/sim-worker.ts'], outfile: simWorker });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function setup(config: ResolvedConfig | null = { uri: URI, analysis: analysis(), optimizerIndex: 0, fileName: 'hf-sft.yaml' }) {
  const shown: ReportDocument[] = [];
  const resolved: CommandTarget[] = [];
  const bound: ResolvedConfig[] = [];
  const posted: unknown[] = [];
  const relay = new PlaygroundRelay(
    { post: async (m) => posted.push(m) > 0, apply: async () => ({ ok: true }), notify: () => undefined,
      openScienceReference: async () => false });
  const report = { show: (r: ReportDocument) => shown.push(r), current: null } as unknown as ReportPanel;
  const deps: CommandDeps = {
    workerScript: simWorker,
    surgeWorkerScript: surgeWorker,
    resolve: async (target) => {
      resolved.push(target);
      return config;
    },
    relay,
    report,
    bindPlayground: (c) => bound.push(c),
    extensionUri: Uri.file('/ext') as unknown as vscode.Uri,
  };
  const disposables = registerCommands(deps);
  return { shown, resolved, bound, relay, posted, disposables };
}

/** Polls a condition the code under test reaches asynchronously (a worker's first progress report). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

describe('registerCommands', () => {
  beforeEach(() => resetMock());

  it('registers every contributed command once', () => {
    setup();
    expect([...mock.commands.keys()].sort()).toEqual(Object.values(COMMANDS).sort());
  });

  it('Analyze shows the analysis report of the resolved config', async () => {
    const { shown, resolved } = setup();
    await commands.executeCommand(COMMANDS.analyze);
    expect(resolved).toEqual([{ uri: null, optimizerIndex: null, hyperparameter: null }]);
    expect(shown.map((r) => r.kind)).toEqual(['analysis']);
  });

  it('accepts the code lens argument (an object naming the document and optimizer)', async () => {
    const { resolved } = setup();
    await commands.executeCommand(COMMANDS.sweepBatchSize, { uri: URI, optimizerIndex: 0 });
    expect(resolved[0]).toEqual({ uri: URI, optimizerIndex: 0, hyperparameter: null });
  });

  it('Sweep shows η*(B) at once, then with the Monte Carlo points from the worker', async () => {
    const { shown } = setup();
    await commands.executeCommand(COMMANDS.sweepBatchSize);
    expect(shown.map((r) => r.kind)).toEqual(['sweep', 'sweep']);
    expect(shown[0]?.charts[0]?.series.map((s) => s.kind)).toEqual(['theory', 'theory', 'theory']);
    const simulated = shown[1]?.charts[0]?.series.find((s) => s.kind === 'simulation');
    expect(simulated?.label).toBe('AdamW (Monte Carlo, cpu)');
    expect(shown[1]?.tables[1]?.title).toBe('Monte Carlo check (AdamW, cpu)');
    // The measured η*(B) peaks where science.md §3.2 puts it (B = 118 here), within one step of the sweep's
    // grid (5 per decade, a factor 1.58): the grid, not sampling, limits how well the peak is located.
    const peak = simulated!.points.reduce((best, p) => (p.y > best.y ? p : best));
    expect(Math.abs(Math.log10(peak.x / 117.65))).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(mock.progress.map((p) => p.title)).toEqual(['OptLens: checking η*(B) by Monte Carlo (B_simple = 2,000)']);
  });

  it('Sweep explains that it needs the noise scale', async () => {
    const noNoise = { uri: URI, analysis: analysis({ optimizers: [optimizer({ predictionInput: predictionInput({ noiseScale: null }) })] }), optimizerIndex: 0, fileName: 'a.yaml' };
    const second = setup(noNoise);
    await commands.executeCommand(COMMANDS.sweepBatchSize);
    expect(second.shown).toEqual([]);
    expect(mock.messages[0]?.text).toMatch(/needs the gradient noise scale/);
  });

  it('Compare shows the five optimizers', async () => {
    const { shown } = setup();
    await commands.executeCommand(COMMANDS.compareOptimizers);
    expect(shown[0]?.tables[0]?.rows.length).toBe(5);
  });

  it('Open Playground binds the config, reveals the view and focuses the hovered value', async () => {
    const { bound, relay, posted } = setup();
    await commands.executeCommand(COMMANDS.openPlayground, { uri: URI, optimizerIndex: 0, hyperparameter: 'momentum' });
    expect(bound.map((c) => c.uri)).toEqual([URI]);
    expect(mock.executed.map((e) => e.command)).toContain('optlens.playground.focus');
    // Focus waits for the page; once ready it arrives, as β1 (SGD's momentum is the β1 control).
    expect(posted).toEqual([]);
    await relay.receive({ type: 'ready' });
    expect(posted).toContainEqual({ type: 'focus', param: 'beta1' });
  });

  it('does nothing more when there is no config', async () => {
    const { shown } = setup(null);
    await commands.executeCommand(COMMANDS.analyze);
    await commands.executeCommand(COMMANDS.compareOptimizers);
    expect(shown).toEqual([]);
  });

  it('Simulate runs the config on worker threads and shows the result beside the prediction', async () => {
    const short = optimizer({ predictionInput: predictionInput({ steps: 300, warmupSteps: 0, lr: 1e-2 }) });
    const { relay, posted } = setup({ uri: URI, analysis: analysis({ optimizers: [short] }), optimizerIndex: 0, fileName: 'hf-sft.yaml' });
    await relay.receive({ type: 'ready' });
    await commands.executeCommand(COMMANDS.simulate);
    expect(mock.progress[0]?.title).toBe('OptLens: simulating hf-sft.yaml');
    const reported = mock.progress[0].reports.reduce((sum, r) => sum + (r.increment ?? 0), 0);
    expect(reported).toBeCloseTo(100, 6);
    expect(mock.messages.at(-1)?.text).toMatch(/^OptLens simulation of hf-sft\.yaml \(cpu-workers:\d+, 16384 coordinates, 300 steps\): update RMS: simulated 0\.2\d+ ± /);
    const simulation = posted.find((m): m is { type: 'simulation'; simulation: { coordinates: number; updateRms: { predicted: number | null } } } => (m as { type: string }).type === 'simulation');
    expect(simulation?.simulation.coordinates).toBe(16384);
    expect(simulation?.simulation.updateRms.predicted).toBeCloseTo(0.2294, 3);
  });

  it('Simulate stops when cancelled and says so', async () => {
    const long = optimizer({ predictionInput: predictionInput({ steps: 20000 }) });
    setup({ uri: URI, analysis: analysis({ optimizers: [long] }), optimizerIndex: 0, fileName: 'hf-sft.yaml' });
    const running = commands.executeCommand(COMMANDS.simulate);
    await waitUntil(() => (mock.progress[0]?.reports.length ?? 0) > 0);
    mock.progress[0].cancel();
    await running;
    expect(mock.messages.at(-1)?.text).toMatch(/^OptLens: simulation of hf-sft\.yaml cancelled after \d+ of 20000 steps\.$/);
  });

  it('Simulate refuses an optimizer it cannot model, before starting any worker', async () => {
    setup({ uri: URI, analysis: analysis({ optimizers: [optimizer({ name: 'adafactor', kind: null, predictionInput: null, predictions: null })] }), optimizerIndex: 0, fileName: 'a.yaml' });
    await commands.executeCommand(COMMANDS.simulate);
    expect(mock.messages).toEqual([{ level: 'warning', text: 'OptLens cannot simulate adafactor: it has no model of this optimizer.' }]);
    expect(mock.progress).toEqual([]);
  });
});
