import { describe, expect, it } from 'vitest';
import { fillNormals, NORMAL_BLOCK, philox4x32, seedBlock, STREAM, xoshiroNext } from '../../../core/sim/rng';
import { ksNormal, normalCdf } from '../../../core/sim/stats';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0'));

describe('philox4x32-10', () => {
  // Random123's published known-answer vectors (tests/kat_vectors in the Random123 distribution).
  it.each([
    [[0, 0, 0, 0], [0, 0], ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], ['d16cfe09', '94fdcceb', '5001e420', '24126ea1']],
  ])('matches the Random123 known answer for counter %j', (c, k, want) => {
    const out = new Uint32Array(4);
    philox4x32(c[0], c[1], c[2], c[3], k[0], k[1], out);
    expect(hex(out)).toEqual(want);
  });
});

describe('normal generator', () => {
  const n = 200_000;
  const sample = new Float64Array(n);
  // 200 steps × 1000 coordinates: spans many Philox blocks and counters.
  for (let step = 0; step < 200; step++) fillNormals(sample, step * 1000, 0, 1000, 12345, STREAM.gradient, step, 0);

  it('has the moments of N(0,1) within 4.5 standard errors', () => {
    let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (const x of sample) { s1 += x; s2 += x * x; s3 += x * x * x; s4 += x * x * x * x; }
    const mean = s1 / n, m2 = s2 / n, m3 = s3 / n, m4 = s4 / n;
    // Sampling standard errors of the raw moments of N(0,1): √(1/n), √(2/n), √(15/n), √(96/n).
    expect(Math.abs(mean)).toBeLessThan(4.5 * Math.sqrt(1 / n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(4.5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n));
  });

  it('passes Kolmogorov–Smirnov against Φ at the 0.1% level', () => {
    // Asymptotic critical value of √n·D at α = 0.001 is 1.949.
    expect(ksNormal(sample) * Math.sqrt(n)).toBeLessThan(1.949);
  });

  it('has the right tail mass beyond 3σ (the ziggurat tail and wedges)', () => {
    let beyond = 0;
    for (const x of sample) if (Math.abs(x) > 3) beyond++;
    const p = 2 * normalCdf(-3);
    expect(Math.abs(beyond / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('fails the same KS check for a visibly wrong distribution (the test can fail)', () => {
    const scaled = sample.map((x) => 1.02 * x);
    expect(ksNormal(scaled) * Math.sqrt(n)).toBeGreaterThan(1.949);
  });

  it('gives the same numbers whatever the split of the coordinate range', () => {
    const n = 2 * NORMAL_BLOCK + 500;
    const whole = new Float64Array(n);
    fillNormals(whole, 0, 0, n, 7, STREAM.gradient, 3, 2);
    const parts = new Float64Array(n);
    const cuts = [0, 1, 300, NORMAL_BLOCK + 5, 2 * NORMAL_BLOCK, n - 1, n];
    for (let k = 0; k + 1 < cuts.length; k++) {
      fillNormals(parts, cuts[k], cuts[k], cuts[k + 1] - cuts[k], 7, STREAM.gradient, 3, 2);
    }
    expect(Array.from(parts)).toEqual(Array.from(whole));
  });

  it('gives different numbers for another seed, step, replica or stream', () => {
    const base = new Float64Array(8);
    fillNormals(base, 0, 0, 8, 7, STREAM.gradient, 3, 2);
    for (const [seed, stream, step, rep] of [[8, 1, 3, 2], [7, 2, 3, 2], [7, 1, 4, 2], [7, 1, 3, 3]] as const) {
      const other = new Float64Array(8);
      fillNormals(other, 0, 0, 8, seed, stream, step, rep);
      expect(Array.from(other)).not.toEqual(Array.from(base));
    }
  });

  it('draws lag-1 uncorrelated uniforms within a block', () => {
    const st = new Int32Array(4);
    seedBlock(st, 1, 1, 0, 0, 0);
    const m = 100_000;
    const next = () => (xoshiroNext(st) + 0.5) / 2 ** 32 - 0.5;
    let prev = next(), c = 0;
    for (let i = 0; i < m; i++) { const u = next(); c += u * prev; prev = u; }
    // Var(u) = 1/12, so the lag-1 product has sd 1/12 and its mean has sd 1/(12√m).
    expect(Math.abs(c / m)).toBeLessThan(4.5 / (12 * Math.sqrt(m)));
  });
});
