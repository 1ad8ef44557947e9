import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_KINDS, SCHEDULE_KINDS } from '../../../core/hyperparams';
import type { Prediction, PredictionInput } from '../../../core/prediction';
import { defaultPredictionInput, predict, validatePredictionInput } from '../../../core/theory/predict';
import { newtonSchulzGain } from '../../../core/theory/muon';
import { lionFilter } from '../../../core/theory/momentum';
import { discountedLongRunVariance, signUpdateCorrelation } from '../../../core/theory/update-correlation';
import { randomWalkWeightRms } from '../../../core/theory/weight-rms';

/** Every numeric field of a Prediction by dotted path (the keys `sources` must cover). */
function numbers(p: Prediction): [string, number | null][] {
  return [
    ['updateRms', p.updateRms], ['weightRms.steady', p.weightRms.steady], ['weightRms.atEnd', p.weightRms.atEnd],
    ['weightRms.meanField', p.weightRms.meanField], ['equilibriumSteps', p.equilibriumSteps], ['equilibriumFraction', p.equilibriumFraction],
    ['effectiveBatchMultiplier', p.effectiveBatchMultiplier], ['surge.threshold', p.surge.threshold], ['surge.peakBatch', p.surge.peakBatch],
    ['surge.etaStarRelative', p.surge.etaStarRelative], ['surge.lossDecreaseRelative', p.surge.lossDecreaseRelative], ['epsRegime.ratio', p.epsRegime.ratio],
    ['surge.thresholdRatio', p.surge.thresholdRatio],
  ];
}

const run = (over: Partial<PredictionInput>) => predict(defaultPredictionInput(over));

describe('predict: the anchors of science.md', () => {
  it('AdamW β1 = 0.9: update RMS 0.229; η = 1e-3, λ = 0.1: weight RMS 0.0707, τ = 10⁴ steps', () => {
    const p = run({ lr: 1e-3, weightDecay: 0.1 });
    expect(p.updateRms).toBeCloseTo(0.229, 3);
    expect(p.weightRms.steady).toBeCloseTo(0.0707, 4);
    expect(p.equilibriumSteps).toBeCloseTo(1e4, 6);
    expect(p.effectiveBatchMultiplier).toBeCloseTo(19, 9);
  });

  it('Adam β1 = 0.9, B_simple = 1000: Surge from 0.0588·B_simple = 58.8', () => {
    const p = run({ noiseScale: 1000, batchSize: 58.82352941 });
    expect(p.surge.threshold).toBeCloseTo(58.82, 2);
    expect(p.surge.peakBatch).toBeCloseTo(58.82, 2);
    expect(p.surge.etaStarRelative).toBeCloseTo(1, 9);
    expect(p.surge.lossDecreaseRelative).toBeCloseTo(1 / (1 + 1000 / 19 / 58.82352941), 9);
  });

  it('SignSGDM β1 = 0.9: weight RMS 0.2576 (arcsine law, discounted at δ = 1e-4, §2.6) beside the seed mean field', () => {
    const p = run({ optimizer: 'signsgdm', lr: 1e-3, weightDecay: 0.1 });
    expect(p.updateRms).toBe(1);
    expect(p.weightRms.steady).toBeCloseTo(0.2576, 4);
    expect(p.weightRms.meanField).toBeCloseTo(Math.sqrt((1e-3 / 0.2) * 19), 4);
  });

  it('Lion β1 = 0.9, β2 = 0.99: L = 45.9 undiscounted; the steady value uses L(1 − δ) (§2.5, §2.6)', () => {
    const p = run({ optimizer: 'lion', lr: 1e-4, weightDecay: 1 });
    const correlation = signUpdateCorrelation(lionFilter(0.9, 0.99), 0);
    expect(discountedLongRunVariance(correlation, 1)).toBeCloseTo(45.9, 1);
    const expected = (1e-8 / (1e-4 * (2 - 1e-4))) * discountedLongRunVariance(correlation, 1 - 1e-4);
    expect(p.weightRms.steady! ** 2).toBeCloseTo(expected, 12);
    // The lag discount lowers L by ~1% at δ = 1e-4 (Lion's update stays correlated over ~100 steps).
    expect(p.weightRms.steady! ** 2 / (1e-4 / 2)).toBeCloseTo(45.5, 1);
  });
});

