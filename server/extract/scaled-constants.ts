/**
 * A written constant the run scales by factors it knows only when it starts (the batch, the number of processes):
 *
 *     eps=1e-15 / math.sqrt(BS)                       # ε scaled with the batch
 *     betas=(1 - BS * (1 - 0.9), 1 - BS * (1 - 0.999))   # 1 − β scaled linearly with the batch (SDE scaling rule)
 *     lr=3e-4 * world_size                            # the linear scaling rule
 *
 * At a scale of one (every unknown factor 1: one process, a batch of one) the expression is the constant itself: that
 * literal is the value the file writes for the setting, and the one a reader reads in place of the run-time product
 * (its provenance says it is the written base of that expression). Only arithmetic is read: numbers, names, calls of
 * `sqrt`, `float`, `int`, `abs`, and the operators; anything else, or a result that is no single literal of the
 * expression, or a factor named as a hyperparameter itself (`args.lr * 0.1` scales a run value by a written factor,
 * not a written value by the run), leaves the value to the run.
 */

/** A literal of the expression, at its offsets inside it. */
export interface ScaledLiteral {
  value: number;
  raw: string;
  start: number;
  end: number;
}

type Token = { kind: 'number'; value: number; raw: string; start: number; end: number } |
  { kind: 'name'; text: string } | { kind: 'op'; text: string };

const TOKEN = /\s*(?:(\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)|([A-Za-z_][\w.]*)|(\*\*|\/\/|[-+*/%(),]))/y;
const MAX_LENGTH = 200;

function tokens(expression: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m) return /^\s*$/.test(expression.slice(at)) ? out : null;
    const [whole, number, name, op] = m;
    const start = at + whole.length - (number ?? name ?? op ?? '').length;
    if (number !== undefined) {
      out.push({ kind: 'number', value: Number(number.replace(/_/g, '')), raw: number, start, end: start + number.length });
    } else if (name !== undefined) out.push({ kind: 'name', text: name });
    else if (op !== undefined) out.push({ kind: 'op', text: op });
  }
  return out;
}

/** Functions whose value at the unit scale is read: each of one number. */
const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sqrt: Math.sqrt, float: (x) => x, int: Math.trunc, abs: Math.abs,
};

/** Words that name a hyperparameter: a factor so named is a value of the run, not a scale. */
const SETTING_WORD = /(^|_)(lr|learning_rate|betas?\d?|eps|epsilon|momentum|weight_decay|wd|decay)(_|$)/i;

/** A recursive-descent reader of the arithmetic, every unknown name (and call of one) 1. */
class UnitReader {
  private i = 0;
  unknown = 0;
  named = false;
  constructor(private readonly toks: Token[]) {}
  done(): boolean {
    return this.i === this.toks.length;
  }
  private op(text: string): boolean {
    const t = this.toks[this.i];
    if (t?.kind !== 'op' || t.text !== text) return false;
    this.i++;
    return true;
  }
  sum(): number | null {
    let v = this.product();
    for (;;) {
      if (v === null) return null;
      if (this.op('+')) v = add(v, this.product(), 1);
      else if (this.op('-')) v = add(v, this.product(), -1);
      else return v;
    }
  }
  private product(): number | null {
    let v = this.unary();
    for (;;) {
      if (v === null) return null;
      if (this.op('*')) v = mul(v, this.unary(), (a, b) => a * b);
      else if (this.op('/')) v = mul(v, this.unary(), (a, b) => a / b);
      else if (this.op('//')) v = mul(v, this.unary(), (a, b) => Math.floor(a / b));
      else if (this.op('%')) return null;
      else return v;
    }
  }
  private unary(): number | null {
    if (this.op('-')) return neg(this.unary());
    if (this.op('+')) return this.unary();
    const base = this.atom();
    if (base === null || !this.op('**')) return base;
    const exponent = this.unary();
    return exponent === null ? null : base ** exponent;
  }
  private atom(): number | null {
    const t = this.toks[this.i];
    if (!t) return null;
    if (t.kind === 'number') {
      this.i++;
      return t.value;
    }
    if (t.kind === 'op') {
      if (!this.op('(')) return null;
      const v = this.sum();
      return v !== null && this.op(')') ? v : null;
    }
    this.i++;
    const own = t.text.split('.').pop() ?? '';
    if (!this.op('(')) {
      this.unknown++;
      if (SETTING_WORD.test(own)) this.named = true;
      return 1;
    }
    // A call of no argument (`get_world_size()`) is a factor the run knows.
    if (this.op(')')) {
      this.unknown++;
      return 1;
    }
    const arg = this.sum();
    if (arg === null || !this.op(')')) return null;
    const f = FUNCTIONS[own];
    return f ? f(arg) : null;
  }
}

function add(a: number, b: number | null, sign: number): number | null {
  return b === null ? null : a + sign * b;
}
function mul(a: number, b: number | null, f: (a: number, b: number) => number): number | null {
  return b === null ? null : f(a, b);
}
function neg(a: number | null): number | null {
  return a === null ? null : -a;
}

/** The literal an expression the run scales equals at a scale of one, or null (see the module comment). */
export function unitScaleBase(expression: string): ScaledLiteral | null {
  if (expression.length > MAX_LENGTH) return null;
  const toks = tokens(expression);
  if (!toks) return null;
  const reader = new UnitReader(toks);
  const result = reader.sum();
  if (result === null || !reader.done() || reader.unknown === 0 || reader.named) return null;
  if (!Number.isFinite(result)) return null;
  const close = (x: number): boolean => Math.abs(x - result) <= 1e-9 * Math.max(Math.abs(result), Number.MIN_VALUE);
  const literals = toks.filter((t): t is Extract<Token, { kind: 'number' }> => t.kind === 'number' && close(t.value));
  const [only] = literals;
  if (literals.length !== 1 || !only || Number.isInteger(only.value)) return null;
  return { value: only.value, raw: only.raw, start: only.start, end: only.end };
}
