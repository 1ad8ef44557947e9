/**
 * "Analyze Current Config": the report of one file: its hyperparameters (where each value came from),
 * every prediction with its science.md section, the findings, and the theory charts. Pure.
 */
import { formatTimes } from '../../core/format-number';
import type { FileAnalysis, OptimizerAnalysis } from '../../core/analysis';
import type { ExtractedValue, HyperparameterName } from '../../core/hyperparams';
import type { Prediction } from '../../core/prediction';
import { noteText } from '../../core/prediction-notes';
import {
  assumedPhrase, ecosystemWords, plainPhrase, valueFoundPhrase, type EcosystemFacts,
} from '../../core/provenance-words';
import { shownValue } from '../../core/runtime-value';
import { scheduleFloorPhrase } from '../../core/schedule-floor';
import type { ReportChart, ReportDocument, ReportTable } from '../../core/webview-messages';
import { formatCount, formatNumber } from '../format';
import { OPTIMIZER_DISPLAY_NAMES } from '../optimizer-names';
import { etaStarChart, updateRmsChart, weightRmsChart } from './charts';
import { recipeSection } from './recipe-section';

const HYPERPARAMETER_LABELS: Record<HyperparameterName, string> = {
  lr: 'learning rate η', beta1: 'β1', beta2: 'β2', eps: 'ε', weightDecay: 'weight decay λ', momentum: 'momentum μ',
  microBatchSize: 'micro batch', gradAccum: 'gradient accumulation', globalBatchSize: 'global batch B', seqLen: 'sequence length',
  steps: 'steps T', warmupSteps: 'warmup steps', schedule: 'schedule',
};

/** A hyperparameter exactly as the framework will use it (no rounding: 2048 must not read 2050). */
function valueText(v: ExtractedValue): string {
  return shownValue(v, String);
}

/** Where a value came from, and for a written one how it was found (the hover's words). */
function originText(v: ExtractedValue, ecosystem: EcosystemFacts | null): string {
  switch (v.source) {
    case 'written': {
      const found = ecosystem ? valueFoundPhrase(v, ecosystem) : null;
      const at = v.line !== null ? ` (line ${v.line}${v.raw !== null ? `: ${v.raw}` : ''})` : '';
      return `written${at}${found ? `; ${plainPhrase(found)}` : ''}`;
    }
    case 'default':
      return `default${v.defaultFrom ? ` (${v.defaultFrom})` : ''}`;
    case 'derived':
      return `derived${v.derivedFrom?.length ? ` from ${v.derivedFrom.join(', ')}` : ''}`;
  }
}

export function hyperparameterTable(optimizer: OptimizerAnalysis, ecosystem: EcosystemFacts | null = null):
  ReportTable {
  const rows = (Object.keys(HYPERPARAMETER_LABELS) as HyperparameterName[]).flatMap((name) => {
    const v = optimizer.hyperparameters[name];
    return v ? [[HYPERPARAMETER_LABELS[name], valueText(v), v.key ?? '—', originText(v, ecosystem)]] : [];
  });
  // The run's schedule ends where the prediction decays to: the same words as the hover and the CLI.
  const floor = optimizer.scheduleFloor ?? null;
  const end = optimizer.predictionInput ? scheduleFloorPhrase(optimizer.predictionInput, floor) : null;
  if (end !== null) {
    rows.push(['schedule end', plainPhrase(end), floor?.value.key ?? '—', floor ? originText(floor.value, ecosystem) : '—']);
  }
  return { title: `Hyperparameters of ${optimizer.name} (${optimizer.implementation})`, columns: ['hyperparameter', 'value', 'key', 'source'], rows };
}

