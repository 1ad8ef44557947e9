/**
 * `decay-horizon-mismatch` (science.md §8.5): the learning-rate schedule is set to decay over a different number of
 * steps than the run has (nanoGPT's `lr_decay_iters` ≠ `max_iters`, Megatron's `--lr-decay-iters` ≠ `--train-iters`,
 * torch `CosineAnnealingLR(T_max=…)` ≠ the steps). Then either the last part of the run trains at the floor lr, or
 * the run stops before the lr has come down. Information, not a warning: both are sometimes meant.
 */
import type { OptimizerAnalysis } from '../core/analysis';
import type { Finding } from '../core/hyperparams';
import { lrAt } from '../core/theory/schedule';
import type { Extraction } from './extract/extraction';
import { readable } from './features/display';
import { numericValue } from './prediction-input';

export const DECAY_HORIZON_MISMATCH = 'decay-horizon-mismatch';

const count = (n: number): string => (Number.isInteger(n) && n < 1e9 ? String(n) : String(Number(n.toPrecision(3))));
const percent = (x: number): string => `${Number((100 * x).toPrecision(3))}%`;

/** The run-level finding, at the horizon's literal (at the run length when the horizon is the framework's default). */
export function decayHorizonFindings(extraction: Extraction, optimizers: readonly OptimizerAnalysis[]): Finding[] {
  const horizon = extraction.decayHorizon;
  const opt = optimizers.find((o) => o.predictionInput !== null);
  const input = opt?.predictionInput;
  const stepsValue = opt?.hyperparameters.steps;
  // The run length in optimizer steps (not epochs or samples), and a schedule that decays at all.
  if (!horizon || !input || input.steps === null || !stepsValue || stepsValue.unit !== undefined) return [];
  if (input.schedule === 'constant' || input.schedule === 'inverse-sqrt') return [];
  // A horizon in tokens (OLMo-core's max_duration=Duration.tokens(n)) is the steps those tokens take at this batch.
  const perStep = extraction.tokensPerStep ? numericValue(extraction.tokensPerStep) : null;
  const written = numericValue(horizon.value);
  const inTokens = horizon.value.unit === 'tokens';
  if (horizon.value.unit !== undefined && !inTokens) return [];
  const H = !inTokens || written === null ? written
    : perStep !== null && perStep > 0 ? Math.round(written / perStep) : null;
  const S = input.steps;
  if (H === null || !(H > 0) || H === S) return [];

  const h = horizon.value;
  const tokens = inTokens && written !== null && perStep !== null
    ? `, ${readable(written, 3)} tokens at ${readable(perStep, 3)} tokens per step` : '';
  const start = horizon.start;
  const from = start ? ` counted from step ${count(start.value)}${start.key ? `, \`${start.key}\`` : ''}` : '';
  const horizonFrom = h.source === 'written' && h.key ? `\`${h.key}\`${from}${tokens}`
    : `not set in the file: ${h.defaultFrom ?? 'the default'}`;
  const runFrom = stepsValue.source === 'written' && stepsValue.key ? `\`${stepsValue.key}\`` : stepsValue.defaultFrom ?? 'the default';
  let consequence: string;
  if (H < S && horizon.after === 'floor') {
    consequence = `the lr reaches its minimum at step ${count(H)} and stays there for the last ${count(S - H)} steps ` +
      `(${percent((S - H) / S)} of the run)`;
  } else if (H < S && horizon.after === 'zero') {
    consequence = `the lr falls to 0 at step ${count(H)} and stays 0 for the last ${count(S - H)} steps ` +
      `(${percent((S - H) / S)} of the run makes no update)`;
  } else if (H < S) {
    consequence = `past step ${count(H)} the cosine climbs back towards the peak lr (CosineAnnealingLR is periodic), ` +
      'unless the scheduler steps once per epoch and T_max counts epochs';
  } else {
    const end = lrAt({
      kind: input.schedule, peakLr: 1, steps: H, warmupSteps: input.warmupSteps, decaySteps: input.decaySteps,
      ...(input.minLrRatio !== undefined ? { minLrRatio: input.minLrRatio } : {}),
    }, S);
    const still = end >= 0.995 ? 'essentially at its peak' : `at ${percent(end)} of its peak`;
    consequence = `the run stops at step ${count(S)} with the lr still ${still}, before the decay ends`;
  }
  // A length written from a start (nanotron's lr_decay_steps) ends with the run at the run's steps less the start.
  const target = S - (start?.value ?? 0);
  const fixes = h.source === 'written' && h.span && !inTokens && target > 0
    ? [{ title: `Decay over the whole run: ${h.key ?? 'the horizon'} → ${count(target)}`,
      replacements: [{ span: h.span, newText: String(target) }] }]
    : [];
  const where = h.source === 'written' && h.span ? { line: h.line, span: h.span } : { line: stepsValue.line, span: stepsValue.span };
  return [{
    code: DECAY_HORIZON_MISMATCH,
    severity: 'information',
    message: `The learning-rate decay ends at step ${count(H)} (${horizonFrom}) but the run is ${count(S)} steps ` +
      `(${runFrom}): ${consequence}. ` +
      "OptLens's predictions assume the decay ends with the run. (science.md §8.5)",
    ...where,
    ...(fixes.length > 0 ? { fixes } : {}),
  }];
}
