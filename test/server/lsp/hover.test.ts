import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCommands } from '../../../core/protocol';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

async function hoverText(client: TestClient, position: { line: number; character: number }): Promise<string | null> {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: AXOLOTL_URI }, position });
  return hover ? (hover.contents as MarkupContent).value : null;
}

/** The arguments of the first `command:` link to `command` in a Markdown text. */
function linkArguments(markdown: string, command: string): unknown {
  const match = new RegExp(`\\(command:${command.replace('.', '\\.')}\\?([^)]+)\\)`).exec(markdown);
  return match ? JSON.parse(decodeURIComponent(match[1]!)) : null;
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
    expect(onValue).toContain('**β1 = 0.9**: written as `adam_beta1: 0.9` on line 4.');
    expect(onValue).toContain('√((1 − 0.9)/(1 + 0.9)) = 0.229');
    expect(onValue).toContain('science.md §1.1');
    expect(onValue).toContain('(1 − 0.9)/(3·0.9 − 1)·B_simple = 0.0588·B_simple');
    expect(linkArguments(onValue!, ClientCommands.openPlayground)).toEqual([{ uri: AXOLOTL_URI, optimizerIndex: 0, hyperparameter: 'beta1' }]);
  });

  it('on weight decay substitutes η and λ into √(η/2λ) and τ = 1/(ηλ)', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const text = await hoverText(client, positionOf(AXOLOTL, 'weight_decay: 0.1', 15));
    expect(text).toContain('√(0.001/(2·0.1)) = 0.0707');
    expect(text).toContain('τ = 1/(ηλ) = 1/(0.001·0.1) ≈ 10k');
    expect(text).toContain('0.1× the run of 100k steps');
  });

  it('on the batch places it against B_simple', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const text = await hoverText(client, positionOf(AXOLOTL, 'micro_batch_size: 64', 18));
    expect(text).toContain('Batch B = 256');
    expect(text).toContain('B_simple = 1000, threshold 58.8');
  });

  it('says where a default comes from, on the optimizer name', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_beta1: 0.9\n', '');
    client.open(AXOLOTL_URI, 'yaml', text);
    const onName = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: AXOLOTL_URI }, position: positionOf(text, 'adamw_torch_fused', 3) });
    const markdown = (onName?.contents as MarkupContent).value;
    expect(markdown).toContain('**adamw_torch_fused**');
    expect(markdown).toMatch(/- \*\*β1 = 0\.9\*\*: not written here; the framework's default \([^)]*TrainingArguments/);
    expect(markdown).toContain('Update RMS ≈ 0.229');
  });

  it('is empty away from any hyperparameter', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    expect(await hoverText(client, positionOf(AXOLOTL, 'base_model', 2))).toBeNull();
  });
});
