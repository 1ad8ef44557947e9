/**
 * Chart legibility: one colour per optimizer in every view, and marker labels ("Surge peak",
 * "configured B") that never overlap each other, whatever their distance.
 */
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_KINDS } from '../../core/hyperparams';
import { buildChartData } from '../../webview/chart-data';
import { labelHeadroom, placeMarkerLabels } from '../../webview/chart-plugins';
import { OPTIMIZER_HUE, optimizerColour } from '../../webview/palette';
import { DEFAULT_PARAMS } from '../../webview/params';
import { chartTheme } from '../../webview/theme';
import { theoryCurves } from '../../webview/theory-series';

describe('one colour per optimizer', () => {
  const theme = chartTheme('dark', () => '');

  it('distinct families get distinct colours; Adam and AdamW, SignSGD and SignSGDM share theirs', () => {
    const families = new Map<string, string>();
    for (const kind of OPTIMIZER_KINDS) {
      const family = kind === 'adam' ? 'adamw' : kind === 'signsgdm' ? 'signsgd' : kind;
      const colour = optimizerColour(theme, kind);
      expect(families.get(family) ?? colour).toBe(colour);
      families.set(family, colour);
    }
    expect(new Set(families.values()).size).toBe(families.size);
    // Yellow is the markers' colour: no optimizer may use it.
    expect(Object.values(OPTIMIZER_HUE)).not.toContain('yellow');
  });

  it('the playground colours every series by its optimizer, whichever optimizer is chosen', () => {
    for (const optimizer of ['adamw', 'lion', 'muon'] as const) {
      const data = buildChartData(theoryCurves({ ...DEFAULT_PARAMS, optimizer }), null);
      const surge = data.surge.series.filter((s) => s.role.kind === 'theory').map((s) => s.role.kind !== 'band' && s.role.palette);
      expect(surge).toContain(optimizer);
      expect(surge).toContain('sgd');
      expect(surge).toContain('signsgd');
      const update = data['update-rms'].series[0].role;
      expect(update.kind !== 'band' && update.palette).toBe(optimizer);
    }
  });
});

describe('marker labels', () => {
  const area = { left: 40, right: 300 };
  const overlaps = (a: { left: number; row: number }, aw: number, b: { left: number; row: number }, bw: number) =>
    a.row === b.row && a.left < b.left + bw && b.left < a.left + aw;

  it('never overlap, at any distance between the markers, and stay inside the plot', () => {
    for (let gap = 0; gap <= 200; gap += 5) {
      const items = [{ x: 120, width: 60 }, { x: 120 + gap, width: 80 }, { x: 125, width: 30 }];
      const places = placeMarkerLabels(items, area);
      for (let i = 0; i < items.length; i++) {
        expect(places[i].left).toBeGreaterThanOrEqual(area.left);
        for (let j = i + 1; j < items.length; j++) expect(
          overlaps(places[i], items[i].width, places[j], items[j].width)).toBe(false);
      }
    }
  });

  it('share a row when far apart; a label near the right edge goes to the left of its line', () => {
    const far = placeMarkerLabels([{ x: 60, width: 50 }, { x: 200, width: 50 }], area);
    expect(far.map((p) => p.row)).toEqual([0, 0]);
    const [edge] = placeMarkerLabels([{ x: 290, width: 50 }], area);
    expect(edge.left + 50).toBeLessThanOrEqual(290);
  });

  it('leave room above the data for each row of labels', () => {
    expect(labelHeadroom(1)).toBe('14%');
    expect(labelHeadroom(2)).toBe('28%');
  });
});
