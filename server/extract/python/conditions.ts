/**
 * Which arm of an `if`/`elif`/`else` chain runs, when the file itself decides it:
 *
 *     parser.add_argument("--optim", default="adamw")
 *     if args.optim == "sgd":   optimizer = SGD(...)
 *     elif args.optim == "adamw": optimizer = AdamW(...)      # the arm the default selects
 *
 * A test is decided when every value it compares is one the reader knows (a literal, a constant, an option's
 * default, an argument of the call being read): `==`, `!=`, `in`, `not in`, `is None`, `not`, `and`, `or` and a value's
 * truth, as Python evaluates them. Any test left to the run (`if torch.cuda.is_available():`, an argument the
 * caller does not give) leaves the chain undecided, and every arm is read as before.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import type { Branch } from '../entries';
import { evaluate, type EvalContext } from './evaluate';
import type { PyValue, Scalar } from './values';
import { returnsValue } from './branches';
import { isConfigFunctionName } from '../roles/context';

type Decided = boolean | null;

function scalar(value: PyValue): Scalar | null {
  return value.kind === 'scalar' ? value : null;
}

function operands(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const first = child.name.charCodeAt(0);
    if (first >= 65 && first <= 90 && !/^(CompareOp|ArithOp|Comment)$/.test(child.name)) out.push(child);
  }
  return out;
}

/** Python's `==` on scalars: numbers by value (True == 1), strings by text, None only with None. */
function equal(a: Scalar, b: Scalar): boolean {
  const num = (v: Scalar['value']): number | null => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null);
  const [x, y] = [num(a.value), num(b.value)];
  if (x !== null && y !== null) return x === y;
  return a.value === b.value;
}

function truth(value: PyValue): Decided {
  if (value.kind === 'seq') return value.items.length > 0;
  // An object loaded from elsewhere is true; a dict is true when it has keys.
  if (value.kind === 'map') return value.of !== undefined || value.fields.length > 0;
  const s = scalar(value);
  return s ? Boolean(s.value) && s.value !== 0 : null;
}

function compare(ctx: EvalContext, node: SyntaxNode): Decided {
  const [leftNode, rightNode] = operands(node);
  if (!leftNode || !rightNode) return null;
  const words = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (/^(CompareOp|in|not|is)$/.test(child.name)) words.push(ctx.text.slice(child.from, child.to));
  }
  const op = words.join(' ');
  const left = evaluate(ctx, leftNode);
  const right = evaluate(ctx, rightNode);
  const [a, b] = [scalar(left), scalar(right)];
  if (op === 'in' || op === 'not in') {
    if (!a || right.kind !== 'seq') return null;
    const items = right.items.map(scalar);
    if (items.some((i) => i === null)) return null;
    const found = items.some((i) => i !== null && equal(a, i));
    return op === 'in' ? found : !found;
  }
  if (!a || !b) return null;
  switch (op) {
    case '==':
    case 'is':
      return equal(a, b);
    case '!=':
    case 'is not':
      return !equal(a, b);
    default:
      return null;
  }
}

/**
 * A switch that turns training on (`--train`, `--do_train`: ml-explore/mlx-examples lora.py `if args.train:`,
 * transformers' examples `if training_args.do_train:`) defaults to off because the same script also evaluates or
 * generates; a training run passes it, so a test on it is the run's to decide, never false by its default.
 */
const TRAINING_SWITCH = /(^|\.)(do_)?train(ing)?$/;

