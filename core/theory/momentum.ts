/**
 * Momentum as a linear filter of the gradient stream, the one description every formula of
 * science.md §1.4, §2.4, §2.5, §3.2 and §3.5 needs.
 *
 * The pre-normalization update direction at step t is
 *   u_t = direct·g_t + gain·Σ_{i≥1} β^{i−1} g_{t−i},
 * i.e. filter taps a_0 = direct, a_i = gain·β^{i−1}. For an EMA m_t = β m_{t−1} + (1−β) g_t the
 * taps are (1−β)β^i; PyTorch's SGD buffer buf = μ·buf + (1−dampening)·g is NOT an EMA (its taps
 * sum to (1−dampening)/(1−μ), not 1), so its effective step and batch multiplier differ from the
 * EMA's by the mean gain G1 = Σa_i.
 *
 * From the taps: mean gain G1 = Σa_i (the update's mean per unit gradient mean), noise gain
 * G2 = Σa_i² (its variance per unit gradient variance, i.i.d. noise), and
 * k = G2/G1² (science.md §0 k = (1−β1)/(1+β1) for an EMA): momentum multiplies the batch by 1/k
 * (§3.2 "momentum = batch size × (1+β1)/(1−β1)", seed 000).
 */

export interface MomentumFilter {
  /** Tap on the current gradient. */
  direct: number;
  /** Scale of the geometric tail of taps on past gradients. */
  gain: number;
  /** Decay of the tail: a_i = gain·β^{i−1} for i ≥ 1. */
  beta: number;
  /**
   * Scale of the first gradient's taps (science.md §2.8): torch SGD seeds its buffer with the undampened
   * g_1 (buf_1 = g_1, then buf = μ·buf + (1−dampening)·g), so g_1 weighs 1/(1−dampening) times more. Absent = 1.
   */
  firstScale?: number;
}

/** No momentum: u_t = g_t. */
export const NO_MOMENTUM: MomentumFilter = { direct: 1, gain: 0, beta: 0 };

/** EMA m_t = β m_{t−1} + (1−β) g_t (Adam's first moment, Signum, Muon without Nesterov). */
export function emaFilter(beta: number): MomentumFilter {
  return { direct: 1 - beta, gain: beta * (1 - beta), beta };
}

/**
 * torch.optim.SGD: buf_1 = g_1, then buf_t = μ·buf_{t−1} + (1−dampening)·g_t; the update is buf_t, or
 * g_t + μ·buf_t with Nesterov (which torch allows only with dampening 0). The undampened first buffer
 * is `firstScale` = 1/(1−dampening) on g_1's taps (science.md §2.8); with dampening 1 the buffer
 * stays g_1·μ^{t−1} for ever, which the taps cannot express, so it is left at 1 there.
 */
export function torchSgdFilter(momentum: number, dampening: number, nesterov: boolean): MomentumFilter {
  const mu = momentum;
  const d = 1 - dampening;
  if (mu === 0) return NO_MOMENTUM;
  const firstScale = !nesterov && d > 0 && d !== 1 ? 1 / d : undefined;
  const filter: MomentumFilter = nesterov
    ? { direct: 1 + mu * d, gain: mu * mu * d, beta: mu }
    : { direct: d, gain: mu * d, beta: mu };
  return firstScale === undefined ? filter : { ...filter, firstScale };
}

/**
 * Lion's sign argument c_t = β1·m_{t−1} + (1−β1)·g_t with m an EMA of rate β2 (science.md §0):
 * taps a_0 = 1−β1, a_j = β1(1−β2)β2^{j−1} (§2.5).
 */
export function lionFilter(beta1: number, beta2: number): MomentumFilter {
  return { direct: 1 - beta1, gain: beta1 * (1 - beta2), beta: beta2 };
}

/**
 * torch.optim.Muon's momentum: buf = lerp(buf, g, 1−β) (an EMA); with Nesterov the matrix that is
 * orthogonalized is lerp(g, buf, β) = (1−β)g + β·buf, i.e. taps (1−β²), β²(1−β)β^{i−1}.
 */
export function torchMuonFilter(momentum: number, nesterov: boolean): MomentumFilter {
  const b = momentum;
  return nesterov ? { direct: 1 - b * b, gain: b * b * (1 - b), beta: b } : emaFilter(b);
}

/** G1 = Σa_i: steady-state mean of the update per unit gradient mean (the effective step multiplier). */
export function meanGain(f: MomentumFilter): number {
  return f.gain === 0 ? f.direct : f.direct + f.gain / (1 - f.beta);
}

/** G2 = Σa_i²: steady-state variance of the update per unit i.i.d. gradient variance. */
export function noiseGain(f: MomentumFilter): number {
  return f.gain === 0 ? f.direct * f.direct : f.direct * f.direct + (f.gain * f.gain) / (1 - f.beta * f.beta);
}

/** k = G2/G1² (science.md §0; = (1−β)/(1+β) for an EMA). */
export function noiseFactor(f: MomentumFilter): number {
  const g1 = meanGain(f);
  return noiseGain(f) / (g1 * g1);
}

/** 1/k: the factor by which momentum multiplies the batch (science.md §3.2, §3.5; (1+β)/(1−β) for an EMA). */
export function batchMultiplier(f: MomentumFilter): number {
  return 1 / noiseFactor(f);
}

/**
 * Normalized autocorrelation r_k = Σ_j a_j a_{j+k} / Σ_j a_j² of the filtered noise at lag k ≥ 1
 * (the input of the arcsine law, science.md §2.5). Geometric in k with ratio β.
 */
export function filterAutocorrelation(f: MomentumFilter, lag: number): number {
  if (f.gain === 0 || lag < 1) return lag === 0 ? 1 : 0;
  const head = f.direct * f.gain + (f.gain * f.gain * f.beta) / (1 - f.beta * f.beta);
  return (Math.pow(f.beta, lag - 1) * head) / noiseGain(f);
}
