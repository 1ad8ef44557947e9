import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCommands } from '../../../core/protocol';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

async function hoverText(client: TestClient, position: { line: number; character: number }): Promise<string | null> {
  const hover = await client.connection.sendRequest(
    HoverRequest.type, { textDocument: { uri: AXOLOTL_URI }, position });
  return hover ? (hover.contents as MarkupContent).value : null;
}

/** The arguments of the first `command:` link to `command` in a Markdown text. */
function linkArguments(markdown: string, command: string): unknown {
  const match = new RegExp(`\\(command:${command.replace('.', '\\.')}\\?([^)]+)\\)`).exec(markdown);
  return match ? JSON.parse(decodeURIComponent(match[1])) : null;
}

describe('hover', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('on β1 (key or value) gives the value, its formula with numbers, the source and a playground link', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const onValue = await hoverText(client, positionOf(AXOLOTL, 'adam_beta1: 0.9', 13));
    const onKey = await hoverText(client, positionOf(AXOLOTL, 'adam_beta1', 2));
    expect(onKey).toBe(onValue);
    expect(onValue!.split('\n')[0]).toBe('**✓ Fine**: a usual momentum; steps of about 2.3·10⁻⁴ per coordinate.');
    expect(onValue).toContain('β1 = `0.9`, written as `adam_beta1: 0.9` on line 4.');
    // Update RMS is before the learning rate: the real step is lr × RMS = 1e-3 × 0.229.
    expect(onValue).toContain('lr × 0.229 ≈ **2.3·10⁻⁴**');
    expect(onValue).toContain('√((1 − 0.9)/(1 + 0.9)) = 0.229');
    expect(onValue).toContain('**Momentum multiplies the batch by 19** (256 acts like 4.9k)');
    expect(linkArguments(onValue!, 'optlens.openScienceReference')).toEqual([{ section: '1.1' }]);
    expect(linkArguments(onValue!, ClientCommands.analyze)).toEqual([{ uri: AXOLOTL_URI, optimizerIndex: 0, hyperparameter: 'beta1' }]);
    expect(linkArguments(onValue!, ClientCommands.openPlayground)).toEqual([{ uri: AXOLOTL_URI, optimizerIndex: 0, hyperparameter: 'beta1' }]);
  });

  it('on weight decay substitutes η and λ into √(η/2λ) and τ = 1/(ηλ)', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const text = await hoverText(client, positionOf(AXOLOTL, 'weight_decay: 0.1', 15));
    expect(text).toContain('√(0.001/(2·0.1)) = 0.0707; τ = 1/(ηλ) = 10k steps');
    expect(text).toContain('τ is 10% of the run of 100k steps: the weights reach it.');
  });

  it('on the batch places it against B_simple', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const text = await hoverText(client, positionOf(AXOLOTL, 'micro_batch_size: 64', 18));
    expect(text!.split('\n')[0]).toMatch(/^\*\*✗ Likely a problem\*\*: Batch size 256 is past the Surge threshold/);
    expect(text).toContain('**Global batch 256 = 64 × 4 × 1 (micro-batch × accumulation × data-parallel assumed)**');
    expect(text).toContain('Surge threshold 59 = 0.0588 × B_simple 1k: past it, a larger batch wants a smaller lr.');
  });

  it('says where a default comes from, on the optimizer name', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_beta1: 0.9\n', '');
    client.open(AXOLOTL_URI, 'yaml', text);
    const onName = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: AXOLOTL_URI }, position: positionOf(text, 'adamw_torch_fused', 3) });
    const markdown = (onName?.contents as MarkupContent).value;
    expect(markdown).toContain('Optimizer `adamw_torch_fused` runs');
    expect(markdown).toMatch(/Not in the file \(framework defaults or derived\): β1 `0\.9`/);
    expect(markdown).toContain('Update RMS ≈ 0.229');
  });

  it('is empty away from any hyperparameter', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    expect(await hoverText(client, positionOf(AXOLOTL, 'base_model', 2))).toBeNull();
  });
});
