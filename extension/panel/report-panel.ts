/**
 * The report panel: one webview panel beside the editor showing a ReportDocument (webview/report.ts draws
 * it), re-used by Analyze, Sweep and Compare. It also hands back the charts as PNG images for
 * "Export Report". The page posts `ready` before it is sent anything; messages from it are validated.
 */
import * as vscode from 'vscode';
import type { HostToReport, ReportDocument } from '../../core/webview-messages';
import { validateReportToHost } from '../../core/webview-messages-validate';
import { openPageCitation } from '../science-reference';
import { renderPage, webviewOptions } from './webview-setup';

export const REPORT_VIEW_TYPE = 'optlens.report';
/** How long "Export Report" waits for the page's chart images before exporting without them. */
const EXPORT_TIMEOUT_MS = 15_000;

type ChartImages = { id: string; dataUrl: string }[];

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private ready = false;
  private report: ReportDocument | null = null;
  private nextRequest = 1;
  private readonly pendingImages = new Map<number, (images: ChartImages) => void>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The report on screen, if any (what "Export Report" exports). */
  get current(): ReportDocument | null {
    return this.panel ? this.report : null;
  }

  show(report: ReportDocument): void {
    this.report = report;
    if (!this.panel) this.panel = this.createPanel();
    this.panel.title = `OptLens: ${report.title}`;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    if (this.ready) void this.post({ type: 'report', report });
  }

  /** The charts of the report on screen as PNG data URLs; empty when the page does not answer in time. */
  chartImages(): Promise<ChartImages> {
    if (!this.panel || !this.ready) return Promise.resolve([]);
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingImages.delete(requestId);
        resolve([]);
      }, EXPORT_TIMEOUT_MS);
      this.pendingImages.set(requestId, (images) => {
        clearTimeout(timer);
        resolve(images);
      });
      void this.post({ type: 'exportCharts', requestId });
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private createPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'OptLens Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(this.extensionUri),
      // The report is static once drawn; keeping it alive while in a background tab spares a redraw and lets
      // Export Report read its charts without bringing it to the front.
      retainContextWhenHidden: true,
    });
    this.ready = false;
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    panel.onDidDispose(() => {
      this.panel = null;
      this.ready = false;
      for (const resolve of this.pendingImages.values()) resolve([]);
      this.pendingImages.clear();
    });
    panel.webview.html = renderPage('report', panel.webview, this.extensionUri);
    return panel;
  }

  private receive(raw: unknown): void {
    const message = validateReportToHost(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.ready = true;
      if (this.report) void this.post({ type: 'report', report: this.report });
      return;
    }
    if (message.type === 'openScienceReference') {
      void openPageCitation(this.extensionUri, message.section);
      return;
    }
    this.pendingImages.get(message.requestId)?.(message.images);
    this.pendingImages.delete(message.requestId);
  }

  private async post(message: HostToReport): Promise<void> {
    if (this.panel && !(await this.panel.webview.postMessage(message))) this.ready = false;
  }
}
