/**
 * argparse, the standard library's command-line parser, as plain training scripts use it:
 *
 *     parser = argparse.ArgumentParser()
 *     parser.add_argument('--lr', type=float, default=3e-4)
 *     args = parser.parse_args()
 *     optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
 *
 * A parser is a call value carrying the arguments added to it (`parser`); `parse_args()` returns a namespace
 * whose attributes are their defaults, by argparse's own rules for `dest` and for `store_true` flags. So
 * `args.lr` is the `default=3e-4` literal, which is what the script uses when the flag is not given.
 */
import type { Span } from '../../../core/hyperparams';
import { dataclassParserMethod } from './dataclasses';
import type { ParserOption } from './placement';
import { UNKNOWN, fieldOf, type Field, type PyValue } from './values';

type Call = Extract<PyValue, { kind: 'call' }>;

export function isArgumentParser(callee: string): boolean {
  return /(^|\.)ArgumentParser$/.test(callee);
}

function isParser(value: PyValue): value is Call & { parser: Field[] } {
  return value.kind === 'call' && value.parser !== undefined;
}

/**
 * `argparse.ArgumentParser(...)`: a parser holding no argument yet, or the arguments of its `parents=[...]`
 * (argparse copies each parent's actions into the new parser: facebookresearch/dino@7c446df main_dino.py
 * `ArgumentParser('DINO', parents=[get_args_parser()])`).
 */
export function newParser(call: Call): Call & { parser: Field[] } {
  const parents = fieldOf(call.kwargs, 'parents');
  const inherited = parents?.kind === 'seq' ? parents.items.flatMap((p) => (isParser(p) ? p.parser : [])) : [];
  return { ...call, parser: [...inherited] };
}

/**
 * `group = parser.add_argument_group(...)`, `parser.parse_args()`, `parser.parse_known_args()`: the value
 * argparse returns, or null when `target` is not a parser or the method is not one of these.
 */
export function parserMethod(target: PyValue, method: string, call: Call): PyValue | null {
  if (!isParser(target)) return dataclassParserMethod(target, method, call);
  if (method === 'add_argument_group' || method === 'add_mutually_exclusive_group') return { ...call, parser: target.parser };
  if (method === 'parse_args' || method === 'parse_known_args') {
    // The namespace reads the parser's arguments as they are when an attribute is looked up.
    const namespace: PyValue = { ...call, callee: 'argparse.Namespace', classFields: target.parser };
    return method === 'parse_args' ? namespace : { kind: 'seq', items: [namespace, UNKNOWN] };
  }
  return null;
}

export interface Argument {
  /** The long option (`--lr`), or the first option string. */
  flag: string;
  flagSpan: Span;
  /** The namespace attribute argparse stores it in. */
  dest: string;
  default: PyValue;
}

/** `dest` as argparse derives it: the first long option without dashes, inner dashes as underscores. */
function destOf(options: string[]): string | null {
  const long = options.find((o) => o.startsWith('--')) ?? options[0];
  if (!long) return null;
  return long.replace(/^-+/, '').replace(/-/g, '_');
}

/**
 * Registers `parser.add_argument(...)` on the parser `target`; returns the argument, or null when
 * `target` is not a parser or the call names no option.
 */
export function addArgument(target: PyValue, args: PyValue[], kwargs: Field[]): Argument | null {
  if (!isParser(target)) return null;
  const options: { text: string; span: Span }[] = [];
  for (const a of args) if (a.kind === 'scalar' && typeof a.value === 'string') options.push({ text: a.value, span: a.span });
  const first = options.find((o) => o.text.startsWith('--')) ?? options[0];
  const explicit = fieldOf(kwargs, 'dest');
  const dest = explicit?.kind === 'scalar' && typeof explicit.value === 'string' ? explicit.value : destOf(options.map((o) => o.text));
  if (dest === null || !first) return null;
  const action = fieldOf(kwargs, 'action');
  let value = fieldOf(kwargs, 'default');
  if (!value && action?.kind === 'scalar' && (action.value === 'store_true' || action.value === 'store_false')) {
    // A switch's implied default is written by its action.
    value = { kind: 'scalar', value: action.value === 'store_false', raw: action.raw, span: action.span, quoted: false };
  }
  target.parser.push({ key: dest, keySpan: first.span, value: value ?? UNKNOWN });
  return { flag: first.text, flagSpan: first.span, dest, default: value ?? UNKNOWN };
}

