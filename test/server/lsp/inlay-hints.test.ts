import { InlayHintRequest, type InlayHint } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AXOLOTL, AXOLOTL_URI, endOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

async function hints(client: TestClient, range = WHOLE): Promise<InlayHint[]> {
  return (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: AXOLOTL_URI }, range })) ?? [];
}

const labelAt = (list: InlayHint[], position: { line: number; character: number }) =>
  list.find((h) => h.position.line === position.line && h.position.character === position.character)?.label;

describe('inlay hints', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('follow the values that drive each prediction, with short stable labels', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const list = await hints(client);
    expect(labelAt(list, endOf(AXOLOTL, 'adam_beta1: 0.9'))).toBe('update RMS ≈ 0.23');
    expect(labelAt(list, endOf(AXOLOTL, 'weight_decay: 0.1'))).toBe('weight RMS → 0.071 in ~10k steps');
    expect(labelAt(list, endOf(AXOLOTL, 'micro_batch_size: 64'))).toBe('past Surge peak (B > 0.059·B_simple)');
    expect(list.every((h) => h.paddingLeft === true && typeof h.label === 'string')).toBe(true);
  });

  it('say "never reaches equilibrium" when τ exceeds the run, and "below Surge threshold" for a small batch', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('max_steps: 100000', 'max_steps: 1000').replace('micro_batch_size: 64', 'micro_batch_size: 8').replace('gradient_accumulation_steps: 4', 'gradient_accumulation_steps: 1');
    client.open(AXOLOTL_URI, 'yaml', text);
    const list = await hints(client);
    expect(labelAt(list, endOf(text, 'weight_decay: 0.1'))).toBe('never reaches equilibrium in this run');
    expect(labelAt(list, endOf(text, 'micro_batch_size: 8'))).toBe('below Surge threshold');
  });

  it('put the update RMS after the optimizer when β1 is the framework default', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_beta1: 0.9\n', '');
    client.open(AXOLOTL_URI, 'yaml', text);
    expect(labelAt(await hints(client), endOf(text, 'optimizer: adamw_torch_fused'))).toBe('update RMS ≈ 0.23');
  });

  it('return only the hints inside the requested range', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const line = endOf(AXOLOTL, 'weight_decay: 0.1').line;
    const list = await hints(client, { start: { line, character: 0 }, end: { line, character: 100 } });
    expect(list.map((h) => h.label)).toEqual(['weight RMS → 0.071 in ~10k steps']);
    expect(await hints(client, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } })).toEqual([]);
  });

  it('follow the hint settings and ask the client to refresh when they change', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    expect((await hints(client)).some((h) => String(h.label).includes('Surge'))).toBe(true);
    client.changeSettings({ inlayHints: { surge: false, updateRms: false } });
    const after = await hints(client);
    expect(after.some((h) => String(h.label).includes('Surge') || String(h.label).includes('update RMS'))).toBe(false);
    expect(after.some((h) => String(h.label).includes('weight RMS'))).toBe(true);
    expect(client.serverRequests).toContain('workspace/inlayHint/refresh');
  });

  it('place the batch against B_simple only when the noise scale is known', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('# optlens: noise-scale=1000', '# no noise scale');
    client.open(AXOLOTL_URI, 'yaml', text);
    expect(labelAt(await hints(client), endOf(text, 'micro_batch_size: 64'))).toBe('Surge past B = 0.059·B_simple');
    client.changeSettings({ noiseScale: 100000 });
    expect(labelAt(await hints(client), endOf(text, 'micro_batch_size: 64'))).toBe('below Surge threshold');
  });
});
