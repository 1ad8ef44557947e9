import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisRequest, ApplyHyperparameterRequest } from '../../../core/protocol';
import { AXOLOTL, AXOLOTL_URI } from './fixtures';
import { startTestClient, type TestClient } from './harness';

const CORPUS = resolve(__dirname, '../../fixtures/corpus');

describe('OptLens requests', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('optlens/analysis returns the hyperparameters, predictions and findings of an open document', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const analysis = await client.connection.sendRequest(AnalysisRequest.type, { uri: AXOLOTL_URI });
    expect(analysis?.ecosystem).toBe('axolotl');
    const opt = analysis!.optimizers[0];
    expect(opt.hyperparameters.beta1).toMatchObject({ value: 0.9, source: 'written', line: 4, key: 'adam_beta1' });
    expect(opt.predictions?.updateRms).toBeCloseTo(Math.sqrt(0.1 / 1.9), 6);
    expect(opt.predictionInput?.noiseScale).toBe(1000);
    expect(analysis!.findings.some((f) => f.code === 'surge-risk')).toBe(true);
  });

  it('optlens/didChangeAnalysis is pushed after each analysis, with its version', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 4);
    expect((await client.analysis(AXOLOTL_URI, (p) => p.version === 4)).analysis.optimizers).toHaveLength(1);
    client.change(AXOLOTL_URI, 5, [{ text: AXOLOTL.replace('0.95', '0.99') }]);
    const pushed = await client.analysis(AXOLOTL_URI, (p) => p.version === 5);
    expect(pushed.analysis.optimizers[0].hyperparameters.beta2?.value).toBe(0.99);
  });

  it('optlens/applyHyperparameter changes only the literal, in the file\'s style', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 3);
    const { edit } = await client.connection.sendRequest(ApplyHyperparameterRequest.type, { uri: AXOLOTL_URI, optimizerIndex: 0, name: 'eps', value: 1e-6 });
    const change = edit?.documentChanges?.[0] as TextDocumentEdit;
    expect(change.textDocument.version).toBe(3);
    const after = TextDocument.applyEdits(TextDocument.create(AXOLOTL_URI, 'yaml', 3, AXOLOTL), change.edits as TextEdit[]);
    expect(after).toBe(AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_epsilon: 1.0e-6'));
  });

  it('optlens/applyHyperparameter refuses derived and invalid values with a reason', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const bad = await client.connection.sendRequest(ApplyHyperparameterRequest.type, { uri: AXOLOTL_URI, optimizerIndex: 0, name: 'beta1', value: 1.2 });
    expect(bad).toEqual({ edit: null, message: 'beta1 must be in [0, 1)' });
    const missing = await client.connection.sendRequest(ApplyHyperparameterRequest.type, { uri: AXOLOTL_URI, optimizerIndex: 3, name: 'lr', value: 1e-3 });
    expect(missing.edit).toBeNull();
    expect(missing.message).toContain('no optimizer 3');
  });

  it('optlens/applyHyperparameter inserts a key the file does not write, in the framework\'s spelling', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_beta1: 0.9\n', '');
    client.open(AXOLOTL_URI, 'yaml', text);
    const { edit } = await client.connection.sendRequest(ApplyHyperparameterRequest.type, { uri: AXOLOTL_URI, optimizerIndex: 0, name: 'beta1', value: 0.8 });
    const after = TextDocument.applyEdits(TextDocument.create(AXOLOTL_URI, 'yaml', 1, text), (edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[]);
    expect(after.split('\n').filter((l) => !text.split('\n').includes(l))).toEqual(['adam_beta1: 0.8']);
  });

  it('reads a file that is not open from disk, inside the workspace folders', async () => {
    client = await startTestClient({ workspaceFolders: [pathToFileURL(CORPUS).href] });
    const uri = pathToFileURL(resolve(CORPUS, 'axolotl/phi2-ft.yml')).href;
    const analysis = await client.connection.sendRequest(AnalysisRequest.type, { uri });
    expect(analysis?.ecosystem).toBe('axolotl');
    expect(analysis?.optimizers[0]?.hyperparameters.beta2).toMatchObject({ value: 0.95, line: 37 });
    expect(await client.connection.sendRequest(AnalysisRequest.type, { uri: 'file:///no/such/file.yaml' })).toBeNull();
  });
});
