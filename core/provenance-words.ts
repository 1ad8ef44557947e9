/**
 * How a value and the file's framework were found, in plain words, made once for every surface that says it:
 * the hover (Markdown), the status bar's tooltip and the CLI's text (plain). A phrase keeps config text and
 * OptLens's own words apart, so that the Markdown surface can quote the one and escape nothing it should not.
 */
import type { EcosystemSignal, FileAnalysis } from './analysis';
import type { ExtractedOptimizer, ExtractedValue, HyperparameterName, OptimizerKind, Provenance } from './hyperparams';
import type { PredictionInput } from './prediction';
import { OPTIMIZER_DEFAULTS } from './theory/input';

/** Each hyperparameter as a person names it. */
export const HYPERPARAMETER_LABELS: Record<HyperparameterName, string> = {
  lr: 'learning rate η', beta1: 'β1', beta2: 'β2', eps: 'ε', weightDecay: 'weight decay λ', momentum: 'momentum μ',
  microBatchSize: 'micro-batch size', gradAccum: 'gradient accumulation', globalBatchSize: 'global batch size B',
  seqLen: 'sequence length', steps: 'training steps T', warmupSteps: 'warmup steps', schedule: 'learning-rate schedule',
};

/** One piece of a sentence: OptLens's own words, or text quoted from the config (a key, a name, a literal). */
export type PhrasePart = { text: string } | { code: string };
export type Phrase = readonly PhrasePart[];

/** How sure OptLens is that a written value plays the role it is read as, in the words every surface uses. */
export type Certainty = 'certain' | 'likely' | 'a guess';

/** The phrase as plain text: quoted config text between backticks, as a person writes it in a message. */
export function plainPhrase(phrase: Phrase): string {
  return phrase.map((p) => ('code' in p ? `\`${p.code}\`` : p.text)).join('');
}

/**
 * A framework table's spelling is what the framework itself reads: certain, or likely where the framework itself is
 * a guess from the file name. A value found by its name alone is likely where its context says so (a specific name,
 * or inside an optimizer block), else a guess; without a recognised framework even the shared spellings of the
 * fallback table are read by name only.
 */
export function certaintyOf(via: Provenance, ecosystem: EcosystemFacts): Certainty {
  if (via.rule === 'table' && ecosystem.ecosystem !== 'generic') {
    return ecosystemIsGuess(ecosystem) ? 'likely' : 'certain';
  }
  return via.confidence === 'high' ? 'likely' : 'a guess';
}

