import { beforeEach, describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { PlaygroundRelay } from '../../../extension/panel/playground-relay';
import { PLAYGROUND_VIEW_ID, registerPlaygroundView } from '../../../extension/panel/playground-view';
import { bindConfig } from '../../../extension/panel/bind';
import { createWebviewView, mock, resetMock, Uri } from '../../mocks/vscode';
import { analysis } from '../fixtures';

describe('the playground view', () => {
  beforeEach(() => resetMock());

  function resolve() {
    let post: (m: unknown) => PromiseLike<boolean> = async () => false;
    const relay = new PlaygroundRelay(
      { post: (m) => post(m), apply: async () => ({ ok: true }), notify: () => undefined,
        openScienceReference: async () => false });
    registerPlaygroundView(Uri.file('/ext') as unknown as vscode.Uri, relay, (p) => (post = p));
    const provider = mock.viewProviders.get(PLAYGROUND_VIEW_ID) as vscode.WebviewViewProvider;
    const view = createWebviewView(PLAYGROUND_VIEW_ID);
    void provider.resolveWebviewView(
      view as unknown as vscode.WebviewView, { state: undefined },
        { isCancellationRequested: false } as vscode.CancellationToken);
    return { relay, view };
  }

  it('loads the playground page with scripts only from dist/webview', () => {
    const { view } = resolve();
    expect(view.webview.options).toMatchObject({ enableScripts: true });
    expect((view.webview.options.localResourceRoots as Uri[]).map(String)).toEqual(['file:///ext/dist/webview']);
    const scripts = [...view.webview.html.matchAll(/<script nonce="[^"]+" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(scripts).toEqual(['https://mock.vscode-cdn.net/ext/dist/webview/gpu-browser.min.js', 'https://mock.vscode-cdn.net/ext/dist/webview/main.js']);
  });

  it('keeps the page (and a running simulation) alive while the view is hidden, still receiving the host\'s messages', async () => {
    const { relay, view } = resolve();
    expect(mock.viewProviderOptions.get(PLAYGROUND_VIEW_ID)).toEqual(
      { webviewOptions: { retainContextWhenHidden: true } });
    view.webview.receive({ type: 'ready' });
    await new Promise((r) => setTimeout(r, 0));
    view.visible = false;
    relay.bind(bindConfig('file:///ws/hf-sft.yaml', analysis(), 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(view.webview.posted.at(-1)).toMatchObject({ type: 'bind', config: { fileName: 'hf-sft.yaml' } });
  });

  it('relays the page\'s messages and posts the bound config after ready', async () => {
    const { relay, view } = resolve();
    relay.bind(bindConfig('file:///ws/hf-sft.yaml', analysis(), 0));
    expect(view.webview.posted).toEqual([]);
    view.webview.receive({ type: 'ready' });
    await new Promise((r) => setTimeout(r, 0));
    expect(view.webview.posted).toMatchObject([{ type: 'bind', config: { fileName: 'hf-sft.yaml' } }]);
  });

  it('forgets the page when the view is disposed', async () => {
    const { relay, view } = resolve();
    view.webview.receive({ type: 'ready' });
    await new Promise((r) => setTimeout(r, 0));
    expect(relay.isReady).toBe(true);
    view.dispose();
    expect(relay.isReady).toBe(false);
  });
});
