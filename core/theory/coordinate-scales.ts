/**
 * Coordinates of unequal size in Adam's Surge (science.md §3.6a, §7.3).
 *
 * §3.2 with one e = ε²/ḡ² treats every coordinate as if |g_i| were the RMS ḡ. Real gradients are not
 * like that: per-coordinate scales spread over orders of magnitude, and ε matters far more for the
 * small coordinates than for the large ones. The model here: coordinate i has true gradient c_i·ḡ and
 * minibatch noise c_i·σ/√B (the same noise ratio B_simple everywhere; only the size differs), with
 * ln c ~ N(−s², s²), so E[c²] = 1 and ḡ stays the RMS true-gradient coordinate that `e` is measured in.
 * s is the spread (standard deviation of ln c; 0 = equal sizes, §3.2's scalar form exactly).
 *
 * Per coordinate, PyTorch's φ_i = m_i/(√v_i + ε) has in the mean field (u = √(1 + x), a = √e):
 *   E[φ_i] = c/(c·u + a),  E[φ_i²] = (1 + kx)·c²/(c·u + a)²,
 * and the one-step η* = Σ g_i E[φ_i] / (Σ E[φ_i²] + ρ·(Σ E[φ_i])²/d) becomes, over the distribution of c,
 *   η*(x) ∝ N/(D + ρM²),  N = E[c²/(cu + a)],  M = E[c/(cu + a)],  D = (1 + kx)·E[c²/(cu + a)²].
 * At s = 0 this is §3.2's (u + a)/(1 + ρ + kx). With ε = 0 every c cancels (Adam is scale-free per
 * coordinate), so the spread matters only through ε.
 */

/** Quadrature nodes over the coordinate scale c: E[f(c)] ≈ Σ weight_j·f(scale_j). */
export interface ScaleNodes {
  readonly scale: Float64Array;
  readonly weight: Float64Array;
}

/**
 * Default spread s = 1 (a factor e ≈ 2.7 per standard deviation of ln|g_i|, ±2 s.d. spanning ~1.7
 * decades). An assumption, shown as such: per-coordinate RMS gradients inside one weight matrix of a
 * trained transformer typically spread over one to two decades (Adam's √v̂ across coordinates), and
 * across matrices more; 1 is the middle of the range 0–2 where OptLens is checked (science.md §7.3).
 */
export const DEFAULT_GRADIENT_SCALE_SPREAD = 1;

/** Spreads OptLens accepts: beyond 3 (a factor 20 per s.d.) the log-normal's tail dominates everything. */
export const MAX_GRADIENT_SCALE_SPREAD = 3;

/** Trapezoid step in z = (ln c + s²)/s: spectrally accurate for a Gaussian weight (error far below 1e-9). */
const Z_STEP = 0.25;

const nodeCache = new Map<number, ScaleNodes>();

/**
 * Nodes for ln c ~ N(−s², s²): the trapezoid rule in z over [−9, 9 + 2s] (the c²-weighted mass sits
 * around z = 2s, so the upper end moves with s). Cached: hovers evaluate the same spread many times.
 */
export function logNormalScaleNodes(spread: number): ScaleNodes {
  const cached = nodeCache.get(spread);
  if (cached) return cached;
  const lo = -9;
  const hi = 9 + 2 * spread;
  const n = Math.ceil((hi - lo) / Z_STEP) + 1;
  const scale = new Float64Array(n);
  const weight = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    const z = lo + j * Z_STEP;
    scale[j] = Math.exp(spread * z - spread * spread);
    weight[j] = Math.exp(-0.5 * z * z);
    total += weight[j];
  }
  for (let j = 0; j < n; j++) weight[j] /= total;
  const nodes = { scale, weight };
  if (nodeCache.size > 64) nodeCache.clear();
  nodeCache.set(spread, nodes);
  return nodes;
}

/** Equal-weight nodes for a given list of scales (a simulator's coordinates, for instance). */
export function scaleNodesOf(scales: readonly number[]): ScaleNodes {
  return { scale: Float64Array.from(scales), weight: new Float64Array(scales.length).fill(1 / scales.length) };
}

/**
 * Adam's η*(x) up to a constant, per coordinate (see the module comment), x = B_simple/B, a = ε/ḡ.
 * `epsInsideRoot` uses the sheet's m/√(v + ε²) instead: E[φ_i] = c/√(c²u² + a²).
 */
export function adamEtaStarPerCoordinate(
  nodes: ScaleNodes,
  k: number,
  rho: number,
  a: number,
  x: number,
  epsInsideRoot = false,
): number {
  const u = Math.sqrt(1 + x);
  let n = 0;
  let m = 0;
  let d = 0;
  for (let j = 0; j < nodes.scale.length; j++) {
    const c = nodes.scale[j];
    const w = nodes.weight[j];
    const denominator = epsInsideRoot ? Math.sqrt(c * c * u * u + a * a) : c * u + a;
    const phi = c / denominator;
    m += w * phi;
    n += w * c * phi;
    d += w * phi * phi;
  }
  return n / ((1 + k * x) * d + rho * m * m);
}
