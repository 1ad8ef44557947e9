/**
 * From a config's analysis to what the playground binds to (core/webview-messages BoundConfig): the
 * values its controls start from, and for each, where it came from and which literal of the file it
 * writes back to. Pure.
 */
import type { FileAnalysis, OptimizerAnalysis } from '../../core/analysis';
import type { ExtractedValue, HyperparameterName } from '../../core/hyperparams';
import { assumedValues, plainPhrase, valueFoundPhrase, type EcosystemFacts } from '../../core/provenance-words';
import { UNKNOWN_AT_RUN_TIME } from '../../core/runtime-value';
import type { ScheduleFloor } from '../../core/schedule-floor';
import type { BoundConfig, ParamOrigin, PlaygroundParamName, PlaygroundParams } from '../../core/webview-messages';

/**
 * Values the playground needs that a config may not say. They are marked `assumed`, so the page shows
 * them as the playground's own, never as the file's. B = B_simple puts the batch on the Surge curve's
 * shoulder, where moving either matters most.
 */
export const ASSUMED = { noiseScale: 1000, steps: 10_000 } as const;

/** The file hyperparameter each control writes (SGD's and Muon's momentum is the β1 control). */
function hyperparameterOf(param: PlaygroundParamName, optimizer: OptimizerAnalysis): HyperparameterName | null {
  switch (param) {
    case 'lr':
    case 'beta2':
    case 'eps':
    case 'weightDecay':
    case 'steps':
    case 'warmupSteps':
    case 'schedule':
      return param;
    case 'beta1':
      return optimizer.kind === 'sgd' || optimizer.kind === 'muon' ? 'momentum' : 'beta1';
    case 'batchSize':
      return 'globalBatchSize';
    default:
      return null;
  }
}

/**
 * Where a control's value came from, in the hover's words: how a written value was found, a default's or a
 * derived value's source, and for a value nothing gives, the optimizer family's defaults it was taken from.
 */
function originOf(value: ExtractedValue | undefined, hyperparameter: HyperparameterName | null, file: EcosystemFacts,
  assumedFrom: string | null): ParamOrigin {
  // The run sets it: the control needs a number to start from, which is the family's default, and says so.
  if (value?.runtime) {
    const detail = `${UNKNOWN_AT_RUN_TIME} (${value.runtime.expression}): the playground starts from the family's default`;
    return { source: 'assumed', hyperparameter, line: value.line, detail };
  }
  if (!value || (value.source === 'written' && assumedFrom !== null)) {
    return { source: 'assumed', hyperparameter, line: null, ...(assumedFrom ? { detail: `Not in the file: ${assumedFrom}` } : {}) };
  }
  const found = valueFoundPhrase(value, file);
  const detail = value.source === 'default' ? value.defaultFrom : value.source === 'derived' ? value.derivedFrom?.join(' × ')
    : found ? plainPhrase(found) : undefined;
  return { source: value.source, hyperparameter, line: value.line, ...(detail ? { detail } : {}) };
}

/** Where the noise scale came from, said truly: a comment in this file is not a setting, and a guess says so. */
export function noiseScaleOrigin(noiseScale: number | null, source: 'setting' | 'comment' | undefined): ParamOrigin {
  if (noiseScale === null) {
    return {
      source: 'assumed', hyperparameter: null, line: null,
      detail: 'Not known: estimate it from a log ("Estimate Noise Scale from a Log") or write `# optlens: noise-scale=…` in the file',
    };
  }
  if (source === 'comment') {
    return { source: 'comment', hyperparameter: null, line: null, detail: 'From a `# optlens: noise-scale=…` comment in this file' };
  }
  return { source: 'setting', hyperparameter: null, line: null, detail: 'From the optlens.noiseScale setting (applies to every config it covers)' };
}

/** The floor with only what the schedule label says: value, literal, key, line, or the default's source. */
function playgroundFloor(floor: ScheduleFloor): ScheduleFloor {
  const v = floor.value;
  return {
    kind: floor.kind,
    value: { value: v.value, raw: v.raw, key: v.key, line: v.line, span: null, source: v.source,
      ...(v.defaultFrom !== undefined ? { defaultFrom: v.defaultFrom } : {}) },
  };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The playground's binding for optimizer `optimizerIndex` of `analysis`, or null when OptLens cannot model it. */
export function bindConfig(uri: string, analysis: FileAnalysis, optimizerIndex: number): BoundConfig | null {
  const optimizer = analysis.optimizers[optimizerIndex];
  const input = optimizer?.predictionInput;
  if (!optimizer || !input) return null;
  const noiseScale = input.noiseScale ?? ASSUMED.noiseScale;
  const params: PlaygroundParams = {
    optimizer: input.optimizer,
    lr: input.lr,
    beta1: input.optimizer === 'sgd' || input.optimizer === 'muon' ? input.momentum : input.beta1,
    beta2: input.beta2,
    eps: input.eps,
    weightDecay: input.weightDecay,
    batchSize: input.batchSize ?? noiseScale,
    noiseScale,
    snr: input.snr,
    steps: input.steps ?? ASSUMED.steps,
    schedule: input.schedule,
    warmupSteps: input.warmupSteps,
    weightDecaySemantics: input.weightDecaySemantics,
    hessianAlignment: input.hessianAlignment,
    theta0Rms: input.theta0Rms,
    ...(input.gradNorm !== null ? { gradNorm: input.gradNorm } : {}),
    ...(input.params !== null ? { params: input.params } : {}),
    base: input,
  };

  const origins: Partial<Record<PlaygroundParamName, ParamOrigin>> = {};
  const assumed = assumedValues(optimizer);
  for (const param of ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'batchSize', 'steps', 'warmupSteps', 'schedule'] as const) {
    const hyperparameter = hyperparameterOf(param, optimizer);
    const fromFamily = assumed?.values.some((v) => v.name === hyperparameter) ? assumed.source : null;
    origins[param] = originOf(hyperparameter ? optimizer.hyperparameters[hyperparameter] : undefined, hyperparameter,
      analysis, fromFamily);
  }
  // A batch the file does not state is the noise scale itself (see ASSUMED), not the file's.
  if (input.batchSize === null) origins.batchSize = { source: 'assumed', hyperparameter: null, line: null };
  if (input.steps === null) origins.steps = { source: 'assumed', hyperparameter: origins.steps?.hyperparameter ?? 'steps', line: null };
  origins.noiseScale = noiseScaleOrigin(input.noiseScale, analysis.settings?.noiseScaleSource);
  origins.snr = { source: 'setting', hyperparameter: null, line: null, detail: 'optlens.snr' };

  return {
    uri,
    fileName: fileName(analysis.path),
    optimizerIndex,
    optimizerName: optimizer.name,
    params,
    origins,
    findings: analysis.findings.filter((f) => f.optimizerIndex === undefined || f.optimizerIndex === optimizerIndex),
    // The Recipe panel recomputes science.md §8 from the controls; what no control sets comes from the server's recipe.
    ...(optimizer.recipe ? { recipe: {
      context: optimizer.recipe.context, shape: input.shape, muonAdjustLr: input.muonAdjustLr } } : {}),
    ...(optimizer.scheduleFloor ? { scheduleFloor: playgroundFloor(optimizer.scheduleFloor) } : {}),
  };
}
