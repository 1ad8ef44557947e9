/**
 * Muon (torch.optim.Muon, pytorch/pytorch@098e03f9 torch/optim/_muon.py): the momentum matrix is
 * normalized to unit Frobenius norm, pushed toward an orthogonal matrix by 5 Newton–Schulz steps,
 * and applied with a shape-dependent learning rate. Batch behaviour: like SignSGDM (science.md
 * §3.5), see `torchMuonFilter` in momentum.ts.
 *
 * An orthogonal m×n matrix has min(m,n) unit singular values, so each entry has RMS 1/√max(m,n);
 * with "match_rms_adamw" that makes the update RMS 0.2·lr for every shape
 * (docs/ecosystem-facts.md, "Update RMS anchors"). Newton–Schulz does not reach
 * orthogonality, though: for noise-dominated momentum (SNR 0, the regime of science.md §1–§2) the
 * update is 9–18% smaller than the ideal. `newtonSchulzGain` computes that factor (science.md §3.5,
 * derived for OptLens): the singular values of an m×n Gaussian matrix follow the
 * Marchenko–Pastur law, Frobenius normalization scales them to σ = √(λ/min(m,n)), and each
 * Newton–Schulz step maps σ ↦ aσ + bσ³ + cσ⁵, so
 *   RMS(O)·√max(m,n) = √E_MP[p⁵(σ)²].
 * The reference simulator (float64 Newton–Schulz) agrees within 1% (test/core/theory/muon.test.ts).
 */

export type MuonAdjustLr = 'original' | 'match_rms_adamw';

/** torch's quintic Newton–Schulz coefficients (a, b, c) and step count (`_zeropower_via_newtonschulz`). */
export const NEWTON_SCHULZ = { a: 3.4445, b: -4.775, c: 2.0315, steps: 5 } as const;

/** torch's `_adjust_lr`: "original" √max(1, m/n); "match_rms_adamw" 0.2·√max(m, n). m×n = (out, in). */
export function muonLrScale(shape: readonly [number, number], mode: MuonAdjustLr): number {
  const [m, n] = shape;
  return mode === 'original' ? Math.sqrt(Math.max(1, m / n)) : 0.2 * Math.sqrt(Math.max(m, n));
}

/** RMS of one entry of an orthogonal m×n matrix: √(min(m,n)/(m·n)) = 1/√max(m,n). */
export function orthogonalEntryRms(shape: readonly [number, number]): number {
  return 1 / Math.sqrt(Math.max(shape[0], shape[1]));
}

/** The Newton–Schulz polynomial applied `steps` times to one singular value. */
export function newtonSchulzMap(sigma: number): number {
  const { a, b, c, steps } = NEWTON_SCHULZ;
  let s = sigma;
  for (let i = 0; i < steps; i++) {
    const s2 = s * s;
    s = s * (a + s2 * (b + c * s2));
  }
  return s;
}

/** Quadrature nodes over the Marchenko–Pastur support; the integrand is smooth in θ, 500 nodes reach 1e-11. */
const MP_NODES = 500;

/**
 * √E[p⁵(σ)²] over the Marchenko–Pastur spectrum of an m×n Gaussian matrix after Frobenius
 * normalization: the ratio of Muon's actual update RMS to the orthogonal ideal at SNR 0.
 * (λ on [(1−√r)², (1+√r)²], r = min/max, density √((λ₊−λ)(λ−λ₋))/(2πrλ); substituting
 * λ = λ₋ + (λ₊−λ₋)(1 − cos θ)/2 removes the square-root edges.)
 */
export function newtonSchulzGain(shape: readonly [number, number]): number {
  const lo = Math.min(shape[0], shape[1]);
  const r = lo / Math.max(shape[0], shape[1]);
  const plus = (1 + Math.sqrt(r)) ** 2;
  const minus = (1 - Math.sqrt(r)) ** 2;
  let mass = 0;
  let sum = 0;
  for (let i = 0; i < MP_NODES; i++) {
    const theta = (Math.PI * (i + 0.5)) / MP_NODES;
    const lambda = minus + ((plus - minus) * (1 - Math.cos(theta))) / 2;
    const dLambda = ((plus - minus) * Math.sin(theta)) / 2;
    const density = Math.sqrt(Math.max(0, (plus - lambda) * (lambda - minus))) / (2 * Math.PI * r * lambda);
    const w = density * dLambda;
    const o = newtonSchulzMap(Math.sqrt(lambda / lo));
    mass += w;
    sum += w * o * o;
  }
  return Math.sqrt(sum / mass);
}

/**
 * Update RMS per unit lr of a Muon step whose orthogonalised momentum is multiplied by `scale` (science.md §3.5):
 * scale × 1/√max(m,n) × the Newton–Schulz gain, at SNR 0. Every surface that turns a Muon lr into a step size
 * (prediction, Compare Optimizers, the Recipe's conventions) reads this one model; `ideal` drops the gain.
 */
export function muonScaledUpdateRms(shape: readonly [number, number], scale: number, ideal = false): number {
  const gain = ideal ? 1 : newtonSchulzGain(shape);
  return scale * orthogonalEntryRms(shape) * gain;
}

/**
 * Update RMS per unit of the configured lr at SNR 0: torch's lr scale for `mode` in `muonScaledUpdateRms`
 * (`ideal`: the orthogonal value, 0.2 for "match_rms_adamw").
 */
export function muonUpdateRms(shape: readonly [number, number], mode: MuonAdjustLr, ideal = false): number {
  return muonScaledUpdateRms(shape, muonLrScale(shape, mode), ideal);
}
