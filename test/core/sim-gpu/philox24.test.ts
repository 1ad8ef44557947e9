import { describe, expect, it } from 'vitest';
import {
  addMod24,
  boxMuller,
  gpuNormal,
  mulHi24,
  mulLo24,
  philox24Key,
  philox24Pair,
  rotate13,
  rotate7,
} from '../../../core/sim/gpu/philox24';
import { normalSampleZScores, KS_CRITICAL_0_001 } from './normal-checks';

const TWO_24 = 1 << 24;

/** A deterministic spread of 24-bit words, edges included (Math.random would make failures unreproducible). */
function words(count: number): number[] {
  const out = [0, 1, 2, 4095, 4096, TWO_24 - 1, TWO_24 - 2, 0x800000, 0xd2511f];
  let x = 0x2545f491;
  while (out.length < count) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(x >>> 8);
  }
  return out;
}

describe('float-exact 24-bit arithmetic', () => {
  const ws = words(300);
  it('multiplies exactly: high and low 24 bits of the 48-bit product', () => {
    for (const a of ws) {
      for (const b of ws.slice(0, 40)) {
        const p = BigInt(a) * BigInt(b);
        expect(mulHi24(a, b)).toBe(Number(p >> 24n));
        expect(mulLo24(a, b)).toBe(Number(p & 0xffffffn));
      }
    }
  });

  it('adds mod 2^24 and rotates like the integer operations', () => {
    for (const a of ws) {
      for (const b of ws.slice(0, 40)) expect(addMod24(a, b)).toBe((a + b) % TWO_24);
      expect(rotate7(a)).toBe(((a << 7) | (a >>> 17)) & 0xffffff);
      expect(rotate13(a)).toBe(((a << 13) | (a >>> 11)) & 0xffffff);
    }
  });
});

describe('Philox2x24-12', () => {
  it('is a bijection on a block of counters (no two counters give the same output)', () => {
    const seen = new Set<number>();
    for (let c0 = 0; c0 < 256; c0++) {
      for (let c1 = 0; c1 < 256; c1++) {
        const [a, b] = philox24Pair(c0, c1, 777);
        seen.add(a * TWO_24 + b);
      }
    }
    expect(seen.size).toBe(256 * 256);
  });

  it('flips each output bit with probability 1/2 when one input bit flips (avalanche)', () => {
    // 48 input bits × 48 output bits, `trials` pairs each: every cell's flip frequency has
    // standard error 0.5/√trials; the largest of 2304 cells stays within 4.5 of them, and their RMS
    // deviation (which a weak mixer such as Philox with + instead of XOR inflates to ~2×) within 1.25×.
    const trials = 600;
    const inputs = words(trials * 3);
    let sumSq = 0;
    let worst = 0;
    for (let bit = 0; bit < 48; bit++) {
      const flips = new Float64Array(48);
      for (let t = 0; t < trials; t++) {
        const c0 = inputs[3 * t];
        const c1 = inputs[3 * t + 1];
        const key = inputs[3 * t + 2];
        const [a0, a1] = philox24Pair(c0, c1, key);
        const [b0, b1] = bit < 24 ? philox24Pair(c0 ^ (1 << bit), c1, key) : philox24Pair(
          c0, c1 ^ (1 << (bit - 24)), key);
        for (let o = 0; o < 24; o++) {
          flips[o] += ((a0 ^ b0) >>> o) & 1;
          flips[24 + o] += ((a1 ^ b1) >>> o) & 1;
        }
      }
      for (const f of flips) {
        const dev = f / trials - 0.5;
        sumSq += dev * dev;
        worst = Math.max(worst, Math.abs(dev));
      }
    }
    const se = 0.5 / Math.sqrt(trials);
    expect(worst).toBeLessThan(4.5 * se);
    expect(Math.sqrt(sumSq / (48 * 48))).toBeLessThan(1.25 * se);
  });

  it('spreads nearby seeds over the key space', () => {
    const keys = new Set(Array.from({ length: 1000 }, (_, s) => philox24Key(s)));
    expect(keys.size).toBe(1000);
    expect(philox24Key(2 ** 32 - 1)).toBeLessThan(TWO_24);
  });
});

describe('gpuNormal (the stream the kernels draw)', () => {
  const coords = 500;
  const steps = 400;
  const sample = new Float64Array(coords * steps);
  for (let t = 1; t <= steps; t++) for (
    let c = 0; c < coords; c++) sample[(t - 1) * coords + c] = gpuNormal(c, t, 4242);

  it('has the moments of N(0,1) and passes Kolmogorov–Smirnov at the 0.1% level', () => {
    const z = normalSampleZScores(sample);
    for (const score of [z.mean, z.variance, z.third, z.fourth]) expect(Math.abs(score)).toBeLessThan(4.5);
    expect(z.ksSqrtN).toBeLessThan(KS_CRITICAL_0_001);
  });

  it('shows no correlation between neighbouring coordinates, steps, or the two normals of a pair', () => {
    // Each product of independent N(0,1) has variance 1, so a mean of n products has standard error 1/√n.
    let nextCoord = 0;
    let nextStep = 0;
    let nCoord = 0;
    let nStep = 0;
    for (let t = 0; t < steps; t++) {
      for (let c = 0; c < coords; c++) {
        const x = sample[t * coords + c];
        if (c + 1 < coords) {
          nextCoord += x * (sample[t * coords + c + 1]);
          nCoord++;
        }
        if (t + 1 < steps) {
          nextStep += x * (sample[(t + 1) * coords + c]);
          nStep++;
        }
      }
    }
    expect(Math.abs(nextCoord / nCoord) * Math.sqrt(nCoord)).toBeLessThan(4.5);
    expect(Math.abs(nextStep / nStep) * Math.sqrt(nStep)).toBeLessThan(4.5);
  });

  it('pairs steps 2p+1 and 2p+2 on one Box–Muller draw', () => {
    const [w0, w1] = philox24Pair(7, 3, 99);
    const [z0, z1] = boxMuller(w0, w1);
    expect(gpuNormal(7, 7, 99)).toBe(z0);
    expect(gpuNormal(7, 8, 99)).toBe(z1);
  });
});
