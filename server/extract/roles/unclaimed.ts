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
import { blockSegments, keyContext, normaliseWord } from './context';
import { DECOY_WORDS, PER_PARAMETER, PER_PARAMETER_REASON } from './decoys';
import { NON_ROLE_WORDS, ROLE_HINTS } from './places';
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

/**
 * A number in an optimizer's per-parameter override block (`overrides.pos_embed.weight_decay`): said to be some
 * parameters' own, so that nobody takes the optimizer's λ for it, or thinks OptLens did; a look-alike's own words
 * (`decay_mult`) when it has them.
 */
function perParameterHint(entry: ConfigEntry, lines: LineIndex, word: string): Finding | null {
  if (!entry.path.some((s) => OPTIMIZER_HINT.test(s)) || !blockSegments(entry).some((s) => PER_PARAMETER.test(s)))
    return null;
  const key = entry.origin?.join('.') ?? entry.path.join('.');
  const decoy = DECOY_WORDS.get(word);
  return {
    code: NOT_A_HYPERPARAMETER,
    severity: 'hint',
    message: decoy !== undefined ? `\`${key}\` is ${decoy}: OptLens does not read it as an optimizer hyperparameter.`
      : `\`${key}\` is ${PER_PARAMETER_REASON}: the optimizer's own value is the one predicted.`,
    line: lines.lineAt(entry.span.start),
    span: { ...entry.span },
  };
}

/**
 * Names bound to a script's parsed options (`opt = parser.parse_args()`, PyTorch DCGAN's and YOLOv5's `opt`): their
 * attributes (`opt.manualSeed`, `opt.img_size`) are the program's options, not an optimizer block's settings.
 */
function optionNamespaces(entries: readonly ConfigEntry[]): Set<string> {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.path.length === 1 && e.value === 'argparse.Namespace' && e.path[0] !== undefined) out.add(e.path[0]);
  }
  return out;
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
  const options = format === 'python' ? optionNamespaces(sample) : new Set<string>();
  for (const entry of sample) {
    // Cheapest test first: most entries of a large file are strings (paths, names).
    if (typeof entry.value !== 'number' && !(typeof entry.value === 'string' && /^[+-]?[\d.]/.test(entry.value)))
      continue;
    if (used.has(entry.span.start) || reported.has(entry.span.start) || !isNumber(entry, format)) continue;
    const word = normaliseWord(lastName(entry.path));
    const override = perParameterHint(entry, lines, word);
    if (override) {
      reported.add(entry.span.start);
      out.push(override);
      continue;
    }
    if (word === '' || NON_ROLE_WORDS.has(word) || ROLE_WORDS.has(word) || LIST_WORDS.has(word) || /^\d/.test(word))
      continue;
    if (entry.callee === undefined && !entry.path.some((s) => OPTIMIZER_HINT.test(s))) continue;
    if (entry.path.length > 1 && options.has(entry.path[0] ?? '')) continue;
    // An INI key inherited from [DEFAULT] is written there, not among the optimizer's settings.
    if (entry.inherited) continue;
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
