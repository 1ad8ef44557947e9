/**
 * Inlay hints: the prediction a value drives, right after the value, read from the analysis' one Prediction.
 * One meaning, one wording: the Surge hint sits where the global batch is formed and says whether it is
 * information (no noise scale yet) or a risk (⚠ past the threshold). Labels are short and change only when the
 * number they show changes (two significant digits), so typing does not make the line dance. Only hints inside
 * the requested range are returned, and in `problems` mode only on lines with a finding.
 */
import type { InlayHint, Range, ServerCapabilities } from 'vscode-languageserver';
import type { OptimizerAnalysis } from '../../core/analysis';
import type { ExtractedValue, Span } from '../../core/hyperparams';
import type { AnalysedDocument } from '../documents';
import type { HintKind } from '../settings';
import { batchAnchor, momentumAnchor } from './anchors';
import type { FeatureContext } from './context';
import { compactCount, significant } from './display';
import { batchWords } from './hover-facts';
import { findingRange, positionInRange } from './positions';

interface HintSpec {
  kind: HintKind;
  /** The literal the hint follows; hints go only after text the file writes. */
  after: Span | null;
  label: string;
  tooltip: string;
}

/** The span of a value the file writes, or null (defaults and derived values have no place in the text). */
const written = (value: ExtractedValue | undefined): Span | null => (value?.source === 'written' ? value.span : null);

/** After β1 (or SGD's and Muon's momentum); when the file writes neither, after the optimizer's name. */
function updateRmsHint(opt: OptimizerAnalysis): HintSpec | null {
  const rms = opt.predictions?.updateRms;
  if (rms === null || rms === undefined) return null;
  const anchor = momentumAnchor(opt);
  const after = anchor ? written(opt.hyperparameters[anchor]) : opt.line !== null ? opt.span : null;
  return {
    kind: 'updateRms', after, label: `update RMS ≈ ${significant(rms)} × lr`,
    tooltip: `Each step moves a weight by about lr × ${significant(rms, 3)} per coordinate (${opt.predictions?.sources.updateRms ?? 'science.md §1'}).`,
  };
}

function weightRmsHint(opt: OptimizerAnalysis): HintSpec | null {
  const p = opt.predictions;
  if (!p || p.equilibriumSteps === null) return null;
  const source = p.sources['weightRms.steady'] ?? 'science.md §2';
  if (p.equilibriumFraction !== null && p.equilibriumFraction > 1) {
    return {
      kind: 'weightRms', after: written(opt.hyperparameters.weightDecay), label: `decay timescale ${significant(p.equilibriumFraction)}× the run`,
      tooltip: `τ = 1/(ηλ) ≈ ${compactCount(p.equilibriumSteps)} steps: the weights never reach the equilibrium RMS in this run (${source}).`,
    };
  }
  if (p.weightRms.steady === null) return null;
  return {
    kind: 'weightRms', after: written(opt.hyperparameters.weightDecay),
    label: `weight RMS → ${significant(p.weightRms.steady)} in ~${compactCount(p.equilibriumSteps)} steps`,
    tooltip: `Equilibrium weight RMS √(η/2λ) and its timescale τ = 1/(ηλ) (${source}).`,
  };
}

/**
 * On the key where the global batch is formed, saying how when it is not the global batch itself. Without a
 * noise scale it can only say where the Surge starts (information); with one, which side of it the batch is.
 */
function surgeHint(opt: OptimizerAnalysis): HintSpec | null {
  const p = opt.predictions;
  const input = opt.predictionInput;
  const ratio = p?.surge.thresholdRatio ?? null;
  const anchor = batchAnchor(opt);
  if (!p || !input || ratio === null || anchor === null) return null;
  const after = written(opt.hyperparameters[anchor]);
  const source = p.sources['surge.threshold'] ?? p.sources['surge.thresholdRatio'] ?? 'science.md §3.2';
  const formed = anchor === 'globalBatchSize' || p.batch.size === null ? '' : `${batchWords(p.batch).replace(/ \(.*\)$/, '')}; `;
  if (p.batch.size === null || input.noiseScale === null) {
    return {
      kind: 'surge', after, label: `${formed}Surge starts at ${significant(ratio)}·B_simple`,
      tooltip: `${batchWords(p.batch)}. Set the noise scale B_simple to see which side of the Surge this batch is (${source}).`,
    };
  }
  const threshold = ratio * input.noiseScale;
  const past = p.batch.size > threshold;
  return {
    kind: 'surge', after,
    label: past ? `⚠ ${formed}past the Surge threshold ${compactCount(threshold)}` : `${formed}below the Surge threshold ${compactCount(threshold)}`,
    tooltip: `${batchWords(p.batch)}; threshold ${significant(ratio)} × B_simple ${significant(input.noiseScale, 3)}: ` +
      `${past ? 'a larger batch wants a smaller learning rate' : 'a larger batch still allows a larger learning rate'} (${source}).`,
  };
}

const EPS_LABELS = { negligible: 'ε negligible', softsign: 'ε shrinks the update', 'sgd-like': 'ε dominates: SGD-like' } as const;

function epsHint(opt: OptimizerAnalysis): HintSpec | null {
  const eps = opt.predictions?.epsRegime;
  if (!eps) return null;
  const source = opt.predictions?.sources['epsRegime.ratio'] ?? 'science.md §1.3';
  if (eps.fp16Underflow) return { kind: 'eps', after: written(opt.hyperparameters.eps), label: 'becomes 0 in fp16', tooltip: `Below fp16's smallest subnormal 5.96e-8 (${source}).` };
  if (eps.regime === null || eps.ratio === null) return null;
  return { kind: 'eps', after: written(opt.hyperparameters.eps), label: EPS_LABELS[eps.regime], tooltip: `ε / (‖G‖/√N) = ${significant(eps.ratio)} (${source}).` };
}

/** Lines (0-based) where a finding is: the `problems` mode shows hints only there. */
function problemLines(analysed: AnalysedDocument): Set<number> {
  const lines = new Set<number>();
  for (const f of analysed.analysis.findings) {
    if (analysed.settings.severities[f.code] === 'off') continue;
    const range = findingRange(analysed.snapshot, f);
    for (let l = range.start.line; l <= range.end.line; l++) lines.add(l);
  }
  return lines;
}

/** The hints of one analysed document inside `range`, in document order. */
export function inlayHints(analysed: AnalysedDocument, range: Range): InlayHint[] {
  const { snapshot, settings } = analysed;
  const hints: InlayHint[] = [];
  const seen = new Set<string>();
  const onlyOn = settings.hintMode === 'problems' ? problemLines(analysed) : null;
  for (const opt of analysed.analysis.optimizers) {
    for (const spec of [updateRmsHint(opt), weightRmsHint(opt), surgeHint(opt), epsHint(opt)]) {
      if (!spec || !settings.hints[spec.kind] || !spec.after) continue;
      const position = snapshot.positionAt(spec.after.end);
      // A span over several lines is a block, not a literal: no place for a hint.
      if (snapshot.positionAt(spec.after.start).line !== position.line) continue;
      // Two optimizers sharing a run-level value (one batch size) get one hint, not two glued together.
      const key = `${spec.kind}@${spec.after.end}`;
      if (seen.has(key) || !positionInRange(range, position.line, position.character)) continue;
      if (onlyOn && !onlyOn.has(position.line)) continue;
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
