/**
 * science.md §2.4 under the weight-decay rules and optimizers that test/core/theory-vs-sim does not
 * exercise: Composer's λ·lr_t/lr_0, modded-nanogpt's lr_t²·λ, decoupled SGD with torch's momentum
 * (gradient units, mean gain G1 = 1/(1−μ)), and AdamW with a non-negligible ε (§1.3's shrink).
 * Each is `predict(...).weightRms.atEnd` against the reference simulator (core/sim).
 */
import { describe, it } from 'vitest';
import type { PredictionInput } from '../../../core/prediction';
import { predict } from '../../../core/theory/predict';
import { expectAgreement, inputOf, simulate } from '../theory-vs-sim/harness';

// §6: §2.1/§2.4 hold within ~2% for AdamW (v is replaced by its mean). For SGD the update is linear
// in the gradient and §2.4's second moments are exact: no model error, sampling error alone.
const ADAMW_MODEL_ERROR = 0.02;

const cases: [string, Partial<PredictionInput>, number, number][] = [
  ['AdamW, Composer lr-ratio decay, cosine', { optimizer: 'adamw', beta2: 0.999, lr: 1e-3, weightDecay: 1e-3, weightDecaySemantics: 'lr-ratio', schedule: 'cosine', warmupSteps: 100, theta0Rms: 0.02 }, 3000, ADAMW_MODEL_ERROR],
  ['AdamW, modded-nanogpt lr² decay, WSD', { optimizer: 'adamw', beta2: 0.999, lr: 1e-2, weightDecay: 10, weightDecaySemantics: 'lr-squared', schedule: 'wsd', decaySteps: 600 }, 3000, ADAMW_MODEL_ERROR],
  ['AdamW, ε = 0.5 × the gradient scale', { optimizer: 'adamw', beta2: 0.999, lr: 1e-3, weightDecay: 1, eps: 0.5, gradNorm: 100, params: 10_000 }, 4000, ADAMW_MODEL_ERROR],
  ['SGD momentum 0.9, decoupled lr·λ, linear decay', { optimizer: 'sgd', momentum: 0.9, lr: 1e-3, weightDecay: 0.5, weightDecaySemantics: 'lr', schedule: 'linear', gradNorm: 100, params: 4000, theta0Rms: 0.1 }, 3000, 0],
  ['SGD Nesterov 0.9, dampening 0.5, Composer lr-ratio', { optimizer: 'sgd', momentum: 0.9, dampening: 0.5, nesterov: true, lr: 1e-3, weightDecay: 1e-3, weightDecaySemantics: 'lr-ratio', gradNorm: 100, params: 4000, snr: 0.01 }, 3000, 0],
];

describe('§2.4 under each weight-decay rule, against the simulator', () => {
  it.each(cases)('%s', async (_name, over, steps, modelError) => {
    const input = inputOf(over);
    // 16 000 coordinates: the weight RMS has a relative standard error of ≈ 0.71/√16000 ≈ 0.56%.
    const r = await simulate(input, { params: 16_000, steps });
    const p = predict({ ...input, steps });
    expectAgreement('weight RMS at T', r.weightRms, r.stderr.weightRms, p.weightRms.atEnd, modelError);
  }, 120_000);
});
