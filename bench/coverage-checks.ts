/**
 * Values the coverage bench's extraction read that no optimizer could take as written: the reads most likely to be
 * a key misread (GRPO's clip range 0.2 read as Adam's ε) or a value whose meaning the framework changes (a Noam
 * schedule's lr of 5.0 is a scale), which an unannotated set can only show by plausibility. A read with a finding at
 * its line is explained there and left out.
 */
import type { ExtractedValue, HyperparameterName } from '../core/hyperparams';
import type { Extraction } from '../server/extract';

interface Bound {
  role: HyperparameterName;
  /** Why a value is implausible, when it is. */
  test: (v: number) => string | null;
}

/** Ranges any optimizer's written value lies in; the sources of each bound are the optimizers' own checks. */
const BOUNDS: readonly Bound[] = [
  // A step size above 1 moves every weight by more than its typical scale; no recipe writes one for Adam or SGD.
  { role: 'lr', test: (v) => (v > 1 ? 'lr above 1' : null) },
  // ε is a stabiliser under √v (1e-8 … 1e-3 in practice); a larger one is a clip range, a smoothing, a budget.
  { role: 'eps', test: (v) => (v > 1e-3 ? 'ε above 1e-3' : null) },
  // Moving averages: torch.optim refuses β outside [0, 1) ("Invalid beta parameter").
  { role: 'beta1', test: (v) => (v < 0 || v >= 1 ? 'β1 outside [0, 1)' : null) },
  { role: 'beta2', test: (v) => (v < 0 || v >= 1 ? 'β2 outside [0, 1)' : null) },
  { role: 'momentum', test: (v) => (v < 0 || v >= 1 ? 'momentum outside [0, 1)' : null) },
  // λ multiplies the weights each step (× lr for decoupled decay): above 1 is no decay rate.
  { role: 'weightDecay', test: (v) => (v < 0 || v > 1 ? 'weight decay outside [0, 1]' : null) },
];

function written(v: ExtractedValue | undefined): v is ExtractedValue & { value: number; line: number } {
  return v !== undefined && v.source === 'written' && typeof v.value === 'number' && v.line !== null;
}

/** One row per implausible written value: where, which role, the value, the key, and why. */
export function implausibleReads(x: Extraction, where: string): (string | number)[][] {
  const explained = new Set(x.findings.filter((f) => f.severity !== 'hint').map((f) => f.line));
  const rows: (string | number)[][] = [];
  const seen = new Set<string>();
  for (const o of x.optimizers) {
    for (const { role, test } of BOUNDS) {
      const v = o.hyperparameters[role];
      if (!written(v) || explained.has(v.line)) continue;
      const why = test(v.value);
      const id = `${role}:${v.line}`;
      if (why === null || seen.has(id)) continue;
      seen.add(id);
      rows.push([`${where}:${v.line}`, why, v.raw ?? String(v.value), v.key ?? '']);
    }
    const micro = o.hyperparameters.microBatchSize;
    const global = o.hyperparameters.globalBatchSize;
    if (written(micro) && written(global) && micro.unit === global.unit && micro.value > global.value &&
      !seen.has(`batch:${micro.line}`)) {
      seen.add(`batch:${micro.line}`);
      rows.push([`${where}:${micro.line}`, 'per-device batch above the global batch', micro.raw ?? '',
        `${micro.key ?? ''} > ${global.key ?? ''}`]);
    }
  }
  return rows;
}
