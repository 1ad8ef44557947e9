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
const NUM = String.raw`[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMBER = new RegExp(`^${NUM}$`);
/** Numbers multiplied or divided (`3e-4*8`, `(6e-4/4)`), spaces removed. */
const ARITHMETIC = new RegExp(`^\\(*${NUM}(?:[*/]\\(*${NUM}\\)*)+$`);
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

/**
 * A string that holds a number inside a form some framework parses itself: a schedule string OptLens does not take
 * apart (`warmup_lin_1e-3`), a search space (`loguniform(1e-5, 1e-3)`), an expression (`3e-4 * 8`, `lambda f: f *
 * 3e-4`). It is still no number OptLens can predict from, but whether the run fails depends on the framework.
 */
function frameworkParsedForm(text: string): boolean {
  if (!/\d/.test(text)) return false;
  return /[A-Za-z]{2,}/.test(text) || ARITHMETIC.test(text.replace(/\s+/g, ''));
}

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
      const raw = v.raw ?? String(v.value);
      const parsed = typeof v.value === 'string' && frameworkParsedForm(v.value.trim());
      out.push({
        code: INVALID_VALUE,
        severity: parsed ? 'warning' : 'error',
        message: parsed
          ? `\`${raw}\` is not a plain number, so OptLens cannot read the ${role} from it: a framework that parses ` +
            'this form itself (a schedule string, a search space, an expression) reads it, any other fails or ' +
            'misreads it. OptLens predicts nothing for this optimizer rather than assume a default.'
          : `\`${raw}\` is not a valid ${role}: ${reason}. The framework will fail or misread it; ` +
            'OptLens predicts nothing for this optimizer rather than assume a default.',
        line: lines.lineAt(v.span.start),
        span: { ...v.span },
        optimizerIndex,
      });
    }
  });
  return out;
}
