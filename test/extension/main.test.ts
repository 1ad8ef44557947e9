/**
 * activate() wired end to end against the vscode stand-in and a fake language client: the server's
 * analyses reach the status bar and the playground, commands find the active config, and a playground
 * edit goes through the server's applyHyperparameter into one workspace edit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';
import type { FileAnalysis } from '../../core/analysis';
import { AnalysisRequest, ApplyHyperparameterRequest, DidChangeAnalysisNotification } from '../../core/protocol';
import { createWebviewView, mock, resetMock, setActiveEditor, textDocument, Uri, WorkspaceEdit } from '../mocks/vscode';
import { analysis } from './fixtures';

interface FakeClient {
  started: boolean;
  stopped: boolean;
  notificationHandlers: Map<string, (params: unknown) => void>;
  requests: { method: string; params: unknown }[];
  analyses: Map<string, FileAnalysis>;
}
const fake: FakeClient = { started: false, stopped: false, notificationHandlers: new Map(), requests: [],
  analyses: new Map() };

vi.mock('vscode-languageclient/node', () => ({
  TransportKind: { stdio: 0, ipc: 1 },
  InlayHintRequest: { method: 'textDocument/inlayHint' },
  LanguageClient: class {
    protocol2CodeConverter = {
      asWorkspaceEdit: async (edit: { changes: Record<string, { newText: string }[]> }) => {
        const result = new WorkspaceEdit();
        for (const [uri, edits] of Object.entries(edit.changes)) for (const e of edits) result.replace(
          Uri.parse(uri), null as never, e.newText);
        return result;
      },
    };
    onNotification(type: { method: string }, handler: (params: unknown) => void) {
      fake.notificationHandlers.set(type.method, handler);
    }
    async sendRequest(type: { method: string }, params: { uri: string; name?: string }) {
      fake.requests.push({ method: type.method, params });
      if (type.method === AnalysisRequest.method) return fake.analyses.get(params.uri) ?? null;
      if (type.method === ApplyHyperparameterRequest.method) return { edit: { changes: { [params.uri]: [{ newText: '0.95' }] } } };
      return null;
    }
    async start() {
      fake.started = true;
    }
    async stop() {
      fake.stopped = true;
    }
  },
}));

const { activate, deactivate } = await import('../../extension/main');

const URI = 'file:///ws/hf-sft.yaml';
const context = { subscriptions: [] as { dispose(): unknown }[], extensionUri: Uri.file('/ext'), asAbsolutePath: (p: string) => `/ext/${p}` };

describe('activate', () => {
  beforeEach(async () => {
    resetMock();
    Object.assign(fake, { started: false, stopped: false, notificationHandlers: new Map(), requests: [],
      analyses: new Map() });
    fake.analyses.set(URI, analysis());
    await activate(context as unknown as vscode.ExtensionContext);
  });

  afterEach(async () => {
    context.subscriptions.forEach((d) => d.dispose());
    context.subscriptions.length = 0;
    await deactivate();
  });

  it('starts the language client and registers the commands and the playground view', () => {
    expect(fake.started).toBe(true);
    expect(mock.commands.has('optlens.analyze')).toBe(true);
    expect(mock.viewProviders.has('optlens.playground')).toBe(true);
  });

  it('asks for the analysis of a config the editor shows and puts its headline in the status bar', async () => {
    setActiveEditor(textDocument(URI, 'yaml'));
    await vi.waitFor(() => expect(mock.statusBarItems[0]?.visible).toBe(true));
    expect(fake.requests[0]).toEqual({ method: 'optlens/analysis', params: { uri: URI } });
    expect(mock.statusBarItems[0]?.text).toBe('$(graph) AdamW · RMS 0.229 · $(warning) Surge');
    expect(mock.executed).toContainEqual({ command: 'setContext', args: ['optlens.activeConfig', true] });
    setActiveEditor(textDocument('file:///ws/notes.md', 'markdown'));
    expect(mock.statusBarItems[0]?.visible).toBe(false);
  });

  it('follows the server\'s pushed analyses', async () => {
    setActiveEditor(textDocument(URI, 'yaml'));
    await vi.waitFor(() => expect(mock.statusBarItems[0]?.visible).toBe(true));
    const changed = analysis({ optimizers: [{ ...analysis().optimizers[0], kind: 'lion', predictions: { ...analysis().optimizers[0].predictions!, updateRms: 1 } }] });
    fake.notificationHandlers.get(DidChangeAnalysisNotification.method)?.({ uri: URI, version: 2, analysis: changed });
    expect(mock.statusBarItems[0]?.text).toMatch(/^\$\(graph\) Lion · RMS 1/);
  });

  it('binds the playground and writes a control back through the server as one edit', async () => {
    setActiveEditor(textDocument(URI, 'yaml'));
    await vi.waitFor(() => expect(mock.statusBarItems[0]?.visible).toBe(true));
    const provider = mock.viewProviders.get('optlens.playground') as vscode.WebviewViewProvider;
    const view = createWebviewView('optlens.playground');
    void provider.resolveWebviewView(
      view as unknown as vscode.WebviewView, { state: undefined }, {} as vscode.CancellationToken);
    view.webview.receive({ type: 'ready' });
    await vi.waitFor(() => expect(view.webview.posted).toMatchObject([{ type: 'bind', config: { uri: URI, fileName: 'hf-sft.yaml' } }]));
    view.webview.receive({ type: 'apply', requestId: 1, uri: URI, optimizerIndex: 0, param: 'beta1', value: 0.95 });
    await vi.waitFor(() => expect(view.webview.posted.at(-1)).toEqual({ type: 'applied', requestId: 1, ok: true }));
    expect(fake.requests.at(-1)).toEqual({ method: 'optlens/applyHyperparameter', params: { uri: URI, optimizerIndex: 0, name: 'beta1', value: 0.95 } });
    expect(mock.appliedEdits).toHaveLength(1);
    expect(mock.appliedEdits[0]?.edits.map((e) => e.newText)).toEqual(['0.95']);
  });

  it('runs Analyze on the active config from the palette', async () => {
    setActiveEditor(textDocument(URI, 'yaml'));
    await vi.waitFor(() => expect(mock.statusBarItems[0]?.visible).toBe(true));
    await mock.commands.get('optlens.analyze')?.();
    expect(mock.panels.map((p) => p.title)).toEqual(['OptLens: hf-sft.yaml']);
  });

  it('explains when a command has no config to work on', async () => {
    await mock.commands.get('optlens.compareOptimizers')?.();
    expect(mock.messages).toEqual([{ level: 'info', text: 'OptLens: open a training config (YAML, JSON, TOML, Python or shell) first.' }]);
  });

  it('stops the client on deactivate', async () => {
    await deactivate();
    expect(fake.stopped).toBe(true);
  });
});
