import { describe, expect, it } from 'vitest';
import { classifyEps, epsRatio, fp16FlushesToZero, fp16Value, FP16_MIN_SUBNORMAL, gradScale, surgeEpsTerm } from '../../../core/theory/eps-regime';

describe('ε regime (science.md §1.3)', () => {
  it('scale = ‖G‖/√N and ratio = ε/scale', () => {
    expect(gradScale(2, 1e6)).toBeCloseTo(2e-3, 15);
    expect(epsRatio(1e-8, 2, 1e6)).toBeCloseTo(5e-6, 15);
  });

  it('classifies at 0.1 and 10', () => {
    expect(classifyEps(0.099)).toBe('negligible');
    expect(classifyEps(0.1)).toBe('softsign');
    expect(classifyEps(9.9)).toBe('softsign');
    expect(classifyEps(10)).toBe('sgd-like');
  });

  it('e = ε²/ḡ² with ḡ² = scale²/(1 + B_simple/B)', () => {
    // scale² = ḡ²(1 + s/B): ḡ = 1, s = 1000, B = 250 → scale² = 5; ε = 2 → e = 4.
    expect(surgeEpsTerm(2 / Math.sqrt(5), 250, 1000)).toBeCloseTo(4, 12);
  });
});

describe('fp16 hazard', () => {
  it('the smallest subnormal is 2^−24 ≈ 5.96e-8', () => {
    expect(FP16_MIN_SUBNORMAL).toBeCloseTo(5.96e-8, 10);
  });

  it('ε = 1e-8 becomes 0; 4e-8 rounds up to 2^−24; 1e-7 and 1e-6 survive', () => {
    expect(fp16FlushesToZero(1e-8)).toBe(true);
    expect(fp16Value(1e-8)).toBe(0);
    expect(fp16FlushesToZero(4e-8)).toBe(false);
    expect(fp16Value(4e-8)).toBe(FP16_MIN_SUBNORMAL);
    expect(fp16FlushesToZero(2 ** -25)).toBe(true); // a tie rounds to even: 0
    expect(fp16FlushesToZero(1e-7)).toBe(false);
    expect(fp16Value(1e-7)).toBe(2 * FP16_MIN_SUBNORMAL);
    expect(fp16FlushesToZero(0)).toBe(false);
  });
});
