import { InlayHintRequest, type InlayHint } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AXOLOTL, AXOLOTL_URI, endOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

/** An inlay hint's text: a plain label, or its parts joined. */
function labelText(label: string | { value: string }[]): string {
  return typeof label === 'string' ? label : label.map((part) => part.value).join('');
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

async function hints(client: TestClient, range = WHOLE): Promise<InlayHint[]> {
  return (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: AXOLOTL_URI }, range })) ??
    [];
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
    expect(labelAt(list, endOf(AXOLOTL, 'adam_beta1: 0.9'))).toBe('update RMS ≈ 0.23 × lr');
    expect(labelAt(list, endOf(AXOLOTL, 'weight_decay: 0.1'))).toBe('weight RMS → 0.071 in ~10k steps');
    // The Surge is about the global batch: its hint sits on the accumulation that forms it, saying how.
    expect(labelAt(list, endOf(AXOLOTL, 'gradient_accumulation_steps: 4'))).toBe('⚠ global batch 256 = 64 × 4 × 1; past the Surge threshold 59');
    expect(labelAt(list, endOf(AXOLOTL, 'micro_batch_size: 64'))).toBeUndefined();
    expect(list.every((h) => h.paddingLeft === true && typeof h.label === 'string')).toBe(true);
  });

  it('give τ as a multiple of the run when it exceeds it, and say when a small batch is below the Surge threshold', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('max_steps: 100000', 'max_steps: 1000').replace('micro_batch_size: 64', 'micro_batch_size: 8').replace('gradient_accumulation_steps: 4', 'gradient_accumulation_steps: 1');
    client.open(AXOLOTL_URI, 'yaml', text);
    const list = await hints(client);
    expect(labelAt(list, endOf(text, 'weight_decay: 0.1'))).toBe('decay timescale 10× the run');
    expect(labelAt(list, endOf(text, 'gradient_accumulation_steps: 1'))).toBe('global batch 8 = 8 × 1 × 1; below the Surge threshold 59');
  });

  it('put the update RMS after the optimizer when β1 is the framework default', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_beta1: 0.9\n', '');
    client.open(AXOLOTL_URI, 'yaml', text);
    expect(labelAt(await hints(client), endOf(text, 'optimizer: adamw_torch_fused'))).toBe('update RMS ≈ 0.23 × lr');
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
    expect((await hints(client)).some((h) => labelText(h.label).includes('Surge'))).toBe(true);
    client.changeSettings({ inlayHints: { surge: false, updateRms: false } });
    const after = await hints(client);
    expect(after.some((h) => labelText(h.label).includes('Surge') || labelText(h.label).includes('update RMS'))).toBe(false);
    expect(after.some((h) => labelText(h.label).includes('weight RMS'))).toBe(true);
    expect(client.serverRequests).toContain('workspace/inlayHint/refresh');
  });

  it('place the batch against B_simple only when the noise scale is known', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('# optlens: noise-scale=1000', '# no noise scale');
    client.open(AXOLOTL_URI, 'yaml', text);
    const at = endOf(text, 'gradient_accumulation_steps: 4');
    // Information (no noise scale) and risk (⚠ past the threshold) never read alike.
    expect(labelAt(await hints(client), at)).toBe('global batch 256 = 64 × 4 × 1; Surge starts at 0.059·B_simple');
    client.changeSettings({ noiseScale: 100000 });
    expect(labelAt(await hints(client), at)).toBe('global batch 256 = 64 × 4 × 1; below the Surge threshold 5.9k');
  });

  it('in problems mode, only on lines with a finding', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    client.changeSettings({ inlayHints: { mode: 'problems' } });
    const labels = (await hints(client)).map((h) => labelText(h.label));
    expect(labels).toContain('⚠ global batch 256 = 64 × 4 × 1; past the Surge threshold 59');
    // β1's line has no finding: its update-RMS hint is hidden in this mode.
    expect(labels.some((l) => l.startsWith('update RMS'))).toBe(false);
  });
});