/** Whether `test` holds, or null when the run decides it. */
export function decide(ctx: EvalContext, test: SyntaxNode, depth = 0): Decided {
  if (depth > 32) return null;
  if ((test.name === 'VariableName' || test.name === 'MemberExpression') &&
    TRAINING_SWITCH.test(ctx.text.slice(test.from, test.to).replace(/\s+/g, ''))) return null;
  if (test.name === 'ParenthesizedExpression') {
    const [inner] = operands(test);
    return inner ? decide(ctx, inner, depth + 1) : null;
  }
  if (test.name === 'UnaryExpression' && test.firstChild?.name === 'not') {
    const [inner] = operands(test);
    const v = inner ? decide(ctx, inner, depth + 1) : null;
    return v === null ? null : !v;
  }
  if (test.name === 'BinaryExpression') {
    const logic = test.getChild('and') ?? test.getChild('or');
    if (logic) {
      const [l, r] = operands(test);
      const a = l ? decide(ctx, l, depth + 1) : null;
      const b = r ? decide(ctx, r, depth + 1) : null;
      if (logic.name === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
      return a === true || b === true ? true : a === null || b === null ? null : false;
    }
    if (test.getChild('CompareOp') || test.getChild('in') || test.getChild('is')) return compare(ctx, test);
  }
  return truth(evaluate(ctx, test));
}

/**
 * The index, among an `if` statement's bodies, of the one that runs: -1 when no arm runs (every test false and no
 * `else`), null when the run decides.
 */
export function armThatRuns(ctx: EvalContext, node: SyntaxNode): number | null {
  if (node.name !== 'IfStatement') return null;
  let index = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'else') return index;
    if (child.name !== 'if' && child.name !== 'elif') continue;
    const test = child.nextSibling;
    if (!test) return null;
    const holds = decide(ctx, test);
    if (holds === null) return null;
    if (holds) return index;
    index++;
  }
  return -1;
}

interface Arm {
  body: SyntaxNode;
  conditional: boolean;
  /**
   * An `except` handler: it runs only when the `try` body fails, as its fallback (`try: parser =
   * configargparse.ArgumentParser()` / `except ImportError: parser = argparse.ArgumentParser()`), so what it assigns
   * never replaces what the body assigned.
   */
  fallback?: true;
}

/** Bodies of a compound statement, and whether each runs only on some condition. */
/**
 * `for _ in range(num_trials):` repeats the code inside, its variable unused (`_`): the body is the script's own code,
 * run once per repetition, as a `with` block's is (KellerJordan/modded-nanogpt's optimization-track records wrap the
 * whole run so: `train_steps = 3300` and the optimizers sit inside it).
 */
function repeats(node: SyntaxNode, text: string): boolean {
  if (node.name !== 'ForStatement') return false;
  const target = node.getChild('for')?.nextSibling;
  return target?.name === 'VariableName' && text.slice(target.from, target.to) === '_';
}

const CLAUSES: ReadonlySet<string> = new Set(['try', 'except', 'else', 'finally']);
/** The keyword that opens a body's clause in a `try` statement (`except ImportError as e:` is an `except`). */
function clauseOf(body: SyntaxNode): string | null {
  for (let n = body.prevSibling; n; n = n.prevSibling) if (CLAUSES.has(n.name)) return n.name;
  return null;
}

function allBodies(node: SyntaxNode, text: string): Arm[] {
  const unconditional = node.name === 'WithStatement' || node.name === 'TryStatement' || repeats(node, text);
  const out: Arm[] = [];
  for (const body of node.getChildren('Body')) {
    const arm: Arm = { body, conditional: !(unconditional && out.length === 0) };
    if (node.name === 'TryStatement' && clauseOf(body) === 'except') arm.fallback = true;
    out.push(arm);
  }
  for (const clause of node.getChild('MatchBody')?.getChildren('MatchClause') ?? []) {
    const body = clause.getChild('Body');
    if (body) out.push({ body, conditional: true });
  }
  return out;
}

/**
 * Bodies of a compound statement that may run, and whether each runs only on some condition: of an `if` chain the
 * file decides (when `decided` is allowed), only the arm that runs.
 */
export function bodiesOf(ctx: EvalContext, node: SyntaxNode, decided: boolean): Arm[] {
  const runs = decided ? armThatRuns(ctx, node) : null;
  return allBodies(node, ctx.text).filter((_, i) => runs === null || i === runs);
}

