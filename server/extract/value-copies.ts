/**
 * Copies of extracted values for an optimizer made from another (a parameter group, a scope, a branch's run): later
 * steps (defaults, batch arithmetic) write into each optimizer's values, so no two optimizers may share one object.
 */
import type { ExtractedValue, HyperparameterName } from '../../core/hyperparams';
import { keepSentinelOnCopy } from './warmup-sentinel';

export type Values = Partial<Record<HyperparameterName, ExtractedValue>>;

export function copyValue(v: ExtractedValue): ExtractedValue {
  return keepSentinelOnCopy(v, { ...v, ...(v.span ? { span: { ...v.span } } : {}) });
}

export function copyValues(values: Values): Values {
  const out: Values = {};
  for (const [name, v] of Object.entries(values) as [HyperparameterName, ExtractedValue][]) out[name] = copyValue(v);
  return out;
}
