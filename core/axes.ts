/**
 * Evenly spaced chart axes, shared by the playground's charts and the report's, so that both sample a curve at the
 * same kind of points. Pure.
 */

/** `count` points from `from` to `to` inclusive, evenly spaced. */
export function linspace(from: number, to: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** `count` points from `from` to `to` inclusive (both > 0), evenly spaced in log. */
export function logspace(from: number, to: number, count: number): Float64Array {
  const a = Math.log(from);
  const b = Math.log(to);
  return Float64Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * i) / (count - 1)));
}
