/**
 * Values the file leaves to the run: a call or undefined name in Python, a shell variable only the run sets, an
 * interpolation or template a loader fills in (`${oc.env:LR}`, `{{ lr }}`), a word the launcher replaces
 * (DeepSpeed's `auto`, OmegaConf's `???`). The file is fine; OptLens just cannot know the value. So it is no
 * `invalid-value` error and no default stands in for it: a hint at its line says so, and the predictions that
 * need it are unknown (server/runtime-predictions.ts).
 */
import {
  HYPERPARAMETER_NAMES, type ExtractedOptimizer, type Finding, type HyperparameterName, type RuntimeValue, type Span,
} from '../../core/hyperparams';
import { plainPhrase } from '../../core/provenance-words';
import { runtimePhrase } from '../../core/runtime-value';
import type { ConfigEntry } from './entries';
import type { LineIndex } from './lines';

export const RUNTIME_VALUE = 'value-set-at-run-time';

/** Text a loader replaces before the framework reads it: `${...}` (OmegaConf, Hydra, shell), `$VAR`. */
const INTERPOLATION = /\$\{[^}]*\}|^\$[A-Za-z_]\w*$/;
/** A template engine's markers (Jinja, Go templates, Ansible). */
const TEMPLATE = /\{\{[^}]*\}\}|\{%[^%]*%\}/;
/**
 * Words that stand for "filled in when the run starts": DeepSpeed's `auto` (set from the Trainer's arguments:
 * deepspeedai/DeepSpeed@v0.16.0 docs/_pages/config-json.md, "auto"), OmegaConf's mandatory `???`
 * (omry/omegaconf@v2.3.0 omegaconf/_utils.py: MISSING="???").
 */
const PLACEHOLDER = /^(auto|\?\?\?)$/i;

/** How the run sets `entry`'s value, or null when the file writes the value itself. */
export function runtimeOf(entry: ConfigEntry): RuntimeValue | null {
  if (entry.runtime) return entry.runtime;
  if (typeof entry.value !== 'string') return null;
  const text = entry.value.trim();
  if (PLACEHOLDER.test(text)) return { kind: 'placeholder', expression: text };
  if (TEMPLATE.test(text)) return { kind: 'template', expression: text };
  if (INTERPOLATION.test(text)) return { kind: 'interpolation', expression: text };
  return null;
}

/**
 * One hint per value the run sets, at its literal, naming every role it gives (`betas=get_betas()`: β1 and β2); a
 * value shared by two optimizers is told once.
 */
export function runtimeValueFindings(optimizers: readonly ExtractedOptimizer[], lines: LineIndex): Finding[] {
  const bySpan = new Map<string, { names: HyperparameterName[]; runtime: RuntimeValue; span: Span; index: number }>();
  optimizers.forEach((o, optimizerIndex) => {
    for (const name of HYPERPARAMETER_NAMES) {
      const v = o.hyperparameters[name];
      if (!v?.runtime || !v.span) continue;
      const id = `${v.span.start}:${v.span.end}`;
      const told = bySpan.get(id);
      if (!told) bySpan.set(id, { names: [name], runtime: v.runtime, span: v.span, index: optimizerIndex });
      else if (!told.names.includes(name)) told.names.push(name);
    }
  });
  return [...bySpan.values()].map(({ names, runtime, span, index }) => ({
    code: RUNTIME_VALUE,
    severity: 'hint',
    message: plainPhrase(runtimePhrase(names, runtime)),
    line: lines.lineAt(span.start),
    span: { ...span },
    optimizerIndex: index,
  }));
}
