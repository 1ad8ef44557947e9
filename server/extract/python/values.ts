/**
 * What the Python reader knows about a value without running the program, and how a value becomes
 * `ConfigEntry` rows. A scalar keeps the span of the literal that wrote it, so `lr=args.learning_rate`
 * points at `learning_rate : float = 0.0036` where the number is written (the place an edit must change).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import type { Branch, ConfigEntry, ScalarValue } from '../entries';
import type { Signature } from './instances';

export interface Scalar {
  kind: 'scalar';
  value: ScalarValue;
  /** Text of the literal or expression that wrote the value. */
  raw: string;
  span: Span;
  quoted: boolean;
  /** Path of the assignment that wrote it (set when first bound to a name), for `ConfigEntry.origin`. */
  origin?: string[];
  /** Computed from other settings of the file (`max_iters = max_step * accum`), for `ConfigEntry.computed`. */
  computed?: boolean;
  /** The first arm of `A if test else B` the run decides (conditions.ts `conditional`), for `ConfigEntry.branch`. */
  branch?: Branch;
}

export interface Field {
  key: string;
  keySpan: Span | null;
  value: PyValue;
}

/** The arguments of a call of a function defined in the file; `complete` is false after an unknown `*a`/`**kw`. */
export interface CallSite {
  args: PyValue[];
  kwargs: Field[];
  complete: boolean;
  /** Called by the module's own code (the script's entry point, `main()` under `if __name__ == "__main__":`). */
  fromModule?: boolean;
}

export type PyValue =
  | Scalar
  | { kind: 'seq'; items: PyValue[] }
  /**
   * A dict literal, or `dict(...)` (then `callee` is 'dict'). `of`: the object loaded from elsewhere that attribute
   * writes patch (`train.max_iter = 1000` on `train` from `common/train.py`); other attributes are read from it.
   */
  | { kind: 'map'; fields: Field[]; callee?: string; of?: PyValue }
  /**
   * A call the reader cannot run: `torch.optim.AdamW(params, lr=...)`. When the callee is a class
   * defined in the file (a config dataclass), `classFields` holds its field defaults, so attribute
   * reads on the result see keywords first, then defaults.
   */
  | {
      kind: 'call';
      callee: string;
      calleeSpan: Span;
      calleeRaw: string;
      args: PyValue[];
      kwargs: Field[];
      classFields?: Field[];
      /**
       * For an optimizer class defined in the file: the literal defaults of its `__init__` signature that the call
       * leaves (instances.ts ownClassDefaults), emitted as `ConfigEntry.classDefault` entries under the call.
       */
      classDefaults?: Field[];
      /** For an argparse parser (or argument group): the arguments added to it so far (argparse.ts). */
      parser?: Field[];
      /** An argument the reader cannot expand is passed (`**kwargs` of an unknown dict, `*args`). */
      open?: true;
    }
  /**
   * A function defined in the file; `call` reads its body once and gives what it returns. Its parameters hold
   * the first call's arguments, else their defaults (`null`: read without a call, after the module).
   */
  | { kind: 'function'; call: (site: CallSite | null) => PyValue }
  /** A class defined in the file; `construct` reads its `__init__` for a call `Cls(...)` (instances.ts). */
  | { kind: 'class'; name: string; fields: Field[]; construct?: (site: CallSite) => void; signature?: Signature }
  /**
   * A module or an imported name: `torch.optim`, `AdamW` after `from torch.optim import AdamW`. `use` is
   * where it is written as a value (`type=AdamW` in an mmengine config), emitted as its qualified name.
   */
  | { kind: 'symbol'; qualified: string; use?: { raw: string; span: Span } }
  /**
   * Anything else; `node` is the expression, searched for calls when the value is emitted. `unbound`: a name the
   * file never binds (`lr=LR`), whose value only the run knows. `arithmetic`: for a name bound to arithmetic the run
   * completes (`lr = args.lr * world_size / 256`), that arithmetic as written, shown as the run-time expression.
   */
  | { kind: 'unknown'; node?: SyntaxNode; unbound?: { raw: string; span: Span }; arithmetic?: string };

export const UNKNOWN: PyValue = { kind: 'unknown' };

/** Calls' values (an optimizer, a trainer) the module passed to a function of its own, which ran with them. */
export const passedOn = new WeakSet<PyValue>();

/** Bounds on what a hostile file can make the reader build. */
export const LIMITS = {
  entries: 200_000,
  depth: 64,
  /** Longest string `+` may build (a doubling chain `s = s + s` must not exhaust memory). */
  stringLength: 10_000,
};

/** Looks a name up in a field list; the last write wins, as for repeated keywords of `dict(...)`. */
export function fieldOf(fields: readonly Field[], key: string): PyValue | undefined {
  for (let i = fields.length - 1; i >= 0; i--) {
    const field = fields[i];
    if (field && field.key === key) return field.value;
  }
  return undefined;
}

