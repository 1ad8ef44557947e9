/**
 * The playground webview view (`optlens.playground` in the OptLens activity-bar container). VS Code
 * creates the page when the view is first shown and keeps it alive while hidden (`retainContextWhenHidden`):
 * a simulation started before the panel was hidden keeps running and is there when it comes back. The relay
 * (playground-relay.ts) owns what the page shows, so a page re-created anyway (a window reload) is
 * re-hydrated when it says `ready`.
 */
import * as vscode from 'vscode';
import type { PlaygroundRelay } from './playground-relay';
import { renderPage, webviewOptions } from './webview-setup';

export const PLAYGROUND_VIEW_ID = 'optlens.playground';

/** How the relay reaches the page: `connect` receives the live view's postMessage, or a dead one when it goes. */
export type ConnectPlayground = (post: (message: unknown) => PromiseLike<boolean>) => void;

export function registerPlaygroundView(
  extensionUri: vscode.Uri, relay: PlaygroundRelay, connect: ConnectPlayground): vscode.Disposable {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      view.webview.options = webviewOptions(extensionUri);
      relay.detach();
      connect((message) => view.webview.postMessage(message));
      // A hidden view keeps its page (and its simulation): messages still reach it, so the relay stays attached.
      const subscriptions = [view.webview.onDidReceiveMessage((message: unknown) => void relay.receive(message))];
      view.onDidDispose(() => {
        relay.detach();
        connect(async () => false);
        for (const s of subscriptions) s.dispose();
      });
      view.webview.html = renderPage('playground', view.webview, extensionUri);
    },
  };
  // The page holds a running simulation (workers and all): tearing it down when the panel is hidden would drop it.
  return vscode.window.registerWebviewViewProvider(
    PLAYGROUND_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: true } });
}

/** Shows the view (VS Code contributes a `<view id>.focus` command for every view). */
export async function revealPlayground(): Promise<void> {
  await vscode.commands.executeCommand(`${PLAYGROUND_VIEW_ID}.focus`);
}