/** A reason whose quoted config text is between backticks (`\`adam_beta2\` names β2 …`), as a phrase. */
function reasonPhrase(reason: string): PhrasePart[] {
  return reason.split(/`([^`]*)`/).flatMap((piece, i): PhrasePart[] => {
    if (piece === '') return [];
    return i % 2 === 1 ? [{ code: piece }] : [{ text: piece }];
  });
}

/**
 * How a written value was found, in a few words: "Read as DeepSpeed reads it (certain)" for a framework table's
 * spelling; "Read by its name: `adam_beta2` names β2 inside an optimizer block or call (likely; no framework table
 * spells it)" for role inference. Null for a value the file does not write
 * or one without a record of how it was found.
 */
export function valueFoundPhrase(value: ExtractedValue, ecosystem: EcosystemFacts): Phrase | null {
  const found = foundPhrase(value, ecosystem);
  return found && [...found, ...scaledPhrase(value)];
}

/** What a scaled value (a learning rate, an ε) is: the product of its literals, or a run-time one's written base. */
function scaledPhrase(value: ExtractedValue): Phrase {
  const scaled = value.via?.scaled;
  if (scaled === undefined) return [];
  if (scaled.runTime) {
    return [{ text: '; the written base of ' }, { code: scaled.expression },
      { text: ', a value the run computes with factors known only when it starts' }];
  }
  const from = value.derivedFrom ?? [];
  return [{ text: '; computed as ' }, { code: scaled.expression },
    ...(from.length > 0 ? [{ text: ' from ' }, ...from.flatMap((f, i): PhrasePart[] =>
      [...(i > 0 ? [{ text: ', ' }] : []), { code: f }])] : [])];
}

function foundPhrase(value: ExtractedValue, ecosystem: EcosystemFacts): Phrase | null {
  const via = value.via;
  if (value.source !== 'written' || via === undefined) return null;
  const certainty = certaintyOf(via, ecosystem);
  if (via.rule === 'table' && ecosystem.ecosystem !== 'generic') {
    const guess = ecosystemIsGuess(ecosystem) ? ' (the framework is a guess)' : '';
    const through: Phrase = via.through === undefined ? []
      : [{ text: ', read through ' }, { code: via.through }, { text: ' at ' }, { code: via.keyPath }];
    return [{ text: `${ecosystem.ecosystemName ?? ecosystem.ecosystem} key, ${certainty}${guess}` }, ...through];
  }
  if (via.rule === 'table') return [{ text: `Read by its name (${certainty}; no framework recognised)` }];
  return [{ text: 'Read by its name: ' }, ...reasonPhrase(via.reason),
    { text: ` (${certainty}; no framework table spells it)` }];
}

/** How the optimizer's name was found, where a framework table did not name it. */
export function nameFoundPhrase(opt: ExtractedOptimizer, ecosystem: EcosystemFacts): Phrase | null {
  if (opt.nameVia === undefined) return null;
  const certainty = certaintyOf(opt.nameVia, ecosystem);
  return [{ text: 'The optimizer is named by ' }, { code: opt.nameVia.keyPath },
    { text: `, read by its name (${certainty}).` }];
}

/** How sure the file's framework is: `stated` (a comment says), `recognised` (its content), `guess`, `none`. */
export type EcosystemCertainty = 'stated' | 'recognised' | 'guess' | 'none';

export interface EcosystemWords {
  certainty: EcosystemCertainty;
  /** A few words for a status bar: `LLaMA-Factory`, `LLaMA-Factory?`, `no framework`. */
  short: string;
  /** The sentence with its evidence. */
  sentence: Phrase;
}

const SIGNAL_WORDS: Record<Exclude<EcosystemSignal['kind'], 'file-name' | 'comment'>, string> = {
  key: 'keys', value: 'values', call: 'calls',
};

/** `keys: stage, finetuning_type; calls: trl.SFTConfig`, each quoted; at most `max` of them. */
function evidencePhrase(all: readonly EcosystemSignal[], max: number): PhrasePart[] {
  const signals = all.filter((s) => s.kind !== 'file-name' && s.kind !== 'comment').slice(0, max);
  const out: PhrasePart[] = [];
  for (const kind of ['key', 'value', 'call'] as const) {
    // A call is named by its last part: `nemo.collections.llm.api.pretrain` is `pretrain` to a reader.
    const texts = signals.filter((s) => s.kind === kind).map((s) => (kind === 'call' ? s.text.split('.').pop() ?? s.text : s.text));
    if (texts.length === 0) continue;
    if (out.length > 0) out.push({ text: '; ' });
    out.push({ text: `${SIGNAL_WORDS[kind]}: ` });
    texts.forEach((text, i) => out.push(...(i > 0 ? [{ text: ', ' }] : []), { code: text }));
  }
  return out;
}

/**
 * The values a prediction used that the file does not give and no framework table supplies: the science core's
 * defaults for the optimizer family (PyTorch's for AdamW, Adam, SGD), with their source.
 */
const FAMILY_FIELDS: Record<OptimizerKind, readonly FamilyField[]> = {
  adamw: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
  adam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
  sgd: ['lr', 'momentum', 'weightDecay'],
  signsgd: ['lr', 'weightDecay'],
  signsgdm: ['lr', 'beta1', 'weightDecay'],
  lion: ['lr', 'beta1', 'beta2', 'weightDecay'],
  muon: ['lr', 'momentum', 'weightDecay'],
};

export interface AssumedValues {
  /** Where the values come from (`torch.optim.AdamW defaults (PyTorch docs)`). */
  source: string;
  values: { name: FamilyField; value: number }[];
}

/** A decimal literal, the only text the prediction reads as a number (server/prediction-input.ts numericValue). */
const DECIMAL = /^\s*[+-]?(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Whether the prediction can use the value as a number (a word such as DeepSpeed's `auto` it cannot). */
function usable(value: ExtractedValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value.value === 'number') return Number.isFinite(value.value);
  return typeof value.value === 'string' && DECIMAL.test(value.value) && Number.isFinite(Number(value.value));
}

/** Whether the file leaves the value to the run (its `runtime` says how), so that no default stands in for it. */
function leftToTheRun(value: ExtractedValue | undefined): boolean {
  return value !== undefined && 'runtime' in value && value.runtime !== undefined;
}

type FamilyField = 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'momentum';

/**
 * The family defaults the prediction used for `opt` because neither the file nor its framework's table gave them,
 * at the values the prediction used.
 */
export function assumedValues(opt: ExtractedOptimizer & { predictionInput?: PredictionInput | null }):
  AssumedValues | null {
  if (opt.kind === null) return null;
  const defaults = OPTIMIZER_DEFAULTS[opt.kind];
  const values = FAMILY_FIELDS[opt.kind]
    // A value the run sets (DeepSpeed's `auto`, `${oc.env:LR}`) is unknown, not stood in for by a default.
    .filter((name) => !usable(opt.hyperparameters[name]) && !leftToTheRun(opt.hyperparameters[name]))
    .map((name) => ({ name, value: (opt.predictionInput ?? defaults)[name] }));
  return values.length > 0 ? { source: defaults.source, values } : null;
}

/**
 * "Assumed, as neither the file nor a framework table gives them: β1 `0.9`, ε `1e-8`, from torch.optim.AdamW
 * defaults (PyTorch docs)."
 */
export function assumedPhrase(opt: Parameters<typeof assumedValues>[0]): Phrase | null {
  const assumed = assumedValues(opt);
  if (assumed === null) return null;
  const list = assumed.values.flatMap(({ name, value }, i): PhrasePart[] =>
    [{ text: `${i > 0 ? ', ' : ''}${HYPERPARAMETER_LABELS[name]} ` }, { code: String(value) }]);
  return [{ text: 'Assumed, as neither the file nor a framework table gives them: ' }, ...list,
    { text: `, from ${assumed.source}.` }];
}

/** What the analysis says about its framework. */
export type EcosystemFacts = Pick<FileAnalysis, 'ecosystem' | 'ecosystemEvidence' | 'ecosystemName' | 'ecosystemSignals'
  | 'ecosystemNearTie'>;

/** Whether the framework is a guess: the file name decided, or the content nearly tied and nothing decided. */
export function ecosystemIsGuess(ecosystem: Pick<FileAnalysis, 'ecosystemEvidence'>): boolean {
  return ecosystem.ecosystemEvidence === 'filename' || ecosystem.ecosystemEvidence === 'close';
}

/**
 * "Hugging Face Trainer scores nearly as high (8 against 9)": the rivals of a near tie, with the scores (the summed
 * weights of the keys, values and calls each framework recognises in the file).
 */
function rivalsPhrase(analysis: EcosystemFacts): PhrasePart[] {
  const tie = analysis.ecosystemNearTie;
  if (tie === undefined || tie.rivals.length === 0) return [{ text: '; another framework fits nearly as well' }];
  const names = tie.rivals.map((r) => r.name);
  const list = names.length === 1 ? names[0] ?? ''
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  const scores = tie.rivals.map((r) => String(r.score)).join(', ');
  return [{ text: `; ${list} ${names.length === 1 ? 'fits' : 'fit'} nearly as well (${scores} against ${tie.score})` }];
}

/**
 * The framework the file was read as, and the evidence (at most `maxSignals` pieces): "Looks like LLaMA-Factory
 * (keys: `stage`, `finetuning_type`)"; from the file name only, "A guess: …"; without one, what reading by name means.
 */
export function ecosystemWords(analysis: EcosystemFacts, maxSignals = 3): EcosystemWords {
  const name = analysis.ecosystemName ?? analysis.ecosystem;
  const signals = analysis.ecosystemSignals ?? [];
  const evidence = evidencePhrase(signals, maxSignals);
  if (analysis.ecosystemEvidence === 'none') {
    return {
      certainty: 'none', short: 'no framework',
      sentence: [{ text: 'No framework recognised: each value is read by what its name means.' }],
    };
  }
  if (signals.some((s) => s.kind === 'comment')) {
    return {
      certainty: 'stated', short: name,
      sentence: [{ text: `Read as ${name}, as the file says in its ` }, { code: '# optlens: ecosystem=' },
        { text: ' comment.' }],
    };
  }
  if (analysis.ecosystemEvidence === 'close') {
    const why = evidence.length > 0 ? [{ text: ' (' }, ...evidence, { text: ')' }] : [];
    return {
      certainty: 'guess', short: `${name}?`,
      sentence: [{ text: `A guess: ${name}` }, ...why, ...rivalsPhrase(analysis),
        { text: ', and the file name does not decide. A ' }, { code: `# optlens: ecosystem=${analysis.ecosystem}` },
        { text: ' comment states it.' }],
    };
  }
  if (analysis.ecosystemEvidence === 'filename') {
    const also = evidence.length > 0 ? [{ text: '; ' }, ...evidence] : [];
    return {
      certainty: 'guess', short: `${name}?`,
      sentence: [{ text: `A guess: ${name}, from the file name` }, ...also, { text: '.' }],
    };
  }
  const why = evidence.length > 0 ? [{ text: ' (' }, ...evidence, { text: ')' }] : [];
  return { certainty: 'recognised', short: name, sentence: [{ text: `Looks like ${name}` }, ...why, { text: '.' }] };
}
