/**
 * One file, fully analysed: extraction (`extract`), a prediction per optimizer (the science
 * core's `predict`), and the findings of both. The language server, `optlens analyze` and the playground
 * all call this one function, so they never disagree. It never throws: whatever the bytes, the result is
 * a `FileAnalysis` whose findings say what went wrong.
 */
import type { AnalysisSettings, ConfigFormat, FileAnalysis, OptimizerAnalysis } from '../core/analysis';
import type { Finding } from '../core/hyperparams';
import type { Prediction, PredictionInput } from '../core/prediction';
import type { InputProblem } from '../core/theory/input';
import { predict, validatePredictionInput } from '../core/theory/predict';
import { recipeOf } from '../core/theory/recipe/index';
import { hyperparameterEdit } from './edits';
import { ecosystemTable } from './extract/ecosystems/index';
import type { Extraction } from './extract/extraction';
import { extract } from './extract/index';
import { type FindingContext, PREDICTION_FINDING_CODES, predictionFindings, withBetaFixes } from './prediction-findings';
import { batchFormation, predictionInputFor } from './prediction-input';
import { decayHorizonFindings } from './decay-horizon-finding';
import { recipeContextFor } from './recipe-context';
import { floorOf } from './extract/schedule-floor';
import { type Excerpt, excerptOfText, LANGUAGE_OF_FORMAT } from './excerpt/index';
import { mapSpans } from './excerpt/excerpt';
import { detectFormat } from './extract/format';
import { partialReadFinding, readLimitFor } from './read-limit';
import { recipeFindings } from './recipe-findings';
import { withRuntimeUnknowns, withoutRuntimeDependents } from './runtime-predictions';

export const ANALYSIS_FINDING_CODES = {
  readError: 'syntax-error',
  analysisFailed: 'analysis-failed',
  analysisStopped: 'analysis-stopped',
  genericExtraction: 'generic-extraction',
  optimizerNotModelled: 'optimizer-not-modelled',
} as const;

/** Whether the extractor already reported `code` (for this optimizer, or file-wide): then ours is not repeated. */
function reportedBy(findings: readonly Finding[]): (code: string, optimizerIndex?: number) => boolean {
  return (code, optimizerIndex) =>
    findings.some((f) => f.code === code
      && (optimizerIndex === undefined || f.optimizerIndex === undefined || f.optimizerIndex === optimizerIndex));
}

