/**
 * Command-line flags declared in code other than argparse (argparse.ts), read as argparse options are: an entry
 * under the option (`['--learning_rate']`, holding its default, with its help text), and the default wherever the
 * code reads the flag, since that is what the script runs with when the flag is not given.
 *
 * - absl (JAX, TensorFlow and Google research code):
 *
 *       flags.DEFINE_float("learning_rate", 1e-3, "Learning rate.")       # absl/flags/_defines.py: name, default, help
 *       LR = flags.DEFINE_float("lr", 1e-3, "...")                         # a FlagHolder: LR.value
 *       FLAGS = flags.FLAGS;  optax.adamw(FLAGS.learning_rate)             # read through the FLAGS object
 *
 * - click (click/decorators.py `option(*param_decls, **attrs)`; the parameter is the longest `--name` with dashes as
 *   underscores, or a bare identifier among the declarations):
 *
 *       @click.option("--lr", default=1e-4, type=float)
 *       def main(lr): ...                                                  # lr holds 1e-4
 */
import type { Span } from '../../../core/hyperparams';
import type { Scope } from './evaluate';
import { UNKNOWN, fieldOf, type Field, type PyValue } from './values';

type Call = Extract<PyValue, { kind: 'call' }>;

/** absl's flag definers, by any import path (`absl.flags`, `tensorflow.compat.v1.flags`, `tf.app.flags`). */
const ABSL_DEFINE = /(^|\.)flags\.DEFINE_(float|integer|string|bool|boolean|enum|enum_class|list|multi_\w+)$/;
/** Positions of name, default and help: DEFINE_enum(name, default, enum_values, help) puts help fourth. */
function helpPosition(callee: string): number {
  return /DEFINE_enum(_class)?$/.test(callee) ? 3 : 2;
}
/** The object absl's flags are read through (`flags.FLAGS`, `FLAGS = flags.FLAGS`). */
const ABSL_FLAGS = /(^|\.)flags\.FLAGS$/;
/** click's option decorator, and typer's parameter default (`lr: float = typer.Option(1e-3)`). */
const CLICK_OPTION = /(^|\.)option$/;
const CLICK = /^(click|typer)\./;

export interface Flag {
  /** The option as given on the command line (`--learning_rate`). */
  option: string;
  /** Where the flag's name is written. */
  span: Span;
  default: PyValue;
  help?: string;
}

/** Flags defined so far in a module, keyed by its top scope (absl's FLAGS is one registry per program). */
const registries = new WeakMap<Scope, Field[]>();

function topScope(scope: Scope): Scope {
  let top = scope;
  while (top.parent) top = top.parent;
  return top;
}
/** The flag each FlagHolder defines, so the statement defining it emits the option, not the call. */
const holders = new WeakMap<PyValue, Flag>();

/** The flag `value` defines when it is what a `flags.DEFINE_*` call returned. */
export function definedFlag(value: PyValue): Flag | undefined {
  return holders.get(value);
}

function asString(value: PyValue | undefined): { text: string; span: Span } | null {
  return value?.kind === 'scalar' && typeof value.value === 'string' ? { text: value.value, span: value.span } : null;
}

export function isFlagDefinition(callee: string): boolean {
  return ABSL_DEFINE.test(callee);
}

/**
 * `flags.DEFINE_float("lr", 1e-3, "help")`: registers the flag in the program's flags (the module's scope) and returns
 * the FlagHolder, whose `.value` is the default; null when the call names no flag.
 */
export function defineFlag(scope: Scope, call: Call): Call | null {
  const name = asString(fieldOf(call.kwargs, 'name') ?? call.args[0]);
  if (!name) return null;
  const value = fieldOf(call.kwargs, 'default') ?? call.args[1] ?? UNKNOWN;
  const help = asString(fieldOf(call.kwargs, 'help') ?? call.args[helpPosition(call.callee)]);
  const registry = topScope(scope);
  const fields = registries.get(registry) ?? [];
  fields.push({ key: name.text, keySpan: name.span, value });
  registries.set(registry, fields);
  const flag: Flag = { option: `--${name.text}`, span: name.span, default: value };
  if (help) flag.help = help.text;
  const holder: Call = { ...call, classFields: [{ key: 'value', keySpan: name.span, value }] };
  holders.set(holder, flag);
  return holder;
}

/**
 * `FLAGS.learning_rate`: the flag's default; unknown for a flag defined elsewhere (its value is the run's); null when
 * `target` is not absl's FLAGS.
 */
export function flagAttribute(scope: Scope, target: PyValue, name: string): PyValue | null {
  if (target.kind !== 'symbol' || !ABSL_FLAGS.test(target.qualified)) return null;
  const fields = registries.get(topScope(scope));
  return (fields && fieldOf(fields, name)) ?? UNKNOWN;
}

/**
 * The parameter a click option fills, and its default: `@click.option("--batch-size", "-b", default=32)` fills
 * `batch_size`; null for any other decorator.
 */
export function clickOption(call: PyValue): (Flag & { parameter: string }) | null {
  if (call.kind !== 'call' || !CLICK.test(call.callee) || !CLICK_OPTION.test(call.callee)) return null;
  const declarations = call.args.map(asString).filter((d): d is { text: string; span: Span } => d !== null);
  // `--shout/--no-shout` declares a switch pair: the first half is the option.
  const options = declarations.map((d) => ({ ...d, text: d.text.split('/')[0] ?? d.text }));
  const identifier = options.find((d) => /^[A-Za-z_]\w*$/.test(d.text));
  // click names the parameter after the first declaration with the longest prefix (`--` before `-`), lower-cased.
  const first = options.find((d) => d.text.startsWith('--')) ?? options.find((d) => d.text.startsWith('-'));
  if (!first) return null;
  const parameter = identifier?.text ?? first.text.replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
  const value = fieldOf(call.kwargs, 'default') ?? UNKNOWN;
  const out: Flag & { parameter: string } = { option: first.text, span: first.span, default: value, parameter };
  const help = asString(fieldOf(call.kwargs, 'help'));
  if (help) out.help = help.text;
  return out;
}
