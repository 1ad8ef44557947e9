/**
 * Optimal learning rate versus batch size, and the Surge phenomenon (science.md §3).
 *
 * Everything is a function of x = B_simple/B (science.md §3.1 normalized batch β = (1+x)^{−1/2}),
 * the noise factor k of the momentum filter (momentum.ts; 1 without momentum), the Hessian
 * alignment ρ and, for Adam, e = ε²/ḡ². Values are relative: η*(B)/η*_max, with η*_max the supremum
 * over all B (the peak when there is a Surge, the B → ∞ limit otherwise).
 *
 * Where ε sits. §3.2 writes Adam's update as m/√(v + ε²) (ε inside the root). PyTorch divides by
 * √v + ε (outside, as §1.3 has it), which in the same mean field gives
 *   E[φ] = 1/(√(1+x) + √e),  E[φ²] = (1+kx)/(√(1+x) + √e)²,  η* ∝ (√(1+x) + √e)/(1 + ρ + kx).
 * The two agree at e = 0 and as e → ∞, but not in between, and only the PyTorch form reproduces
 * §3.6's Monte Carlo (β1 = 0.9, B_simple = 1000: ε = 3ḡ puts the peak at 262, ε = 10ḡ removes it;
 * the inside-root form loses the peak already at ε ≈ 2.9ḡ). PyTorch's placement is the default.
 */

import { adamEtaStarPerCoordinate, logNormalScaleNodes, type ScaleNodes } from './coordinate-scales';
import { erf } from './normal';

/** Which update the mean field describes (§3.2). */
export type UpdateFamily =
  /** SGD and SGDM: φ = filtered gradient (linear). */
  | 'linear'
  /** Adam family: φ = m/√(v + ε²) (ε inside the root, as in §3.2's mean field). */
  | 'adam'
  /** SignSGD, SignSGDM, Lion, Muon: φ = sign(filtered gradient), E[sign] = μ/√(μ²+kσ²/B). */
  | 'sign'
  /** Sign updates with the exact Gaussian E[sign] = erf(μ/(σ√2)) (§3.6 b). */
  | 'sign-erf';

export interface SurgeModel {
  family: UpdateFamily;
  /** Noise factor k = G2/G1² of the momentum filter (§0; 1 = no momentum). */
  k: number;
  /** Hessian alignment ρ (§3.1; 0 = diagonal). */
  rho: number;
  /** Adam only: e = ε²/ḡ² (§3.2); 0 = ε negligible. */
  e?: number;
  /** Adam only: the sheet's m/√(v + ε²) instead of PyTorch's m/(√v + ε) (see the module comment). */
  epsInsideRoot?: boolean;
  /**
   * Adam only: spread s of the per-coordinate gradient scales (σ of ln|g_i|, §7.3; coordinate-scales.ts).
   * 0 or absent = every coordinate the same size (§3.2's scalar form). Matters only when e > 0.
   */
  spread?: number;
  /** Adam only: explicit coordinate scales instead of the log-normal of `spread` (a simulator's own). */
  scaleNodes?: ScaleNodes;
}

/** The coordinate-scale distribution an Adam model integrates over, or null for §3.2's scalar form. */
function perCoordinateNodes(model: SurgeModel): ScaleNodes | null {
  if (model.family !== 'adam' || !((model.e ?? 0) > 0)) return null;
  if (model.scaleNodes) return model.scaleNodes;
  const spread = model.spread ?? 0;
  return spread > 0 ? logNormalScaleNodes(spread) : null;
}

/** β = (1 + B_simple/B)^{−1/2} (science.md §3.1). */
export function normalizedBatch(batch: number, bSimple: number): number {
  return 1 / Math.sqrt(1 + bSimple / batch);
}

/**
 * η* up to a constant factor, as a function of x = B_simple/B (science.md §3.2):
 *   η* ∝ E[φ]/(E[φ²] + ρ·E[φ]²),
 * - linear: E[φ] = 1, E[φ²] = 1 + kx → 1/(1 + ρ + kx) (SGD: η_max/(1 + B_noise/B), B_noise = B_simple/(1+ρ));
 * - adam: E[φ] = 1/√(1+x+e), E[φ²] = (1+kx)/(1+x+e) → √(1+x+e)/(1 + ρ + kx) with ε inside the
 *   root; (√(1+x) + √e)/(1 + ρ + kx) with PyTorch's ε outside;
 * - sign: E[φ] = 1/√(1+kx), E[φ²] = 1 → E/(1 + ρE²) (SignSGDM = SignSGD with B → B/k);
 * - sign-erf: E[φ] = erf(1/√(2kx)) (§3.6 b).
 */
