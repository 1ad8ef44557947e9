/**
 * Branches of a Python config function, as the reader sees them: whether a function returns what it builds (then a
 * lone `if` in it is an alternative configuration), and the condition of each branch as written, recorded as an
 * entry so the alternative can say which branch it is (roles/branches.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Reader } from './placement';
import { LIMITS } from './values';

/** Whether a function body ends by returning a value (`return config`), outside any condition. */
export function returnsValue(body: SyntaxNode): boolean {
  for (let child = body.lastChild; child; child = child.prevSibling) {
    if (child.name === 'ReturnStatement') return (child.firstChild?.nextSibling ?? null) !== null;
  }
  return false;
}

/**
 * A branch's condition as written (`if config.mode == 'runlocal'`, `else`, `case "lora"`), an entry
 * `[configuration, '(condition)']` so what the branch configures can say which branch it is.
 */
export function recordCondition(reader: Reader, configuration: string, body: SyntaxNode): void {
  let start = body.parent?.name === 'MatchClause' ? body.parent : body.prevSibling;
  while (start && !/^(if|elif|else)$/.test(start.name) && start.prevSibling) start = start.prevSibling;
  if (!start || reader.entries.length >= LIMITS.entries) return;
  const raw = reader.text.slice(start.from, body.from).replace(/\s+/g, ' ').replace(/\s*:\s*$/, '').trim();
  const span = { start: start.from, end: start.from + Math.max(1, raw.length) };
  reader.entries.push({ path: [configuration, '(condition)'], value: raw, raw, span, keySpan: null, quoted: false });
  reader.sites[reader.entries.length - 1] = start.from;
}
