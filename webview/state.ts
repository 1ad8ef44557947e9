/**
 * What the playground keeps across hide/show and restarts through VS Code's `getState/setState`: the
 * parameters, the bound config and the last simulation. The extension stays the source of truth (it
 * re-sends `bind` after every `ready`); this state only lets the view redraw at once, before that arrives.
 * Restored state is checked like a message: it may come from an older version of the page.
 */
import { isPlaygroundParams } from '../core/webview-messages-validate';
import type { BoundConfig } from '../core/webview-messages';
import type { SimulatedSeries } from './experiments';
import type { PlaygroundParams } from './params';

export const STATE_VERSION = 1;

export interface PlaygroundState {
  version: typeof STATE_VERSION;
  params: PlaygroundParams;
  bound: BoundConfig | null;
  /** The last simulation and the parameters it ran with (its points are stale once they differ). */
  simulation: { params: PlaygroundParams; series: SimulatedSeries; seconds: number } | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isSimulatedSeries(v: unknown): v is SimulatedSeries {
  return isRecord(v) && Array.isArray(v.updateRms) && Array.isArray(v.surge) && Array.isArray(v.eps) && typeof v.backend === 'string'
    && (v.refused === undefined || typeof v.refused === 'string')
    && (v.weightRms === null || (isRecord(v.weightRms) && Array.isArray(v.weightRms.step) &&
      Array.isArray(v.weightRms.mean)));
}

/** The saved state when it is whole and of this version, else null (the page then starts from defaults). */
export function restoreState(saved: unknown): PlaygroundState | null {
  if (!isRecord(saved) || saved.version !== STATE_VERSION || !isPlaygroundParams(saved.params)) return null;
  const bound = isRecord(saved.bound) && typeof saved.bound.uri === 'string' && isPlaygroundParams(saved.bound.params) ? (saved.bound as unknown as BoundConfig) : null;
  const sim = saved.simulation;
  const simulation = isRecord(sim) && isPlaygroundParams(sim.params) && isSimulatedSeries(sim.series) && typeof sim.seconds === 'number'
    ? { params: sim.params, series: sim.series, seconds: sim.seconds }
    : null;
  return { version: STATE_VERSION, params: saved.params, bound, simulation };
}

/** Whether two parameter sets describe the same experiment (a simulation of one is valid for the other). */
export function sameParams(a: PlaygroundParams, b: PlaygroundParams): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof PlaygroundParams>;
  for (const k of keys) {
    // The bound input is an object: equal when its fields are (a restored state holds a copy, not the same object).
    if (k === 'base' ? JSON.stringify(a.base ?? null) !== JSON.stringify(b.base ?? null) : a[k] !== b[k]) return false;
  }
  return true;
}
