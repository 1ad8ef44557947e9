/**
 * "Export Report": asks where to save, takes the chart images from the report page, and writes the HTML
 * (report/export.ts) and, beside it, the CSV of every chart's series.
 */
import * as vscode from 'vscode';
import type { ReportPanel } from './panel/report-panel';
import { exportCsv, exportHtml } from './report/export';

/** `report.html` → `report.csv`, in the same folder. */
export function csvUriFor(html: vscode.Uri): vscode.Uri {
  const path = /\.html?$/i.test(html.path) ? html.path.replace(/\.html?$/i, '.csv') : `${html.path}.csv`;
  return html.with({ path });
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';
}

export async function exportReportFiles(panel: ReportPanel): Promise<vscode.Uri | null> {
  const report = panel.current;
  if (!report) return null;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `optlens-${slug(report.title)}.html`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the OptLens report',
    saveLabel: 'Export',
    filters: { HTML: ['html'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!target) return null;
  const images = new Map((await panel.chartImages()).map((i) => [i.id, i.dataUrl] as const));
  const csv = csvUriFor(target);
  const csvName = csv.path.split('/').pop() ?? 'report.csv';
  const encoder = new TextEncoder();
  await vscode.workspace.fs.writeFile(target, encoder.encode(exportHtml(report, images, new Date(), csvName)));
  await vscode.workspace.fs.writeFile(csv, encoder.encode(exportCsv(report)));
  const missing = report.charts.filter((c) => !images.has(c.id)).length;
  void vscode.window.showInformationMessage(
    `OptLens: report exported to ${target.path.split('/').pop()} and ${csvName}${missing > 0 ? ` (${missing} chart image${missing === 1 ? '' : 's'} unavailable; their data is in the CSV)` : ''}.`,
  );
  return target;
}
