/**
 * Reading a training log of gradient norms measured at two batch sizes (science.md §4: e.g. the
 * per-device norm and the all-reduced norm under data parallelism), as CSV or JSON Lines.
 * Two layouts are accepted, with column names matched case-insensitively:
 *  - long: one measurement per row, `batch_size` + `grad_norm` (or `grad_norm_sq` for a squared norm),
 *    exactly two distinct batch sizes in the file;
 *  - wide: one step per row, `batch_small` + `batch_big` + `grad_norm_small` + `grad_norm_big`
 *    (or `grad_norm_sq_small` / `grad_norm_sq_big`).
 * Returns the two batch sizes and one (|G_small|², |G_big|²) pair per step, for core/theory/noise-scale's
 * estimator (which holds the formula). In the long layout, rows pair up by their `step` column, or by order
 * at each batch size when there is none. Pure.
 */
import type { GradNormMeasurement } from '../core/theory/noise-scale';

export interface TwoBatchNorms {
  batchSmall: number;
  batchBig: number;
  measurements: GradNormMeasurement[];
}

export type NoiseLogResult = { ok: true; value: TwoBatchNorms } | { ok: false; message: string };

type Row = Record<string, string | number>;

const BATCH = ['batch_size', 'batchsize', 'batch', 'bs'];
const NORM = ['grad_norm', 'gradnorm', 'gnorm', 'norm'];
const NORM_SQ = ['grad_norm_sq', 'grad_norm_squared', 'gnorm_sq', 'norm_sq', 'sq_norm'];

function normaliseKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s.-]+/g, '_');
}

/** Splits one CSV line, honouring double quotes (no multi-line fields: a log has none). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\t' || c === ';') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function parseRows(text: string): { rows: Row[] } | { error: string } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length === 0) return { error: 'the log is empty' };
  if (lines[0]?.trimStart().startsWith('{')) {
    const rows: Row[] = [];
    for (const [i, line] of lines.entries()) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return { error: `line ${i + 1} is not JSON` };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `line ${i + 1} is not a JSON object` };
      const row: Row = {};
      for (const [k, v] of Object.entries(value)) if (typeof v === 'number' || typeof v === 'string') row[normaliseKey(k)] = v;
      rows.push(row);
    }
    return { rows };
  }
  const header = splitCsvLine(lines[0] ?? '').map(normaliseKey);
  const rows = lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    const row: Row = {};
    header.forEach((key, i) => {
      if (cells[i] !== undefined && cells[i] !== '') row[key] = cells[i];
    });
    return row;
  });
  return { rows };
}

function num(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function firstKey(row: Row, names: readonly string[], suffix = ''): string | null {
  for (const name of names) if (`${name}${suffix}` in row) return `${name}${suffix}`;
  return null;
}

/** Squared norm from a row: the `_sq` column if present, else the norm squared. */
function squaredNorm(row: Row, suffix: string): number | null {
  const sqKey = firstKey(row, NORM_SQ, suffix);
  if (sqKey) return num(row[sqKey]);
  const key = firstKey(row, NORM, suffix);
  const n = key ? num(row[key]) : null;
  return n === null ? null : n * n;
}

function finish(batchSmall: number, batchBig: number, measurements: GradNormMeasurement[]): NoiseLogResult {
  if (!(batchSmall > 0) || !(batchBig > batchSmall)) return { ok: false, message: `the two batch sizes must be positive and different (got ${batchSmall} and ${batchBig})` };
  if (measurements.length === 0) return { ok: false, message: 'the log needs gradient norms at both batch sizes of the same steps' };
  if (measurements.some((m) => m.smallSq < 0 || m.bigSq < 0)) return { ok: false, message: 'a squared gradient norm is negative' };
  return { ok: true, value: { batchSmall, batchBig, measurements } };
}

export function parseNoiseLog(text: string): NoiseLogResult {
  const parsed = parseRows(text);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  const { rows } = parsed;
  if (rows.length === 0) return { ok: false, message: 'the log has a header but no rows' };

  const first = rows[0];
  const wide = firstKey(first, ['batch'], '_small') !== null || firstKey(first, [...NORM, ...NORM_SQ], '_small') !== null;
  if (wide) {
    const measurements: GradNormMeasurement[] = [];
    let batchSmall: number | null = null;
    let batchBig: number | null = null;
    for (const [i, row] of rows.entries()) {
      const bs = num(row.batch_small);
      const bb = num(row.batch_big);
      const gs = squaredNorm(row, '_small');
      const gb = squaredNorm(row, '_big');
      if (bs === null || bb === null || gs === null || gb === null) {
        return { ok: false, message: `row ${i + 1} lacks batch_small, batch_big, grad_norm_small or grad_norm_big` };
      }
      if ((batchSmall !== null && bs !== batchSmall) || (batchBig !== null && bb !== batchBig)) {
        return { ok: false, message: `row ${i + 1} changes the batch sizes; the estimate needs the same two throughout` };
      }
      batchSmall = bs;
      batchBig = bb;
      measurements.push({ smallSq: gs, bigSq: gb });
    }
    return finish(batchSmall ?? 0, batchBig ?? 0, measurements);
  }

  // batch size → step (or order of appearance) → squared norm
  const byBatch = new Map<number, Map<string, number>>();
  for (const [i, row] of rows.entries()) {
    const batchKey = firstKey(row, BATCH);
    const batch = batchKey ? num(row[batchKey]) : null;
    const sq = squaredNorm(row, '');
    if (batch === null || sq === null) return { ok: false, message: `row ${i + 1} lacks a batch size or a gradient norm (columns: batch_size, grad_norm or grad_norm_sq)` };
    const steps = byBatch.get(batch) ?? new Map<string, number>();
    steps.set(row.step !== undefined ? `step ${row.step}` : `#${steps.size}`, sq);
    byBatch.set(batch, steps);
  }
  if (byBatch.size !== 2) return { ok: false, message: `the log must hold exactly two batch sizes; it has ${byBatch.size}` };
  const [b1, b2] = [...byBatch.keys()].sort((a, b) => a - b) as [number, number];
  const small = byBatch.get(b1) ?? new Map<string, number>();
  const big = byBatch.get(b2) ?? new Map<string, number>();
  const measurements: GradNormMeasurement[] = [];
  for (const [step, smallSq] of small) {
    const bigSq = big.get(step);
    if (bigSq !== undefined) measurements.push({ smallSq, bigSq });
  }
  return finish(b1, b2, measurements);
}
