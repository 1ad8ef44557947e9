/**
 * A value the file leaves to the run (`RuntimeValue`), in the words every surface uses: the CLI's table and JSON,
 * the hover, the report and the finding at its line all say it from `ExtractedValue.runtime`, so they never differ.
 */
import type { ExtractedValue, HyperparameterName, RuntimeValue } from './hyperparams';
import { HYPERPARAMETER_LABELS, type Phrase } from './provenance-words';

/** What a surface shows in place of a value only the run knows. */
export const UNKNOWN_AT_RUN_TIME = 'unknown (computed at run time)';

/** How the run sets the value, after "The learning rate η is …". */
const HOW: Record<RuntimeValue['kind'], string> = {
  call: 'computed when the script runs',
  name: 'set when the script runs, from a name this file does not define',
  // `lr=args.lr` in a function whose caller passes `args`, `cfg.optim.wd` on a config loaded from another file, a
  // name set differently in each branch of an `if`.
  expression: 'set when the script runs, from a value this file does not pin down',
  environment: 'set when the script runs, from the environment or a command',
  interpolation: 'filled in when the config is loaded',
  template: 'filled in from a template before the config is read',
  placeholder: 'filled in by the launcher when the run starts',
};

/** The value as a surface shows it: `unknown (computed at run time)` for a value only the run knows. */
export function shownValue(value: ExtractedValue, format: (v: ExtractedValue['value']) => string): string {
  return value.runtime ? UNKNOWN_AT_RUN_TIME : format(value.value);
}

/**
 * "The learning rate η is computed when the script runs (`get_lr()`); OptLens cannot read it, so predictions that
 * need it are not shown."
 */
export function runtimePhrase(names: readonly HyperparameterName[], runtime: RuntimeValue): Phrase {
  const labels = names.map((name) => HYPERPARAMETER_LABELS[name]).join(' and ');
  const [verb, pronoun] = names.length > 1 ? ['are', 'them'] : ['is', 'it'];
  return [
    { text: `The ${labels} ${verb} ${HOW[runtime.kind]} (` }, { code: runtime.expression },
    { text: `); OptLens cannot read ${pronoun}, so predictions that need ${pronoun} are not shown.` },
  ];
}
