/**
 * Long-run variance of sign-type updates at SNR 0 (science.md §2.5, arcsine law):
 *   L = 1 + 2 Σ_{k≥1} (2/π)·arcsin(r_k),
 * r_k the autocorrelation of the filter the sign is taken of. Weight RMS under decay is then
 * ‖θ‖² ≈ (η/(2λ))·L. SignSGDM (r_k = β1^k): L = 13.28 at β1 = 0.9. Lion (β1 = 0.9, β2 = 0.99): L = 45.9.
 * It is the SNR-0, undiscounted case of the exact Gaussian moments of §2.6 (update-correlation.ts), which
 * is where it is computed, so that the formula lives once.
 */
import type { MomentumFilter } from './momentum';
import { discountedLongRunVariance, signUpdateCorrelation } from './update-correlation';

/** L for sign(filter output), SNR = 0 (science.md §2.5). L = 1 without momentum. */
export function signLongRunVariance(filter: MomentumFilter): number {
  return discountedLongRunVariance(signUpdateCorrelation(filter, 0), 1);
}