/** File settings (`# optlens: noise-scale=...`) win over editor settings: they are specific to this file. */
function effectiveSettings(settings: AnalysisSettings, fromFile: AnalysisSettings): AnalysisSettings {
  const merged: AnalysisSettings = { ...settings };
  type Entry = [keyof AnalysisSettings, AnalysisSettings[keyof AnalysisSettings]];
  for (const [key, value] of Object.entries(fromFile) as Entry[]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** The theory's input fields in words, for the message that says why there is no prediction (shown in the editor). */
const INPUT_WORDS: Partial<Record<string, string>> = {
  lr: 'the learning rate', beta1: 'β1', beta2: 'β2', eps: 'ε', weightDecay: 'the weight decay', momentum: 'the momentum',
  dampening: 'the dampening', steps: 'the number of steps', warmupSteps: 'the warmup', decaySteps: 'the decay phase',
  batchSize: 'the batch size', noiseScale: 'the noise scale', snr: 'the SNR', gradNorm: 'the gradient norm', params: 'the parameter count',
  theta0Rms: 'the initial weight RMS', shape: 'the matrix shape', hessianAlignment: 'the Hessian alignment', minLrRatio: 'the final lr ratio',
};

/** The prediction, or why there is none: `predict` assumes a valid input, so it is checked first. */
function runPrediction(input: PredictionInput):
  { predictions: Prediction | null; problems: InputProblem[]; error: string | null } {
  const problems = validatePredictionInput(input);
  if (problems.length > 0) return { predictions: null, problems, error: problems.map((p) => `${INPUT_WORDS[p.field] ?? p.field} ${p.message}`).join('; ') };
  try {
    return { predictions: predict(input), problems, error: null };
  } catch (error) {
    return { predictions: null, problems, error: error instanceof Error ? error.message : String(error) };
  }
}

function analyzeOptimizers(extraction: Extraction, settings: AnalysisSettings):
  { optimizers: OptimizerAnalysis[]; errors: Finding[] } {
  const errors: Finding[] = [];
  const reported = reportedBy(extraction.findings);
  const optimizers = extraction.optimizers.map((opt, index): OptimizerAnalysis => {
    const kind = opt.kind;
    if (kind === null) {
      if (!reported(ANALYSIS_FINDING_CODES.optimizerNotModelled, index)) {
        errors.push({
          code: ANALYSIS_FINDING_CODES.optimizerNotModelled,
          severity: 'hint',
          message: `OptLens has no model of ${opt.implementation || opt.name}: its values are shown, but nothing is predicted.`,
          line: opt.line, span: opt.span, optimizerIndex: index,
        });
      }
      return { ...opt, predictionInput: null, predictions: null, recipe: null };
    }
    // A written value that is not a number (`0..97`) has its own error; a default must not stand in for it.
    // So does a value PyTorch refuses (rejected-by-torch): that run never starts.
    if (extraction.findings.some((f) => (f.code === 'invalid-value' || f.code === 'rejected-by-torch') && f.optimizerIndex === index)) {
      return { ...opt, predictionInput: null, predictions: null, recipe: null };
    }
    const schedule = extraction.scheduleKinds[index] ?? null;
    const predictionInput = withRuntimeUnknowns(opt, predictionInputFor(opt, kind, schedule, extraction, settings));
    const { predictions: predicted, problems, error } = runPrediction(predictionInput);
    // The core knows the batch's size; how the file forms it is the extraction's, told here once for every surface.
    if (predicted) predicted.batch = batchFormation(opt, settings);
    // β outside [0,1) has its own finding (beta-out-of-range); a second "no prediction" would only repeat it.
    const onlyBetas = problems.length > 0 && problems.every((p) => p.field === 'beta1' || p.field === 'beta2');
    if (error !== null && !onlyBetas) {
      errors.push({
        code: PREDICTION_FINDING_CODES.predictionFailed,
        severity: 'information',
        message: `No prediction for ${opt.name}: ${error}`,
        line: opt.line, span: opt.span, optimizerIndex: index,
      });
    }
    const computed = predicted === null
      ? null
      : recipeOf(predictionInput, recipeContextFor(opt, predictionInput, extraction, settings));
    // A value the run sets stands in as a default only to run the theory: what depends on it is unknown.
    const { prediction: predictions, recipe } = predicted === null
      ? { prediction: null, recipe: null }
      : withoutRuntimeDependents(opt, predictionInput, predicted, computed);
    const scheduleFloor = floorOf(extraction.scheduleFloor, opt.hyperparameters.lr?.key);
    return { ...opt, predictionInput, predictions, recipe, scheduleFloor };
  });
  return { optimizers, errors };
}

function fileFindings(extraction: Extraction, text: string): Finding[] {
  const reported = reportedBy(extraction.findings);
  const out: Finding[] = [];
  if (!reported(ANALYSIS_FINDING_CODES.readError)) {
    for (const e of extraction.readErrors) {
      out.push({
        code: ANALYSIS_FINDING_CODES.readError,
        severity: 'error',
        message: `${e.message} (OptLens read what it could before and after this point).`,
        // A reader may point one past the end (an unclosed quote at EOF); a range must stay inside the text.
        line: e.line, span: { start: Math.min(e.span.start, text.length), end: Math.min(e.span.end, text.length) },
      });
    }
  }
  if (extraction.ecosystemEvidence === 'none' && !reported(ANALYSIS_FINDING_CODES.genericExtraction) && extraction.optimizers.length > 0) {
    out.push({
      code: ANALYSIS_FINDING_CODES.genericExtraction,
      severity: 'hint',
      message: 'OptLens did not recognise the framework of this file: it read each value by what its name means (each value says how it was found), and shows no framework defaults.',
      line: 1, span: { start: 0, end: Math.max(0, text.search(/\r?\n|$/)) },
    });
  }
  return out;
}

const FORMATS_BY_EXTENSION: Record<string, ConfigFormat> = {
  yaml: 'yaml', yml: 'yaml', json: 'json', jsonc: 'json', toml: 'toml', py: 'python', sh: 'shell', bash: 'shell', ini: 'ini',
  cfg: 'ini',
};

/**
 * A file whose analysis was stopped before it finished (too slow, too much memory: analysis-worker.ts):
 * no values, one finding that says why, so the editor shows the reason instead of stale or no results.
 */
export function stoppedAnalysis(fileName: string, reason: string): FileAnalysis {
  const analysis = failedAnalysis(fileName, reason);
  analysis.findings = [{ code: ANALYSIS_FINDING_CODES.analysisStopped, severity: 'warning', message: reason, line: 1, span: { start: 0, end: 0 } }];
  return analysis;
}

/** The analysis of a file the extractor could not even start on (it should never happen; if it does, say so). */
function failedAnalysis(fileName: string, error: unknown): FileAnalysis {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return {
    path: fileName,
    format: FORMATS_BY_EXTENSION[ext] ?? 'yaml',
    ecosystem: 'generic',
    ecosystemEvidence: 'none',
    optimizers: [],
    findings: [{
      code: ANALYSIS_FINDING_CODES.analysisFailed,
      severity: 'error',
      message: `OptLens could not analyse this file: ${error instanceof Error ? error.message : String(error)}. Please report it with the file.`,
      line: 1, span: { start: 0, end: 0 },
    }],
  };
}

/** How a text is read: the editor's language, and whether it is an excerpt already (then it is read whole). */
export interface AnalyzeOptions {
  languageId?: string;
  /** The text is an excerpt's (excerptAnalysis maps the result to the file): never cut again, whatever its length. */
  readWhole?: boolean;
}

/**
 * Analyses `text` (named `fileName`, for the format and the ecosystem's file-name hints). Never throws. A text
 * past the read limit is read as an excerpt (server/excerpt/): the lines that set the optimizer and the run.
 */
export function analyzeText(
  text: string, fileName: string, settings: AnalysisSettings, options: AnalyzeOptions = {},
): FileAnalysis {
  if (options.readWhole === true || text.length <= readLimitFor(fileName, options.languageId)) {
    return analyzeWhole(text, fileName, settings, options);
  }
  let excerpt: Excerpt;
  try {
    excerpt = excerptOfText(text, detectFormat(text, fileName, options.languageId));
  } catch (error) {
    return failedAnalysis(fileName, error);
  }
  return analyzeExcerpt(excerpt, fileName, settings);
}

/** Whether a replacement lies inside one line of the excerpt that holds the file's own text. */
function withinKeptLine(excerpt: Excerpt, start: number, end: number): boolean {
  if (end <= start || excerpt.text.lastIndexOf('\n', end - 1) >= start) return false;
  const lineStart = excerpt.text.lastIndexOf('\n', start - 1) + 1;
  return excerpt.toOriginal(end) - excerpt.toOriginal(lineStart) === end - lineStart;
}

/**
 * The analysis of a huge file's excerpt, with every span in the real file's offsets. Fixes that would write
 * anywhere but inside a line that was read (an inserted key, whose place depends on lines not read) are dropped:
 * an edit changes only the literal it means to.
 */
export function analyzeExcerpt(excerpt: Excerpt, fileName: string, settings: AnalysisSettings): FileAnalysis {
  return excerptAnalysis(excerpt, analyzeText(excerpt.text, fileName, settings, excerptOptions(excerpt)));
}

/** How an excerpt's text is read: in the format it was selected in, whole. */
export function excerptOptions(excerpt: Excerpt): AnalyzeOptions {
  return { languageId: LANGUAGE_OF_FORMAT[excerpt.format], readWhole: true };
}

/**
 * `analysis` of `excerpt.text` (read with excerptOptions, here or on a worker) as the real file's: spans in its
 * offsets, only the fixes inside lines that were read, and the finding that says what was read.
 */
export function excerptAnalysis(excerpt: Excerpt, analysis: FileAnalysis): FileAnalysis {
  for (const finding of analysis.findings) {
    if (!finding.fixes) continue;
    finding.fixes = finding.fixes.filter((fix) =>
      fix.replacements.every((r) => withinKeptLine(excerpt, r.span.start, r.span.end)));
    if (finding.fixes.length === 0) delete finding.fixes;
  }
  mapSpans(analysis, (offset) => excerpt.toOriginal(offset));
  analysis.findings.unshift(partialReadFinding(excerpt));
  return analysis;
}

function analyzeWhole(
  text: string, fileName: string, settings: AnalysisSettings, options: AnalyzeOptions,
): FileAnalysis {
  let extraction: Extraction;
  try {
    extraction = extract(text, fileName, {
      ...(options.languageId !== undefined ? { languageId: options.languageId } : {}),
      ...(settings.worldSize !== undefined ? { worldSize: settings.worldSize } : {}),
    });
  } catch (error) {
    return failedAnalysis(fileName, error);
  }
  const effective = effectiveSettings(settings, extraction.settings);
  const { optimizers, errors } = analyzeOptimizers(extraction, effective);
  const base: FileAnalysis = {
    path: fileName,
    format: extraction.format,
    ecosystem: extraction.ecosystem,
    ecosystemEvidence: extraction.ecosystemEvidence,
    ...(extraction.ecosystemEvidence !== 'none'
      ? { ecosystemName: ecosystemTable(extraction.ecosystem)?.displayName ?? extraction.ecosystem } : {}),
    ecosystemSignals: extraction.ecosystemSignals,
    ...(extraction.ecosystemNearTie ? { ecosystemNearTie: extraction.ecosystemNearTie } : {}),
    optimizers,
    findings: [],
    settings: effective,
  };
  const context: FindingContext = {
    format: extraction.format,
    edit: (i, name, value) => {
      const outcome = hyperparameterEdit(base, text, i, name, value);
      return 'replacements' in outcome ? outcome.replacements : null;
    },
    reported: reportedBy(extraction.findings),
  };
  const predicted: Finding[] = [];
  optimizers.forEach((opt, index) => {
    try {
      predicted.push(...predictionFindings(opt, index, text, context));
      const world = effective.worldSize !== undefined ? { worldSize: effective.worldSize } : {};
      predicted.push(...recipeFindings(opt, index, { ...context, ecosystem: extraction.ecosystem, ...world }));
    } catch (error) {
      errors.push({
        code: PREDICTION_FINDING_CODES.predictionFailed,
        severity: 'information',
        message: `Predictions for ${opt.name} stopped early: ${error instanceof Error ? error.message : String(error)}`,
        line: opt.line, span: opt.span, optimizerIndex: index,
      });
    }
  });
  predicted.push(...decayHorizonFindings(extraction, optimizers));
  base.findings = [
    ...withBetaFixes(extraction.findings, optimizers, context), ...fileFindings(extraction, text),
    ...errors, ...predicted,
  ];
  return base;
}