export function etaStarUnscaled(model: SurgeModel, x: number): number {
  const { k, rho } = model;
  switch (model.family) {
    case 'linear':
      return 1 / (1 + rho + k * x);
    case 'adam': {
      const e = model.e ?? 0;
      const nodes = perCoordinateNodes(model);
      if (nodes) return adamEtaStarPerCoordinate(nodes, k, rho, Math.sqrt(e), x, model.epsInsideRoot);
      const top = model.epsInsideRoot ? Math.sqrt(1 + x + e) : Math.sqrt(1 + x) + Math.sqrt(e);
      return top / (1 + rho + k * x);
    }
    case 'sign': {
      const m = 1 / Math.sqrt(1 + k * x);
      return m / (1 + rho * m * m);
    }
    case 'sign-erf': {
      const m = x === 0 ? 1 : erf(1 / Math.sqrt(2 * k * x));
      return m / (1 + rho * m * m);
    }
  }
}

/**
 * The Surge peak in closed form, as x* = B_simple/B*, or null when η* rises for ever (no Surge)
 * or when there is no closed form (sign-erf: use `findPeakX`).
 * - adam, PyTorch's ε: with u = √(1+x), d/dx = 0 gives k·u² + 2k√e·u − (1+ρ−k) = 0, so
 *   u* = −√e + √(e + (1+ρ−k)/k) and x* = u*² − 1 (Surge iff u* > 1);
 * - adam, ε inside the root: x* = (1 + ρ − 2k(1+e))/k (Surge iff 2k(1+e) < 1+ρ).
 *   Both give §3.2's B_surge = (1−β1)/(3β1−1)·B_simple at ρ = e = 0 (Surge iff β1 > 1/3); with e > 0
 *   they are closed forms the sheet's §3.4 did not give: ε moves the peak up and finally removes it.
 * - sign: x* = (ρ − 1)/k, i.e. β* = 1/√ρ with B → B/k (§3.2), Surge iff ρ > 1.
 * - linear: none (§3.2 SGD, SGDM).
 * Adam with unequal coordinate sizes and ε (§7.3) has none: undefined, like sign-erf.
 */
export function closedFormPeakX(model: SurgeModel): number | null | undefined {
  const { k, rho } = model;
  switch (model.family) {
    case 'linear':
      return null;
    case 'adam': {
      const e = model.e ?? 0;
      if (perCoordinateNodes(model)) return undefined;
      if (model.epsInsideRoot) {
        const x = (1 + rho - 2 * k * (1 + e)) / k;
        return x > 0 ? x : null;
      }
      const u = -Math.sqrt(e) + Math.sqrt(e + (1 + rho - k) / k);
      return u > 1 ? u * u - 1 : null;
    }
    case 'sign':
      return rho > 1 ? (rho - 1) / k : null;
    case 'sign-erf':
      return undefined;
  }
}

/**
 * A robust numeric peak finder over x ∈ [xMin, xMax] (log-spaced scan, then golden section on
 * log x around the best grid point). Returns null when the maximum sits at the large-batch end
 * (x → xMin), i.e. η* keeps rising with B. Used where §3.2 has no closed form (§3.4, §3.6 b).
 */
