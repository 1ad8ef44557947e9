/**
 * Long-run variance of sign-type updates (science.md §2.5, arcsine law).
 *
 * For u_t = sign(c_t) with c_t a linear filter of i.i.d. Gaussian gradients (zero mean, SNR = 0)
 * whose autocorrelation at lag k is r_k, E[u_t u_{t+k}] = (2/π)·arcsin(r_k), so the variance of a
 * long sum of updates per step is
 *   L = 1 + 2 Σ_{k≥1} (2/π)·arcsin(r_k).
 * Weight RMS under decay is then ‖θ‖² ≈ (η/(2λ))·L (and L·Σw_i² under a schedule, §2.4).
 * SignSGDM (r_k = β1^k): L = 13.28 at β1 = 0.9. Lion (β1 = 0.9, β2 = 0.99): L = 45.9.
 */
import { filterAutocorrelation, type MomentumFilter } from './momentum';

/** Below this autocorrelation arcsin(r) = r(1 + r²/6 + …) is r to 1e-12 relative, so the tail is summed in closed form. */
const LINEAR_TAIL_BELOW = 1e-6;

/** L for sign(filter output), SNR = 0 (science.md §2.5). L = 1 without momentum. */
export function signLongRunVariance(filter: MomentumFilter): number {
  if (filter.gain === 0) return 1;
  const q = filter.beta;
  let sum = 0;
  let lag = 1;
  let r = filterAutocorrelation(filter, 1);
  while (r > LINEAR_TAIL_BELOW && lag < 10_000_000) {
    sum += Math.asin(Math.min(1, r));
    lag += 1;
    r *= q;
  }
  // The remaining lags form a geometric series r, r·q, r·q², … on which arcsin is linear.
  sum += q < 1 ? r / (1 - q) : 0;
  return 1 + (4 / Math.PI) * sum;
}

