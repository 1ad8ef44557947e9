import { CodeLensRequest, HoverRequest, InlayHintRequest } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import type { AnalysisSettings, FileAnalysis } from '../../../core/analysis';
import type { Analyzer } from '../../../server/documents';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { FULL_CAPABILITIES, startTestClient, type TestClient } from './harness';

/** The real analyzer, recording the text of every call. */
function countingAnalyzer(): { analyze: Analyzer; texts: string[] } {
  const texts: string[] = [];
  return { texts, analyze: (text, fileName, settings, options) =>
    (texts.push(text), analyzeText(text, fileName, settings, options)) };
}

const WITHOUT_NOISE = AXOLOTL.replace('# optlens: noise-scale=1000', '# measured separately');

describe('documents and settings', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('parse each version once, however many requests ask about it', async () => {
    const counter = countingAnalyzer();
    client = await startTestClient({ analyze: counter.analyze });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const doc = { textDocument: { uri: AXOLOTL_URI } };
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    await Promise.all([
      client.connection.sendRequest(HoverRequest.type, { ...doc, position: positionOf(AXOLOTL, 'adam_beta1') }),
      client.connection.sendRequest(InlayHintRequest.type, { ...doc, range }),
      client.connection.sendRequest(CodeLensRequest.type, doc),
      client.diagnostics(AXOLOTL_URI),
    ]);
    await client.connection.sendRequest(InlayHintRequest.type, { ...doc, range });
    expect(counter.texts).toEqual([AXOLOTL]);
  });

  it('skip superseded versions: a burst of edits costs one parse of the newest text', async () => {
    const counter = countingAnalyzer();
    client = await startTestClient({ analyze: counter.analyze });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 1);
    await client.diagnostics(AXOLOTL_URI, (p) => p.version === 1);
    const at = positionOf(AXOLOTL, 'adam_beta2: 0.95', 16);
    // Typing "9", "9", "9" after 0.95: four versions arrive together.
    for (let v = 2; v <= 5; v++) {
      client.change(AXOLOTL_URI, v, [{ range: { start: { line: at.line, character: at.character + v - 2 }, end: { line: at.line, character: at.character + v - 2 } }, text: '9' }]);
    }
    const analysis = await client.analysis(AXOLOTL_URI, (p) => p.version === 5);
    expect(analysis.analysis.optimizers[0].hyperparameters.beta2?.value).toBe(0.959999);
    // Every parse is of a distinct version, and fewer parses than versions were needed.
    expect(new Set(counter.texts).size).toBe(counter.texts.length);
    expect(counter.texts.length).toBeLessThan(5);
    expect(counter.texts.at(-1)).toContain('adam_beta2: 0.959999');
  });

  it('drop an analysis that finishes after a newer version arrived, and publish the newer one', async () => {
    // An analyzer that answers only when told to, as the worker thread does for a big file.
    const gates: { text: string; release: () => void }[] = [];
    const analyze: Analyzer = (text, fileName, settings, options) =>
      new Promise((done) => gates.push({ text, release: () => done(analyzeText(text, fileName, settings, options)) }));
    client = await startTestClient({ analyze });
    const published: (number | undefined)[] = [];
    // Replaces the harness's recorder for this test: every push is counted, in order.
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
      published.push(p.version);
    });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 1);
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    client.change(AXOLOTL_URI, 2, [{ text: AXOLOTL.replace('0.95', '0.99') }]);
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates[0].release();
    gates[1].release();
    const analysis = await client.analysis(AXOLOTL_URI, (p) => p.version === 2);
    expect(analysis.analysis.optimizers[0].hyperparameters.beta2?.value).toBe(0.99);
    expect(published).toEqual([2]);
  });

  it('drop a closed document\'s analysis: nothing is published for it after the close, even if reopened', async () => {
    const gates: { text: string; release: () => void }[] = [];
    const cancelled: string[] = [];
    const analyze: Analyzer = Object.assign((text: string, fileName: string, settings: AnalysisSettings,
      options: { languageId?: string }) => new Promise<FileAnalysis>((done) =>
      gates.push({ text, release: () => done(analyzeText(text, fileName, settings, options)) })),
    { cancel: (fileName: string) => void cancelled.push(fileName) });
    client = await startTestClient({ analyze });
    const published: { uri: string; count: number }[] = [];
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: [] }) => {
      published.push({ uri: p.uri, count: p.diagnostics.length });
    });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 1);
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    client.close(AXOLOTL_URI);
    // Reopened at the same version number with another text, as an editor does after the file changed on disk.
    const reopened = AXOLOTL.replace('adam_beta2: 0.95', 'adam_beta2: 0.99');
    client.open(AXOLOTL_URI, 'yaml', reopened, 1);
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    expect(cancelled).toEqual(['/workspace/a/phi2-ft.yml']);
    // The closed text's analysis finishes late: it must not be published for the reopened document.
    gates[0].release();
    gates[1].release();
    const analysis = await client.analysis(AXOLOTL_URI);
    expect(analysis.analysis.optimizers[0].hyperparameters.beta2?.value).toBe(0.99);
    // The close cleared the diagnostics once; the only set published with findings is the reopened text's.
    expect(published.filter((p) => p.count > 0)).toHaveLength(1);
    expect(published[0]).toEqual({ uri: AXOLOTL_URI, count: 0 });
  });

  it('read settings per document, so each folder of a multi-root workspace has its own', async () => {
    const uriA = 'file:///workspace/a/config.yml';
    const uriB = 'file:///workspace/b/config.yml';
    client = await startTestClient({ settingsByUri: (uri) => (uri.startsWith('file:///workspace/a/') ? { noiseScale: 1000 } : { noiseScale: 1e6 }) });
    client.open(uriA, 'yaml', WITHOUT_NOISE);
    client.open(uriB, 'yaml', WITHOUT_NOISE);
    expect((await client.diagnostics(uriA)).some((d) => d.code === 'surge-risk')).toBe(true);
    expect((await client.diagnostics(uriB)).some((d) => d.code === 'surge-risk')).toBe(false);
  });

  it('take settings from initialization options and pushes when the client cannot be asked', async () => {
    client = await startTestClient({
      capabilities: { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: false } },
      initializationOptions: { optlens: { noiseScale: 1000 } },
    });
    client.open(AXOLOTL_URI, 'yaml', WITHOUT_NOISE, 1);
    expect((await client.diagnostics(AXOLOTL_URI)).some((d) => d.code === 'surge-risk')).toBe(true);
    client.changeSettings({ noiseScale: 1e6 });
    const after = await client.diagnostics(AXOLOTL_URI, (p) => !p.diagnostics.some((d) => d.code === 'surge-risk'));
    expect(after.some((d) => d.code === 'surge-risk')).toBe(false);
    expect(client.serverRequests).not.toContain('workspace/configuration');
  });

  it('ask for settings a client answers without advertising (Neovim 0.7)', async () => {
    client = await startTestClient(
      { capabilities: { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: false } } });
    // Answer anyway, as Neovim does from its `settings`.
    client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => ({ noiseScale: 1000 })));
    client.open(AXOLOTL_URI, 'yaml', WITHOUT_NOISE, 1);
    expect((await client.diagnostics(AXOLOTL_URI)).some((d) => d.code === 'surge-risk')).toBe(true);
  });

  it('report the protocol version in serverInfo', async () => {
    client = await startTestClient();
    expect(client.initializeResult.serverInfo?.version).toMatch(/\+protocol\.1$/);
    expect(client.initializeResult.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
  });
});
