/**
 * The hyperparameter flags shared by `optlens predict` and `optlens simulate`, parsed with
 * node:util parseArgs into a checked `PredictionInput`. Every bad flag or value becomes a
 * one-line `UsageError` that names the flag (the command exits 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OPTIMIZER_KINDS, SCHEDULE_KINDS, type OptimizerKind, type ScheduleKind, type WeightDecaySemantics } from '../core/hyperparams';
import type { PredictionInput } from '../core/prediction';
import { defaultPredictionInput, validatePredictionInput } from '../core/theory/input';
import { UsageError } from './io';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The prediction flags, each with the `PredictionInput` field it sets and a one-line help. */
const FLAGS = {
  optimizer: { field: 'optimizer', help: `optimizer: ${OPTIMIZER_KINDS.join('|')} (default adamw)` },
  lr: { field: 'lr', help: 'peak learning rate η (default: the optimizer\'s own)' },
  beta1: { field: 'beta1', help: 'β1 (Adam, SignSGDM, Lion), in [0, 1)' },
  beta2: { field: 'beta2', help: 'β2 (Adam, Lion), in [0, 1)' },
  eps: { field: 'eps', help: 'Adam ε' },
  'weight-decay': { field: 'weightDecay', help: 'weight decay λ (0 is valid: no equilibrium)' },
  'decay-semantics': { field: 'weightDecaySemantics', help: 'how λ is applied: lr|lr-ratio|lr-squared|coupled-l2|none (default: the optimizer\'s)' },
  momentum: { field: 'momentum', help: 'SGD / Muon momentum μ, in [0, 1)' },
  dampening: { field: 'dampening', help: 'torch SGD dampening, in [0, 1]' },
  steps: { field: 'steps', help: 'total optimizer steps T' },
  'warmup-steps': { field: 'warmupSteps', help: 'linear warmup steps' },
  schedule: { field: 'schedule', help: `lr schedule: ${SCHEDULE_KINDS.join('|')} (default constant)` },
  'decay-steps': { field: 'decaySteps', help: 'WSD: length of the final decay (default 20% of the run)' },
  'min-lr-ratio': { field: 'minLrRatio', help: 'final lr / peak lr (cosine, linear, WSD), default 0' },
  snr: { field: 'snr', help: 'gradient SNR ‖μ‖²/‖σ‖² (default 0, pure noise)' },
  'batch-size': { field: 'batchSize', help: 'global batch size, same unit as --noise-scale' },
  'noise-scale': { field: 'noiseScale', help: 'B_simple (science.md §4), same unit as --batch-size' },
  'hessian-alignment': { field: 'hessianAlignment', help: 'Hessian alignment ρ (default 0 = diagonal)' },
  'grad-norm': { field: 'gradNorm', help: 'minibatch gradient norm ‖G‖ (with --params: the ε regime)' },
  'gradient-scale-spread': { field: 'gradientScaleSpread', help: 'σ of ln|g| across coordinates, 0–3 (default 1, assumed; science.md §7.3)' },
  params: { field: 'params', help: 'parameter count N' },
  'theta0-rms': { field: 'theta0Rms', help: 'initial weight RMS θ0 (default 0)' },
  shape: { field: 'shape', help: 'Muon matrix shape MxN (out x in)' },
  'muon-adjust-lr': { field: 'muonAdjustLr', help: 'Muon adjust_lr_fn: original|match_rms_adamw' },
} as const satisfies Record<string, { field: keyof PredictionInput; help: string }>;

const SWITCHES = {
  nesterov: { help: 'Nesterov momentum (SGD, Muon)' },
  'no-nesterov': { help: 'plain momentum (Muon defaults to Nesterov)' },
  fp16: { help: 'optimizer state in fp16 (true half precision, not mixed precision): flags ε that becomes 0' },
  json: { help: 'print one JSON object' },
  help: { help: 'show these flags' },
} as const;

export const PREDICTION_OPTIONS = {
  ...Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' }])),
  ...Object.fromEntries(Object.keys(SWITCHES).map((name) => [name, { type: 'boolean' }])),
  help: { type: 'boolean', short: 'h' },
} as OptionsConfig;

/** `--flag  help` lines for the prediction flags, less those in `omit` (a command that lists them itself). */
export function predictionFlagsHelp(omit: readonly string[] = []): string {
  const rows = [
    ...Object.entries(FLAGS).map(([name, f]) => [name, `--${name} ${name === 'shape' ? 'MxN' : 'X'}`, f.help]),
    ...Object.entries(SWITCHES).map(([name, f]) => [name, `--${name}`, f.help]),
  ].filter(([name]) => !omit.includes(name)).map(([, flag, help]) => [flag, help]);
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n') + '\n';
}

