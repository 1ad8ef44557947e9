/**
 * `ignored-key`: a key the framework drops without a word (axolotl's pydantic config ignores unknown keys,
 * so `adam_eps` does nothing; the key is `adam_epsilon`). The message gives the value the run really uses;
 * the fix renames the key, unless the real key is also written (then the ignored line is only noise).
 *
 * `not-a-hyperparameter` for a key named like a role that the framework does not use as one (the table's
 * `notRoles`: NeMo 2's `accumulate_grad_batches`, which Megatron replaces by global / (micro × data-parallel
 * size)): role inference leaves it, and this hint says so at its line, with the framework's reason, so the value
 * is never dropped without a word.
 */
import type { Finding } from '../../../core/hyperparams';
import { lastSegment, matchesWhole, parsePattern, renderPath } from '../keypath';
import { candidates, findSpelling, lastName, normaliseSpelling } from '../match';
import { normaliseWord } from '../roles/context';
import { unlessHolds } from '../not-roles';
import { GROUP_LR, LIST_WORDS, ROLE_LABELS, ROLE_WORDS } from '../roles/vocabulary';
import { findingAt, show, type Trap, type TrapContext } from './context';

/** Hints for written keys the table says are not the role their name reads as. */
function notRoleHints(ctx: TrapContext): Finding[] {
  const out: Finding[] = [];
  const ci = ctx.table.caseInsensitiveKeys ?? false;
  const used = new Set<number>();
  for (const r of ctx.optimizers)
    for (const v of Object.values(r.optimizer.hyperparameters)) if (v?.span) used.add(v.span.start);
  const written = (key: string): boolean => findSpelling(ctx.index, [], normaliseSpelling(key)) !== null;
  for (const rule of ctx.table.notRoles ?? []) {
    if ((rule.whenWritten !== undefined && !rule.whenWritten.some(written)) || unlessHolds(rule, ctx.index, ctx.format))
      continue;
    const pattern = parsePattern(rule.key);
    for (const entry of candidates(ctx.index, pattern)) {
      // Other role-like names (a scheduler's `min_lr`) get their hint from roles/unclaimed.ts.
      const word = normaliseWord(lastName(entry.path));
      if (!matchesWhole(pattern, entry.path, ci) || used.has(entry.span.start)) continue;
      // A part's own learning rate (`critic_learning_rate`) reads as a learning rate too.
      // A list word's element is its own role (`betas[1]` is β2).
      const element = Number(entry.path[entry.path.length - 1]);
      const listed = LIST_WORDS.get(word)?.roles;
      const role = ROLE_WORDS.get(word)?.role ?? listed?.[Number.isInteger(element) ? element : 0] ?? listed?.[0] ??
        (GROUP_LR.test(word) ? 'lr' : undefined);
      if (role === undefined) continue;
      used.add(entry.span.start);
      const key = renderPath(entry.origin ?? entry.path);
      out.push(findingAt(ctx, {
        code: 'not-a-hyperparameter',
        severity: 'hint',
        message: `\`${key}\` = ${entry.raw} is not read as ${ROLE_LABELS[role]}: ${rule.reason} (${rule.source}).`,
      }, entry.span));
    }
  }
  return out;
}

export const ignoredKey: Trap = (ctx) => {
  const findings: Finding[] = [];
  const ci = ctx.table.caseInsensitiveKeys ?? false;
  for (const rule of ctx.table.ignoredKeys ?? []) {
    const pattern = parsePattern(rule.key);
    // The entries that share the pattern's last name, in document order, instead of every entry of the file.
    for (const entry of candidates(ctx.index, pattern)) {
      if (!matchesWhole(pattern, entry.path, ci)) continue;
      const real = findSpelling(ctx.index, [], normaliseSpelling(rule.realKey));
      const used = ctx.optimizers[0]?.optimizer.hyperparameters[rule.hyperparameter];
      const usedText = used ? `${show(used.value)}${used.source === 'default' ? ` (the default${used.defaultFrom ? `, ${used.defaultFrom}` : ''})` : used.line !== null ? ` (line ${used.line})` : ''}` : 'the framework default';
      const key = renderPath(entry.path);
      const finding = findingAt(
        ctx,
        {
          code: 'ignored-key',
          severity: 'warning',
          message: `${ctx.table.displayName} ignores \`${key}\` (${rule.source}): the value ${entry.raw} is never used. The key is \`${rule.realKey}\`; the run uses ${rule.hyperparameter} = ${usedText}.`,
        },
        entry.span,
      );
      const keySpan = entry.keySpan;
      if (!real && keySpan) {
        const keyText = ctx.text.slice(keySpan.start, keySpan.end);
        const wrong = lastSegment(rule.key);
        const at = keyText.lastIndexOf(wrong);
        if (at >= 0) {
          const start = keySpan.start + at;
          finding.fixes = [{ title: `Rename to ${lastSegment(rule.realKey)}`, replacements: [{ span: { start, end: start + wrong.length }, newText: lastSegment(rule.realKey) }], isPreferred: true }];
        }
      }
      findings.push(finding);
    }
  }
  return [...findings, ...notRoleHints(ctx)];
};
