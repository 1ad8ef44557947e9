import { describe, expect, it } from 'vitest';
import type { ApplyHyperparameterParams } from '../../../core/protocol';
import type { BoundConfig, HostSimulation, HostToPlayground } from '../../../core/webview-messages';
import { PlaygroundRelay } from '../../../extension/panel/playground-relay';
import { bindConfig } from '../../../extension/panel/bind';
import { analysis } from '../fixtures';

const URI = 'file:///ws/hf-sft.yaml';

function setup(options: { live?: () => boolean; apply?: (p: ApplyHyperparameterParams) =>
  { ok: true } | { ok: false; message: string } } = {}) {
  const posted: HostToPlayground[] = [];
  const applied: ApplyHyperparameterParams[] = [];
  const notes: string[] = [];
  const opened: string[] = [];
  const relay = new PlaygroundRelay({
    post: async (m) => {
      const live = options.live?.() ?? true;
      if (live) posted.push(m);
      return live;
    },
    apply: async (p) => {
      applied.push(p);
      return options.apply?.(p) ?? { ok: true };
    },
    notify: (level, message) => notes.push(`${level}: ${message}`),
    openScienceReference: async (section) => opened.push(section) > 0,
  });
  return { relay, posted, applied, notes, opened };
}

function config(): BoundConfig {
  const bound = bindConfig(URI, analysis(), 0);
  if (!bound) throw new Error('fixture has no bindable optimizer');
  return bound;
}

const simulation: HostSimulation = {
  uri: URI, optimizerIndex: 0, backend: 'cpu-workers:1', steps: 3000, coordinates: 4096,
  updateRms: { predicted: 0.229, simulated: 0.23, stderr: 0.001 },
    weightRmsAtEnd: { predicted: 0.0195, simulated: 0.0194, stderr: 0.0001 },
};

describe('PlaygroundRelay', () => {
  it('sends nothing before the page is ready, then the whole snapshot', async () => {
    const { relay, posted } = setup();
    relay.bind(config());
    relay.focus('beta1');
    relay.showSimulation(simulation);
    expect(posted).toEqual([]);
    await relay.receive({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['bind', 'simulation', 'focus']);
    expect(posted[0]).toEqual({ type: 'bind', config: config() });
  });

  it('re-sends the snapshot when a re-created page says ready again', async () => {
    const { relay, posted } = setup();
    await relay.receive({ type: 'ready' });
    relay.bind(config());
    relay.detach();
    relay.bind(null);
    expect(posted.map((m) => m.type)).toEqual(['bind', 'bind']);
    await relay.receive({ type: 'ready' });
    expect(posted.at(-1)).toEqual({ type: 'bind', config: null });
  });

  it('stops sending when a post is not delivered (the view was hidden)', async () => {
    let live = true;
    const { relay, posted } = setup({ live: () => live });
    await relay.receive({ type: 'ready' });
    live = false;
    relay.bind(config());
    await Promise.resolve();
    expect(relay.isReady).toBe(false);
    live = true;
    relay.showSimulation(simulation);
    expect(posted.map((m) => m.type)).toEqual(['bind']);
  });

  it('drops a simulation of another file when rebinding', async () => {
    const { relay, posted } = setup();
    relay.bind(config());
    relay.showSimulation(simulation);
    relay.bind({ ...config(), uri: 'file:///ws/other.yaml' });
    await relay.receive({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['bind']);
  });

  it('sends why Simulate Current Config refused the run, in place of a simulation, until another file is bound', async () => {
    const { relay, posted } = setup();
    relay.bind(config());
    relay.showSimulation(simulation);
    const refusal = { uri: URI, optimizerIndex: 0, message: 'this run is 1e12 steps: …' };
    relay.showSimulationRefused(refusal);
    await relay.receive({ type: 'ready' });
    expect(posted.slice(1)).toEqual([{ type: 'simulationRefused', refusal }]);
    relay.bind({ ...config(), uri: 'file:///ws/other.yaml' });
    await relay.receive({ type: 'ready' });
    expect(posted.map((m) => m.type)).toEqual(['bind', 'simulationRefused', 'bind', 'bind']);
  });

  it('writes a control back through the server, as the file hyperparameter', async () => {
    const { relay, posted, applied } = setup();
    relay.bind(config());
    await relay.receive({ type: 'ready' });
    await relay.receive({ type: 'apply', requestId: 7, uri: URI, optimizerIndex: 0, param: 'beta1', value: 0.95 });
    expect(applied).toEqual([{ uri: URI, optimizerIndex: 0, name: 'beta1', value: 0.95 }]);
    expect(posted.at(-1)).toEqual({ type: 'applied', requestId: 7, ok: true });
  });

  it('passes the server\'s reason back when it cannot edit', async () => {
    const { relay, posted } = setup({ apply: () => ({ ok: false, message: 'the value is derived' }) });
    relay.bind(config());
    await relay.receive({ type: 'ready' });
    await relay.receive({ type: 'apply', requestId: 1, uri: URI, optimizerIndex: 0, param: 'lr', value: 1e-4 });
    expect(posted.at(-1)).toEqual({ type: 'applied', requestId: 1, ok: false, message: 'the value is derived' });
  });

  it('refuses writes for another file, for playground-only values and of the wrong type', async () => {
    const { relay, posted, applied } = setup();
    relay.bind(config());
    await relay.receive({ type: 'ready' });
    await relay.receive({ type: 'apply', requestId: 1, uri: 'file:///ws/other.yaml', optimizerIndex: 0, param: 'beta1', value: 0.95 });
    await relay.receive({ type: 'apply', requestId: 2, uri: URI, optimizerIndex: 0, param: 'noiseScale', value: 10 });
    await relay.receive({ type: 'apply', requestId: 3, uri: URI, optimizerIndex: 0, param: 'beta1', value: 'high' });
    await relay.receive({ type: 'apply', requestId: 4, uri: URI, optimizerIndex: 0, param: 'schedule', value: 3 });
    expect(applied).toEqual([]);
    expect(posted.slice(1).map((m) => m.type === 'applied' && m.ok)).toEqual([false, false, false, false]);
  });

  it('ignores messages that fail validation, and relays notices', async () => {
    const { relay, posted, notes } = setup();
    await relay.receive({ type: 'ready', extra: 1 });
    await relay.receive({ type: 'eval', code: 'x' });
    expect(posted).toEqual([]);
    await relay.receive({ type: 'notify', level: 'warning', message: 'WebGL2 unavailable: simulating on the CPU' });
    expect(notes).toEqual(['warning: OptLens playground: WebGL2 unavailable: simulating on the CPU']);
  });

  it('opens the science reference at a Source link\'s section, and only for a well-formed section id', async () => {
    const { relay, opened } = setup();
    await relay.receive({ type: 'openScienceReference', section: '2.4' });
    await relay.receive({ type: 'openScienceReference', section: '3.6a' });
    for (const forged of [
      { type: 'openScienceReference', section: '../../etc/passwd' },
      { type: 'openScienceReference', section: 2.4 },
      { type: 'openScienceReference', section: '2.4', command: 'workbench.action.terminal.new' },
      { type: 'openScienceReference' },
    ]) await relay.receive(forged);
    expect(opened).toEqual(['2.4', '3.6a']);
  });
});