export function findPeakX(f: (x: number) => number, xMin = 1e-8, xMax = 1e8, gridPoints = 400): number | null {
  const lo = Math.log(xMin);
  const hi = Math.log(xMax);
  const step = (hi - lo) / (gridPoints - 1);
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < gridPoints; i++) {
    const v = f(Math.exp(lo + i * step));
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  if (best === 0) return null;
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(gridPoints - 1, best + 1) * step;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(Math.exp(c));
  let fd = f(Math.exp(d));
  for (let i = 0; i < 100 && b - a > 1e-12; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * Numeric peaks of the per-coordinate model (§7.3), remembered: a prediction asks for the same one several times
 * (threshold, peak, η* at the batch) and hovers re-ask. Keyed on every number the model holds.
 */
const perCoordinatePeaks = new Map<string, number | null>();

/** x* of the peak: closed form where §3.2 gives one, the numeric finder otherwise. */
export function peakX(model: SurgeModel): number | null {
  const closed = closedFormPeakX(model);
  if (closed !== undefined) return closed;
  if (model.family !== 'adam' || model.scaleNodes) return findPeakX((x) => etaStarUnscaled(model, x));
  const key = [model.k, model.rho, model.e, model.spread, model.epsInsideRoot === true].join();
  const known = perCoordinatePeaks.get(key);
  if (known !== undefined) return known;
  // η*(x) is unimodal here: 120 grid points over 16 decades bracket the peak for the golden section.
  const x = findPeakX((v) => etaStarUnscaled(model, v), 1e-8, 1e8, 120);
  if (perCoordinatePeaks.size > 256) perCoordinatePeaks.clear();
  perCoordinatePeaks.set(key, x);
  return x;
}

/** The supremum of η* over B: at the peak, or at B → ∞ (x = 0). */
function etaStarMax(model: SurgeModel): number {
  const x = peakX(model);
  return etaStarUnscaled(model, x ?? 0);
}

/** η*(B)/η*_max (science.md §3.2): 1 at the Surge peak; below 1 on either side of it. */
export function etaStarRelative(model: SurgeModel, batch: number, bSimple: number): number {
  return etaStarUnscaled(model, bSimple / batch) / etaStarMax(model);
}

/** η*(B)/η*_max over a list of batch sizes (the playground's η*(B) curve). */
export function etaStarCurve(model: SurgeModel, batches: readonly number[], bSimple: number): Float64Array {
  const max = etaStarMax(model);
  return Float64Array.from(batches, (b) => etaStarUnscaled(model, bSimple / b) / max);
}

/** The batch at which η*(B) peaks (B* = B_simple/x*), or null when there is no Surge. */
export function surgePeakBatch(model: SurgeModel, bSimple: number): number | null {
  const x = peakX(model);
  return x === null ? null : bSimple / x;
}

/**
 * The model error science.md states for η*(B)/max η* of this model, relative, per batch size:
 * - adam: 3% with β2 ≥ 0.99 (§6: 0.3% for equal coordinate sizes; §7.3: +0.3…+1.7% measured with the
 *   per-coordinate form at spread 1, ε = 0.3ḡ), 5% for 0.95 ≤ β2 < 0.99 (§6), 10% below (§6 states no bound);
 * - linear and sign-erf: exact inside the model (SGD is linear in the gradient; E[sign] = erf is exact for
 *   Gaussian noise): 1% for the residual of the one-step quadratic fit;
 * - sign (the closed-form mean field μ/√(μ² + kσ²/B)): 5% (§3.6 b).
 */
export function surgeModelTolerance(model: SurgeModel, beta2: number): number {
  switch (model.family) {
    case 'adam':
      return beta2 >= 0.99 ? 0.03 : beta2 >= 0.95 ? 0.05 : 0.1;
    case 'linear':
    case 'sign-erf':
      return 0.01;
    case 'sign':
      return 0.05;
  }
}

/** §3.2 Adam at ρ = 0, e = 0: B_surge = (1−β1)/(3β1−1)·B_simple, or null for β1 ≤ 1/3. */
export function adamSurgeThreshold(beta1: number, bSimple: number): number | null {
  return beta1 > 1 / 3 ? ((1 - beta1) / (3 * beta1 - 1)) * bSimple : null;
}

/**
 * B_noise_eff = k·B_simple/(1+ρ) (science.md §3.3), independent of ε; for every family of §3.2
 * the loss decrease at the optimal lr is ΔL(B) = ΔL_max/(1 + B_noise_eff/B), with no Surge.
 */
export function effectiveNoiseScale(k: number, rho: number, bSimple: number): number {
  return (k * bSimple) / (1 + rho);
}

/** ΔL(B)/ΔL_max (science.md §3.3). */
export function lossDecreaseRelative(k: number, rho: number, batch: number, bSimple: number): number {
  return 1 / (1 + effectiveNoiseScale(k, rho, bSimple) / batch);
}

/** Steps–data trade-off (§3.3, McCandlish et al.): (S/S_min − 1)(E/E_min − 1) = 1 → E/E_min for a given S/S_min. */
export function dataForSteps(stepsRatio: number): number {
  return stepsRatio > 1 ? 1 + 1 / (stepsRatio - 1) : Infinity;
}
