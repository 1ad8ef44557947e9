import { CodeLensRequest } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCommands } from '../../../core/protocol';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

describe('code lens', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('puts simulate, open playground and sweep batch size above the optimizer', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: AXOLOTL_URI } })) ?? [];
    const line = positionOf(AXOLOTL, 'optimizer:').line;
    expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command])).toEqual([
      [line, 'OptLens: simulate', ClientCommands.simulate],
      [line, 'open playground', ClientCommands.openPlayground],
      [line, 'sweep batch size', ClientCommands.sweepBatchSize],
    ]);
    for (const lens of lenses) expect(lens.command?.arguments).toEqual([{ uri: AXOLOTL_URI, optimizerIndex: 0 }]);
  });

  it('gives one set per optimizer in a file with two', async () => {
    client = await startTestClient();
    const uri = 'file:///workspace/train.py';
    const text = [
      'import torch',
      'adam = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)',
      'sgd = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)',
      '',
    ].join('\n');
    client.open(uri, 'python', text);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    expect(lenses.filter((l) => l.command?.command === ClientCommands.simulate).map((l) => [l.range.start.line, (l.command?.arguments?.[0] as { optimizerIndex: number }).optimizerIndex]))
      .toEqual([[1, 0], [2, 1]]);
  });
});
