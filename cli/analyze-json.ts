/**
 * The JSON of `optlens analyze --format json`, in a stable shape: per file its path, format,
 * ecosystem with its evidence, optimizers (name, implementation, line, hyperparameters keyed by the names of
 * core/hyperparams.ts, predictions) and findings (code, severity, line, message).
 */
import type { EcosystemSignal, FileAnalysis, NearTie, OptimizerAnalysis } from '../core/analysis';
import type { ExtractedValue, HyperparameterName, ScheduleKind } from '../core/hyperparams';
import { HYPERPARAMETER_NAMES } from '../core/hyperparams';
import type { Prediction } from '../core/prediction';
import {
  assumedValues, ecosystemWords, plainPhrase, type EcosystemCertainty,
} from '../core/provenance-words';
import type { Recipe } from '../core/recipe';
import { UNKNOWN_AT_RUN_TIME } from '../core/runtime-value';
import { type ScheduleFloor, scheduleFloorPhrase } from '../core/schedule-floor';

export interface JsonValue {
  value: number | string | boolean;
  line: number | null;
  raw?: string;
  key?: string;
  source: 'written' | 'default' | 'derived';
  defaultFrom?: string;
  derivedFrom?: string[];
  unit?: string;
  /** For written values: how extraction found it (a framework table's spelling, or the role vocabulary) and how sure.
   * */
  via?: { rule: string; keyPath: string; confidence: string; reason: string };
  /** A value the run sets: how (`call`, `interpolation`, ...), its expression, and `unknown (computed at run time)`. */
  runtime?: { kind: string; expression: string; shown: string };
}

/** The framework the file was read as, how sure, and the evidence (the same sentence as the hover's). */
export interface JsonEcosystemEvidence {
  /** `stated` (a comment in the file), `recognised` (its content), `guess` (the file name), `none` (generic). */
  certainty: EcosystemCertainty;
  /** The framework's name as people write it; absent when none was recognised. */
  name?: string;
  signals: EcosystemSignal[];
  /** Where the content nearly ties (a guess): this framework's detection score and the rivals'. */
  nearTie?: NearTie;
  summary: string;
}

export interface JsonFile {
  path: string;
  format: string;
  ecosystem: string;
  ecosystemEvidence: JsonEcosystemEvidence;
  optimizers: {
    name: string;
    implementation: string;
    line: number | null;
    /** How the name was found where no framework table named it (role inference). */
    nameVia?: JsonValue['via'];
    /**
     * The values the prediction used that neither the file nor a framework table gives: the optimizer family's
     * defaults, and their source.
     */
    assumed?: { source: string; values: Partial<Record<HyperparameterName, number>> };
    hyperparameters: Partial<Record<HyperparameterName, JsonValue>>;
    predictions: Prediction | null;
    /** science.md §8: timescale, scaling laws, Muon conventions, weight decay over the run. */
    recipe: Recipe | null;
    /** Where a decaying schedule ends (core/schedule-floor.ts): absent for a constant lr or with no prediction. */
    scheduleEnd?: JsonScheduleEnd;
  }[];
  findings: { code: string; severity: string; line: number | null; message: string }[];
}

/** The schedule's end: the fraction of the peak lr the prediction decays to, the floor it was read from, in words. */
export interface JsonScheduleEnd {
  schedule: ScheduleKind;
  /** The prediction input's `minLrRatio`; null where no floor is used (the decay ends at 0). */
  minLrRatio: number | null;
  /** The floor as written (or the framework's default): a learning rate or a fraction of the peak. */
  floor: { kind: ScheduleFloor['kind']; value: JsonValue } | null;
  summary: string;
}

function scheduleEnd(o: OptimizerAnalysis): JsonScheduleEnd | null {
  const input = o.predictionInput;
  const phrase = input ? scheduleFloorPhrase(input, o.scheduleFloor) : null;
  if (input === null || phrase === null) return null;
  return {
    schedule: input.schedule, minLrRatio: input.minLrRatio ?? null,
    floor: o.scheduleFloor ? { kind: o.scheduleFloor.kind, value: jsonValue(o.scheduleFloor.value) } : null,
    summary: plainPhrase(phrase),
  };
}

function jsonValue(v: ExtractedValue): JsonValue {
  const out: JsonValue = { value: v.value, line: v.line, source: v.source };
  if (v.source === 'written') {
    if (v.raw !== null) out.raw = v.raw;
    if (v.key !== null) out.key = v.key;
    if (v.via !== undefined) out.via = { ...v.via };
  }
  if (v.defaultFrom !== undefined) out.defaultFrom = v.defaultFrom;
  if (v.derivedFrom !== undefined) out.derivedFrom = v.derivedFrom;
  if (v.unit !== undefined) out.unit = v.unit;
  // A value the run sets: its expression and the words every surface shows for it.
  if (v.runtime !== undefined) out.runtime = { ...v.runtime, shown: UNKNOWN_AT_RUN_TIME };
  return out;
}

function ecosystemEvidence(analysis: FileAnalysis): JsonEcosystemEvidence {
  const words = ecosystemWords(analysis);
  return {
    certainty: words.certainty,
    ...(words.certainty !== 'none' ? { name: analysis.ecosystemName ?? analysis.ecosystem } : {}),
    signals: analysis.ecosystemSignals ?? [],
    ...(analysis.ecosystemNearTie !== undefined ? { nearTie: analysis.ecosystemNearTie } : {}),
    summary: plainPhrase(words.sentence),
  };
}

export function toJsonFile(analysis: FileAnalysis): JsonFile {
  return {
    path: analysis.path,
    format: analysis.format,
    ecosystem: analysis.ecosystem,
    ecosystemEvidence: ecosystemEvidence(analysis),
    optimizers: analysis.optimizers.map((o) => {
      const hyperparameters: Partial<Record<HyperparameterName, JsonValue>> = {};
      for (const name of HYPERPARAMETER_NAMES) {
        const v = o.hyperparameters[name];
        if (v) hyperparameters[name] = jsonValue(v);
      }
      const assumed = o.predictions !== null ? assumedValues(o) : null;
      const assumedByName = Object.fromEntries(assumed?.values.map((v) => [v.name, v.value]) ?? []);
      const end = scheduleEnd(o);
      return {
        name: o.name, implementation: o.implementation, line: o.line,
        ...(o.nameVia !== undefined ? { nameVia: { ...o.nameVia } } : {}),
        ...(assumed !== null ? { assumed: { source: assumed.source, values: assumedByName } } : {}),
        hyperparameters, predictions: o.predictions, recipe: o.recipe,
        ...(end !== null ? { scheduleEnd: end } : {}),
      };
    }),
    findings: analysis.findings.map((f) => ({ code: f.code, severity: f.severity, line: f.line, message: f.message })),
  };
}
