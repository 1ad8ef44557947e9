/**
 * A function's parameters, bound as Python binds them for one call, so a value a function passes on is
 * followed to where it is written:
 *
 *     def train(lr=3e-4, wd=0.1):
 *         opt = torch.optim.AdamW(params, lr=lr, weight_decay=wd)    # lr is the default's literal, 3e-4
 *
 *     def make_opt(model, lr):
 *         return AdamW(model.parameters(), lr=lr)
 *     opt = make_opt(model, 1e-3)                                    # lr is the call site's literal, 1e-3
 *
 * Defaults are evaluated where the function is defined, as Python does. Arguments that cannot be matched
 * (an unknown `*args` or `**kwargs` at the call site) leave every parameter unknown: never a guess.
 */
import type { SyntaxNode } from '@lezer/common';
import { evaluate, lookup, type EvalContext, type Scope } from './evaluate';
import { LIMITS, UNKNOWN, fieldOf, type CallSite, type PyValue } from './values';

export interface Parameter {
  name: string;
  /** `positional` may be passed by position or name; `keyword` follows `*` or `*args`; `rest` is `*a`/`**kw`. */
  kind: 'positional' | 'keyword' | 'rest';
  default: PyValue | null;
  /** A class of the file the parameter is annotated with (`cfg: Config`), for an argument the read cannot know. */
  annotation?: Extract<PyValue, { kind: 'class' }>;
}

/** The parameters of a `ParamList`, defaults evaluated in the defining scope. */
export function parametersOf(ctx: EvalContext, params: SyntaxNode | null): Parameter[] {
  const out: Parameter[] = [];
  let star = false;
  let rest = false;
  for (let child = params?.firstChild ?? null; child && out.length < LIMITS.entries; child = child.nextSibling) {
    if (child.name === '*' || child.name === '**') {
      star = true;
      // A bare `*` only ends the positional parameters; `*args` and `**kwargs` collect the rest.
      rest = child.nextSibling?.name === 'VariableName';
      continue;
    }
    if (child.name !== 'VariableName') continue;
    let after = child.nextSibling;
    const type = after?.name === 'TypeDef' ? after.lastChild : null;
    if (after?.name === 'TypeDef') after = after.nextSibling;
    const defaultNode = after?.name === 'AssignOp' ? after.nextSibling : null;
    const kind = rest ? 'rest' : star ? 'keyword' : 'positional';
    const name = ctx.text.slice(child.from, child.to);
    const annotated = type?.name === 'VariableName' ? lookup(ctx.scope, ctx.text.slice(type.from, type.to)) : undefined;
    out.push({ name, kind, default: defaultNode ? evaluate(ctx, defaultNode) : null,
      ...(annotated?.kind === 'class' ? { annotation: annotated } : {}) });
    rest = false;
  }
  return out;
}

/** Binds `params` in `scope` for the call `site` (`null`: no call read, so each parameter holds its default). */
export function bindParameters(scope: Scope, params: Parameter[], site: CallSite | null): void {
  let position = 0;
  for (const p of params) {
    let value: PyValue | undefined;
    if (p.kind === 'rest' || (site && !site.complete)) value = UNKNOWN;
    else if (site) {
      value = p.kind === 'positional' && position < site.args.length ? site.args[position] : fieldOf(site.kwargs, p.name);
      if (p.kind === 'positional') position++;
    }
    const bound = value ?? p.default ?? UNKNOWN;
    scope.names.set(p.name, bound.kind === 'unknown' && p.annotation ? defaultInstance(p.annotation) : bound);
  }
}

/**
 * An argument the read cannot know, of a parameter annotated with a config class of the file (`def __init__(self,
 * cfg: Config)`, the `Config` a command-line library such as tyro or a dataclass parser fills from its defaults and
 * the flags given): that class's instance with its defaults, the run's unless a flag changes them, so its
 * switches (`if cfg.post_processing == "bilateral_grid":` under `post_processing: Optional[str] = None`) decide.
 */
function defaultInstance(cls: Extract<PyValue, { kind: 'class' }>): PyValue {
  const span = { start: 0, end: 0 };
  return { kind: 'call', callee: cls.name, calleeSpan: span, calleeRaw: cls.name, args: [], kwargs: [],
    classFields: cls.fields };
}
