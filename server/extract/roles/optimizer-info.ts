/**
 * What a written optimizer name runs: the ecosystem table's own names, then the names every framework shares
 * (Hugging Face `optim` values, torch.optim classes, the optimizers OptLens knows), else not modelled.
 */
import { HF_OPTIM_NAMES } from '../ecosystems/hf-trainer';
import { KNOWN_OPTIMIZER_NAMES, TORCH_NAMES, unmodelled } from '../ecosystems/optimizer-names';
import type { OptimizerInfo, OptimizerScope } from '../ecosystems/types';

function lookupIn(names: Record<string, OptimizerInfo>, name: string): OptimizerInfo | null {
  const lower = name.toLowerCase();
  const short = lower.split('.').pop() ?? lower;
  for (const [key, info] of Object.entries(names)) {
    const k = key.toLowerCase();
    if (key !== '*' && (k === lower || k === short)) return info;
  }
  return null;
}

/**
 * What a written optimizer name runs: the table's own names first (they carry the framework's defaults), then
 * the names every framework shares; a name nobody knows is reported as not modelled, never as AdamW.
 */
export function optimizerInfoFor(scopes: readonly OptimizerScope[], name: string): OptimizerInfo {
  // A class named with its module (`torch.optim.Adam` in a Keras script that trains a torch model) is that module's
  // class, whatever the file's framework calls `Adam`: full names are matched before last components.
  const exact = name.includes('.') ? scopes.map((s) => exactIn(s.names, name)).find((i) => i !== null) ??
    exactIn(TORCH_NAMES, name) ?? exactIn(KNOWN_OPTIMIZER_NAMES, name) : null;
  if (exact) return exact;
  for (const scope of scopes) {
    const info = lookupIn(scope.names, name);
    if (info) return info;
  }
  const shared = lookupIn(HF_OPTIM_NAMES, name) ?? lookupIn(TORCH_NAMES, name) ?? lookupIn(KNOWN_OPTIMIZER_NAMES, name);
  if (shared) {
    const { defaults: _frameworkSpecific, ...info } = shared;
    return info;
  }
  return unmodelled(name);
}

function exactIn(names: Record<string, OptimizerInfo>, name: string): OptimizerInfo | null {
  const lower = name.toLowerCase();
  const key = Object.keys(names).find((k) => k !== '*' && k.toLowerCase() === lower);
  return key === undefined ? null : names[key] ?? null;
}