/** Every prediction with its value and the science.md section it comes from (`sources`). */
export function predictionTable(p: Prediction, batchSize: number | null, lr: number | null = null): ReportTable {
  const src = (key: string) => p.sources[key] ?? '—';
  const rows: string[][] = [
    ['update RMS', formatNumber(p.updateRms), src('updateRms')],
    ['update RMS × peak lr (step per coordinate)', p.updateRms !== null && lr !== null ? formatNumber(p.updateRms * lr) : '—', src('updateRms')],
    ['weight RMS at equilibrium', formatNumber(p.weightRms.steady), src('weightRms.steady')],
    ['weight RMS at the end of the run', formatNumber(p.weightRms.atEnd), src('weightRms.atEnd')],
    ['time to equilibrium τ (steps)', formatCount(p.equilibriumSteps), src('equilibriumSteps')],
    ['τ relative to the run', p.equilibriumFraction === null ? '—' : formatTimes(p.equilibriumFraction, 'the run'), src('equilibriumFraction')],
    ['momentum batch multiplier', formatNumber(p.effectiveBatchMultiplier), src('effectiveBatchMultiplier')],
    ['global batch', formatCount(p.batch.size), '—'],
    ['Surge threshold (× B_simple)', formatNumber(p.surge.thresholdRatio), src('surge.thresholdRatio')],
    ['Surge threshold (batch)', formatCount(p.surge.threshold), src('surge.threshold')],
    ['Surge peak (batch)', formatCount(p.surge.peakBatch), src('surge.peakBatch')],
    [`η*(B) / η*max at B = ${formatCount(batchSize)}`, formatNumber(p.surge.etaStarRelative), src('surge.etaStarRelative')],
    ['ΔL(B) / ΔLmax', formatNumber(p.surge.lossDecreaseRelative), src('surge.lossDecreaseRelative')],
    ['ε regime', p.epsRegime.regime ?? '—', src('epsRegime.regime')],
  ];
  if (p.weightRms.meanField !== null) rows.splice(3, 0, ['weight RMS, seed mean field', formatNumber(p.weightRms.meanField), src('weightRms.meanField')]);
  if (p.epsRegime.fp16Underflow) rows.push(['ε in fp16', '0 (underflows)', src('epsRegime.fp16Underflow')]);
  return { title: 'Predictions', columns: ['quantity', 'value', 'source'], rows };
}

export function optimizerLabel(o: OptimizerAnalysis): string {
  return o.kind ? OPTIMIZER_DISPLAY_NAMES[o.kind] : o.name;
}

export function analysisReport(analysis: FileAnalysis, optimizerIndex = 0): ReportDocument {
  const fileName = analysis.path.split(/[\\/]/).pop() ?? analysis.path;
  const tables: ReportTable[] = [];
  const charts: ReportChart[] = [];
  // The framework the values were read as, and its evidence, first: every value's source depends on it.
  const notes: string[] = [plainPhrase(ecosystemWords(analysis).sentence)];
  analysis.optimizers.forEach((optimizer, index) => {
    const chosen = index === optimizerIndex;
    tables.push(hyperparameterTable(optimizer, analysis));
    const assumed = optimizer.predictions ? assumedPhrase(optimizer) : null;
    if (assumed) notes.push(`${optimizer.name}: ${plainPhrase(assumed)}`);
    if (optimizer.predictions) {
      const table = predictionTable(optimizer.predictions, optimizer.predictionInput?.batchSize ?? null,
        optimizer.predictionInput?.lr ?? null);
      if (analysis.optimizers.length > 1) table.title = `Predictions for ${optimizer.name}`;
      tables.push(table);
      notes.push(...optimizer.predictions.notes.map((n) => noteText(n, 'editor')));
    } else {
      notes.push(`${optimizer.name}: OptLens has no model of this optimizer, so there are no predictions for it.`);
    }
    // Charts for the chosen optimizer only: one set is readable, several overlap.
    if (chosen && optimizer.predictionInput) {
      for (const chart of [weightRmsChart(optimizer.predictionInput), etaStarChart(optimizer.predictionInput),
        updateRmsChart(optimizer.predictionInput)]) {
        if (chart) charts.push(chart);
      }
      const recipe = recipeSection(optimizer);
      tables.push(...recipe.tables);
      charts.push(...recipe.charts);
    }
  });
  const headline = analysis.optimizers[optimizerIndex];
  return {
    kind: 'analysis',
    title: fileName,
    subtitle: headline
      ? `${optimizerLabel(headline)} · ${analysis.ecosystem} (${analysis.format})`
      : `no optimizer found · ${analysis.ecosystem} (${analysis.format})`,
    tables,
    charts,
    findings: analysis.findings,
    notes: [...new Set(notes)],
    analysis,
  };
}
