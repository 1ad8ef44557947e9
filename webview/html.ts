/**
 * The HTML shell of OptLens's webviews (the playground and the report page), with its
 * Content-Security-Policy. Pure string building, no DOM and no vscode, so that the extension host
 * (extension/panel) and the browser harness render exactly the same page.
 *
 * CSP: nothing by default; scripts only with this render's nonce; styles, fonts and images only from the
 * bundled webview folder (`cspSource`); workers only from a blob built from our own worker script (VS Code
 * serves webview resources through a service worker a Worker cannot load from directly, so the page
 * fetches the script and starts it from a blob: URL). No 'unsafe-eval': gpu.js's WebGL2/WebGPU paths
 * compile GLSL/WGSL, not JavaScript, and our CPU fallback is our own TypeScript in the worker.
 */

export type WebviewPage = 'playground' | 'report';

export interface WebviewHtmlOptions {
  /** `webview.cspSource` in VS Code; the page's own origin in the harness. */
  cspSource: string;
  /** A fresh random nonce per render (base64 or hex; the host makes it with crypto.randomBytes). */
  nonce: string;
  /** URI (as a string, no trailing slash) of the bundled `dist/webview` folder, as the page must load it. */
  assetBase: string;
  /** Scripts loaded before the page's bundle, e.g. the harness's stand-in for `acquireVsCodeApi`. */
  preludeScripts?: string[];
  /** Page title (default: "OptLens Playground" / "OptLens Report"). */
  title?: string;
}

/** The Content-Security-Policy of every OptLens webview page. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `worker-src ${cspSource} blob:`,
    `connect-src ${cspSource}`,
  ].join('; ');
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', "'": '&#39;' };

/** Escapes text for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&"<>']/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** A nonce may only hold base64/hex characters: anything else would break out of the CSP header. */
function checkNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('webview nonce must be at least 16 base64/hex characters');
  return nonce;
}

function pageHtml(page: WebviewPage, options: WebviewHtmlOptions, body: string, scripts: string[]): string {
  const nonce = checkNonce(options.nonce);
  const base = options.assetBase.replace(/\/+$/, '');
  const title = options.title ?? (page === 'playground' ? 'OptLens Playground' : 'OptLens Report');
  const scriptTags = [...(options.preludeScripts ?? []), ...scripts.map((s) => `${base}/${s}`)]
    .map((src) => `<script nonce="${nonce}" src="${escapeHtml(src)}"></script>`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(webviewCsp(options.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${escapeHtml(base)}/katex.min.css">
    <link rel="stylesheet" href="${escapeHtml(base)}/playground.css">
  </head>
  <body data-page="${page}" data-asset-base="${escapeHtml(base)}">
    ${body}
    ${scriptTags}
  </body>
</html>
`;
}

/** The playground: the page's bundle (`main.js`) builds everything inside `#app`. gpu.js is a separate script. */
export function renderPlaygroundHtml(options: WebviewHtmlOptions): string {
  const body = `<main id="app" class="playground" aria-busy="true"><p class="loading">Loading the OptLens playground…</p></main>`;
  return pageHtml('playground', options, body, ['gpu-browser.min.js', 'main.js']);
}

/** The report page of "Analyze Current Config" / "Export Report": `report.js` fills `#app` from the host's message. */
export function renderReportHtml(options: WebviewHtmlOptions): string {
  const body = `<main id="app" class="report" aria-busy="true"><p class="loading">Waiting for the analysis…</p></main>`;
  return pageHtml('report', options, body, ['report.js']);
}
