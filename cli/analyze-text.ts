/** The human-readable report of `optlens analyze` (the default `--format text`). */
import type { FileAnalysis, OptimizerAnalysis } from '../core/analysis';
import { formatSignificant, formatTimes } from '../core/format-number';
import { HYPERPARAMETER_NAMES, type ExtractedValue, type HyperparameterName } from '../core/hyperparams';
import { noteText } from '../core/prediction-notes';
import {
  assumedPhrase, certaintyOf, ecosystemWords, nameFoundPhrase, plainPhrase, type EcosystemFacts,
} from '../core/provenance-words';
import { shownValue, UNKNOWN_AT_RUN_TIME } from '../core/runtime-value';
import { scheduleFloorPhrase } from '../core/schedule-floor';
import { batchWords } from '../server/features/hover-facts';

/** A value the file writes: as written, up to 6 significant digits (rounding it further would misquote the file). */
const fmtValue = (v: number | string | boolean): string => (typeof v === 'number' ? formatSignificant(v, 6) : String(v));
/** A prediction: 3 significant digits, as everywhere OptLens writes for people. */
const fmt = (v: number): string => formatSignificant(v);

/**
 * A value as the run uses it. Where the file's literal is a switch (nanoGPT's `decay_lr = True`), the schedule
 * it selects is what matters; the literal follows in brackets.
 */
function valueText(name: HyperparameterName, v: ExtractedValue, o: OptimizerAnalysis): string {
  const used = o.predictionInput?.schedule;
  if (name === 'schedule' && used !== undefined && String(v.value) !== used) {
    return `${used} (${v.key ?? 'written'} = ${fmtValue(v.value)})`;
  }
  return `${shownValue(v, fmtValue)}${v.unit ? ` (${v.unit})` : ''}`;
}

/** Where a value comes from; `lineWidth` aligns the keys after `line N` across one optimizer's rows. */
function origin(v: ExtractedValue, lineWidth: number, ecosystem: EcosystemFacts): string {
  if (v.source === 'written') {
    // A value found by its name alone (no framework table spells it) says so, with how sure that reading is.
    const certainty = v.via ? certaintyOf(v.via, ecosystem) : null;
    const byName = v.via?.rule === 'role' || ecosystem.ecosystem === 'generic';
    const how = certainty === null || certainty === 'certain' ? ''
      : byName ? `  (read by its name: ${certainty})` : `  (${certainty}: the framework is a guess)`;
    return `${`line ${v.line ?? '?'}`.padEnd(lineWidth)}  ${v.key ?? ''}${how}`;
  }
  if (v.source === 'derived') return `derived from ${(v.derivedFrom ?? []).join(', ')}`;
  return `default  ${v.defaultFrom ?? ''}`;
}

function predictionLine(o: OptimizerAnalysis): string | null {
  const p = o.predictions;
  if (!p) return null;
  const parts: string[] = [];
  // A number a value set at run time leaves unknown is named, so its absence is not read as "nothing to say".
  const unknown = (path: string, words: string) => {
    if (p.unknownAtRunTime?.includes(path)) parts.push(`${words} ${UNKNOWN_AT_RUN_TIME}`);
  };
  if (p.updateRms !== null) parts.push(`update RMS ${fmt(p.updateRms)} × lr`);
  else unknown('updateRms', 'update RMS');
  if (p.effectiveBatchMultiplier !== null && p.effectiveBatchMultiplier > 1.0001) parts.push(`momentum × batch ${fmt(p.effectiveBatchMultiplier)}`);
  if (p.weightRms.steady !== null) parts.push(`weight RMS → ${fmt(p.weightRms.steady)}`);
  else unknown('weightRms.steady', 'weight RMS');
  if (p.equilibriumSteps !== null) parts.push(`τ ${fmt(p.equilibriumSteps)} steps${p.equilibriumFraction !== null ? ` (${formatTimes(p.equilibriumFraction, 'the run')})` : ''}`);
  else unknown('equilibriumSteps', 'τ');
  if (p.surge.threshold !== null) parts.push(`Surge past batch ${fmt(p.surge.threshold)}`);
  if (p.epsRegime.regime !== null) parts.push(`ε ${p.epsRegime.regime}`);
  return parts.length ? parts.join(' · ') : null;
}

export function formatText(analysis: FileAnalysis): string {
  const out: string[] = [`${analysis.path}  ${analysis.format} · ${analysis.ecosystem}`];
  out.push(`  ${plainPhrase(ecosystemWords(analysis).sentence)}`);
  if (analysis.optimizers.length === 0) out.push('  no optimizer hyperparameters found');
  for (const o of analysis.optimizers) {
    out.push(`  ${o.name} → ${o.implementation}${o.line !== null ? `, line ${o.line}` : ' (implied)'}${o.appliesTo ? `, for ${o.appliesTo}` : ''}`);
    const values = HYPERPARAMETER_NAMES.flatMap((name) => {
      const v = o.hyperparameters[name];
      return v ? [[name, v] as const] : [];
    });
    const lineWidth = Math.max(0, ...values.map(([, v]) => (v.source === 'written' ? `line ${v.line ?? '?'}`.length : 0)));
    const rows = values.map(([name, v]) => [name, valueText(name, v, o), origin(v, lineWidth, analysis)]);
    const w0 = Math.max(0, ...rows.map((r) => r[0]?.length ?? 0));
    const w1 = Math.max(0, ...rows.map((r) => r[1]?.length ?? 0));
    for (const [name = '', value = '', from = ''] of rows) out.push(`    ${name.padEnd(w0)}  ${value.padEnd(w1)}  ${from}`.trimEnd());
    const scheduleEnd = o.predictionInput ? scheduleFloorPhrase(o.predictionInput, o.scheduleFloor) : null;
    if (scheduleEnd !== null) out.push(`    schedule: ${plainPhrase(scheduleEnd)}`);
    for (const phrase of [nameFoundPhrase(o, analysis), o.predictions ? assumedPhrase(o) : null]) {
      if (phrase !== null) out.push(`    ${plainPhrase(phrase)}`);
    }
    const prediction = predictionLine(o);
    if (prediction) out.push(`    ${prediction}`);
    const batch = o.predictions?.batch;
    // An unknown batch is worded only where the file says why (a factor set at run time, a batch in seconds of audio).
    const told = batch && (batch.size !== null || batch.missing === 'set-at-run-time' || batch.missing === 'uncounted');
    if (batch && told) out.push(`    ${batchWords(batch)}`);
    // The notes as the CLI words them (it may name its own flags: --noise-scale, --snr).
    for (const note of o.predictions?.notes ?? []) out.push(`    note: ${noteText(note, 'cli')}`);
  }
  for (const f of analysis.findings) out.push(`${analysis.path}:${f.line ?? 1}: ${f.severity} ${f.code}: ${f.message}`);
  return out.join('\n') + '\n';
}