export interface EmitSink {
  entries: ConfigEntry[];
  /**
   * Calls already emitted. A call is emitted once, where it is first written: `LambdaLR(optimizer, ...)`
   * or `optimizers = [optimizer1, optimizer2]` must not make a second AdamW out of a reference.
   */
  emitted: Set<PyValue>;
  /** Emits the calls found inside an expression the reader could not evaluate. */
  searchCalls(node: SyntaxNode): void;
  /** The source text, for the expression of a value read from the environment. */
  text: string;
}

interface EmitContext {
  /**
   * For a value that expands to more than MAX_EXPANDED entries (`a = [a, a]` repeated shares one list
   * 2ⁿ times): the containers already emitted, each emitted once. Null for every ordinary value, where
   * a dict reused in two places (`optim=opt_cfg` twice) is emitted under both paths.
   */
  once: Set<PyValue> | null;
  keySpan: Span | null;
  /** Innermost call (or `dict`) whose argument this is. */
  callee: string | undefined;
  /** Inside the arguments of a call other than `dict(...)`. */
  inCall: boolean;
  /** In function bodies and conditional blocks only call arguments are configuration. */
  callsOnly: boolean;
  depth: number;
  /** Under a call's `classDefaults`: the value is its optimizer class's signature default. */
  classDefault?: true;
}

function push(sink: EmitSink, entry: ConfigEntry): void {
  if (sink.entries.length < LIMITS.entries) sink.entries.push(entry);
}

function emitInto(sink: EmitSink, value: PyValue, path: string[], ctx: EmitContext): void {
  if (ctx.depth > LIMITS.depth || sink.entries.length >= LIMITS.entries) return;
  if (ctx.once && (value.kind === 'seq' || value.kind === 'map')) {
    if (ctx.once.has(value)) return;
    ctx.once.add(value);
  }
  const deeper = { ...ctx, depth: ctx.depth + 1 };
  switch (value.kind) {
    case 'scalar': {
      if (ctx.callsOnly && !ctx.inCall) return;
      const entry: ConfigEntry = { path, value: value.value, raw: value.raw, span: value.span, keySpan: ctx.keySpan,
        quoted: value.quoted };
      if (ctx.callee !== undefined) entry.callee = ctx.callee;
      if (value.origin && value.origin.join('\u0000') !== path.join('\u0000')) entry.origin = value.origin;
      if (value.computed) entry.computed = true;
      if (value.branch) entry.branch = value.branch;
      if (ctx.classDefault) entry.classDefault = true;
      push(sink, entry);
      return;
    }
    case 'seq':
      value.items.forEach((item, i) => emitInto(sink, item, [...path, String(i)], deeper));
      return;
    case 'map':
      for (const field of value.fields) {
        emitInto(sink, field.value, [...path, field.key],
          { ...deeper, keySpan: field.keySpan, callee: value.callee ?? ctx.callee });
      }
      return;
    case 'call': {
      if (sink.emitted.has(value)) return;
      sink.emitted.add(value);
      push(sink, {
        path,
        value: value.callee,
        raw: value.calleeRaw,
        span: value.calleeSpan,
        keySpan: ctx.keySpan,
        quoted: false,
        callee: value.callee,
        // As a hyperparameter's value, a call is computed when the script runs.
        runtime: { kind: 'call', expression: `${value.calleeRaw}(${value.args.length + value.kwargs.length > 0 ? '…' : ''})` },
        ...(value.open ? { openArguments: true as const } : {}),
      });
      const inCall = { ...deeper, callee: value.callee, inCall: true };
      value.args.forEach((arg, i) => emitInto(sink, arg, [...path, String(i)], { ...inCall, keySpan: null }));
      for (const kw of value.kwargs) emitInto(sink, kw.value, [...path, kw.key], { ...inCall, keySpan: kw.keySpan });
      for (const d of value.classDefaults ?? []) {
        emitInto(sink, d.value, [...path, d.key], { ...inCall, keySpan: d.keySpan, classDefault: true });
      }
      return;
    }
    case 'symbol': {
      if (!value.use || (ctx.callsOnly && !ctx.inCall)) return;
      const at = sink.entries.length;
      emitInto(sink, { kind: 'scalar', value: value.qualified, raw: value.use.raw, span: value.use.span, quoted: false }, path, ctx);
      // A module's attribute the reader does not follow (`lr=wandb.config.learning_rate`) is a value the run knows, not
      // a misspelt number; as a name (`type=torch.optim.AdamW`, an optimizer class) it is still read as written.
      const entry = sink.entries.length === at + 1 ? sink.entries[at] : undefined;
      if (entry) entry.runtime = { kind: 'name', expression: value.use.raw };
      return;
    }
    case 'unknown': {
      if (value.node) sink.searchCalls(value.node);
      // Only as a call's keyword (`AdamW(lr=LR)`): a positional argument (`model.parameters`) or a module name bound
      // to it is no setting of its own.
      if (!ctx.inCall || ctx.keySpan === null) return;
      const text = value.node ? sink.text.slice(value.node.from, value.node.to) : '';
      const fromEnvironment = value.node && readsEnvironment(text);
      // Any other expression the reader cannot evaluate (`lr=args.lr` where a caller passes `args`, `cfg.optim.wd` on
      // a config loaded elsewhere) is still a value the file gives: the run's, never the library default.
      const passedOn = value.node && text.length <= MAX_EXPRESSION && RUNTIME_EXPRESSIONS.has(value.node.name);
      if (!value.unbound && !fromEnvironment && !passedOn) return;
      const raw = value.unbound?.raw ?? value.arithmetic ?? text;
      const span = value.unbound?.span ?? { start: value.node?.from ?? 0, end: value.node?.to ?? 0 };
      const kind = value.unbound ? 'name' : fromEnvironment ? 'environment' : 'expression';
      const entry: ConfigEntry = { path, value: raw, raw, span, keySpan: ctx.keySpan, quoted: false,
        runtime: { kind, expression: raw } };
      if (ctx.callee !== undefined) entry.callee = ctx.callee;
      push(sink, entry);
      return;
    }
    case 'class':
    case 'function':
      return;
  }
}

