/**
 * The language server, wired to any connection: stdio or IPC from main.ts, a pair of in-memory streams
 * in the tests. Documents are synced incrementally; each version is analysed once (documents.ts); every
 * feature is a module under features/ that registers its handlers and returns its capabilities.
 */
import {
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type ServerCapabilities,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION } from '../core/protocol';
import { version } from '../package.json';
import { analyzeText } from './analyze';
import { type Configuration, createConfiguration } from './configuration';
import { type Analyzer, createDocumentAnalyses } from './documents';
import { registerCodeActions } from './features/code-actions';
import { refreshCodeLenses, registerCodeLens } from './features/code-lens';
import type { ClientFacts, FeatureContext } from './features/context';
import { notifyAnalysis, registerCustomRequests } from './features/custom-requests';
import { clearDiagnostics, publishDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { refreshInlayHints, registerInlayHints } from './features/inlay-hints';

function clientFacts(params: InitializeParams): ClientFacts {
  const workspace = params.capabilities.workspace;
  return {
    documentChanges: workspace?.workspaceEdit?.documentChanges === true,
    inlayHintRefresh: workspace?.inlayHint?.refreshSupport === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    configuration: workspace?.configuration === true,
  };
}

/**
 * The workspace folders' paths (the root URI for clients without folders): `optlens/analysis` reads unopened
 * files only inside them.
 */
function folderPaths(uris: readonly string[]): string[] {
  return uris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
    } catch {
      return [];
    }
  });
}

/** Starts serving on `connection` (already created, not yet listening). `analyze` is replaceable for tests. */
export function startServer(connection: Connection, analyze: Analyzer = analyzeText): void {
  const documents = new TextDocuments(TextDocument);
  let facts: ClientFacts = { documentChanges: false, inlayHintRefresh: false, codeLensRefresh: false,
    configuration: false };
  let dynamicConfiguration = false;
  let workspaceFolderEvents = false;
  let configuration: Configuration = createConfiguration(connection, () => false, undefined);
  const settingsFor = (uri: string) => configuration.settingsFor(uri);
  const analyses = createDocumentAnalyses(documents, settingsFor, analyze);
  const ctx: FeatureContext = { connection, analyses, client: () => facts };
  let folders: string[] = [];

  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    ...registerInlayHints(ctx),
    ...registerHover(ctx),
    ...registerCodeActions(ctx),
    ...registerCodeLens(ctx),
  };
  registerCustomRequests(ctx, { analyze, settingsFor, workspaceFolders: () => folders });

  connection.onInitialize((params) => {
    facts = clientFacts(params);
    folders = folderPaths(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    dynamicConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    configuration = createConfiguration(
      connection, () => facts.configuration, params.initializationOptions ?? undefined);
    return { capabilities, serverInfo: { name: 'OptLens', version: `${version}+protocol.${PROTOCOL_VERSION}` } };
  });
  connection.onInitialized(() => {
    // Through vscode-languageserver's workspace-folder feature, which owns the notification's handler (a second
    // onNotification would replace it, and throws once a client has already hung up). Auto-registered by
    // `changeNotifications: true`, so this sends nothing; clients without workspace folders never send it.
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(folderPaths(event.removed.map((f) => f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...folderPaths(event.added.map((f) => f.uri))];
      });
    }
    // VS Code sends settings changes only for sections a server registered for.
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'optlens' });
  });
  connection.onDidChangeConfiguration((change) => {
    configuration.changed(change.settings);
    analyses.rescheduleAll(documents.keys());
    refreshInlayHints(ctx);
    refreshCodeLenses(ctx);
  });

  documents.onDidChangeContent((e) => analyses.schedule(e.document.uri));
  documents.onDidClose((e) => {
    analyses.forget(e.document.uri);
    configuration.forget(e.document.uri);
    clearDiagnostics(ctx, e.document.uri);
  });
  analyses.onAnalysed((analysed) => {
    publishDiagnostics(ctx, analysed);
    notifyAnalysis(ctx, analysed);
  });

  documents.listen(connection);
  connection.listen();
}
