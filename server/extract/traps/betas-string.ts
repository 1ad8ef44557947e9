/**
 * `betas-string`: a pair written as a string. In YAML `betas: (0.9, 0.999)` is not a list (YAML has no
 * tuples), so every loader hands torch.optim the string '(0.9, 0.999)' (OpenGait#119); in JSON
 * `"betas": "0.9,0.999"` is a string too. The fix writes a list in the file's own syntax.
 */
import type { Finding } from '../../../core/hyperparams';
import { lastName } from '../match';
import { runtimeOf } from '../runtime-values';
import { numbersInString } from '../values';
import { findingAt, type Trap } from './context';

const PAIR_KEYS = new Set(['betas', 'betas_', 'adam_betas', 'optimizer_betas']);

export const betasString: Trap = (ctx) => {
  const findings: Finding[] = [];
  // fairseq evaluates `adam_betas: '(0.9, 0.98)'` itself: the string is how it is meant to be written.
  if (ctx.table.evaluatesTupleStrings) return findings;
  // configparser returns every value as a string: the code that reads an INI file parses `betas = 0.9, 0.95` itself.
  if (ctx.format === 'ini') return findings;
  // The entries named like a pair, from the index (by lower-cased last name), visited in document order.
  const pairs = new Set([...PAIR_KEYS].flatMap((k) => ctx.index.byName.get(k) ?? []));
  if (pairs.size === 0) return findings;
  // A literal read again through an interpolation (`betas: ${variables.betas}`) shares its span: it is told once.
  const told = new Set<number>();
  for (const entry of ctx.entries) {
    if (typeof entry.value !== 'string' || !pairs.has(entry) || told.has(entry.span.start)) continue;
    if (entry.path[entry.path.length - 1] !== lastName(entry.path)) continue;
    const value = entry.value.trim();
    // What the run sets (`auto`, `${...}`, `get_betas()`) is no string the optimizer gets: runtime-values.ts tells it.
    if (value === '' || runtimeOf(entry) !== null || value.startsWith('$')) continue;
    told.add(entry.span.start);
    const numbers = numbersInString(value);
    const list = numbers ? (ctx.format === 'python' ? `(${numbers.join(', ')})` : `[${numbers.join(', ')}]`) : null;
    const what = ctx.format === 'yaml' && !entry.quoted ? 'YAML has no tuples: this is the string' : 'This is the string';
    const finding = findingAt(
      ctx,
      {
        code: 'betas-string',
        severity: 'error',
        message: `${what} ${JSON.stringify(entry.value)}, not a list of two numbers; the optimizer gets a string for betas (torch raises, or indexes characters).${list ? ` Write \`${list}\`.` : ''}`,
      },
      entry.span,
    );
    if (list) finding.fixes = [{ title: `Write betas as the list ${list}`, replacements: [{ span: { ...entry.span }, newText: list }], isPreferred: true }];
    findings.push(finding);
  }
  return findings;
};
