/**
 * `extract()`: from a file's text to the optimizers and hyperparameters its framework will use, exactly
 * where they are written, and the traps in how they are written. The pipeline:
 *
 *   format (format.ts) → reader (yaml.ts, json.ts, toml.ts, python.ts, shell.ts) → ConfigEntry[]
 *   → ecosystem (detect.ts over ecosystems/*) → optimizers and values (resolve.ts) → defaults
 *   → batch arithmetic (batch.ts) → traps (traps/*.ts)
 *
 * It never throws: unreadable input gives read errors and whatever could still be read.
 * server/analyze.ts turns an `Extraction` into a `FileAnalysis` with predictions.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { Finding, ScheduleKind } from '../../core/hyperparams';
import { chooseArgumentClass } from './argument-class';
import { withClassKeys } from './class-keys';
import { dataParallelSize, deriveBatch, deriveWarmup, tokensPerStep, warmupFractionOf } from './batch';
import { readDecayHorizon } from './decay-horizon';
import { readScheduleFloor } from './schedule-floor';
import { detectEcosystem } from './detect';
import { withoutDisabledBlocks } from './disabled-blocks';
import { splitLaunchEntries, withLaunchRuns } from './roles/launch-runs';
import { withStreamBatches } from './roles/stream-batches';
import { ECOSYSTEMS, GENERIC } from './ecosystems';
import type { EcosystemTable } from './ecosystems/types';
import type { ConfigEntry } from './entries';
import type { ExtractOptions, Extraction } from './extraction';
import { detectFormat } from './format';
import { renderPath } from './keypath';
import { lineIndex } from './lines';
import { inheritedValueFindings } from './inheritance';
import { withInterpolationsResolved } from './interpolation';
import { withRunFileUnwrapped } from './run-files';
import { invalidValueFindings } from './invalid-values';
import { runtimeValueFindings } from './runtime-values';
import { armRuns, branchValueFindings } from './branch-values';
import { findSpelling, indexEntries, normaliseSpelling, type EntryIndex } from './match';
import { readFile } from './readers';
import { applyDefaults, resolveOptimizers } from './resolve';
import { inferRoles } from './roles/infer';
import { notAnalysedFindings, withinOptimizerCap } from './optimizer-cap';
import { listParamGroups } from './list-param-groups';
import { partSettingGroups } from './part-settings';
import { withStageBlocks } from './stage-keys';
import { withGinScopesMerged } from './gin-scopes';
import { withoutFrozenParts } from './frozen-parts';
import { droppedPhaseFindings } from './roles/phases';
import { unclaimedFindings } from './roles/unclaimed';
import { readStepsOverRunLength } from './fraction-of-run';
import { applyLrScaling } from './lr-scaling';
import { applyLrScheduleScales } from './lr-schedule-scale';
import { applyLrScheduleStrings } from './lr-schedule-strings';
import { applyScheduleFactories } from './schedule-factories';
import { scheduleKindOf } from './schedules';
import { readOptimizerStatePrecision } from './optimizer-state-precision';
import { readCommentSettings } from './settings-comments';
import { betaRange } from './traps/beta-range';
import { betasString } from './traps/betas-string';
import type { Trap, TrapContext } from './traps/context';
import { coupledL2 } from './traps/coupled-l2';
import { epsFp16 } from './traps/eps-fp16';
import { ignoredKey } from './traps/ignored-key';
import { pyyamlExponent } from './traps/pyyaml-exponent';
import { torchRejects } from './traps/torch-rejects';
import { frameworkValue } from './values';

export type { Extraction, ExtractOptions } from './extraction';

const TRAPS: Trap[] = [pyyamlExponent, ignoredKey, betasString, coupledL2, epsFp16, betaRange, torchRejects];

/** Whether the file turns fp16 on, from the table's fp16 keys (`fp16: true`, `precision: 16-mixed`, `fp16.enabled`). */
function readFp16(index: EntryIndex, table: EcosystemTable, format: ConfigFormat): TrapContext['fp16'] {
  for (const key of table.fp16Keys ?? []) {
    const match = findSpelling(index, [], normaliseSpelling(key));
    if (!match) continue;
    const v = frameworkValue(match.entry, format);
    const text = String(v).toLowerCase();
    let on: boolean | null = null;
    if (v === true || /^(fp16|float16|half|16|16-mixed|16-true|o[123]|true)$/.test(text)) on = true;
    else if (v === false || /^(bf16|bfloat16|32|fp32|float32|bf16-mixed|bf16-true|32-true|64|false|no|o0)$/.test(text)) on = false;
    if (on !== null) return { value: on, key: renderPath(match.entry.path), span: { ...match.entry.span } };
  }
  return null;
}

