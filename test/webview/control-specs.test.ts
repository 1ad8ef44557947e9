import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, NUMERIC_SPECS, parseTyped, positionToValue, SLIDER_STEPS, specFor, valueToPosition } from '../../webview/control-specs';

describe('slider scales', () => {
  it('maps the ends of every slider to the ends of its range', () => {
    for (const spec of NUMERIC_SPECS) {
      expect(positionToValue(spec, 0)).toBeCloseTo(spec.min, 6);
      expect(positionToValue(spec, SLIDER_STEPS)).toBeCloseTo(spec.max, 6);
    }
  });

  it('puts a value back on the position it came from (within one step of rounding)', () => {
    for (const spec of NUMERIC_SPECS) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: SLIDER_STEPS }), (position) => {
          const back = valueToPosition(spec, positionToValue(spec, position));
          // Display rounding (3 significant digits: at most 0.5% relative) moves a value by less than one
          // slider step (≥ 1% relative on every log scale), plus one for the nearest-position rounding.
          // Integers round by ±0.5: at the smallest count that is ln(1.5)/step steps (25 for the batch).
          const bound = spec.integer ? Math.ceil(
            Math.log(1.5) / (Math.log(spec.max / spec.min) / SLIDER_STEPS)) + 1 : 2;
          expect(Math.abs(back - position)).toBeLessThanOrEqual(bound);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('spreads β2 on a log scale of 1 − β2, so 0.95, 0.99, 0.999 and 0.9999 are all reachable', () => {
    const spec = specFor('beta2');
    const positions = [0.95, 0.99, 0.999, 0.9999].map((v) => valueToPosition(spec, v));
    for (let i = 1; i < positions.length; i++) expect(positions[i] - positions[i - 1]).toBeGreaterThan(100);
    expect(positionToValue(spec, valueToPosition(spec, 0.999))).toBeCloseTo(0.999, 4);
  });

  it('keeps out-of-range values at the slider ends (λ = 0 sits at the left)', () => {
    expect(valueToPosition(specFor('weightDecay'), 0)).toBe(0);
    expect(valueToPosition(specFor('lr'), 1e3)).toBe(SLIDER_STEPS);
  });

  it('rounds slider values to what a person would type', () => {
    expect(positionToValue(specFor('lr'), 500)).toBe(Number(positionToValue(specFor('lr'), 500).toPrecision(3)));
    expect(Number.isInteger(positionToValue(specFor('batchSize'), 377))).toBe(true);
  });
});

describe('typed values', () => {
  it('accepts numbers in scientific notation inside the hard limits', () => {
    expect(parseTyped(specFor('eps'), '1e-8')).toBe(1e-8);
    expect(parseTyped(specFor('beta1'), ' 0.95 ')).toBe(0.95);
    expect(parseTyped(specFor('batchSize'), '512.4')).toBe(512);
    expect(parseTyped(specFor('weightDecay'), '0')).toBe(0);
  });

  it('rejects text, NaN, infinities and values outside the limits', () => {
    for (const bad of ['', 'abc', '1e', 'NaN', 'Infinity', '0x10', '1,5']) expect(parseTyped(specFor('lr'), bad)).toBeNull();
    expect(parseTyped(specFor('beta1'), '1')).toBeNull();
    expect(parseTyped(specFor('lr'), '0')).toBeNull();
    expect(parseTyped(specFor('steps'), '-5')).toBeNull();
  });

  it('formats numbers compactly and exactly enough to read back', () => {
    expect(formatNumber(1e-8)).toBe('1e-8');
    expect(formatNumber(0.9)).toBe('0.9');
    expect(formatNumber(3e-4)).toBe('3e-4');
    expect(formatNumber(512)).toBe('512');
    expect(formatNumber(0)).toBe('0');
    fc.assert(fc.property(fc.double({ min: 1e-12, max: 1e12, noNaN: true }), (v) => {
      expect(Math.abs(Number(formatNumber(v)) - v) / v).toBeLessThan(1e-3);
    }));
  });
});
