/**
 * Settings written as plain names inside the function a script runs (`def main(): batch_size = 256;
 * num_epochs = 10`), which are configuration as module constants are: a name the function assigns exactly once, at
 * the top of its body, and never changes (`+=`, a loop variable, a second assignment make it a running value, such
 * as a step counter). Only the functions the module itself calls are read so (the script's entry point): a helper's
 * locals (an evaluation batch) are no setting of the run.
 */
import type { SyntaxNode } from '@lezer/common';

/** Scopes of their own, whose names are not the function's. */
const NESTED_SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

/** Deepest statement nesting walked (a hostile file must not exhaust the stack). */
const MAX_DEPTH = 100;

/** The names a statement binds: each `=` segment of an assignment, the target of `+=`, a loop's variables. */
function targetsOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let segment: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp' || child.name === 'UpdateOp' || child.name === 'in') {
      out.push(...segment);
      segment = [];
      if (node.name !== 'AssignStatement') break;
    } else if (child.name === 'VariableName') segment.push(child);
    else if (child.name === 'TupleExpression' || child.name === 'ArrayExpression') {
      segment.push(...child.getChildren('VariableName'));
    }
  }
  return out;
}

const BINDING = new Set(['AssignStatement', 'UpdateStatement', 'ForStatement']);

/** The names of `body` that qualify as settings of the run. */
export function localSettings(text: string, body: SyntaxNode): Set<string> {
  const counts = new Map<string, number>();
  const topLevel = new Set<string>();
  const visit = (node: SyntaxNode, depth: number): void => {
    if (BINDING.has(node.name)) {
      for (const t of targetsOf(node)) {
        const name = text.slice(t.from, t.to);
        counts.set(name, (counts.get(name) ?? 0) + 1);
        if (node.name === 'AssignStatement' && node.parent?.from === body.from) topLevel.add(name);
      }
    }
    if (depth >= MAX_DEPTH) return;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!NESTED_SCOPES.has(child.name)) visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return new Set([...topLevel].filter((name) => counts.get(name) === 1));
}
