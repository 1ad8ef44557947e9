/**
 * `ignored-key`: a key the framework drops without a word (axolotl's pydantic config ignores unknown keys,
 * so `adam_eps` does nothing; the key is `adam_epsilon`). The message gives the value the run really uses;
 * the fix renames the key, unless the real key is also written (then the ignored line is only noise).
 */
import type { Finding } from '../../../core/hyperparams';
import { lastSegment, matchesWhole, parsePattern, renderPath } from '../keypath';
import { candidates, findSpelling, normaliseSpelling } from '../match';
import { findingAt, show, type Trap } from './context';

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
  return findings;
};