describe('predict: what applies and what does not', () => {
  it('λ = 0: no equilibrium, says so, and gives the random-walk growth', () => {
    const p = run({ lr: 1e-3, weightDecay: 0, steps: 10_000 });
    expect(p.weightRms.steady).toBeNull();
    expect(p.equilibriumSteps).toBeNull();
    expect(p.notes.map((n) => n.code)).toContain('no-weight-decay');
    // §2.4 with no decay and an EMA: Σc² → η²t plus a momentum start-up transient of O(η²/(1−β1)).
    expect(p.weightRms.atEnd! / randomWalkWeightRms(10_000, 1e-3, 0) - 1).toBeLessThan(0.01);
  });

  it('coupled L2 (torch Adam): no weight RMS, and the note says §2 does not apply', () => {
    const p = run({ optimizer: 'adam', weightDecay: 0.1, steps: 1000 });
    expect(p.weightRms).toEqual({ steady: null, atEnd: null, meanField: null });
    expect(p.equilibriumSteps).toBeNull();
    expect(p.notes).toContainEqual({ code: 'coupled-l2', optimizer: 'adam' });
  });

  it('lr-ratio (Composer) decays by λ per step at the peak, lr-squared by η²λ', () => {
    expect(run({ weightDecaySemantics: 'lr-ratio', weightDecay: 1e-4 }).equilibriumSteps).toBeCloseTo(1e4, 6);
    expect(run({ weightDecaySemantics: 'lr-squared', lr: 1e-2, weightDecay: 0.1 }).equilibriumSteps).toBeCloseTo(1e5, 4);
  });

  it('cautions: β2 < 0.95, τ longer than the run, τ not ≫ 1/(1−β1)', () => {
    expect(run({ beta2: 0.9 }).notes).toContainEqual({ code: 'beta2-short-memory', beta2: 0.9 });
    const long = run({ lr: 1e-4, weightDecay: 0.1, steps: 1000 });
    expect(long.equilibriumFraction).toBeCloseTo(100, 9);
    expect(long.notes).toContainEqual({ code: 'tau-longer-than-run', tau: expect.closeTo(1e5, 3) as number, steps: 1000 });
    expect(run({ lr: 0.1, weightDecay: 0.5, beta1: 0.99 }).notes.map((n) => n.code)).toContain('tau-near-momentum-memory');
  });

  it('torch SGD momentum is not an EMA: effective step 10·lr, batch multiplier 19', () => {
    const p = run({ optimizer: 'sgd', momentum: 0.9, gradNorm: 1, params: 1, snr: 0 });
    expect(p.effectiveBatchMultiplier).toBeCloseTo(19, 9);
    expect(p.updateRms).toBeCloseTo(Math.sqrt(1 / 0.19), 9);
    expect(p.notes).toContainEqual({ code: 'sgd-momentum-gain', gain: expect.closeTo(10, 9) as number });
  });

  it('decoupled SGD (SGDW) has a weight RMS in gradient units with its mean gain G1', () => {
    const p = run({ optimizer: 'sgd', momentum: 0.9, weightDecaySemantics: 'lr', weightDecay: 0.1, lr: 1e-4, gradNorm: 2, params: 4 });
    // η_eff = lr·G1·scale = 1e-4·10·1; δ = 1e-5: √(η_eff²/(2δ))
    expect(p.weightRms.steady).toBeCloseTo(Math.sqrt(1e-6 / 2e-5), 9);
  });

  it('Muon: match_rms_adamw gives 0.2 × the Newton–Schulz gain; the batch multiplier is that of its Nesterov filter', () => {
    const p = run({ optimizer: 'muon', shape: [1024, 4096], muonAdjustLr: 'match_rms_adamw' });
    expect(p.updateRms).toBeCloseTo(0.2 * newtonSchulzGain([1024, 4096]), 12);
    expect(p.updateRms).toBeLessThan(0.2);
    expect(p.effectiveBatchMultiplier).toBeGreaterThan(30);
    expect(p.effectiveBatchMultiplier).toBeLessThan(39);
    // §2.7: RMS(u)·√(η/(2λ))·√L, L mixing the linear and arcsine factors by a = 1024/4096.
    expect(p.weightRms.steady).toBeGreaterThan(p.updateRms! * Math.sqrt(1e-3 / 0.2) * Math.sqrt(20));
    expect(p.weightRms.steady).toBeLessThan(p.updateRms! * Math.sqrt(1e-3 / 0.2) * Math.sqrt(40));
    expect(p.sources['weightRms.steady']).toContain('§2.7');
    expect(run({ optimizer: 'muon', shape: [1024, 4096], snr: 0.1 }).weightRms.steady).toBeNull();
  });

  it('ε regime and the fp16 hazard', () => {
    const p = run({ eps: 1e-8, gradNorm: 1, params: 1e8, fp16: true });
    expect(p.epsRegime.ratio).toBeCloseTo(1e-4, 12);
    expect(p.epsRegime.regime).toBe('negligible');
    expect(p.epsRegime.fp16Underflow).toBe(true);
    expect(run({ eps: 1e-3, gradNorm: 1, params: 1e8 }).epsRegime.regime).toBe('sgd-like');
    expect(run({ optimizer: 'lion' }).epsRegime).toEqual({ ratio: null, regime: null, fp16Underflow: false });
  });

  it('ε moves the Adam Surge peak up (§3.4)', () => {
    const base = { noiseScale: 1000, batchSize: 100, gradNorm: 1, params: 1e6 };
    const small = run({ ...base, eps: 1e-8 }).surge.peakBatch!;
    const big = run({ ...base, eps: 2e-4 }).surge.peakBatch!;
    expect(big).toBeGreaterThan(small);
  });

  it('sign updates: the closed-form threshold (§3.2) beside the erf peak (§3.6 b)', () => {
    const p = run({ optimizer: 'signsgd', noiseScale: 1000, hessianAlignment: 4 });
    expect(p.surge.threshold).toBeCloseTo(1000 / 3, 9);
    expect(p.surge.peakBatch).not.toBeNull();
    expect(p.surge.peakBatch).not.toBeCloseTo(p.surge.threshold!, 0);
    expect(run({ optimizer: 'signsgd', noiseScale: 1000 }).surge.peakBatch).toBeNull();
  });
});