/**
 * Emits `value` as entries under `path`. `callsOnly` (function bodies, `if` blocks) keeps only what is
 * inside a call, so a loop counter is not mistaken for configuration while `AdamW(lr=...)` still is.
 */
export function emitValue(sink: EmitSink, value: PyValue, path: string[], keySpan: Span | null, callsOnly: boolean):
  void {
  const once = expandedSize(value, new Map(), 0) > MAX_EXPANDED ? new Set<PyValue>() : null;
  emitInto(sink, value, path, { once, keySpan, callee: undefined, inCall: false, callsOnly, depth: 0 });
}

/**
 * An expression that reads the process environment (`float(os.environ["LR"])`, `os.environ.get("WD", 0.1)`): its
 * value is set when the script runs, whatever default it names.
 */
const ENVIRONMENT = /\bos\s*\.\s*(environ|getenv)\b/;

/** Whether an expression's text reads the process environment, and is short enough to be one setting. */
export function readsEnvironment(text: string): boolean {
  return text.length <= MAX_EXPRESSION && ENVIRONMENT.test(text);
}
/**
 * Expressions that pass one value on: a name (a parameter), an attribute or subscript (`args.lr`, `cfg["lr"]`).
 * Arithmetic on one (`args.matrix_lr * batch_lr_scale`) is left to the rules that read its written factor, and a
 * lambda or a comprehension is no setting.
 */
const RUNTIME_EXPRESSIONS = new Set(['VariableName', 'MemberExpression', 'BinaryExpression']);
/** Longest expression read as a value from the environment (a longer one is no single setting). */
const MAX_EXPRESSION = 120;

/** Entries one value may expand to with shared parts repeated (a tree this size is ~1 MB of source). */
const MAX_EXPANDED = 50_000;

/**
 * How many nodes `value` has as a tree, memoised per shared part and capped just past MAX_EXPANDED. A value that
 * contains itself (an instance whose `self.datasets = [self]`) is an endless tree: past the cap, so it is emitted
 * once per container. Without that, the size memoised for the innermost copy, cut short by the depth limit, was
 * taken for the whole, and two such fields made emitting it 2^depth calls.
 */
function expandedSize(value: PyValue, memo: Map<PyValue, number>, depth: number, open = new Set<PyValue>()): number {
  if (depth > LIMITS.depth) return 0;
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (open.has(value)) return MAX_EXPANDED + 1;
  open.add(value);
  let size = 1;
  const add = (part: PyValue): void => {
    if (size <= MAX_EXPANDED) size += expandedSize(part, memo, depth + 1, open);
  };
  if (value.kind === 'seq') value.items.forEach(add);
  else if (value.kind === 'map') value.fields.forEach((f) => add(f.value));
  else if (value.kind === 'call') {
    value.args.forEach(add);
    value.kwargs.forEach((f) => add(f.value));
  }
  size = Math.min(size, MAX_EXPANDED + 1);
  open.delete(value);
  memo.set(value, size);
  return size;
}

/**
 * Records on each scalar inside `value` the path it is first bound under (`learning_rate` in class
 * `Hyperparameters` → `['Hyperparameters', 'learning_rate']`), so a later reference can name where it is written.
 */
export function stampOrigin(value: PyValue, path: string[], depth = 0, seen = new Set<PyValue>()): void {
  if (depth > LIMITS.depth) return;
  // A part shared twice (`a = [a, a]`) is stamped on its first path only, once: the first path wins anyway.
  if (value.kind !== 'scalar') {
    if (seen.has(value)) return;
    seen.add(value);
  }
  switch (value.kind) {
    case 'scalar':
      value.origin ??= path;
      return;
    case 'seq':
      value.items.forEach((item, i) => stampOrigin(item, [...path, String(i)], depth + 1, seen));
      return;
    case 'map':
      for (const field of value.fields) stampOrigin(field.value, [...path, field.key], depth + 1, seen);
      return;
    case 'call':
      value.args.forEach((arg, i) => stampOrigin(arg, [...path, String(i)], depth + 1, seen));
      for (const kw of value.kwargs) stampOrigin(kw.value, [...path, kw.key], depth + 1, seen);
      return;
    default:
      return;
  }
}
