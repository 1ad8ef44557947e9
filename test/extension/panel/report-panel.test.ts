import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';
import { ReportPanel } from '../../../extension/panel/report-panel';
import { analysisReport } from '../../../extension/report/analysis-report';
import { mock, resetMock, Uri } from '../../mocks/vscode';
import { analysis } from '../fixtures';

const extensionUri = Uri.file('/ext') as unknown as vscode.Uri;

describe('ReportPanel', () => {
  beforeEach(() => resetMock());

  it('renders the report page under a nonce CSP, limited to the bundled webview folder', () => {
    const panel = new ReportPanel(extensionUri);
    panel.show(analysisReport(analysis()));
    const created = mock.panels[0];
    expect(created.viewType).toBe('optlens.report');
    expect(created.title).toBe('OptLens: hf-sft.yaml');
    const html = created.webview.html;
    const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(html).toContain(`<script nonce="${nonce}" src="https://mock.vscode-cdn.net/ext/dist/webview/report.js"></script>`);
    expect(html).toContain(`script-src &#39;nonce-${nonce}&#39;`);
    expect(html).toContain('default-src &#39;none&#39;');
    expect(html).not.toMatch(/unsafe-eval|unsafe-inline/);
    const roots = created.webview.options.localResourceRoots as Uri[];
    expect(roots.map((r) => r.toString())).toEqual(['file:///ext/dist/webview']);
    expect(created.webview.options.enableScripts).toBe(true);
  });

  it('sends the report once the page is ready, and the latest one after', async () => {
    const panel = new ReportPanel(extensionUri);
    panel.show(analysisReport(analysis()));
    const webview = mock.panels[0].webview;
    expect(webview.posted).toEqual([]);
    webview.receive({ type: 'ready' });
    await Promise.resolve();
    expect(webview.posted).toMatchObject([{ type: 'report', report: { kind: 'analysis' } }]);
    panel.show({ ...analysisReport(analysis()), title: 'second' });
    expect(mock.panels).toHaveLength(1);
    expect(webview.posted.at(-1)).toMatchObject({ type: 'report', report: { title: 'second' } });
  });

  it('a fresh nonce per render', () => {
    new ReportPanel(extensionUri).show(analysisReport(analysis()));
    new ReportPanel(extensionUri).show(analysisReport(analysis()));
    const nonce = (i: number) => /<script nonce="([^"]+)"/.exec(mock.panels[i].webview.html)?.[1];
    expect(nonce(0)).toBeDefined();
    expect(nonce(0)).not.toBe(nonce(1));
  });

  it('hands back the chart images the page sends, and only valid ones', async () => {
    const panel = new ReportPanel(extensionUri);
    panel.show(analysisReport(analysis()));
    const webview = mock.panels[0].webview;
    webview.receive({ type: 'ready' });
    const pending = panel.chartImages();
    await Promise.resolve();
    const request = webview.posted.at(-1) as { type: string; requestId: number };
    expect(request.type).toBe('exportCharts');
    webview.receive({ type: 'chartImages', requestId: request.requestId, images: [{ id: 'x', dataUrl: 'javascript:alert(1)' }] });
    webview.receive({ type: 'chartImages', requestId: request.requestId, images: [{ id: 'eta-star-vs-batch', dataUrl: 'data:image/png;base64,AAAA' }] });
    await expect(pending).resolves.toEqual([{ id: 'eta-star-vs-batch', dataUrl: 'data:image/png;base64,AAAA' }]);
  });

  it('has no images to give when the page is gone', async () => {
    const panel = new ReportPanel(extensionUri);
    panel.show(analysisReport(analysis()));
    mock.panels[0].webview.receive({ type: 'ready' });
    mock.panels[0].dispose();
    expect(panel.current).toBeNull();
    await expect(panel.chartImages()).resolves.toEqual([]);
  });

  it('opens the science reference for a citation the page posts, only at a section the reference has', async () => {
    const { readFileSync } = await import('node:fs');
    const reference = new URL('../../../docs/science.md', import.meta.url);
    mock.files.set(Uri.joinPath(Uri.file('/ext'), 'docs/science.md').toString(), readFileSync(reference));
    new ReportPanel(extensionUri).show(analysisReport(analysis()));
    const webview = mock.panels[0].webview;
    const previews = () => mock.executed.filter((e) => e.command === 'markdown.showPreviewToSide');
    webview.receive({ type: 'openScienceReference', section: '99.9' });
    webview.receive({ type: 'openScienceReference', section: 'rm -rf' });
    webview.receive({ type: 'openScienceReference', section: '2.4' });
    await vi.waitFor(() => expect(previews()).toHaveLength(1));
    expect((previews()[0].args[0] as Uri).fragment).toMatch(/^24-/);
  });
});
