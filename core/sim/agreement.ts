/**
 * When a simulated number "agrees" with a formula: one rule for the CLI, the reports and the playground.
 *
 * Two errors separate them: the Monte Carlo's sampling error (its standard error) and the formula's own
 * approximation error, which science.md states for each formula (§6, §7). "Agrees" needs both: the gap
 * within 3 standard errors (noise alone could make it; wider when the standard error comes from a few replicas,
 * see `noiseThreshold`) and within the stated model error (the formula is
 * as good as the reference says). A gap of 30 standard errors is a model error even when it is small: it
 * is shown as such, with its size, never painted as agreement.
 */

/**
 * - `agrees`: within 3 standard errors and within the stated model error;
 * - `model-error`: beyond 3 standard errors but within the stated model error (a real, known approximation gap);
 * - `inconclusive`: within 3 standard errors but the noise is larger than the model error (run longer to tell);
 * - `disagrees`: beyond both.
 */
export type AgreementVerdict = 'agrees' | 'model-error' | 'inconclusive' | 'disagrees';

export interface Agreement {
  verdict: AgreementVerdict;
  /** simulated/predicted − 1. */
  gap: number;
  /** |simulated − predicted| in standard errors (Infinity when the standard error is 0 and they differ). */
  standardErrors: number;
  /** The model error the science reference states for this formula, relative (0.03 = 3%). */
  modelTolerance: number;
}

/** Standard errors within which a gap counts as noise: a false alarm about once in 370 for a Gaussian estimate. */
export const AGREEMENT_STANDARD_ERRORS = 3;

/**
 * Student-t quantiles with the coverage of ±3 normal standard errors (two-sided 99.73%), for ν = 1…30 degrees of
 * freedom (scipy.stats.t.ppf(1 − 0.00135, ν)). A standard error estimated from few replicas is itself noisy: with
 * 7 degrees of freedom a 3-s.e. gap happens 2% of the time, not 0.27%, so the threshold widens to keep the rate.
 */
const T_QUANTILE_3SIGMA = [
  235.8, 19.21, 9.219, 6.62, 5.507, 4.904, 4.53, 4.277, 4.094, 3.957, 3.85, 3.764, 3.694, 3.636, 3.586,
  3.544, 3.507, 3.475, 3.447, 3.422, 3.4, 3.38, 3.361, 3.345, 3.33, 3.316, 3.303, 3.291, 3.28, 3.27,
];

/** Standard errors a gap may span and still count as noise, for a standard error with ν degrees of freedom. */
export function noiseThreshold(degreesOfFreedom = Infinity): number {
  const nu = Math.floor(degreesOfFreedom);
  if (!(nu >= 1)) return Infinity;
  return nu <= 30 ? T_QUANTILE_3SIGMA[nu - 1] : AGREEMENT_STANDARD_ERRORS + 8 / nu;
}

/**
 * The verdict for one simulated value (± its standard error) against one predicted value. `degreesOfFreedom`:
 * of the standard error's estimate (replicas − 1), when it is small enough to matter.
 */
export function agreement(
  simulated: number,
  stderr: number,
  predicted: number,
  modelTolerance: number,
  degreesOfFreedom = Infinity,
): Agreement {
  // Rounding is not a gap: below 1e-9 relative the two are the same number.
  const raw = Math.abs(simulated - predicted);
  const diff = raw <= 1e-9 * Math.abs(predicted) ? 0 : raw;
  const se = Number.isFinite(stderr) && stderr > 0 ? stderr : 0;
  const standardErrors = se > 0 ? diff / se : diff === 0 ? 0 : Infinity;
  const gap = predicted !== 0 ? simulated / predicted - 1 : diff === 0 ? 0 : Infinity;
  const threshold = Number.isFinite(degreesOfFreedom) ? noiseThreshold(degreesOfFreedom) : AGREEMENT_STANDARD_ERRORS;
  const withinNoise = standardErrors <= threshold;
  const withinModel = diff <= modelTolerance * Math.abs(predicted);
  const verdict: AgreementVerdict = withinNoise
    ? withinModel ? 'agrees' : 'inconclusive'
    : withinModel ? 'model-error' : 'disagrees';
  return { verdict, gap, standardErrors, modelTolerance };
}

const percent = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}%`;
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '∞');

/** The verdict in plain words, the same on every surface: verdict first, then the numbers. */
export function agreementText(a: Agreement): string {
  const gap = `${percent(a.gap)}, ${count(a.standardErrors)} standard errors`;
  const model = `±${(100 * a.modelTolerance).toFixed(1)}%`;
  switch (a.verdict) {
    case 'agrees':
      return `agrees (${gap})`;
    case 'model-error':
      return `off by ${gap}: a real gap, within the formula's stated model error ${model}`;
    case 'inconclusive':
      return `too noisy to tell (${gap}): the noise is larger than the formula's stated model error ${model}; simulate longer`;
    case 'disagrees':
      return `disagrees: off by ${gap}, beyond the formula's stated model error ${model}`;
  }
}
