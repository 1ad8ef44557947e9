/**
 * A written value that is not a valid literal for its role (`0..97`, `abc`, `1e-8e`, `1e309`, `nan`) is an
 * error at its line, and its optimizer gets no prediction: a default must never stand in for a value the
 * author wrote (analyze.ts skips the prediction of an optimizer with this finding).
 */
import { HYPERPARAMETER_NAMES, type ExtractedOptimizer, type Finding } from '../../core/hyperparams';
import type { LineIndex } from './lines';

export const INVALID_VALUE = 'invalid-value';

/** Words frameworks accept in place of a number: filled in at run time, or "use the default". */
const PLACEHOLDER = /^(auto|none|null|default|unset|\?\?\?|missing|)$/i;
/** Text that is filled in before the framework reads it: `${...}` interpolations, `$VAR`, `{{ jinja }}`, `%(x)s`. */
const TEMPLATE = /[${}%<>]|^[A-Z][A-Z0-9_]+$/;
const NUMBER = /^[+-]?(\d[\d_]*(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ROLE_WORDS: Record<string, string> = {
  lr: 'learning rate',
  beta1: 'β1',
  beta2: 'β2',
  eps: 'ε',
  weightDecay: 'weight decay',
  momentum: 'momentum',
  microBatchSize: 'micro batch size',
  gradAccum: 'gradient accumulation',
  globalBatchSize: 'global batch size',
  seqLen: 'sequence length',
  steps: 'step count',
  warmupSteps: 'warmup steps',
};

/** Why a value cannot be the number its role needs, or null when it can (or is filled in later). */
export function invalidReason(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'it is not a finite number';
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (PLACEHOLDER.test(text) || TEMPLATE.test(text)) return null;
  if (NUMBER.test(text)) return null;
  if (/^[+-]?(inf|infinity|nan)$/i.test(text)) return 'it is not a finite number';
  return 'it is not a number';
}

export function invalidValueFindings(optimizers: readonly ExtractedOptimizer[], lines: LineIndex): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  optimizers.forEach((o, optimizerIndex) => {
    for (const name of HYPERPARAMETER_NAMES) {
      const v = o.hyperparameters[name];
      // A value the run sets (`get_lr()`, `${oc.env:LR}`) is not a bad literal: runtime-values.ts tells it.
      if (name === 'schedule' || !v || v.source !== 'written' || v.unit === 'duration' || v.runtime) continue;
      const reason = invalidReason(v.value);
      if (!reason || !v.span) continue;
      const id = `${v.span.start}:${v.span.end}:${optimizerIndex}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const role = ROLE_WORDS[name] ?? name;
      out.push({
        code: INVALID_VALUE,
        severity: 'error',
        message:
          `\`${v.raw ?? String(v.value)}\` is not a valid ${role}: ${reason}. The framework will fail or misread it; ` +
          'OptLens predicts nothing for this optimizer rather than assume a default.',
        line: lines.lineAt(v.span.start),
        span: { ...v.span },
        optimizerIndex,
      });
    }
  });
  return out;
}