/**
 * The entries as the framework reads them: interpolations read as their literals, a launcher's run file unwrapped to
 * the config it carries, blocks the file switches off and a launcher's commands that train nothing dropped.
 */
export function configEntries(entries: readonly ConfigEntry[], format: ConfigFormat, untrained = false):
  readonly ConfigEntry[] {
  // A launcher's sampling or evaluation command (shell/command-purpose.ts) sets no run's values.
  const training = format === 'shell' && !untrained ? entries.filter((e) => e.notTraining === undefined) : entries;
  return withStageBlocks(
    withoutDisabledBlocks(withRunFileUnwrapped(withInterpolationsResolved(training, format), format), format));
}

export function extract(text: string, fileName: string, options: ExtractOptions = {}): Extraction {
  const format = detectFormat(text, fileName, options.languageId);
  const read = readFile(text, format);
  // Keys that name the class their block builds (`AdamW.lr`, `optimizer: {AdamW: {...}}`) are entries too.
  const allEntries = withClassKeys(configEntries(read.entries, format), format, text);
  const lines = lineIndex(text);
  const fromComments = readCommentSettings(read.comments);
  // A launcher's commands that train nothing still say whose scripts it runs (Megatron's text generation server takes
  // Megatron's flags): the framework is detected from every command, values are read from the training ones.
  const untrained = format === 'shell' && read.entries.some((e) => e.notTraining !== undefined);
  const detectFrom = untrained ? withClassKeys(configEntries(read.entries, format, true), format, text) : allEntries;
  const detection = detectEcosystem(ECOSYSTEMS, GENERIC, detectFrom, format, fileName, fromComments.ecosystem);
  // A generated file of thousands of optimizer blocks is read for its first ones (optimizer-cap.ts).
  const capped = withinOptimizerCap(allEntries, detection.table);
  const entries = capped.entries;
  // A launcher of several training commands: the main run reads its own command's flags only (launch-runs.ts).
  const launches = format === 'shell' ? splitLaunchEntries(entries) : null;
  const index = (launches ? null : capped.index) ??
    indexEntries(launches?.main ?? entries, detection.table.caseInsensitiveKeys ?? false);
  // The argument class the file builds (unsloth's patched SFTConfig, transformers' own TrainingArguments) has the
  // defaults, not the framework in general.
  const { table } = chooseArgumentClass(detection.table, entries, index, format, text);
  const ctx = { format, table, index, lines };

  // The table reads what it knows; the shared role vocabulary reads what no table spells (roles/infer.ts).
  // Each other arm of a shell branch that changes a value read here is a run of its own (branch-values.ts); each
  // parameter group listed in a declarative optimizer block with its own lr is an optimizer (list-param-groups.ts), and
  // so is each model part's own setting beside the optimizer's (part-settings.ts);
  // the optimizer of a part the file freezes is never built (frozen-parts.ts).
  const roles = inferRoles(ctx, withoutFrozenParts(ctx, resolveOptimizers(ctx)));
  // A gin configurable's unscoped bindings apply to each of its scopes (gin-scopes.ts).
  const inferred = format === 'gin' ? withGinScopesMerged(roles) : roles;
  const armed = armRuns(partSettingGroups(ctx, listParamGroups(ctx, inferred)), entries, lines);
  // Batches of several data streams (`--batch_size_mmc4`, `--batch_size_laion`): one per stream (stream-batches.ts).
  const resolved = withStreamBatches(ctx, launches ? withLaunchRuns(ctx, armed, launches) : armed);
  const factoryKinds = applyScheduleFactories(ctx, resolved);
  readStepsOverRunLength(ctx, resolved);
  applyLrScheduleStrings(resolved.map((r) => r.optimizer.hyperparameters));
  const worldSize = fromComments.settings.worldSize ?? options.worldSize;
  const dp = dataParallelSize(index, format, table.batch, worldSize);
  const warmupOf = warmupFractionOf(index, format, table.warmupFractionOf);
  for (const r of resolved) {
    applyDefaults(r, table, index);
    deriveBatch(r.optimizer.hyperparameters, table.batch, dp);
    deriveWarmup(r.optimizer.hyperparameters, warmupOf);
  }
  const scaling = applyLrScaling({ index, format, lines }, table.lrScaling,
    resolved.map((r) => r.optimizer.hyperparameters), dp);
  const scheduleScales = applyLrScheduleScales({ index, format, lines }, table.lrScheduleScales,
    resolved.map((r) => r.optimizer.hyperparameters));
  const optimizers = resolved.map((r) => r.optimizer);
  const fp16 = readFp16(index, table, format);

  const trapContext: TrapContext = {
    text,
    format,
    table,
    recognised: detection.evidence !== 'none',
    entries,
    index,
    lines,
    optimizers: resolved,
    fp16,
  };
  const findings: Finding[] = [
    ...TRAPS.flatMap((trap) => trap(trapContext)),
    ...scaling,
    ...scheduleScales,
    ...invalidValueFindings(optimizers, lines),
    ...runtimeValueFindings(optimizers, lines),
    ...branchValueFindings(entries, optimizers, lines),
    ...unclaimedFindings(entries, optimizers, format, lines),
    ...notAnalysedFindings(capped, lines),
    ...droppedPhaseFindings(entries, optimizers, lines),
    ...inheritedValueFindings(entries, optimizers, format, lines),
  ].sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
  // A schedule factory's shape comes from its arguments (a rising linear_schedule is a warmup held constant).
  const scheduleKinds: (ScheduleKind | null)[] = resolved.map((r) => factoryKinds.has(r) ?
    factoryKinds.get(r) ?? null : scheduleKindOf(r.optimizer.hyperparameters.schedule, table, entries));
  const first = optimizers[0];

  return {
    format,
    ecosystem: table.id,
    ecosystemEvidence: detection.evidence,
    ...(detection.nearTie ? { ecosystemNearTie: detection.nearTie } : {}),
    ecosystemCandidates: detection.candidates,
    ecosystemSignals: detection.signals,
    optimizers,
    scheduleKinds,
    tokensPerStep: first ? tokensPerStep(first.hyperparameters, table.batch) : null,
    decayHorizon: readDecayHorizon(index, table.id, lines),
    scheduleFloor: readScheduleFloor(index, table.id, lines),
    fp16: fp16 ? { ...fp16, line: lines.lineAt(fp16.span.start) } : null,
    optimizerState: readOptimizerStatePrecision(index, table.id, format),
    findings,
    readErrors: read.errors.map((e) => ({ ...e, line: lines.lineAt(e.span.start) })),
    comments: read.comments,
    settings: fromComments.settings,
  };
}

/** The entries a reader finds, for tools that show raw keys (the LSP's document symbols). */
export function readEntries(text: string, fileName: string, languageId?: string): {
  format: ConfigFormat; entries: ConfigEntry[] } {
  const format = detectFormat(text, fileName, languageId);
  return { format, entries: readFile(text, format).entries };
}
