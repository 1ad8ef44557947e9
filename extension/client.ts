/**
 * The language client: starts dist/server.js in a Node process over IPC (as lsp-sample does) for the
 * config languages, forwards the `optlens.*` settings, lets hovers run OptLens's own commands (and only
 * those) from their links, and keeps inlay hints to the cursor's line in `activeLine` mode.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands } from '../core/protocol';
import { findingLinkMiddleware } from './finding-links';
import { inlayHintModeMiddleware, refreshOnCursorLine } from './inlay-hint-mode';
import { DOCUMENT_SELECTOR } from './languages';

/** The commands a hover's `command:` links may run: OptLens's own (opening the science reference among them). */
export const TRUSTED_COMMANDS: readonly string[] = Object.values(ClientCommands);

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // No scheme: documents of virtual workspaces reach the server through the editor like any other.
    documentSelector: [...DOCUMENT_SELECTOR],
    // Pushes the `optlens` section on change as well: the server reads it from there or pulls it per resource.
    synchronize: { configurationSection: 'optlens' },
    // Hover links may run exactly the commands OptLens builds (core/protocol.ts), nothing else; no HTML.
    markdown: { isTrusted: { enabledCommands: [...TRUSTED_COMMANDS] }, supportHtml: false },
    middleware: { ...inlayHintModeMiddleware, ...findingLinkMiddleware(context.extensionPath) },
  };
  const client = new LanguageClient('optlens', 'OptLens', serverOptions, clientOptions);
  context.subscriptions.push(refreshOnCursorLine(client));
  return client;
}
