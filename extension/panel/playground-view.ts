/**
 * The playground webview view (`optlens.playground` in the OptLens activity-bar container). VS Code
 * creates the page when the view is first shown; the relay (playground-relay.ts) owns what it shows, so
 * a page re-created after being hidden is re-hydrated when it says `ready`.
 */
import * as vscode from 'vscode';
import type { PlaygroundRelay } from './playground-relay';
import { renderPage, webviewOptions } from './webview-setup';

export const PLAYGROUND_VIEW_ID = 'optlens.playground';

/** How the relay reaches the page: `connect` receives the live view's postMessage, or a dead one when it goes. */
export type ConnectPlayground = (post: (message: unknown) => PromiseLike<boolean>) => void;

export function registerPlaygroundView(extensionUri: vscode.Uri, relay: PlaygroundRelay, connect: ConnectPlayground): vscode.Disposable {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      view.webview.options = webviewOptions(extensionUri);
      relay.detach();
      connect((message) => view.webview.postMessage(message));
      const subscriptions = [
        view.webview.onDidReceiveMessage((message: unknown) => relay.receive(message)),
        // Hidden views lose their page (no retainContextWhenHidden: it costs memory); the new page says `ready`.
        view.onDidChangeVisibility(() => {
          if (!view.visible) relay.detach();
        }),
      ];
      view.onDidDispose(() => {
        relay.detach();
        connect(async () => false);
        subscriptions.forEach((s) => s.dispose());
      });
      view.webview.html = renderPage('playground', view.webview, extensionUri);
    },
  };
  return vscode.window.registerWebviewViewProvider(PLAYGROUND_VIEW_ID, provider);
}

/** Shows the view (VS Code contributes a `<view id>.focus` command for every view). */
export async function revealPlayground(): Promise<void> {
  await vscode.commands.executeCommand(`${PLAYGROUND_VIEW_ID}.focus`);
}
