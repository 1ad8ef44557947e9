/**
 * Functions a command-line library runs, whose parameters are the script's options: `fire.Fire(train)` turns
 * `def train(batch_size=4, learning_rate=1e-4)` into `--batch_size` and `--learning_rate`, each running with its
 * default unless given, as an argparse option does (argparse.ts). Each parameter with a written default is read as
 * that option. Sources: google/python-fire docs/guide.md (`fire.Fire(fn)`: "the function's arguments become
 * flags"; "Exposing Multiple Commands": `fire.Fire({'add': add, 'multiply': multiply})`, each command a function),
 * fastapi/typer docs (`typer.run(main)`), brentyi/tyro docs (`tyro.cli(main)`), omni-us/jsonargparse docs
 * (`CLI(fn)`), evanunderscore/defopt docs (`defopt.run(main)`); seen in lucidrains/x-transformers@9252ed7
 * train_enwik8.py (`fire.Fire(train)`) and pytorch/ignite@de08e79 examples/cifar10/main.py (`fire.Fire({"run": run})`).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import { readOption } from './idioms';
import type { Scope } from './evaluate';
import type { Parameter } from './parameters';
import { emit, type Reader } from './placement';
import type { PyValue } from './values';

/** Library → the callees (as written after `import <library>` or `from <library> import …`) that run a function. */
const RUNNERS: Readonly<Record<string, readonly string[]>> = {
  fire: ['fire.Fire', 'Fire'],
  typer: ['typer.run'],
  tyro: ['tyro.cli'],
  jsonargparse: ['jsonargparse.CLI', 'CLI', 'jsonargparse.auto_cli', 'auto_cli'],
  defopt: ['defopt.run'],
};

/** Calls walked, looking for a runner or for the names called (a hostile file must not cost more). */
const MAX_CALLS = 10_000;

/** Each call of the file in document order, the first MAX_CALLS of them. */
function forEachCall(tree: Tree, visit: (call: SyntaxNode) => void): void {
  let calls = 0;
  tree.iterate({
    enter(node) {
      if (node.name !== 'CallExpression' || ++calls > MAX_CALLS) return calls <= MAX_CALLS;
      visit(node.node);
      return true;
    },
  });
}

function imported(text: string, library: string): boolean {
  return new RegExp(`^[ \\t]*(import|from)[ \\t]+${library}\\b`, 'm').test(text);
}

/**
 * The names of the functions the file hands to a command-line runner (`fire.Fire(train)` → `train`), when the
 * runner's library is imported.
 */
export function commandLineFunctions(text: string, tree: Tree): Set<string> {
  const callees = new Set(Object.entries(RUNNERS).filter(([lib]) => imported(text, lib)).flatMap(([, c]) => c));
  const out = new Set<string>();
  if (callees.size === 0) return out;
  forEachCall(tree, (call) => {
    const callee = call.firstChild;
    const first = call.getChild('ArgList')?.firstChild?.nextSibling;
    if (!callee || !first || !callees.has(text.slice(callee.from, callee.to).replace(/\s+/g, ''))) return;
    if (first.name === 'VariableName') out.add(text.slice(first.from, first.to));
    // `fire.Fire({"run": run, "eval": evaluate})`: each command of the dict is run the same way.
    if (first.name === 'DictionaryExpression') for (const name of commandValues(text, first)) out.add(name);
  });
  return out;
}

/** The function names a dict of commands maps its keys to (`{"run": run}` → `run`); other values are skipped. */
function commandValues(text: string, dict: SyntaxNode): string[] {
  const out: string[] = [];
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    const value = child.nextSibling;
    if (child.name === ':' && value?.name === 'VariableName') out.push(text.slice(value.from, value.to));
  }
  return out;
}

/** Each parameter name of a `ParamList` with the span of its name. */
function parameterSpans(text: string, params: SyntaxNode | null): Map<string, Span> {
  const out = new Map<string, Span>();
  for (let child = params?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.name === 'VariableName') out.set(text.slice(child.from, child.to), { start: child.from, end: child.to });
  }
  return out;
}

/**
 * The parameters of a function a runner runs (`node`, its definition), each with a written default read as the
 * option `--<name>` holding it, named by the parameter.
 */
export function readParameterOptions(reader: Reader, node: SyntaxNode, declared: readonly Parameter[]): void {
  const spans = parameterSpans(reader.text, node.getChild('ParamList'));
  for (const p of declared) {
    const span = spans.get(p.name);
    if (p.default?.kind === 'scalar' && span) readOption(reader, { option: `--${p.name}`, span, default: p.default }, node.from);
  }
}

/** A class built with keywords (`TrainArgs(global_batch_size=512)`): an object holding settings. */
function isSettingsObject(v: PyValue | null): boolean {
  return v?.kind === 'call' && v.kwargs.length > 0 && /^[A-Z]/.test(v.callee.split('.').pop() ?? '');
}

/** The names the file calls as plain functions (`setup(...)`, not `obj.setup(...)`), in one pass over the tree. */
export function calledNames(text: string, tree: Tree): Set<string> {
  const out = new Set<string>();
  forEachCall(tree, (call) => {
    const callee = call.firstChild;
    if (callee?.name === 'VariableName') out.add(text.slice(callee.from, callee.to));
  });
  return out;
}

/**
 * An entry point's defaults: a module function whose parameters default to objects of settings built with keywords,
 * which nothing in the file calls, is run from outside with its defaults, as a command-line library runs it (litgpt's
 * `def setup(..., train: TrainArgs = TrainArgs(global_batch_size=512, micro_batch_size=4), eval: EvalArgs =
 * EvalArgs(interval=1000), optimizer: str | dict = "AdamW")`, run by jsonargparse's `CLI(setup)` from the package's
 * `__main__.py`: Lightning-AI/litgpt@2685705 litgpt/pretrain.py, litgpt/__main__.py). Each such object is read under
 * its parameter's name (`train.micro_batch_size`, `eval.interval`), and each written scalar default under its name
 * (`optimizer`), as the YAML jsonargparse reads for the function spells it. A function a runner runs (`commandLine`,
 * whose scalars readParameterOptions reads as options) has its objects read the same way.
 */
export function readEntryDefaults(reader: Reader, scope: Scope, node: SyntaxNode, name: string,
  declared: readonly Parameter[]): void {
  const objects = declared.filter((p) => isSettingsObject(p.default));
  const runner = reader.commandLine?.has(name) === true;
  if (objects.length === 0 && !runner) return;
  if (!runner && reader.called?.().has(name) !== false) return;
  const spans = parameterSpans(reader.text, node.getChild('ParamList'));
  for (const p of declared) {
    const read = isSettingsObject(p.default) || (!runner && p.default?.kind === 'scalar');
    if (read && p.default) emit(reader, { scope }, node.from, p.default, [p.name], spans.get(p.name) ?? null,
      { callsOnly: false, supersedes: false });
  }
}
