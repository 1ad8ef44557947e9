/**
 * What every OptLens webview gets from the host: scripts on, resources only from the bundled
 * dist/webview folder, and a page from webview/html.ts with a fresh nonce per render.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderPlaygroundHtml, renderReportHtml, type WebviewPage } from '../../webview/html';

/** 128 random bits per render, base64: the only scripts that run are the ones this render names. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function renderPage(page: WebviewPage, webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const options = {
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    assetBase: webview.asWebviewUri(webviewRoot(extensionUri)).toString(),
  };
  return page === 'playground' ? renderPlaygroundHtml(options) : renderReportHtml(options);
}
