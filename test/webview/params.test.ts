import { describe, expect, it } from 'vitest';
import { defaultPredictionInput } from '../../core/theory/input';
import { predict } from '../../core/theory/predict';
import { DEFAULT_PARAMS, predictionInputOf } from '../../webview/params';
import { restoreState, sameParams, STATE_VERSION } from '../../webview/state';

/** A bound config's input with what no control shows: Nesterov off, dampening, fp16, a shape, WSD decay steps. */
const base = defaultPredictionInput({
  optimizer: 'sgd', lr: 0.1, momentum: 0.9, dampening: 0.5, nesterov: false, fp16: true, schedule: 'wsd', decaySteps: 200,
  steps: 1000, gradNorm: 2, params: 4, weightDecay: 1e-4, batchSize: 256, noiseScale: 1000,
});
const params = {
  ...DEFAULT_PARAMS, optimizer: 'sgd' as const, lr: 0.1, beta1: 0.9, weightDecay: 1e-4, batchSize: 256, noiseScale: 1000,
  steps: 1000, schedule: 'wsd' as const, gradNorm: 2, params: 4, base,
};

describe('the playground input: controls over the bound config', () => {
  it('keeps what no control shows, so it predicts what the server does', () => {
    const input = predictionInputOf(params);
    expect(input).toMatchObject({ dampening: 0.5, nesterov: false, fp16: true, decaySteps: 200, momentum: 0.9 });
    expect(predict(input).effectiveBatchMultiplier).toBeCloseTo(predict(base).effectiveBatchMultiplier!, 12);
  });

  it('a moved control overrides the bound value; another optimizer starts from its own defaults', () => {
    expect(predictionInputOf({ ...params, beta1: 0.5 }).momentum).toBe(0.5);
    const adam = predictionInputOf({ ...params, optimizer: 'adamw', beta1: 0.9 });
    expect(adam).toMatchObject({ optimizer: 'adamw', beta1: 0.9, dampening: 0, fp16: true, decaySteps: 200 });
  });

  it('a restored state with the same bound input is the same experiment', () => {
    const state = { version: STATE_VERSION, params, bound: null, simulation: null };
    const saved: unknown = JSON.parse(JSON.stringify(state));
    const restored = restoreState(saved);
    expect(restored).not.toBeNull();
    expect(sameParams(restored!.params, params)).toBe(true);
    expect(sameParams({ ...params, base: { ...base, dampening: 0 } }, params)).toBe(false);
  });
});
