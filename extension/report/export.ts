/**
 * "Export Report": the report on screen as one self-contained HTML file (tables, findings, notes, and
 * each chart as the PNG the page drew, embedded as a data URL) and a CSV of every chart's series, so the
 * numbers can be re-plotted elsewhere. Pure string building; every text is escaped.
 */
import type { ReportDocument } from '../../core/webview-messages';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(report: ReportDocument): string {
  const lines = ['chart,series,kind,x,y,stderr'];
  for (const chart of report.charts) {
    for (const series of chart.series) {
      for (const p of series.points) {
        lines.push([chart.id, series.label, series.kind, p.x, p.y, p.stderr ?? ''].map(csvField).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}figure{margin:1em 0}img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;font-size:90%}
.warning{color:#8a5300}.error{color:#a00}`;

/** A self-contained HTML page; `images` maps chart ids to PNG data URLs (charts without one get a note). */
export function exportHtml(report: ReportDocument, images: ReadonlyMap<string, string>, generated: Date,
  csvName: string): string {
  const parts: string[] = [];
  parts.push(`<h1>${esc(report.title)}</h1>`, `<p>${esc(report.subtitle)}</p>`);
  if (report.findings.length > 0) {
    parts.push('<h2>Findings</h2><ul>');
    for (const f of report.findings) {
      parts.push(`<li class="${esc(f.severity)}"><strong>${esc(f.severity)}</strong>${f.line !== null ? ` (line ${f.line})` : ''}: ${esc(f.message)} <code>${esc(f.code)}</code></li>`);
    }
    parts.push('</ul>');
  }
  for (const t of report.tables) {
    parts.push(`<h2>${esc(t.title)}</h2><table><thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of t.rows) parts.push(`<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
    parts.push('</tbody></table>');
  }
  if (report.charts.length > 0) parts.push('<h2>Charts</h2>');
  for (const chart of report.charts) {
    const image = images.get(chart.id);
    const caption = `${esc(chart.title)}: ${esc(chart.y.label)} against ${esc(chart.x.label)} (${esc(chart.source)}); data in ${esc(csvName)}, chart “${esc(chart.id)}”.`;
    parts.push(image
      ? `<figure><img alt="${esc(chart.title)}" src="${esc(image)}"><figcaption>${caption}</figcaption></figure>`
      : `<figure><figcaption>${caption} (The report page did not provide an image of this chart.)</figcaption></figure>`);
  }
  if (report.notes.length > 0) parts.push(`<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  parts.push(`<p><small>Exported by OptLens on ${esc(generated.toISOString())}.</small></p>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(report.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>${STYLE}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}
