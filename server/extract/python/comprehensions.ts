/**
 * A dict comprehension that copies a dict without some of its keys:
 *
 *     opt_cfg = {"name": "adamw", "lr": 3e-4, "weight_decay": 0.1}
 *     torch.optim.AdamW(params, **{k: v for k, v in opt_cfg.items() if k != "name"})
 *
 * is the dict it copies, less the keys the test drops (`!=`, `==`, `in`, `not in` against written strings), so the
 * call's keywords are the dict's literals at their own lines. Any other comprehension (a value transformed, a test on
 * the value, a source the file does not define) is left to the run.
 */
import type { SyntaxNode } from '@lezer/common';
import { evaluate, type EvalContext } from './evaluate';
import { pythonString } from './literals';
import type { PyValue } from './values';

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== 'Comment') out.push(child);
  return out;
}

function text(ctx: EvalContext, node: SyntaxNode | undefined): string {
  return node ? ctx.text.slice(node.from, node.to) : '';
}

/** The strings of a written collection (`("name", "type")`, `["name"]`, `{"name"}`) or one string; null otherwise. */
function writtenStrings(ctx: EvalContext, node: SyntaxNode): string[] | null {
  if (node.name === 'String') {
    const s = pythonString(text(ctx, node));
    return s === null ? null : [s];
  }
  if (!/^(TupleExpression|ArrayExpression|SetExpression|ParenthesizedExpression)$/.test(node.name)) return null;
  const out: string[] = [];
  for (const child of children(node)) {
    if (/^[[\](){},]$/.test(child.name)) continue;
    const inner = writtenStrings(ctx, child);
    if (inner === null) return null;
    out.push(...inner);
  }
  return out;
}

/** Which keys the test keeps, when it compares only the key with written strings; null for any other test. */
function keyTest(ctx: EvalContext, test: SyntaxNode, key: string): ((k: string) => boolean) | null {
  if (test.name !== 'BinaryExpression') return null;
  const parts = children(test);
  const [left, ...rest] = parts;
  const right = rest[rest.length - 1];
  if (left?.name !== 'VariableName' || text(ctx, left) !== key || !right) return null;
  const op = rest.slice(0, -1).map((n) => text(ctx, n)).join(' ');
  const strings = writtenStrings(ctx, right);
  if (strings === null) return null;
  const listed = (k: string): boolean => strings.includes(k);
  switch (op) {
    case '!=':
    case 'not in':
      return (k) => !listed(k);
    case '==':
    case 'in':
      return listed;
    default:
      return null;
  }
}

/** `{k: v for k, v in d.items() if <test on k>}` as the dict `d` filtered; unknown for any other comprehension. */
export function evalDictComprehension(ctx: EvalContext, node: SyntaxNode, depth: number): PyValue {
  const unknown: PyValue = { kind: 'unknown', node };
  const parts = children(node).filter((n) => !/^[{}:,]$/.test(n.name));
  const [keyOut, valueOut, forWord, keyIn, valueIn, inWord, source, ifWord, test, ...extra] = parts;
  if (forWord?.name !== 'for' || inWord?.name !== 'in' || extra.length > 0 || !source) return unknown;
  const key = text(ctx, keyIn);
  const value = text(ctx, valueIn);
  if (text(ctx, keyOut) !== key || text(ctx, valueOut) !== value || key === value) return unknown;
  // The source is `d.items()`: a call of `items` with no arguments on the dict.
  const callee = source.name === 'CallExpression' ? source.firstChild : null;
  const args = callee?.nextSibling;
  if (callee?.name !== 'MemberExpression' || text(ctx, callee.lastChild ?? undefined) !== 'items' ||
    text(ctx, args ?? undefined).replace(/\s/g, '') !== '()' || !callee.firstChild) return unknown;
  const dict = evaluate(ctx, callee.firstChild, depth + 1);
  if (dict.kind !== 'map' || dict.of !== undefined) return unknown;
  if (ifWord === undefined) return dict;
  const keeps = ifWord.name === 'if' && test ? keyTest(ctx, test, key) : null;
  return keeps ? { ...dict, fields: dict.fields.filter((f) => keeps(f.key)) } : unknown;
}
