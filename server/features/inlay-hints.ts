/**
 * Inlay hints: the prediction a value drives, right after the value. Labels are short and change only
 * when the number they show changes (two significant digits), so typing does not make the line dance.
 * Only hints inside the requested range are returned; the client is asked to refresh them when settings change.
 */
import type { InlayHint, Range, ServerCapabilities } from 'vscode-languageserver';
import type { OptimizerAnalysis } from '../../core/analysis';
import type { ExtractedValue, Span } from '../../core/hyperparams';
import type { AnalysedDocument } from '../documents';
import type { HintKind } from '../settings';
import { surgeRatio } from '../surge-ratio';
import type { FeatureContext } from './context';
import { compactCount, significant } from './display';
import { positionInRange } from './positions';

interface HintSpec {
  kind: HintKind;
  /** The literal the hint follows; hints go only after text the file writes. */
  after: Span | null;
  label: string;
  tooltip: string;
}

/** The span of a value the file writes, or null (defaults and derived values have no place in the text). */
const written = (value: ExtractedValue | undefined): Span | null => (value?.source === 'written' ? value.span : null);

function updateRmsHint(opt: OptimizerAnalysis): HintSpec | null {
  const rms = opt.predictions?.updateRms;
  if (rms === null || rms === undefined) return null;
  // After β1 (or SGD's momentum); when both are defaults, after the optimizer's name.
  const after = written(opt.hyperparameters.beta1) ?? written(opt.hyperparameters.momentum) ?? (opt.line !== null ? opt.span : null);
  return {
    kind: 'updateRms', after, label: `update RMS ≈ ${significant(rms)}`,
    tooltip: `Predicted RMS of one update per coordinate (${opt.predictions?.sources.updateRms ?? 'science.md §1'}).`,
  };
}

function weightRmsHint(opt: OptimizerAnalysis): HintSpec | null {
  const p = opt.predictions;
  if (!p || p.equilibriumSteps === null) return null;
  const source = p.sources['weightRms.steady'] ?? 'science.md §2';
  if (p.equilibriumFraction !== null && p.equilibriumFraction > 1) {
    return {
      kind: 'weightRms', after: written(opt.hyperparameters.weightDecay), label: 'never reaches equilibrium in this run',
      tooltip: `τ = 1/(ηλ) ≈ ${compactCount(p.equilibriumSteps)} steps, ${significant(p.equilibriumFraction)}× the run (${source}).`,
    };
  }
  if (p.weightRms.steady === null) return null;
  return {
    kind: 'weightRms', after: written(opt.hyperparameters.weightDecay),
    label: `weight RMS → ${significant(p.weightRms.steady)} in ~${compactCount(p.equilibriumSteps)} steps`,
    tooltip: `Equilibrium weight RMS √(η/2λ) and its timescale τ = 1/(ηλ) (${source}).`,
  };
}

function surgeHint(opt: OptimizerAnalysis): HintSpec | null {
  const input = opt.predictionInput;
  if (!input) return null;
  const ratio = surgeRatio(input);
  if (ratio === null) return null;
  const hp = opt.hyperparameters;
  const after = written(hp.globalBatchSize) ?? written(hp.microBatchSize);
  const where = `${significant(ratio)}·B_simple`;
  const source = opt.predictions?.sources['surge.threshold'] ?? 'science.md §3.2';
  if (input.batchSize === null || input.noiseScale === null) {
    return { kind: 'surge', after, label: `Surge past B = ${where}`, tooltip: `Set optlens.noiseScale (or write \`# optlens: noise-scale=...\`) to place this batch (${source}).` };
  }
  const past = input.batchSize > ratio * input.noiseScale;
  return {
    kind: 'surge', after, label: past ? `past Surge peak (B > ${where})` : 'below Surge threshold',
    tooltip: `B = ${significant(input.batchSize, 3)}, B_simple = ${significant(input.noiseScale, 3)}, threshold ${where} (${source}).`,
  };
}

const EPS_LABELS = { negligible: 'negligible', softsign: 'softsign regime', 'sgd-like': 'SGD-like regime' } as const;

function epsHint(opt: OptimizerAnalysis): HintSpec | null {
  const eps = opt.predictions?.epsRegime;
  if (!eps) return null;
  const source = opt.predictions?.sources['epsRegime.ratio'] ?? 'science.md §1.3';
  if (eps.fp16Underflow) return { kind: 'eps', after: written(opt.hyperparameters.eps), label: 'becomes 0 in fp16', tooltip: `Below fp16's smallest subnormal 5.96e-8 (${source}).` };
  if (eps.regime === null || eps.ratio === null) return null;
  return { kind: 'eps', after: written(opt.hyperparameters.eps), label: EPS_LABELS[eps.regime], tooltip: `ε / (‖G‖/√N) = ${significant(eps.ratio)} (${source}).` };
}

/** The hints of one analysed document inside `range`, in document order. */
export function inlayHints(analysed: AnalysedDocument, range: Range): InlayHint[] {
  const { snapshot, settings } = analysed;
  const hints: InlayHint[] = [];
  const seen = new Set<string>();
  for (const opt of analysed.analysis.optimizers) {
    for (const spec of [updateRmsHint(opt), weightRmsHint(opt), surgeHint(opt), epsHint(opt)]) {
      if (!spec || !settings.hints[spec.kind] || !spec.after) continue;
      const position = snapshot.positionAt(spec.after.end);
      // A span over several lines is a block, not a literal: no place for a hint.
      if (snapshot.positionAt(spec.after.start).line !== position.line) continue;
      // Two optimizers sharing a run-level value (one batch size) get one hint, not two glued together.
      const key = `${spec.kind}@${spec.after.end}`;
      if (seen.has(key) || !positionInRange(range, position.line, position.character)) continue;
      seen.add(key);
      hints.push({ position, label: spec.label, paddingLeft: true, tooltip: spec.tooltip });
    }
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

export function registerInlayHints(ctx: FeatureContext): ServerCapabilities {
  ctx.connection.languages.inlayHint.on(async (params, token) => {
    const analysed = await ctx.analyses.current(params.textDocument.uri, token);
    return analysed ? inlayHints(analysed, params.range) : null;
  });
  return { inlayHintProvider: true };
}

/** Asks the client to re-request hints (after a settings change), where it supports that. */
export function refreshInlayHints(ctx: FeatureContext): void {
  if (ctx.client().inlayHintRefresh) void ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
}
