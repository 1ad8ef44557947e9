/**
 * The shape of a learning-rate schedule written as code: a function of the step whose branches return
 * the multiplier (modded-nanogpt's `get_lr`, nanoGPT's `get_lr`, a `LambdaLR` lambda):
 *
 *     if it < warmup: return (it + 1) / warmup          ramp (warmup)
 *     elif it < total - warmdown: return 1.0             constant       → trapezoidal, decided here
 *     else: return (total - it) / warmdown               ramp (decay)
 *
 * A branch returning something with `cos` is cosine; one returning a value that does not depend on the step
 * is constant; anything else depending on the step is a ramp. A constant phase before a later ramp makes a
 * trapezoidal (warmup-stable-decay) schedule; ramps only make a linear one. The span returned is the code
 * that decides the shape: the stable phase's condition, the cosine expression, the decaying branch.
 */
import type { SyntaxNode } from '@lezer/common';

export type ScheduleShape = 'cosine' | 'trapezoidal' | 'linear';

interface Phase {
  condition: SyntaxNode | null;
  result: SyntaxNode;
  kind: 'cosine' | 'constant' | 'ramp';
}

const MAX_EXPANSION = 4;

function identifiers(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

/** The text of an expression with the local assignments it uses appended (a few levels deep). */
function expand(text: string, locals: ReadonlyMap<string, string>): string {
  let out = text;
  const added = new Set<string>();
  for (let round = 0; round < MAX_EXPANSION; round++) {
    const used = [...identifiers(out)].filter((name) => locals.has(name) && !added.has(name));
    if (used.length === 0) break;
    for (const name of used) {
      added.add(name);
      out += ` ${locals.get(name) ?? ''}`;
    }
  }
  return out;
}

function dependsOn(text: string, param: string): boolean {
  return identifiers(text).has(param);
}

function classify(expanded: string, result: SyntaxNode, param: string): Phase['kind'] {
  if (/\bcos\b|cosine/i.test(expanded)) return 'cosine';
  return result.name !== 'Number' && dependsOn(expanded, param) ? 'ramp' : 'constant';
}

function assignment(text: string, node: SyntaxNode): [string, string] | null {
  const target = node.firstChild;
  const op = node.getChild('AssignOp');
  const value = op?.nextSibling;
  if (!target || target.name !== 'VariableName' || !value) return null;
  return [text.slice(target.from, target.to), text.slice(value.from, node.to)];
}

/** The expression a block returns, after the assignments before it; null when it does not return. */
function returned(text: string, body: SyntaxNode, locals: Map<string, string>): SyntaxNode | null {
  for (let s = body.firstChild; s; s = s.nextSibling) {
    if (s.name === 'AssignStatement') {
      const pair = assignment(text, s);
      if (pair) locals.set(pair[0], pair[1]);
    } else if (s.name === 'ReturnStatement') {
      return s.lastChild && s.lastChild.name !== 'return' ? s.lastChild : null;
    }
  }
  return null;
}

function phasesOf(text: string, body: SyntaxNode, param: string): Phase[] | null {
  const phases: Phase[] = [];
  const locals = new Map<string, string>();
  const add = (condition: SyntaxNode | null, result: SyntaxNode | null, scope: Map<string, string>): void => {
    if (!result) return;
    const expanded = expand(text.slice(result.from, result.to), scope);
    phases.push({ condition, result, kind: classify(expanded, result, param) });
  };
  for (let s = body.firstChild; s; s = s.nextSibling) {
    if (s.name === 'AssignStatement') {
      const pair = assignment(text, s);
      if (pair) locals.set(pair[0], pair[1]);
    } else if (s.name === 'IfStatement') {
      let condition: SyntaxNode | null = null;
      for (let c = s.firstChild; c; c = c.nextSibling) {
        if (c.name === 'if' || c.name === 'elif') condition = c.nextSibling;
        else if (c.name === 'else') condition = null;
        else if (c.name === 'Body') {
          if (condition && !dependsOn(expand(text.slice(condition.from, condition.to), locals), param)) return null;
          const scope = new Map(locals);
          add(condition, returned(text, c, scope), scope);
        }
      }
    } else if (s.name === 'ReturnStatement') {
      add(null, s.lastChild && s.lastChild.name !== 'return' ? s.lastChild : null, locals);
      break;
    }
  }
  return phases;
}

/** Whether a phase's condition holds before a threshold (`it < n`), not after it (`it > n`). */
function before(text: string, condition: SyntaxNode | null): boolean {
  return condition !== null && /<|\bnot\b/.test(text.slice(condition.from, condition.to));
}

/** The shape of `def name(step, ...)`'s schedule and the node that decides it, or null if it is not one. */
export function scheduleShape(text: string, fn: SyntaxNode): { shape: ScheduleShape; node: SyntaxNode } | null {
  const param = fn.getChild('ParamList')?.getChild('VariableName');
  const body = fn.getChild('Body');
  if (!param || !body) return null;
  const phases = phasesOf(text, body, text.slice(param.from, param.to));
  if (!phases || phases.length < 2 || !phases.some((p) => p.condition !== null)) return null;
  const cosine = phases.find((p) => p.kind === 'cosine');
  if (cosine) return { shape: 'cosine', node: cosine.result };
  const first = phases[0];
  const afterWarmup = first && first.kind === 'ramp' && before(text, first.condition) ? phases.slice(1) : phases;
  const stable = afterWarmup.findIndex((p) => p.kind === 'constant' && before(text, p.condition));
  if (stable >= 0 && afterWarmup.slice(stable + 1).some((p) => p.kind === 'ramp')) {
    const node = afterWarmup[stable]?.condition;
    if (node) return { shape: 'trapezoidal', node };
  }
  const decay = afterWarmup.find((p) => p.kind === 'ramp');
  return decay ? { shape: 'linear', node: decay.condition ?? decay.result } : null;
}
