/** Numbers as the editor shows them: few digits, stable from one keystroke to the next. */

/** `n` to `digits` significant digits, without exponent noise for everyday magnitudes (0.229, 0.071, 1e-8); integers
 * exact. */
export function significant(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  // Counts (batch sizes, steps) are exact: a batch of 2048 is not "2050".
  if (Number.isInteger(n) && abs < 1e6) return String(n);
  if (abs < 1e-3 || abs >= 1e6) {
    const [m, e] = n.toExponential(digits - 1).split('e');
    return `${m.replace(/\.?0+$/, '')}e${e}`;
  }
  return String(Number(n.toPrecision(digits)));
}

/**
 * A count with a k/M/B suffix: 10000 → 10k, 3.3e6 → 3.3M. Two significant digits, three from 100 of a unit up, since
 * "520k" for 524288 would read as three digits that are not all true (524k).
 */
export function compactCount(n: number): string {
  const abs = Math.abs(n);
  for (const [scale, suffix] of [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) {
    // 999.7k rounds to the next unit (1M), not to 1000k.
    if (abs >= scale * 0.9995) return `${Number((n / scale).toPrecision(abs / scale >= 99.5 ? 3 : 2))}${suffix}`;
  }
  return String(Math.round(n));
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** `n` to `digits` significant digits as a person writes it: 4.6·10⁻⁶ rather than 4.6e-6; everyday magnitudes plain. */
export function readable(n: number, digits = 2): string {
  const s = significant(n, digits);
  const m = /^(-?[\d.]+)e([+-]?)(\d+)$/.exec(s);
  if (!m) return s;
  const exponent = `${m[2] === '-' ? '-' : ''}${m[3]}`.split('').map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${m[1] === '1' ? '' : `${m[1]}·`}10${exponent}`;
}
