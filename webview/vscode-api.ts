/**
 * The webview's handle on VS Code: `acquireVsCodeApi()` may be called only once per page, so it is
 * called here and shared. Outside VS Code the harness page defines `acquireVsCodeApi` first.
 */

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Injected by VS Code into every webview (and by the harness).
  function acquireVsCodeApi(): VsCodeApi;
}

let api: VsCodeApi | null = null;

/** The page's VS Code API, acquired on first use. */
export function vscodeApi(): VsCodeApi {
  if (!api) {
    if (typeof acquireVsCodeApi !== 'function') throw new Error('acquireVsCodeApi is missing: open this page inside VS Code or through the harness');
    api = acquireVsCodeApi();
  }
  return api;
}
