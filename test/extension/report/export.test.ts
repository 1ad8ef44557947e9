import { describe, expect, it } from 'vitest';
import { exportCsv, exportHtml } from '../../../extension/report/export';
import type { ReportDocument } from '../../../core/webview-messages';

const report: ReportDocument = {
  kind: 'analysis', title: 'a <b> "config"', subtitle: 'AdamW', notes: ['τ > T'],
  findings: [{ code: 'surge-risk', severity: 'warning', message: 'B > <threshold>', line: 3, span: null }],
  tables: [{ title: 'Predictions', columns: ['quantity', 'value'], rows: [['update RMS', '0.229']] }],
  charts: [
    { id: 'eta', title: 'η*(B)', x: { label: 'B', scale: 'log' }, y: { label: 'η*', scale: 'linear' }, markers: [], source: '§3.2',
      series: [{ label: 'AdamW, "theory"', kind: 'theory', points: [{ x: 1, y: 0.5 }, { x: 10, y: 1 }] }, { label: 'MC', kind: 'simulation', points: [{ x: 10, y: 0.98, stderr: 0.01 }] }] },
    { id: 'w', title: 'weight RMS', x: { label: 'step', scale: 'linear' }, y: { label: 'RMS', scale: 'linear' }, markers: [], source: '§2.4', series: [] },
  ],
};

describe('exportCsv', () => {
  it('writes one row per point of every series, quoting where needed', () => {
    expect(exportCsv(report).split('\r\n')).toEqual([
      'chart,series,kind,x,y,stderr',
      'eta,"AdamW, ""theory""",theory,1,0.5,',
      'eta,"AdamW, ""theory""",theory,10,1,',
      'eta,MC,simulation,10,0.98,0.01',
      '',
    ]);
  });
});

describe('exportHtml', () => {
  const html = exportHtml(report, new Map([['eta', 'data:image/png;base64,AAAA']]), new Date('2026-11-23T18:00:00Z'), 'a.csv');

  it('embeds the chart images and names the CSV for charts it has no image of', () => {
    expect(html).toContain('<img alt="η*(B)" src="data:image/png;base64,AAAA">');
    expect(html).toMatch(/weight RMS: RMS against step \(§2\.4\); data in a\.csv, chart “w”\. \(The report page did not provide an image/);
  });

  it('escapes every text and allows no script', () => {
    expect(html).toContain('<h1>a &lt;b&gt; &quot;config&quot;</h1>');
    expect(html).toContain('B &gt; &lt;threshold&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'; img-src data:");
  });
});