/** A construct's text in a message: long ones cut (the line number says where the rest is). */
const MAX_CONSTRUCT = 60;

/**
 * Whether `test` is one a config function leaves to its caller: the function returns what it builds (`return config`)
 * and either is named as a config function (`get_config`, roles/context.ts) or the test reads one of its own
 * parameters (big_vision's `get_config(arg)` testing `arg.runlocal`, which `--config file.py:runlocal` sets). A test
 * on a module constant (`DEBUG = False` in `build_optimizer`) is the file's own decision.
 */
function leftToCaller(ctx: EvalContext, node: SyntaxNode, test: SyntaxNode): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (up.name !== 'FunctionDefinition' && up.name !== 'LambdaExpression') continue;
    const body = up.getChild('Body');
    if (body === null || !returnsValue(body)) return false;
    const name = up.getChild('VariableName');
    if (name && isConfigFunctionName(ctx.text.slice(name.from, name.to))) return true;
    const params = new Set((up.getChild('ParamList')?.getChildren('VariableName') ?? [])
      .map((p) => ctx.text.slice(p.from, p.to)));
    return readsName(ctx.text, test, params);
  }
  return false;
}

/** Whether `node` reads one of `names` (as a variable, or the object of an attribute: `arg` of `arg.runlocal`). */
function readsName(text: string, node: SyntaxNode, names: ReadonlySet<string>): boolean {
  if (node.name === 'VariableName') return names.has(text.slice(node.from, node.to));
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'PropertyName' && readsName(text, child, names)) return true;
  }
  return false;
}

/**
 * `A if test else B` (big_vision's `8 * 1024 if not arg.runlocal else 8`): the arm the file decides, else the first
 * arm's value as one arm of a branch whose other arm is its alternative, so extraction predicts from the first and
 * runs the other beside it at its own line (branch-values.ts), as for a shell `if`. In a config function the arm the
 * file decides (`arg.batch_size if not arg.runlocal else 32` with `runlocal=False` parsed as the default) is the
 * prediction and the other arm still a run of its own, as the arms of an `if` statement there are (`--config
 * file.py:runlocal` selects it; `leftToCaller`). Unknown unless both arms are values the reader knows.
 */
export function conditional(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const [yes, test, no] = operands(node);
  if (!yes || !test || !no) return { kind: 'unknown', node };
  const holds = decide(ctx, test);
  if (holds !== null && !leftToCaller(ctx, node, test)) return evaluate(ctx, holds ? yes : no, depth + 1);
  const [runs, other] = holds === false ? [no, yes] : [yes, no];
  const first = evaluate(ctx, runs, depth + 1);
  if (first.kind !== 'scalar') return holds === null ? { kind: 'unknown', node } : first;
  // An arm the file leaves unset (`128 if on_tpu else None`) or computes at run time: no value stands for the run.
  const second = evaluate(ctx, other, depth + 1);
  if (second.kind !== 'scalar' || second.value === null) return holds === null ? { kind: 'unknown', node } : first;
  const span = (n: SyntaxNode): Span => ({ start: n.from, end: n.to });
  const text = (n: SyntaxNode): string => ctx.text.slice(n.from, n.to).replace(/\s+/g, ' ');
  const whole = text(node);
  const ifArm = { text: `if ${text(test)}`, span: span(test) };
  const elseArm = { text: 'else', span: span(node.getChild('else') ?? no) };
  const branch: Branch = {
    construct: { text: whole.length > MAX_CONSTRUCT ? `${whole.slice(0, MAX_CONSTRUCT - 1)}…` : whole, span: span(node) },
    arm: holds === false ? elseArm : ifArm,
    selected: holds !== null,
    selectedBy: null,
    alternatives: [{ value: second.value, raw: second.raw, span: { ...second.span },
      arm: holds === false ? ifArm : elseArm }],
  };
  return { ...first, branch };
}
