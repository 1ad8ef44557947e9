/**
 * OptLens's extension entry point. `activate` starts the language client (client.ts), keeps the config
 * store (active-config.ts) fed from the server, and wires the store to the status bar, the playground
 * (panel/) and the commands (commands.ts). OptLens runs nothing from the workspace: it reads documents.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AnalysisRequest, ApplyHyperparameterRequest, DidChangeAnalysisNotification, type ApplyHyperparameterParams } from '../core/protocol';
import { ConfigStore } from './active-config';
import { createLanguageClient } from './client';
import type { CommandTarget } from './command-args';
import { defaultOptimizerIndex, registerCommands, type ResolvedConfig } from './commands';
import { isConfigDocument } from './languages';
import { bindConfig } from './panel/bind';
import { PlaygroundRelay } from './panel/playground-relay';
import { registerPlaygroundView } from './panel/playground-view';
import { ReportPanel } from './panel/report-panel';
import { openPageCitation } from './science-reference';
import { createStatusBar } from './status-bar';

let client: LanguageClient | null = null;

function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.split(/[\\/]/).pop() ?? uri);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const store = new ConfigStore();
  const languageClient = createLanguageClient(context);
  client = languageClient;
  const statusBar = createStatusBar();
  const report = new ReportPanel(context.extensionUri);
  /** Which optimizer of the active file the playground shows (a lens may pick another than the headline one). */
  let boundIndex: { uri: string; index: number } | null = null;

  const apply = async (params: ApplyHyperparameterParams): Promise<{ ok: true } | { ok: false; message: string }> => {
    const result = await languageClient.sendRequest(ApplyHyperparameterRequest.type, params);
    if (!result.edit) return { ok: false, message: result.message ?? 'the server made no edit' };
    const edit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    return (await vscode.workspace.applyEdit(edit)) ? { ok: true } : { ok: false, message: 'VS Code refused the edit (is the file read-only?)' };
  };
  const relay = new PlaygroundRelay({
    post: (message) => playgroundPost(message),
    apply,
    notify: (level, message) => {
      const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message);
    },
    openScienceReference: (section) => openPageCitation(context.extensionUri, section),
  });
  // The view registers itself with the relay when VS Code resolves it; until then nothing is live.
  let playgroundPost: (message: unknown) => PromiseLike<boolean> = async () => false;
  const view = registerPlaygroundView(context.extensionUri, relay, (post) => (playgroundPost = post));

  const isConfigEditor = (editor: vscode.TextEditor | undefined) => editor !== undefined &&
    isConfigDocument(editor.document.languageId, editor.document.fileName);
  const requestAnalysis = async (uri: string): Promise<void> => {
    const analysis = await languageClient.sendRequest(AnalysisRequest.type, { uri });
    if (analysis) store.setAnalysis(uri, analysis);
  };
  const onEditor = (editor: vscode.TextEditor | undefined) => {
    // Focus moving to a webview or the output panel leaves the last config active (the playground stays bound).
    if (!editor) return;
    const config = isConfigEditor(editor);
    void vscode.commands.executeCommand('setContext', 'optlens.activeConfig', config);
    if (!config) {
      statusBar.update(null, false);
      return;
    }
    const uri = editor.document.uri.toString();
    if (store.setActive(uri)) void requestAnalysis(uri).catch(() => undefined);
    statusBar.update(store.active(), true);
  };

  store.onDidChangeActive((active) => {
    statusBar.update(active, isConfigEditor(vscode.window.activeTextEditor));
    if (!active) {
      relay.bind(null);
      return;
    }
    const index = boundIndex?.uri === active.uri ? boundIndex.index : defaultOptimizerIndex(active.analysis);
    relay.bind(bindConfig(active.uri, active.analysis, index));
  });

  const resolve = async (target: CommandTarget, options: { quiet?: boolean } = {}): Promise<ResolvedConfig | null> => {
    const uri = target.uri ?? store.activeUriString;
    if (!uri) {
      if (!options.quiet) void vscode.window.showInformationMessage('OptLens: open a training config (YAML, JSON, TOML, Python or shell) first.');
      return null;
    }
    let held = store.get(uri);
    if (!held) {
      await requestAnalysis(uri).catch(() => undefined);
      held = store.get(uri);
    }
    if (!held) {
      if (!options.quiet) void vscode.window.showInformationMessage(`OptLens found no optimizer config in ${fileNameOf(uri)}.`);
      return null;
    }
    const index = target.optimizerIndex !== null && target.optimizerIndex < held.analysis.optimizers.length
      ? target.optimizerIndex
      : defaultOptimizerIndex(held.analysis);
    return { uri, analysis: held.analysis, optimizerIndex: index, fileName: fileNameOf(uri) };
  };

  const bindPlayground = (config: ResolvedConfig) => {
    boundIndex = { uri: config.uri, index: config.optimizerIndex };
    store.setActive(config.uri);
    relay.bind(bindConfig(config.uri, config.analysis, config.optimizerIndex));
  };

  context.subscriptions.push(
    statusBar,
    report,
    view,
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    vscode.workspace.onDidCloseTextDocument((document) => store.forget(document.uri.toString())),
    ...registerCommands({
      workerScript: context.asAbsolutePath('dist/sim-worker.js'),
      surgeWorkerScript: context.asAbsolutePath('dist/surge-worker.js'),
      resolve,
      relay,
      report,
      bindPlayground,
      extensionUri: context.extensionUri,
    }),
  );

  languageClient.onNotification(DidChangeAnalysisNotification.type,
    (params) => store.setAnalysis(params.uri, params.analysis, params.version));
  await languageClient.start();
  onEditor(vscode.window.activeTextEditor);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = null;
}
