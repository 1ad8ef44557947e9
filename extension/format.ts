/** Numbers as OptLens shows them in the status bar, messages and exports: three significant digits. */

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(3)));
}

/** A batch size or step count: integers with thin grouping, huge ones in scientific notation. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 1e9) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return Math.round(value).toLocaleString('en-US');
}
