/**
 * Stands in for VS Code around the webview pages, so the same bundles run as plain web pages (opened from
 * `dist/webview/harness/`, or served by the browser tests). Loaded before the page's bundle, it defines
 * `acquireVsCodeApi` and plays the extension host: it answers `ready` with a bound config (or a report),
 * turns `apply` into a re-bind with the new value (as the host does after the file is edited), applies
 * VS Code's theme variables, and records every message for the tests (`window.optlensHarness`).
 *
 * URL query: `theme=light|dark|high-contrast`, `bind=0` (start with no config), `gpu=off` (hide gpu.js
 * so the CPU worker runs the simulations even where WebGL2 exists).
 */
import type { BoundConfig, PlaygroundToHost, ReportToHost } from '../../core/webview-messages';
import { validatePlaygroundToHost, validateReportToHost } from '../../core/webview-messages-validate';
import type { VsCodeApi } from '../vscode-api';
import { sampleBinding, sampleReport } from './samples';
import { applyHarnessTheme, type HarnessTheme } from './themes';

export interface HarnessControl {
  /** Every message the page posted, validated as the host validates them (invalid ones are recorded as null). */
  received: (PlaygroundToHost | ReportToHost | null)[];
  /** Sends a message to the page, as the host's `webview.postMessage` does. */
  send(message: unknown): void;
  setTheme(theme: HarnessTheme): void;
  /** The config the fake host has bound (its params follow `apply`). */
  bound: BoundConfig | null;
}

declare global {
  interface Window {
    optlensHarness: HarnessControl;
  }
}

const query = new URLSearchParams(location.search);
const page = document.body.dataset.page === 'report' ? 'report' : 'playground';
const storageKey = `optlens-harness-state-${page}`;

if (query.get('gpu') === 'off') {
  // gpu-browser.min.js defines `window.GPU` unless one whose prototype has `createKernel` is there: this
  // stand-in (not a constructor, so the page finds no GPU) keeps it out and sends simulations to the worker.
  const absent = { prototype: { createKernel: () => undefined }, isWebGL2Supported: false };
  Object.defineProperty(window, 'GPU', { configurable: true, get: () => absent, set: () => undefined });
}

const send = (message: unknown) => window.postMessage(message, location.origin);

const harness: HarnessControl = {
  received: [],
  send,
  setTheme: (theme) => applyHarnessTheme(document, theme),
  bound: query.get('bind') === '0' ? null : sampleBinding(),
};
window.optlensHarness = harness;

function playgroundHost(message: PlaygroundToHost): void {
  switch (message.type) {
    case 'ready':
      send({ type: 'bind', config: harness.bound });
      break;
    case 'apply': {
      const bound = harness.bound;
      const ok = bound !== null && bound.uri === message.uri;
      send({ type: 'applied', requestId: message.requestId, ok, ...(ok ? {} : { message: 'no such config' }) });
      if (bound && ok) {
        // The host re-analyses the edited file and re-binds: the value is now written in the file.
        const origin = bound.origins[message.param];
        harness.bound = {
          ...bound,
          params: { ...bound.params, [message.param]: message.value },
          origins: { ...bound.origins, [message.param]: { source: 'written', hyperparameter: origin?.hyperparameter ?? null, line: origin?.line ?? null } },
        };
        send({ type: 'bind', config: harness.bound });
      }
      break;
    }
    case 'notify':
      break;
  }
}

const api: VsCodeApi = {
  postMessage(message: unknown) {
    if (page === 'report') {
      const checked = validateReportToHost(message);
      harness.received.push(checked);
      if (checked?.type === 'ready') send({ type: 'report', report: sampleReport() });
      return;
    }
    const checked = validatePlaygroundToHost(message);
    harness.received.push(checked);
    if (checked) playgroundHost(checked);
  },
  getState() {
    const saved = sessionStorage.getItem(storageKey);
    return saved === null ? undefined : (JSON.parse(saved) as unknown);
  },
  setState(state: unknown) {
    sessionStorage.setItem(storageKey, JSON.stringify(state));
  },
};

let acquired = false;
window.acquireVsCodeApi = () => {
  // VS Code throws on a second call; so does the harness, so that a page bug shows up here too.
  if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
  acquired = true;
  return api;
};

const theme = query.get('theme');
applyHarnessTheme(document, theme === 'dark' || theme === 'high-contrast' ? theme : 'light');
