/**
 * Numbers inside an optimizer block or call that no role claimed: the next spelling to learn, or a value the
 * author may think is used. Each is a hint naming the roles its key may be (`unrecognized-hyperparameter`), or,
 * for keys known to look like a role but mean something else, a hint saying what it is (`not-a-hyperparameter`:
 * a scheduler's `min_lr`, a DPO `beta`). Optimizer settings outside OptLens's roles (`nesterov`, `ns_steps`)
 * are left alone.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { ExtractedOptimizer, Finding } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { lastName } from '../match';
import type { LineIndex } from '../lines';
import { frameworkValue } from '../values';
import { keyContext, normaliseWord } from './context';
import { DECOY_WORDS, NON_ROLE_WORDS, ROLE_HINTS } from './places';
import { LIST_WORDS, ROLE_WORDS } from './vocabulary';

export const UNRECOGNIZED = 'unrecognized-hyperparameter';
export const NOT_A_HYPERPARAMETER = 'not-a-hyperparameter';

/** A 10 MB file is judged on its first entries, as detection is; a config's optimizer is near its top. */
const SAMPLE = 50_000;
/** A cheap first test: no path segment mentions an optimizer, so no optimizer context (roles/context.ts decides). */
const OPTIMIZER_HINT = /opt|adam|sgd|muon|lion|lamb|solver|factor|sophia|shampoo|soap/i;

function isNumber(entry: ConfigEntry, format: ConfigFormat): boolean {
  const v = frameworkValue(entry, format);
  return (
    typeof v === 'number' ||
    (typeof v === 'string' && entry.quoted === false && /^[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()))
  );
}

export function unclaimedFindings(
  entries: readonly ConfigEntry[],
  optimizers: readonly ExtractedOptimizer[],
  format: ConfigFormat,
  lines: LineIndex,
): Finding[] {
  const used = new Set<number>();
  for (const o of optimizers) {
    if (o.span) used.add(o.span.start);
    for (const v of Object.values(o.hyperparameters)) if (v?.span) used.add(v.span.start);
  }
  const out: Finding[] = [];
  const reported = new Set<number>();
  const sample = entries.length > SAMPLE ? entries.slice(0, SAMPLE) : entries;
  for (const entry of sample) {
    // Cheapest test first: most entries of a large file are strings (paths, names).
    if (typeof entry.value !== 'number' && !(typeof entry.value === 'string' && /^[+-]?[\d.]/.test(entry.value)))
      continue;
    if (used.has(entry.span.start) || reported.has(entry.span.start) || !isNumber(entry, format)) continue;
    const word = normaliseWord(lastName(entry.path));
    if (word === '' || NON_ROLE_WORDS.has(word) || ROLE_WORDS.has(word) || LIST_WORDS.has(word) || /^\d/.test(word))
      continue;
    if (entry.callee === undefined && !entry.path.some((s) => OPTIMIZER_HINT.test(s))) continue;
    const ctx = keyContext(entry);
    if (ctx.kind !== 'optimizer') continue;
    reported.add(entry.span.start);
    const line = lines.lineAt(entry.span.start);
    const key = entry.origin?.join('.') ?? entry.path.join('.');
    const decoy = DECOY_WORDS.get(word);
    if (decoy !== undefined) {
      out.push({
        code: NOT_A_HYPERPARAMETER,
        severity: 'hint',
        message: `\`${key}\` is ${decoy}: OptLens does not read it as an optimizer hyperparameter.`,
        line,
        span: { ...entry.span },
      });
      continue;
    }
    const roles = [...new Set(ROLE_HINTS.filter((h) => h.pattern.test(word)).map((h) => h.role))];
    const maybe = roles.length > 0 ? `it may be ${roles.join(' or ')}` : 'it matches none of the values OptLens models';
    out.push({
      code: UNRECOGNIZED,
      severity: 'hint',
      message:
        `\`${key}\` sits in the optimizer's settings but OptLens does not know this name, ` +
        `so it is not used in any prediction (${maybe}).`,
      line,
      span: { ...entry.span },
    });
  }
  return out;
}