/**
 * `parser.set_defaults(lr=1e-3)`: the new defaults replace those the arguments were added with (argparse: a
 * parser-level default wins over an argument's own), and name an attribute of the namespace even without an
 * argument. Returns each default with the option it replaces (null when no argument has that `dest`), or null when
 * `target` is not a parser.
 */
export function setDefaults(target: PyValue, kwargs: Field[]): { field: Field; replaces: Field | null }[] | null {
  if (!isParser(target)) return null;
  return kwargs.map((field) => {
    const replaced = [...target.parser].reverse().find((f) => f.key === field.key) ?? null;
    target.parser.push({ key: field.key, keySpan: replaced?.keySpan ?? field.keySpan, value: field.value });
    return { field, replaces: replaced };
  });
}

/**
 * A name a body adds options to or sets defaults on (`parser.add_argument(`, `.add_argument_group(`, `.set_defaults(`):
 * one pattern for every helper, its names checked against the helper's parameters.
 */
const ADDS_TO = /(?<![\w.])([\p{L}_][\p{L}\p{N}_]*)\s*\.\s*(?:add_argument(?:_group)?|set_defaults)\s*\(/gu;

/** Per file read (its reader): the one parser its option helpers add to (bindPassedParser). */
const passedParsers = new WeakMap<object, PyValue>();

/**
 * The parser an option helper adds to when the file passes it none: a utility module's `def
 * add_optimizer_arguments(parser): parser.add_argument("--learning_rate", default=2.0e-6)`, called by a launcher
 * elsewhere, declares the options and defaults a run gets unless the launcher overrides them; so does a helper that
 * overrides a framework's defaults for one environment (`def atari_override_defaults(env, parser):
 * parser.set_defaults(batch_size=256, learning_rate=2.5e-4)`). A parameter the read leaves unknown and the body adds
 * options to or sets defaults on (`.add_argument(`, `.add_argument_group(`, `.set_defaults(`) is bound to one parser
 * per file: every such helper adds to the launcher's parser, so they are one program's options (not another
 * program's, `otherProgramOptions`). A parser the file builds and passes in is read as it is.
 */
export function bindPassedParser(file: object, names: Map<string, PyValue>, params: readonly string[], body: string,
  at: Span): void {
  const unknown = new Set(params.filter((p) => names.get(p)?.kind === 'unknown'));
  if (unknown.size === 0 || !/add_argument|set_defaults/.test(body)) return;
  for (const m of body.matchAll(ADDS_TO)) {
    const name = m[1];
    if (name === undefined || !unknown.has(name) || names.get(name)?.kind !== 'unknown') continue;
    let parser = passedParsers.get(file);
    if (!parser) {
      parser = newParser({ kind: 'call', callee: 'argparse.ArgumentParser', calleeSpan: at,
        calleeRaw: 'argparse.ArgumentParser', args: [], kwargs: [] });
      passedParsers.set(file, parser);
    }
    names.set(name, parser);
  }
}

/** An option for the optimizer: its learning rate (`--lr`, `--learning-rate`) or its name (`--optimizer`). */
const OPTIMIZER_OPTION = /^(lr|learning_rate|optim|optimizer|optimizer_name|optimizer_type)$/;

/**
 * The entries of options that belong to another program: in a module that builds several parsers (MACE's training
 * parser and its data-preprocessing one, ACEsuit/mace@667eee4 mace/tools/arg_parser.py build_default_arg_parser and
 * build_preprocess_arg_parser), a parser with no option for the optimizer's learning rate or name, beside one that
 * has them, configures no training run: its `--batch_size` is a preprocessing batch, not the run's.
 */
export function otherProgramOptions(options: readonly ParserOption[]): number[] {
  const training = new Set<readonly Field[]>();
  const parsers = new Set<readonly Field[]>();
  for (const o of options) {
    parsers.add(o.parser);
    if (OPTIMIZER_OPTION.test(o.dest.toLowerCase())) training.add(o.parser);
  }
  if (training.size === 0 || training.size === parsers.size) return [];
  return options.filter((o) => !training.has(o.parser)).flatMap((o) => o.entries);
}
