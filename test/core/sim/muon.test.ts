import { describe, expect, it } from 'vitest';
import { createMuonState, muonScratch, muonStep, newtonSchulz } from '../../../core/sim/muon';
import { muonLrScale, NEWTON_SCHULZ } from '../../../core/theory/muon';
import { fillNormals, STREAM } from '../../../core/sim/rng';
import { settings } from './spec-fixtures';

function randomMatrix(m: number, n: number, seed: number): Float64Array {
  const g = new Float64Array(m * n);
  fillNormals(g, 0, 0, m * n, seed, STREAM.gradient, 1, 0);
  return g;
}

function ns(g: Float64Array, shape: [number, number]): Float64Array {
  const out = new Float64Array(g.length);
  newtonSchulz(g, shape, out, muonScratch(shape));
  return out;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

describe('Newton–Schulz (torch.optim.Muon, 5 steps)', () => {
  it('applies the quintic a·x + b·x³ + c·x⁵ to each singular value of a diagonal matrix', () => {
    const s = [3, 1, 0.5, 0.1];
    const g = new Float64Array(16);
    s.forEach((x, i) => (g[i * 4 + i] = x));
    const norm = Math.hypot(...s);
    const { a, b, c } = NEWTON_SCHULZ;
    const o = ns(g, [4, 4]);
    s.forEach((x0, i) => {
      let x = x0 / norm;
      for (let k = 0; k < 5; k++) x = a * x + b * x ** 3 + c * x ** 5;
      expect(o[i * 4 + i]).toBeCloseTo(x, 12);
    });
    // Off-diagonal entries stay zero.
    expect(Math.max(...Array.from(o).filter((_, k) => k % 5 !== 0).map(Math.abs))).toBe(0);
  });

  it('commutes with transposition (torch transposes tall matrices) and ignores scale', () => {
    const g = randomMatrix(6, 10, 1);
    const gt = new Float64Array(60);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 10; j++) gt[j * 6 + i] = g[i * 10 + j]!;
    const o = ns(g, [6, 10]);
    const ot = ns(gt, [10, 6]);
    const back = new Float64Array(60);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 10; j++) back[i * 10 + j] = ot[j * 6 + i]!;
    expect(maxDiff(o, back)).toBeLessThan(1e-12);
    expect(maxDiff(ns(g.map((x) => 7 * x), [6, 10]), o)).toBeLessThan(1e-12);
  });

  it('brings a random matrix near orthogonal: O·Oᵀ has trace near its rank', () => {
    const [m, n] = [16, 32];
    const o = ns(randomMatrix(m, n, 2), [m, n]);
    let trace = 0;
    for (const x of o) trace += x * x;
    // Five quintic steps leave singular values in about [0.7, 1.2] (Jordan's tuning), not exactly 1.
    expect(trace / m).toBeGreaterThan(0.6);
    expect(trace / m).toBeLessThan(1.3);
  });
});

describe('Muon step', () => {
  it("scales the lr as torch's adjust_lr_fn does", () => {
    expect(muonLrScale([64, 32], 'original')).toBeCloseTo(Math.SQRT2, 15);
    expect(muonLrScale([32, 64], 'original')).toBe(1);
    expect(muonLrScale([32, 64], 'match_rms_adamw')).toBeCloseTo(0.2 * 8, 15);
  });

  it.each([true, false])('composes momentum (Nesterov %s), decay and the orthogonalised update in torch order', (nesterov) => {
    const shape: [number, number] = [4, 6];
    const o = settings({ optimizer: 'muon', momentum: 0.9, nesterov, weightDecay: 0.1, shape });
    const theta = randomMatrix(4, 6, 3);
    const theta0 = theta.slice();
    const state = createMuonState(theta, shape);
    const z = randomMatrix(4, 6, 4);
    const lr = 0.02;
    muonStep(o, shape, lr, lr, state, z, 0, 0, 24, 0.5, 2, null);
    // By hand: buf = 0.lerp(g, 0.1) = 0.1·g; update = g.lerp(buf, 0.9) or buf.
    const g = z.map((x) => 0.5 + 2 * x);
    const buf = g.map((x) => 0.1 * x);
    const update = nesterov ? g.map((x, i) => x + 0.9 * (buf[i] - x)) : buf;
    const orth = ns(update, shape);
    const want = theta0.map((t, i) => t * (1 - lr * 0.1) - lr * muonLrScale(shape, 'original') * orth[i]);
    expect(maxDiff(theta, want)).toBeLessThan(1e-15);
    expect(maxDiff(state.buf, buf)).toBeLessThan(1e-15);
  });
});
