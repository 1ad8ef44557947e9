/**
 * Muon on m×n matrices with torch.optim.Muon's semantics (pytorch v2.9, torch/optim/_muon.py):
 *   buf ← buf.lerp(g, 1 − μ);  update = g.lerp(buf, μ) if Nesterov else buf;
 *   O = NewtonSchulz5(update) (a, b, c) = (3.4445, −4.7750, 2.0315), X ← X/max(‖X‖_F, 1e-7),
 *       transposed so that rows ≤ columns;
 *   θ ← θ(1 − lr·λ);  θ ← θ − lr·ratio·O, ratio = √max(1, m/n) ('original') or 0.2·√max(m, n)
 *       ('match_rms_adamw').
 * Torch runs Newton–Schulz in bfloat16; this reference runs it in float64 (the iteration is the
 * same; bfloat16 rounding adds ~1% noise to O that the reference deliberately leaves out).
 * The momentum μ is `momentum` (torch's name for it; default 0.95).
 */
import { muonLrScale, NEWTON_SCHULZ } from '../theory/muon';
import { decayPerStep } from '../theory/weight-decay';
import type { Moments } from './elementwise';
import type { OptimizerSettings } from './types';

const NS_EPS = 1e-7;

/** Scratch buffers for one matrix, reused across steps. */
export interface MuonScratch {
  x: Float64Array;
  gram: Float64Array;
  poly: Float64Array;
  next: Float64Array;
}

export function muonScratch(shape: [number, number]): MuonScratch {
  const [m, n] = shape;
  const r = Math.min(m, n);
  return {
    x: new Float64Array(m * n),
    gram: new Float64Array(r * r),
    poly: new Float64Array(r * r),
    next: new Float64Array(m * n),
  };
}

/**
 * Writes NewtonSchulz5(g) for the row-major m×n matrix `g` into `out` (m×n, row-major).
 * Works on X = g (or gᵀ when m > n) as an r×c matrix with r ≤ c, as torch does.
 */
export function newtonSchulz(g: Float64Array, shape: [number, number], out: Float64Array, s: MuonScratch): void {
  const [m, n] = shape;
  const transposed = m > n;
  const r = transposed ? n : m;
  const c = transposed ? m : n;
  let x = s.x;
  let next = s.next;
  let norm = 0;
  for (let i = 0; i < m * n; i++) norm += g[i] * g[i];
  const scale = 1 / Math.max(Math.sqrt(norm), NS_EPS);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const value = g[i * n + j] * scale;
      if (transposed) x[j * m + i] = value;
      else x[i * n + j] = value;
    }
  }
  const { a, b, c: cc, steps } = NEWTON_SCHULZ;
  const { gram, poly } = s;
  for (let step = 0; step < steps; step++) {
    // gram = X Xᵀ (r×r, symmetric)
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        let sum = 0;
        for (let k = 0; k < c; k++) sum += x[i * c + k] * x[j * c + k];
        gram[i * r + j] = sum;
        gram[j * r + i] = sum;
      }
    }
    // poly = b·gram + c·gram² (torch.addmm(gram, gram, gram, beta=b, alpha=c)); gram is symmetric,
    // so gram[k][j] = gram[j][k] and both reads run along rows.
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < r; j++) {
        let sum = 0;
        for (let k = 0; k < r; k++) sum += gram[i * r + k] * gram[j * r + k];
        poly[i * r + j] = b * gram[i * r + j] + cc * sum;
      }
    }
    // X ← a·X + poly·X (torch.addmm(X, poly, X, beta=a)), row by row so every inner loop is contiguous.
    for (let i = 0; i < r; i++) {
      const row = i * c;
      for (let j = 0; j < c; j++) next[row + j] = a * x[row + j];
      for (let k = 0; k < r; k++) {
        const p = poly[i * r + k];
        const other = k * c;
        for (let j = 0; j < c; j++) next[row + j] += p * x[other + j];
      }
    }
    const swap = x;
    x = next;
    next = swap;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = transposed ? x[j * m + i] : x[i * n + j];
  }
}

/** Muon state for one replica's matrices: θ and the momentum buffer, plus working arrays. */
export interface MuonState {
  theta: Float64Array;
  buf: Float64Array;
  /** The update matrix before orthogonalisation, then O. */
  work: Float64Array;
  ortho: Float64Array;
  scratch: MuonScratch;
}

export function createMuonState(theta: Float64Array, shape: [number, number]): MuonState {
  const size = shape[0] * shape[1];
  return {
    theta,
    buf: new Float64Array(theta.length),
    work: new Float64Array(size),
    ortho: new Float64Array(size),
    scratch: muonScratch(shape),
  };
}

/**
 * One Muon step on the matrices held in coordinates [lo, hi) (a whole number of matrices), with
 * gradients gradMean + gradStd·z[i − zOffset]. At recorded steps adds to `moments` one unit per
 * matrix: the matrix's mean square of u = ratio·O (and its square), and of θ.
 */
export function muonStep(
  settings: OptimizerSettings,
  shape: [number, number],
  lr: number,
  peakLr: number,
  state: MuonState,
  z: Float64Array,
  zOffset: number,
  lo: number,
  hi: number,
  gradMean: number,
  gradStd: number,
  moments: Moments | null,
): void {
  const size = shape[0] * shape[1];
  const mu = settings.momentum;
  const ratio = muonLrScale(shape, settings.muonAdjustLr);
  const keep = 1 - decayPerStep(settings.weightDecaySemantics, lr, peakLr, settings.weightDecay);
  const { theta, buf, work, ortho, scratch } = state;
  for (let base = lo; base < hi; base += size) {
    for (let k = 0; k < size; k++) {
      const i = base + k;
      const g = gradMean + gradStd * z[i - zOffset];
      const b = buf[i] + (1 - mu) * (g - buf[i]);
      buf[i] = b;
      work[k] = settings.nesterov ? g + mu * (b - g) : b;
    }
    newtonSchulz(work, shape, ortho, scratch);
    let u2 = 0;
    let w2 = 0;
    for (let k = 0; k < size; k++) {
      const i = base + k;
      const next = theta[i] * keep - lr * ratio * ortho[k];
      theta[i] = next;
      u2 += ortho[k] * ortho[k];
      w2 += next * next;
    }
    if (moments) {
      const uMs = (ratio * ratio * u2) / size;
      const wMs = w2 / size;
      moments.u2 += uMs;
      moments.u4 += uMs * uMs;
      moments.w2 += wMs;
      moments.w4 += wMs * wMs;
    }
  }
}
