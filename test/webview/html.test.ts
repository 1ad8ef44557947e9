import { describe, expect, it } from 'vitest';
import { escapeHtml, renderPlaygroundHtml, renderReportHtml, webviewCsp } from '../../webview/html';

const options = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'q1w2e3r4t5y6u7i8o9p0aa==', assetBase: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/' };

/** The directives of the CSP in the page's meta tag. */
function cspOf(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const decoded = content.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return new Map(decoded.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));
}

describe('webview HTML', () => {
  it('denies everything by default and allows scripts only by nonce, without eval', () => {
    const csp = cspOf(renderPlaygroundHtml(options));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual([`'nonce-${options.nonce}'`]);
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    expect(csp.get('style-src')).toEqual([options.cspSource]);
    expect(csp.get('worker-src')).toEqual([options.cspSource, 'blob:']);
  });

  it('loads gpu.js before the playground bundle, every script with the nonce, from the asset folder', () => {
    const html = renderPlaygroundHtml(options);
    const scripts = [...html.matchAll(/<script nonce="([^"]+)" src="([^"]+)"><\/script>/g)];
    expect(scripts.map((m) => m[2])).toEqual([`${options.assetBase.replace(/\/$/, '')}/gpu-browser.min.js`, `${options.assetBase.replace(/\/$/, '')}/main.js`]);
    expect(scripts.every((m) => m[1] === options.nonce)).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*nonce)/);
    expect(html).not.toMatch(/ style="/);
  });

  it('puts prelude scripts (the harness) first and renders the report page with its own bundle', () => {
    const html = renderReportHtml({ ...options, preludeScripts: ['harness.js'] });
    const srcs = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs[0]).toBe('harness.js');
    expect(srcs[1]).toMatch(/report\.js$/);
    expect(html).toContain('data-page="report"');
  });

  it('refuses a nonce that could break out of the policy', () => {
    expect(() => renderPlaygroundHtml({ ...options, nonce: "abc' 'unsafe-eval" })).toThrow(/nonce/);
    expect(() => renderPlaygroundHtml({ ...options, nonce: 'short' })).toThrow(/nonce/);
  });

  it('escapes what it interpolates', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderPlaygroundHtml({ ...options, title: '</title><script>alert(1)</script>' });
    expect(html).not.toContain('<script>alert');
  });

  it('states the same policy in the page that the host can send as a header', () => {
    const csp = webviewCsp("'self'", options.nonce);
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).toContain(`script-src 'nonce-${options.nonce}'`);
  });
});
