/**
 * The report page ("Analyze Current Config", "Sweep Batch Size", "Compare Optimizers", and the source of
 * "Export Report"'s chart images): renders the host's ReportDocument (core/webview-messages.ts) as tables,
 * chart.js charts, findings and notes, themed like the playground, and answers `exportCharts` with PNGs.
 */
import { Chart } from './chart-setup';
import type { HostToReport, ReportChart, ReportDocument, ReportToHost } from '../core/webview-messages';
import { validateHostToReport } from '../core/webview-messages-validate';
import { logTickLabel } from './chart-data';
import { citationNodes, el, onSectionLink } from './dom';
import { errorBarsPlugin, labelHeadroom, markersPlugin } from './chart-plugins';
import { NEUTRAL_HUES, optimizerColour } from './palette';
import { currentTheme, onThemeChange, withAlpha, type ChartTheme } from './theme';
import { vscodeApi } from './vscode-api';

const api = vscodeApi();
const app = document.getElementById('app');
if (!app) throw new Error('the report page has no #app element');
const post = (message: ReportToHost) => api.postMessage(message);
// A citation's section opens the bundled reference at its heading (the host checks the section and runs it).
onSectionLink(app, (section) => post({ type: 'openScienceReference', section }));

let theme = currentTheme();
let report: ReportDocument | null = null;
const charts = new Map<string, Chart<'line', { x: number; y: number }[]>>();

/** "Source: science.md §3.2, §3.4" with each section a link to the reference (an exported copy keeps the text). */
function sourceLine(source: string): HTMLElement {
  const line = el('div', { class: 'source' }, 'Source: ');
  line.append(...citationNodes(source));
  return line;
}

/**
 * A series' colour: its optimizer's (palette.ts), so AdamW is the same blue here as in the playground; a
 * series of no optimizer takes the next neutral hue. A simulation shares its theory curve's colour.
 */
function seriesColours(chart: ReportChart, t: ChartTheme): string[] {
  let neutral = 0;
  return chart.series.map((s) => {
    // A simulation named after a curve ("AdamW (Monte Carlo, …)") takes that curve's optimizer.
    const optimizer = s.optimizer ?? chart.series.find((o) => o.optimizer && s.label.startsWith(`${o.label} `))?.optimizer;
    if (optimizer) return optimizerColour(t, optimizer);
    return neutral++ === 0 ? t.foreground : t.hues[NEUTRAL_HUES[(neutral - 2) % NEUTRAL_HUES.length]];
  });
}

function chartConfig(chart: ReportChart, t: ChartTheme) {
  const colours = seriesColours(chart, t);
  const font = { family: t.fontFamily, size: Math.max(10, t.fontSize - 2) };
  const axis = (a: ReportChart['x']) => ({
    type: a.scale === 'log' ? ('logarithmic' as const) : ('linear' as const),
    title: { display: true, text: a.label, color: t.foreground, font },
    ticks: a.scale === 'log'
      ? { color: t.foreground, font, autoSkip: false, maxRotation: 0,
        callback: (value: number | string) => logTickLabel(Number(value)) }
      : { color: t.foreground, font, maxTicksLimit: 8 },
    grid: { color: (c: { tick?: { label?: unknown } }) => (a.scale !== 'log' || c.tick?.label ? withAlpha(t.grid, 0.6) : 'transparent') },
    border: { color: t.grid },
  });
  const stderr: Record<number, number[]> = {};
  const datasets = chart.series.map((s, i) => {
    const colour = colours[i] ?? t.foreground;
    if (s.kind === 'simulation') stderr[i] = s.points.map((p) => p.stderr ?? 0);
    return {
      label: s.label,
      data: s.points.map((p) => ({ x: p.x, y: p.y })),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      showLine: s.kind === 'theory',
      pointRadius: s.kind === 'theory' ? 0 : 3.5,
      parsing: false as const,
      tension: 0,
    };
  });
  return {
    type: 'line' as const,
    data: { datasets },
    options: {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false as const,
      // Room above the data for the marker labels (linear axes), so no label sits on a curve.
      scales: {
        x: axis(chart.x),
        y: {
          ...axis(chart.y),
          grace: chart.y.scale === 'linear' && chart.markers.length > 0 ? labelHeadroom(chart.markers.length) : 0,
          // The headroom is for labels above the data; it must not push a non-negative axis below zero.
          ...(chart.y.scale === 'linear' && chart.series.every((s) => s.points.every((p) => p.y >= 0)) ? { min: 0 } : {}),
        },
      },
      plugins: {
        legend: { labels: { color: t.foreground, font, boxWidth: 12, boxHeight: 2 } },
        errorBars: { stderr, multiple: 2 },
        markers: {
          markers: chart.markers.map((m) => ({ x: m.x, label: m.label, colour: t.series.marker })),
          font: `${font.size}px ${t.fontFamily}`,
          backing: t.background,
        },
      },
    },
    plugins: [errorBarsPlugin, markersPlugin],
  };
}

