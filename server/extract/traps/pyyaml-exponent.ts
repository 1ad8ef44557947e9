/**
 * `pyyaml-exponent-string`: PyYAML's YAML 1.1 float needs a dot and a signed exponent, so `1e-8`, `5e-4`
 * and `1.0e8` load as strings with `yaml.safe_load` (LLaMA-Factory#4014, trl#1450, yacs#46). Whether that
 * breaks the run depends on the framework's loader (ecosystems/types.ts `YamlLoader`): an error where the
 * string reaches the optimizer, information where a schema converts it, a hint under OmegaConf. The fix
 * writes the same number with a dot and a signed exponent (`1.0e-8`), which every YAML loader reads as a float.
 */
import type { Finding, Severity } from '../../../core/hyperparams';
import { renderPath } from '../keypath';
import { isPyYamlStringNumber, pyyamlSafeLiteral } from '../yaml11';
import { findingAt, type Trap } from './context';

function hyperparameterSpans(optimizers: Parameters<Trap>[0]['optimizers']): Set<number> {
  const starts = new Set<number>();
  for (const { optimizer } of optimizers) for (const v of Object.values(optimizer.hyperparameters)) if (
    v?.span) starts.add(v.span.start);
  return starts;
}

export const pyyamlExponent: Trap = (ctx) => {
  if (ctx.format !== 'yaml') return [];
  const loader = ctx.table.yamlLoader;
  const mode = ctx.recognised && loader ? loader.dotlessExponent : 'unknown';
  const used = hyperparameterSpans(ctx.optimizers);
  const findings: Finding[] = [];
  // A literal read again through an interpolation (`lr: ${variables.lr}`) shares its span: it is told once.
  const told = new Set<number>();
  for (const entry of ctx.entries) {
    // PyYAML-string numbers have an exponent or a signed leading dot (`-.5`); the cheap test spares the
    // resolver regexes on large files.
    const raw = entry.raw;
    if (entry.quoted || (!raw.includes('e') && !raw.includes('E') && !/^[-+]\./.test(raw)) || !isPyYamlStringNumber(raw)) continue;
    const isHyperparameter = used.has(entry.span.start);
    // Under a loader that really hands the string on, every such number is a problem; otherwise only the
    // optimizer's own values are worth a word.
    if ((!isHyperparameter && mode !== 'string') || told.has(entry.span.start)) continue;
    told.add(entry.span.start);
    const safe = pyyamlSafeLiteral(entry.raw);
    const key = renderPath(entry.origin ?? entry.path);
    const severity: Severity = mode === 'string' ? 'error' : mode === 'unknown' ? 'warning' : mode === 'coerced' ? 'information' : 'hint';
    const consequence =
      mode === 'string'
        ? `${ctx.table.displayName} loads YAML with ${loader?.library ?? 'PyYAML'}, so \`${key}\` reaches the code as a string and the run fails or misbehaves.`
        : mode === 'coerced'
          ? `${ctx.table.displayName} loads it with ${loader?.library ?? 'PyYAML'} and then converts it to a float, so this run works; any other tool reading the file with PyYAML gets a string.`
          : mode === 'float'
            ? `${ctx.table.displayName} loads YAML with ${loader?.library ?? 'OmegaConf'}, which reads it as a float: fine here, but a plain yaml.safe_load gets a string.`
            : 'If this file is loaded with PyYAML (yaml.safe_load, HfArgumentParser, yacs), the value is a string.';
    const finding = findingAt(
      ctx,
      {
        code: 'pyyaml-exponent-string',
        severity,
        message: `\`${entry.raw}\` is not a YAML 1.1 float (PyYAML's float needs a digit before the dot, a dot, and a sign in any exponent): PyYAML reads it as the string '${entry.raw}', not a number. ${consequence}${safe ? ` Write \`${safe}\`.` : ''}`,
      },
      entry.span,
    );
    if (safe) finding.fixes = [{ title: `Write ${safe} (a float for every YAML loader)`, replacements: [{ span: { ...entry.span }, newText: safe }], isPreferred: true }];
    findings.push(finding);
  }
  return findings;
};
