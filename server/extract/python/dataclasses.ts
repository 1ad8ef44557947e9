/**
 * Dataclass configs, as Hugging Face scripts write them:
 *
 *     @dataclass
 *     class ScriptArguments:
 *         learning_rate: float = field(default=5e-5, metadata={"help": "..."})
 *
 *     parser = HfArgumentParser((ModelArguments, ScriptArguments))
 *     model_args, script_args = parser.parse_args_into_dataclasses()
 *     TrainingArguments(learning_rate=script_args.learning_rate)
 *
 * A field's value is its default (`field(default=...)`, pydantic's `Field(...)`), and a dataclass parser
 * returns one instance per class it was given, each reading its fields' defaults: what the script uses when
 * no flag is given, as for argparse (argparse.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { UNKNOWN, fieldOf, type PyValue } from './values';

type Call = Extract<PyValue, { kind: 'call' }>;

/** Field specifiers by qualified callee: the keyword holding the default and, if it may be positional, its index. */
const FIELD_SPECIFIERS: ReadonlyMap<string, { keyword: string; position?: number }> = new Map([
  ['dataclasses.field', { keyword: 'default' }],
  // Written without its import (a snippet), `field(default=...)` is still the dataclass one.
  ['field', { keyword: 'default' }],
  ['pydantic.Field', { keyword: 'default', position: 0 }],
  ['attrs.field', { keyword: 'default' }],
  ['attr.ib', { keyword: 'default' }],
]);

/** Parsers of dataclasses and the methods that return one instance per dataclass (transformers, TRL). */
const DATACLASS_PARSERS = /(^|\.)(HfArgumentParser|TrlParser)$/;
const PARSE_METHODS = new Set(['parse_args_into_dataclasses', 'parse_args_and_config']);

/**
 * A class field's value: the default of a field specifier, or the value itself. A nested config
 * (`optim: OptimConfig = field(default_factory=OptimConfig)`) is an instance of that class, reading its fields;
 * a factory written as a lambda without parameters (`field(default_factory=lambda: OptimizerSection(lr=3e-4))`,
 * fairseq2's recipe configs) is what its body builds, the one value dataclasses calls it for (`evaluate` reads it).
 */
export function fieldDefault(value: PyValue, evaluate: (node: SyntaxNode) => PyValue): PyValue {
  if (value.kind !== 'call') return value;
  const specifier = FIELD_SPECIFIERS.get(value.callee);
  if (!specifier) return value;
  const positional = specifier.position === undefined ? undefined : value.args[specifier.position];
  const factory = fieldOf(value.kwargs, FACTORY[specifier.keyword] ?? 'default_factory');
  // Its fields, as a dict of them: the class's own entries stay where the class writes them, never a call of its own.
  if (factory?.kind === 'class') return { kind: 'map', fields: factory.fields, callee: factory.name };
  const built = factory?.kind === 'unknown' ? lambdaBody(factory.node) : null;
  if (built) return evaluate(built);
  return fieldOf(value.kwargs, specifier.keyword) ?? positional ?? UNKNOWN;
}

/** The expression a lambda without parameters returns (`lambda: Cfg(...)`), or null for anything else. */
function lambdaBody(node: SyntaxNode | undefined): SyntaxNode | null {
  if (node?.name !== 'LambdaExpression' || node.getChild('ParamList')?.firstChild) return null;
  return node.lastChild?.name === ':' ? null : node.lastChild;
}

/** The keyword of a specifier that builds the default by calling a class (dataclasses, pydantic, attrs: `factory`). */
const FACTORY: Readonly<Record<string, string>> = { default: 'default_factory' };

/**
 * `parser.parse_args_into_dataclasses()` on `HfArgumentParser((A, B))`: a tuple of an `A` and a `B` reading
 * their fields; null when `target` is not a dataclass parser or `method` not one of its parse methods.
 */
export function dataclassParserMethod(target: PyValue, method: string, call: Call): PyValue | null {
  if (target.kind !== 'call' || !DATACLASS_PARSERS.test(target.callee) || !PARSE_METHODS.has(method)) return null;
  const [types] = target.args;
  const classes = types?.kind === 'seq' ? types.items : types ? [types] : [];
  const items = classes.map((c): PyValue =>
    c.kind === 'class' ? { ...call, callee: c.name, args: [], kwargs: [], classFields: c.fields } : UNKNOWN);
  return { kind: 'seq', items };
}