function drawChart(canvas: HTMLCanvasElement, chart: ReportChart): void {
  charts.get(chart.id)?.destroy();
  charts.set(chart.id, new Chart<'line', { x: number; y: number }[]>(canvas, chartConfig(chart, theme)));
}

function renderReport(doc: ReportDocument): void {
  for (const c of charts.values()) c.destroy();
  charts.clear();
  const body: HTMLElement[] = [el('h1', {}, doc.title), el('p', { class: 'muted' }, doc.subtitle)];
  for (const table of doc.tables) {
    body.push(el('h2', {}, table.title));
    const t = el('table');
    const head = el('tr');
    for (const c of table.columns) head.append(el('th', { scope: 'col' }, c));
    t.append(head);
    for (const row of table.rows) {
      const tr = el('tr');
      for (const cell of row) tr.append(el('td', /^[-+\d.e×]+$/.test(cell) ? { class: 'num' } : {}, cell));
      t.append(tr);
    }
    body.push(t);
  }
  const pending: [HTMLCanvasElement, ReportChart][] = [];
  if (doc.charts.length > 0) {
    const cards = el('section', { class: 'ol-cards' });
    for (const chart of doc.charts) {
      const card = el('article', { class: 'card' });
      const canvas = el('canvas', { role: 'img', 'aria-label': chart.title, 'data-testid': `report-chart-${chart.id}` });
      const holder = el('div', { class: 'chart' });
      holder.append(canvas);
      card.append(el('h2', {}, chart.title), holder, sourceLine(chart.source));
      cards.append(card);
      pending.push([canvas, chart]);
    }
    body.push(cards);
  }
  if (doc.findings.length > 0) {
    body.push(el('h2', {}, 'Findings'));
    const list = el('ul', { class: 'findings' });
    for (const f of doc.findings) {
      const item = el('li');
      item.append(el('span', { class: `sev-${f.severity}` }, `${f.severity}${f.line !== null ? ` (line ${f.line})` : ''}: `), document.createTextNode(`${f.message} [${f.code}]`));
      list.append(item);
    }
    body.push(list);
  }
  if (doc.notes.length > 0) {
    body.push(el('h2', {}, 'Notes'));
    const list = el('ul');
    for (const n of doc.notes) list.append(el('li', {}, n));
    body.push(list);
  }
  app?.replaceChildren(...body);
  app?.removeAttribute('aria-busy');
  for (const [canvas, chart] of pending) drawChart(canvas, chart);
  document.body.dataset.ready = 'true';
}

/** Each chart as a PNG on the theme's background (a transparent PNG is unreadable in a dark export). */
function chartImages(): { id: string; dataUrl: string }[] {
  return [...charts.entries()].map(([id, chart]) => {
    const source = chart.canvas;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (ctx) {
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor || theme.background;
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(source, 0, 0);
    }
    return { id, dataUrl: copy.toDataURL('image/png') };
  });
}

function onHostMessage(message: HostToReport): void {
  if (message.type === 'report') {
    report = message.report;
    renderReport(report);
  } else {
    post({ type: 'chartImages', requestId: message.requestId, images: chartImages() });
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = validateHostToReport(event.data);
  if (message) onHostMessage(message);
});

onThemeChange((next) => {
  theme = next;
  if (report) renderReport(report);
});

post({ type: 'ready' });
