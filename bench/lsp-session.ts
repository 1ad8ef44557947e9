/**
 * A language server in a child process, driven over stdio as an editor drives it, with the timings the
 * LSP bench needs: didOpen (or didChange) → first pushed diagnostics for that version, and request
 * round trips. Used for OptLens (`dist/server.js`) and its peer yaml-language-server alike.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
  connection: ProtocolConnection;
  /** ms from sending didOpen to the first diagnostics pushed for `uri`. */
  openToDiagnostics(uri: string, languageId: string, text: string): Promise<number>;
  /** ms from sending a full-text didChange to the diagnostics pushed for that version. */
  changeToDiagnostics(uri: string, version: number, text: string): Promise<number>;
  close(uri: string): void;
  stop(): Promise<void>;
}

export interface SessionOptions {
  command: string[];
  /** Answer to `workspace/configuration`, by section. */
  settings: Record<string, unknown>;
  /** Versioned diagnostics: wait for the pushed version (servers that report it). */
  versioned: boolean;
}

export async function startSession(options: SessionOptions): Promise<LspSession> {
  const [cmd, ...args] = options.command;
  const child: ChildProcess = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, { version: number | null; resolve: () => void }>();
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const w = waiting.get(p.uri);
    if (!w) return;
    if (options.versioned && w.version !== null && p.version !== undefined && p.version !== w.version) return;
    waiting.delete(p.uri);
    w.resolve();
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.settings[item.section ?? ''] ?? null));
  // Registration and refresh requests need only an answer.
  for (const method of ['client/registerCapability', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'window/workDoneProgress/create']) {
    connection.onRequest(method, () => null);
  }
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { hover: { contentFormat: ['markdown'] }, inlayHint: {}, publishDiagnostics: { versionSupport: true } },
    },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const diagnosticsFor = (uri: string, version: number | null) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 30 s`)), 30_000);
      waiting.set(uri, { version, resolve: () => (clearTimeout(timer), resolve()) });
    });

  return {
    connection,
    async openToDiagnostics(uri, languageId, text) {
      const pushed = diagnosticsFor(uri, 1);
      const t0 = performance.now();
      await connection.sendNotification(
        DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      await pushed;
      return performance.now() - t0;
    },
    async changeToDiagnostics(uri, version, text) {
      const pushed = diagnosticsFor(uri, version);
      const t0 = performance.now();
      await connection.sendNotification(
        DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
      await pushed;
      return performance.now() - t0;
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async stop() {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      connection.dispose();
      child.kill();
    },
  };
}