export interface ParsedPredictionFlags {
  input: PredictionInput;
  /** Values of the caller's extra options, by name, as parseArgs gives them. */
  extra: Record<string, string | boolean | undefined>;
  positionals: string[];
  json: boolean;
  help: boolean;
}

const NUMBER = /^[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A number flag's value, or a UsageError naming the flag. */
export function parseNumberFlag(flag: string, raw: string): number {
  const text = raw.trim().replace(/_/g, '');
  if (!NUMBER.test(text)) throw new UsageError(`--${flag}: not a number: '${raw}'`);
  return Number(text);
}

function parseChoice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${flag}: unknown value '${raw}' (expected one of ${choices.join(', ')})`);
}

function parseShape(raw: string): [number, number] {
  const match = /^\s*(\d+)\s*[x×,]\s*(\d+)\s*$/i.exec(raw);
  if (!match) throw new UsageError(`--shape: expected MxN (two positive integers), got '${raw}'`);
  return [Number(match[1]), Number(match[2])];
}

/** `--lr -1` is ambiguous to parseArgs; read a negative number after a value flag as its value (then reject it by
 * range). */
function joinNegativeValues(args: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (a.startsWith('--') && valueFlags.has(a.slice(2)) && next !== undefined && /^-(\d|\.\d|inf|nan)/i.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs's multi-line messages, as one line that starts with the flag. */
function parseArgsMessage(message: string): string {
  const first = message.split('\n')[0];
  const flag = /'(-{1,2}[^' ]+)/.exec(first)?.[1];
  if (/^Unknown option/.test(first)) return `unknown flag ${flag ?? first}`;
  if (/argument missing/.test(first)) return `${flag}: needs a value`;
  if (/does not take an argument/.test(first)) return `${flag}: takes no value`;
  if (/^Unexpected argument/.test(first)) return first.replace(/^Unexpected argument/, 'unexpected argument').replace(/\. This command.*$/, '');
  return first;
}

const SEMANTICS: readonly WeightDecaySemantics[] = ['lr', 'lr-ratio', 'lr-squared', 'coupled-l2', 'none'];

/**
 * Parses the prediction flags plus `extraOptions` (the caller's own, parseArgs style) into a
 * checked input. Unset flags take the chosen optimizer's defaults (core/theory/input.ts).
 */
export function parsePredictionFlags(
  args: readonly string[], extraOptions: OptionsConfig = {}, allowPositionals = false): ParsedPredictionFlags {
  const options: OptionsConfig = { ...PREDICTION_OPTIONS, ...extraOptions };
  const valueFlags = new Set(Object.entries(options).filter(([, o]) => o.type === 'string').map(([n]) => n));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, valueFlags), options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error instanceof Error ? error.message : String(error)));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const overrides: Partial<PredictionInput> = {};
  const set = <K extends keyof PredictionInput>(field: K, value: PredictionInput[K]) => {
    overrides[field] = value;
  };
  for (const [name, flag] of Object.entries(FLAGS)) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    switch (flag.field) {
      case 'optimizer': set('optimizer', parseChoice<OptimizerKind>(name, raw, OPTIMIZER_KINDS)); break;
      case 'schedule': set('schedule', parseChoice<ScheduleKind>(name, raw, SCHEDULE_KINDS)); break;
      case 'weightDecaySemantics': set('weightDecaySemantics', parseChoice(name, raw, SEMANTICS)); break;
      case 'muonAdjustLr': set('muonAdjustLr', parseChoice(name, raw, ['original', 'match_rms_adamw'] as const)); break;
      case 'shape': set('shape', parseShape(raw)); break;
      default: set(flag.field, parseNumberFlag(name, raw));
    }
  }
  if (values.nesterov === true && values['no-nesterov'] === true) throw new UsageError('--nesterov and --no-nesterov contradict each other');
  if (values.nesterov === true) overrides.nesterov = true;
  if (values['no-nesterov'] === true) overrides.nesterov = false;
  if (values.fp16 === true) overrides.fp16 = true;
  const input = defaultPredictionInput(overrides);
  const problem = validatePredictionInput(input)[0];
  if (problem) {
    const flag = Object.entries(FLAGS).find(([, f]) => f.field === problem.field)?.[0] ?? problem.field;
    throw new UsageError(`--${flag}: ${problem.message}`);
  }
  const extra: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(extraOptions)) extra[name] = values[name];
  return { input, extra, positionals: parsed.positionals, json: values.json === true, help: values.help === true };
}
