/**
 * Hostile input, class "responsiveness": while one file takes seconds to analyse, the server answers a hover
 * on another document at once, because analysis runs on a worker thread (analysis-worker.ts). The bound is
 * the 100 ms: a hover answered from the other document's cached analysis takes a few milliseconds
 * on the main thread, so 100 ms is crossed only if the main thread is blocked by the slow file.
 */
import { HoverRequest } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { workerAnalyzer } from '../../server/analysis-worker';
import { analyzeText } from '../../server/analyze';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './lsp/fixtures';
import { startTestClient, type TestClient } from './lsp/harness';
import { serverBundle } from './server-bundle';

/** A TOML of ~1.9 MB (under the read limit): seconds of parsing on the worker. */
function slowToml(): string {
  const lines = ['[optimizer]', 'name = "AdamW"', 'lr = 3e-4', '[data]'];
  for (let i = 0; i < 70_000; i++) lines.push(`key_${i} = "value ${i} with words"`);
  return lines.join('\n') + '\n';
}

describe('a slow file does not delay other documents', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('a hover on another document is answered within 100 ms while the slow file is analysed', { timeout: 120_000 }, async () => {
    const analyze = workerAnalyzer(await serverBundle(), analyzeText, { budgetMs: 60_000 });
    client = await startTestClient({ analyze });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    await client.diagnostics(AXOLOTL_URI);
    const slowUri = 'file:///w/slow.toml';
    let slowDone = false;
    void client.diagnostics(slowUri).then(() => (slowDone = true));
    client.open(slowUri, 'toml', slowToml());
    // Let the slow analysis reach the worker.
    while (analyze.state().running === 0) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: AXOLOTL_URI }, position: positionOf(AXOLOTL, 'adam_beta1: 0.9', 13) });
    const elapsed = performance.now() - started;
    expect(hover).not.toBeNull();
    // The slow file was still being analysed when the hover came back.
    expect(slowDone).toBe(false);
    expect(elapsed).toBeLessThan(100);
    await client.diagnostics(slowUri);
  });
});
