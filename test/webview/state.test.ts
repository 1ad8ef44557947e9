import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../webview/params';
import { restoreState, sameParams, STATE_VERSION } from '../../webview/state';

const series = { updateRms: [{ x: 0.9, y: 0.23, stderr: 0.001 }], weightRms: null, surge: [], eps: [], backend: 'cpu-worker' };

describe('saved playground state', () => {
  it('comes back whole after a JSON round trip (what getState returns)', () => {
    const state = { version: STATE_VERSION, params: { ...DEFAULT_PARAMS, beta1: 0.95 }, bound: null,
      simulation: { params: DEFAULT_PARAMS, series, seconds: 3 } };
    expect(restoreState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('is dropped when missing, of another version, or with bad parameters', () => {
    expect(restoreState(undefined)).toBeNull();
    expect(restoreState({ version: 0, params: DEFAULT_PARAMS })).toBeNull();
    expect(restoreState({ version: STATE_VERSION, params: { ...DEFAULT_PARAMS, beta1: 'x' } })).toBeNull();
    expect(restoreState({ version: STATE_VERSION, params: { ...DEFAULT_PARAMS, extra: 1 } })).toBeNull();
  });

  it('keeps good parameters but drops a malformed simulation or binding', () => {
    const restored = restoreState({ version: STATE_VERSION, params: DEFAULT_PARAMS, bound: { uri: 3 }, simulation: { params: DEFAULT_PARAMS, series: { updateRms: 'no' }, seconds: 1 } });
    expect(restored).toEqual({ version: STATE_VERSION, params: DEFAULT_PARAMS, bound: null, simulation: null });
  });

  it('tells when a simulation was run with other settings', () => {
    expect(sameParams(DEFAULT_PARAMS, { ...DEFAULT_PARAMS })).toBe(true);
    expect(sameParams(DEFAULT_PARAMS, { ...DEFAULT_PARAMS, beta1: 0.91 })).toBe(false);
    expect(sameParams(DEFAULT_PARAMS, { ...DEFAULT_PARAMS, gradNorm: 1 })).toBe(false);
  });
});
