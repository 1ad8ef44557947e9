/**
 * What the status bar says about the active config: its optimizer and the headline prediction, plus a
 * warning mark when the batch is past the Surge threshold, and the framework when it is only a guess or none was
 * recognised; the tooltip says which framework and why. Pure, so it is unit-tested without VS Code.
 */
import type { FileAnalysis, OptimizerAnalysis } from '../core/analysis';
import { assumedPhrase, ecosystemWords, nameFoundPhrase, plainPhrase } from '../core/provenance-words';
import { formatCount, formatNumber } from './format';
import { OPTIMIZER_DISPLAY_NAMES } from './optimizer-names';

export interface StatusText {
  /** Status bar text, with `$(codicon)` references. */
  text: string;
  /** Plain-text tooltip, one fact per line. */
  tooltip: string;
  /** True when the text carries a warning (Surge risk or a warning/error finding). */
  warning: boolean;
}

/** The optimizer the status bar speaks for: the first one the science core can model, else the first. */
export function headlineOptimizer(analysis: FileAnalysis): OptimizerAnalysis | null {
  return analysis.optimizers.find((o) => o.kind !== null && o.predictions !== null) ?? analysis.optimizers[0] ?? null;
}

/** True when the configured batch is past the batch size at which η* starts to fall (science.md §3.2). */
export function pastSurge(optimizer: OptimizerAnalysis): boolean {
  const threshold = optimizer.predictions?.surge.threshold ?? null;
  const batch = optimizer.predictionInput?.batchSize ?? null;
  return threshold !== null && batch !== null && batch > threshold;
}

function optimizerLabel(optimizer: OptimizerAnalysis): string {
  return optimizer.kind ? OPTIMIZER_DISPLAY_NAMES[optimizer.kind] : optimizer.name;
}

export function statusText(analysis: FileAnalysis): StatusText {
  const optimizer = headlineOptimizer(analysis);
  const problems = analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  if (!optimizer) {
    return {
      text: problems > 0 ? `$(warning) OptLens: ${problems} finding${problems === 1 ? '' : 's'}` : '$(graph) OptLens: no optimizer',
      tooltip: `OptLens found no optimizer settings in ${analysis.path}.\nClick to open the playground.`,
      warning: problems > 0,
    };
  }
  const p = optimizer.predictions;
  const surge = pastSurge(optimizer);
  const ecosystem = ecosystemWords(analysis);
  const parts = [`$(graph) ${optimizerLabel(optimizer)}`];
  if (p?.updateRms !== null && p?.updateRms !== undefined) parts.push(`RMS ${formatNumber(p.updateRms)}`);
  // A recognised framework goes without saying; a guess, or values read by their names alone, does not.
  if (ecosystem.certainty === 'guess' || ecosystem.certainty === 'none') parts.push(ecosystem.short);
  if (surge) parts.push('$(warning) Surge');
  else if (problems > 0) parts.push(`$(warning) ${problems}`);

  const lines = [`OptLens: ${optimizerLabel(optimizer)} (${optimizer.implementation}) in ${analysis.path}`];
  const named = nameFoundPhrase(optimizer, analysis);
  for (const phrase of [ecosystem.sentence, named, p ? assumedPhrase(optimizer) : null]) {
    if (phrase !== null) lines.push(plainPhrase(phrase));
  }
  if (p) {
    lines.push(`update RMS ≈ ${formatNumber(p.updateRms)} (before the learning rate)`);
    if (p.effectiveBatchMultiplier !== null && p.effectiveBatchMultiplier > 1.0001) lines.push(`momentum multiplies the batch by ${formatNumber(p.effectiveBatchMultiplier)}`);
    lines.push(`weight RMS → ${formatNumber(p.weightRms.steady)} (end of run ${formatNumber(p.weightRms.atEnd)})`);
    if (p.equilibriumSteps !== null) lines.push(`equilibrium after ≈ ${formatCount(p.equilibriumSteps)} steps`);
    if (p.surge.threshold !== null) {
      const batch = optimizer.predictionInput?.batchSize ?? null;
      lines.push(`Surge threshold B = ${formatCount(p.surge.threshold)}; configured batch ${formatCount(batch)}${surge ? ' (past it)' : ''}`);
    }
    if (p.epsRegime.regime !== null) lines.push(`ε regime: ${p.epsRegime.regime}`);
  } else {
    lines.push('No prediction: OptLens cannot model this optimizer.');
  }
  if (problems > 0) lines.push(`${problems} warning${problems === 1 ? '' : 's'} in this file`);
  lines.push('Click to open the playground.');
  return { text: parts.join(' · '), tooltip: lines.join('\n'), warning: surge || problems > 0 };
}
