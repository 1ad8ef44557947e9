/**
 * An LSP client and the OptLens server in one process, over a pair of in-memory streams
 * (compose-language-service's TestConnection pattern). The client answers `workspace/configuration`
 * from `settings`, records pushed diagnostics and analyses, and can wait for the next of either.
 */
import { PassThrough } from 'node:stream';
import {
  type ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { DidChangeAnalysisNotification, type DidChangeAnalysisParams } from '../../../core/protocol';
import type { Analyzer } from '../../../server/documents';
import { startServer } from '../../../server/server';

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    inlayHint: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    didChangeConfiguration: { dynamicRegistration: false },
  },
  textDocument: {
    inlayHint: {},
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

type Waiter<T> = { accept: (value: T) => boolean; resolve: (value: T) => void };

export interface TestClient {
  connection: ProtocolConnection;
  initializeResult: InitializeResult;
  /** Settings the client returns for `workspace/configuration` (section `optlens`). */
  settings: Record<string, unknown>;
  /** Every `workspace/configuration` and refresh request the server made, by method. */
  serverRequests: string[];
  open(uri: string, languageId: string, text: string, version?: number): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  changeSettings(settings: Record<string, unknown>): void;
  /** The next diagnostics pushed for `uri` that satisfy `accept` (a set already received counts). */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]>;
  analysis(uri: string, accept?: (p: DidChangeAnalysisParams) => boolean): Promise<DidChangeAnalysisParams>;
  dispose(): void;
}

function waitable<T>() {
  const received: T[] = [];
  const waiters: Waiter<T>[] = [];
  return {
    push(value: T) {
      received.push(value);
      for (const w of [...waiters]) {
        if (w.accept(value)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(value);
        }
      }
    },
    next(accept: (value: T) => boolean): Promise<T> {
      const seen = [...received].reverse().find(accept);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ accept, resolve }));
    },
  };
}

export interface TestClientOptions {
  capabilities?: ClientCapabilities;
  settings?: Record<string, unknown>;
  /** Per-document settings (multi-root): overrides `settings` where it returns a value. */
  settingsByUri?: (scopeUri: string) => Record<string, unknown> | undefined;
  initializationOptions?: unknown;
  analyze?: Analyzer;
  /** Workspace folder URIs (none by default): `optlens/analysis` reads unopened files only inside them. */
  workspaceFolders?: string[];
}

export async function startTestClient(options: TestClientOptions = {}): Promise<TestClient> {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), options.analyze);
  const connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = waitable<PublishDiagnosticsParams>();
  const analyses = waitable<DidChangeAnalysisParams>();
  const serverRequests: string[] = [];
  const client = { settings: options.settings ?? {} } as TestClient;
  const capabilities = options.capabilities ?? FULL_CAPABILITIES;
  // A client that does not advertise `workspace/configuration` does not answer it (MethodNotFound).
  if (capabilities.workspace?.configuration) {
    connection.onRequest(ConfigurationRequest.type, (params) => {
      serverRequests.push(ConfigurationRequest.method);
      return params.items.map((item) =>
        item.section === 'optlens' ? ((item.scopeUri !== undefined ? options.settingsByUri?.(item.scopeUri) : undefined) ?? client.settings) : null);
    });
  }
  for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'client/registerCapability']) {
    connection.onRequest(method, () => {
      serverRequests.push(method);
      return null;
    });
  }
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => diagnostics.push(p));
  connection.onNotification(DidChangeAnalysisNotification.type, (p) => analyses.push(p));
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    capabilities,
    workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder ${i}` })) ?? null,
    ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return Object.assign(client, {
    connection,
    initializeResult,
    serverRequests,
    open(uri: string, languageId: string, text: string, version = 1) {
      void connection.sendNotification(
        DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]) {
      void connection.sendNotification(
        DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    },
    close(uri: string) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    changeSettings(settings: Record<string, unknown>) {
      client.settings = settings;
      void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { optlens: settings } });
    },
    diagnostics: async (uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) =>
      (await diagnostics.next((p) => p.uri === uri && accept(p))).diagnostics,
    analysis: (uri: string, accept: (p: DidChangeAnalysisParams) => boolean = () => true) =>
      analyses.next((p) => p.uri === uri && accept(p)),
    dispose() {
      connection.dispose();
      up.destroy();
      down.destroy();
    },
  });
}