const inputs = fc.record({
  optimizer: fc.constantFrom(...OPTIMIZER_KINDS),
  lr: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
  beta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
  beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
  eps: fc.double({ min: 0, max: 1, noNaN: true }),
  weightDecay: fc.double({ min: 0, max: 1, noNaN: true }),
  weightDecaySemantics: fc.constantFrom('lr', 'lr-ratio', 'lr-squared', 'coupled-l2', 'none'),
  momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
  nesterov: fc.boolean(),
  steps: fc.option(fc.integer({ min: 1, max: 3000 })),
  warmupSteps: fc.integer({ min: 0, max: 500 }),
  schedule: fc.constantFrom(...SCHEDULE_KINDS),
  snr: fc.double({ min: 0, max: 10, noNaN: true }),
  batchSize: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true })),
  noiseScale: fc.option(fc.double({ min: 1, max: 1e6, noNaN: true })),
  hessianAlignment: fc.double({ min: 0, max: 10, noNaN: true }),
  gradNorm: fc.option(fc.double({ min: 1e-3, max: 1e3, noNaN: true })),
  params: fc.option(fc.integer({ min: 1, max: 1e9 })),
  shape: fc.option(fc.tuple(fc.integer({ min: 1, max: 8192 }), fc.integer({ min: 1, max: 8192 }))),
  fp16: fc.boolean(),
}) as fc.Arbitrary<Partial<PredictionInput>>;

describe('predict on any valid input', () => {
  it('gives finite numbers, each with a science.md source, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(inputs, (over) => {
        const input = defaultPredictionInput(over);
        fc.pre(validatePredictionInput(input).length === 0);
        const p = predict(input);
        for (const [path, value] of numbers(p)) {
          if (value === null) continue;
          expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
          expect(p.sources[path], path).toMatch(/science\.md §\d/);
        }
        // Every source names a field the prediction has (numbers above, or a structured field such as surge.spread).
        const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p);
        for (const key of Object.keys(p.sources)) {
          expect(numbers(p).some(([path]) => path === key) || at(key) !== undefined, key).toBe(true);
        }
        expect(JSON.parse(JSON.stringify(p))).toEqual(p);
      }),
      { seed: 424242, numRuns: 300 },
    );
  });
});
