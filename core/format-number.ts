/**
 * Numbers as OptLens writes them in text meant for people (CLI text output, playground and report labels):
 * three significant digits, so that a noise scale reads 1.88e3 or 1880, never 1876.3565924922802. Counts
 * (batch sizes, steps) stay exact. Machine output (JSON, CSV) keeps full precision and never calls this.
 */

/** `value` to `digits` significant digits; plain notation in [1e-3, 1e5), else m.mme±x; integers below 1e6 exact. */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs < 1e6) return String(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(digits)));
  const [mantissa = '', exponent = '0'] = value.toExponential(digits - 1).split('e');
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}

/** A ratio to a reference as words: "167× the run" rather than "a fraction of the run: 167". */
export function formatTimes(ratio: number, what: string): string {
  if (!Number.isFinite(ratio)) return `longer than ${what}`;
  return ratio >= 1 ? `${formatSignificant(ratio)}× ${what}` : `${formatSignificant(ratio * 100)}% of ${what}`;
}
