/**
 * Names bound by `import` statements, so calls and values can be named by what they are
 * (`optim.AdamW` → `torch.optim.AdamW` after `import torch.optim as optim`).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';

export interface ImportBinding {
  /** Name bound in the importing scope. */
  local: string;
  /** What it refers to (`torch.optim.AdamW`; for `import torch.optim`, the bound `torch` is `torch`). */
  qualified: string;
  /** The imported name as written, for the import entry. */
  written: { raw: string; span: Span; qualified: string };
  /** An object bound under a name of its own (`from m import x as y`); a module alias (`import m as n`) is not. */
  aliased: boolean;
}

interface Token {
  name: string;
  text: string;
  from: number;
  to: number;
}

function tokens(text: string, node: SyntaxNode): Token[] {
  const out: Token[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'Comment' || child.name === '(' || child.name === ')') continue;
    out.push({ name: child.name, text: text.slice(child.from, child.to), from: child.from, to: child.to });
  }
  return out;
}

/** Reads `a.b.c [as d]` from `tokens[i]`; returns the dotted name, its span, the alias and the next index. */
function dotted(list: Token[], i: number): { name: string; span: Span; alias: string | null; next: number } | null {
  const first = list[i];
  if (!first || first.name !== 'VariableName') return null;
  let name = first.text;
  let end = first.to;
  let j = i + 1;
  while (list[j]?.name === '.' && list[j + 1]?.name === 'VariableName') {
    name += `.${list[j + 1]?.text ?? ''}`;
    end = list[j + 1]?.to ?? end;
    j += 2;
  }
  let alias: string | null = null;
  if (list[j]?.name === 'as' && list[j + 1]?.name === 'VariableName') {
    alias = list[j + 1]?.text ?? null;
    j += 2;
  }
  return { name, span: { start: first.from, end }, alias, next: j };
}

/** The bindings of one `ImportStatement` node (`import x`, `import x.y as z`, `from x import y as z`). */
export function importBindings(text: string, node: SyntaxNode): ImportBinding[] {
  const list = tokens(text, node);
  const out: ImportBinding[] = [];
  let i = 1;
  let fromModule: string | null = null;
  if (list[0]?.name === 'from') {
    let module = '';
    while (i < list.length && list[i]?.name !== 'import') module += list[i++]?.text ?? '';
    fromModule = module;
    i++;
  } else if (list[0]?.name !== 'import') {
    return out;
  }
  while (i < list.length) {
    if (list[i]?.name === ',') {
      i++;
      continue;
    }
    const item = dotted(list, i);
    if (!item) {
      i++;
      continue;
    }
    i = item.next;
    const raw = text.slice(item.span.start, item.span.end);
    if (fromModule !== null) {
      // A relative import (`from ..common.optim import SGD`) is named by its module path below the unknown package.
      const module = fromModule.replace(/^\.+/, '');
      const qualified = module === '' ? item.name : `${module}.${item.name}`;
      out.push({ local: item.alias ?? item.name, qualified, written: { raw, span: item.span, qualified },
        aliased: item.alias !== null });
    } else {
      // `import torch.optim` binds `torch`; `import torch.optim as optim` binds `optim` to the submodule.
      const local = item.alias ?? item.name.split('.')[0] ?? item.name;
      out.push({ local, qualified: item.alias ? item.name : local,
        written: { raw, span: item.span, qualified: item.name }, aliased: false });
    }
  }
  return out;
}
