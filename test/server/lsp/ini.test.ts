/**
 * INI files through the language server: VS Code's `ini` documents and `.cfg` files it calls `properties` reach the
 * INI reader, hovers say where a value is written, and a line configparser refuses is a diagnostic at its line.
 */
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

const RUN = '[optimizer]\nname = adamw\nlr = 3e-4\nbetas = (0.9, 0.95)\nweight_decay = 0.1\nnot a line\n';

describe('INI documents', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it.each([['file:///w/hparams.ini', 'ini'], ['file:///w/setup.cfg', 'properties']])(
    '%s (%s) is read as INI, with its syntax error at its line', async (uri, languageId) => {
      client = await startTestClient();
      client.open(uri, languageId, RUN);
      const { analysis } = await client.analysis(uri);
      expect(analysis.format).toBe('ini');
      expect(analysis.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 3 });
      const diagnostics = await client.diagnostics(uri);
      const refused = diagnostics.find((d) => typeof d.message === 'string' && d.message.includes('not an INI line'));
      expect(refused?.range.start.line).toBe(5);
    });

  it('hovers say where the value is written', async () => {
    client = await startTestClient();
    const uri = 'file:///w/hparams.ini';
    client.open(uri, 'ini', RUN);
    const hover = await client.connection.sendRequest(HoverRequest.type,
      { textDocument: { uri }, position: positionOf(RUN, '3e-4') });
    expect((hover?.contents as MarkupContent).value).toContain('written as `3e-4` at `optimizer.lr` on line 3');
  });
});
