/**
 * Every entry of a file whose key names a role (roles/vocabulary.ts), with how sure that reading is given
 * where the key sits (roles/context.ts). Entries are looked up by name through the index, so a 10 MB file
 * costs one lookup per distinct key name, not a scan.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { Provenance } from '../../../core/hyperparams';
import { CLASS_DEFAULT_PHRASE, isCallEntry, type ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import { throughPhrase } from '../interpolation';
import { entriesAt, type EntryIndex } from '../match';
import { frameworkValue } from '../values';
import type { ValueUnit } from '../ecosystems/types';
import { BLOCK_WORDS, besideBeta2, blockWord, unusedBeside } from './block-words';
import { asSettingsBlock, readByWord, TRAIN_SPLIT_KEYS, trainSplitWord } from './settings-blocks';
import { unusedWarmup } from './unused-warmup';
import { isWarmupSegment } from './warmup-segment';
import { POSITIONAL_PARAMS, positionalParams } from './positional-params';
import { SCHEDULE_SWITCH_KEY, scheduleSwitchCandidates } from './schedule-switch-keys';
import { classKeyCandidates } from './class-key-readings';
import { CONVENTION_BATCH_WORDS, describedCandidates, globalBatchConvention, loopBoundCandidates,
  namesOnlyItsContainer, saysPerDevice, scheduleCallCandidates } from './code-readings';
import { keyContext, normaliseWord, type KeyContext } from './context';
import { isKnownOptimizerName } from './known-names';
import { asRunBlock, siblingValueOf } from './run-blocks';
import { asPartBlock } from './part-blocks';
import { noDecayGroupSpans } from './no-decay-group';
import { isObjectiveClip } from './objective';
import { dividendCandidates } from './quotients';
import { groupContext, groupLrPart, holdsGroupLr, partInFile, partSetting } from './group-lr';
import { FROZEN_PREFIXES, TRAINED_PREFIXES } from './places';
import {
  GLOBAL_BATCH_HELP,
  GROUP_LR,
  GROUP_LR_AFTER,
  LIST_WORDS,
  NUMBERED_OPTIMIZER,
  OPTIMIZER_SETTINGS_CLASS,
  ROLE_LABELS,
  ROLE_WORDS,
  SIBLING_WORDS,
  type ListWord,
  type Role,
  type RoleWord,
} from './vocabulary';

export interface RoleCandidate {
  role: Role;
  entry: ConfigEntry;
  /** The list element this entry is (`betas[1]`), or the element of a tuple string (`'(0.9, 0.98)'`). */
  element: number | null;
  context: KeyContext;
  via: Provenance;
  unit?: ValueUnit;
  /** For `<part>_lr`: the parameter group or model the learning rate is for (`matrix`, `actor`). */
  part?: string;
}

const INDEX = /^\d+$/;
const RANK: Record<Provenance['confidence'], number> = { high: 0, medium: 1, low: 2 };
const COUNT_ROLES: ReadonlySet<Role> = new Set([
  'microBatchSize',
  'gradAccum',
  'globalBatchSize',
  'seqLen',
  'steps',
  'warmupSteps',
]);
const WORD_ROLES: ReadonlySet<Role> = new Set(['schedule', 'optimizer']);

export function confidenceRank(c: Provenance['confidence']): number {
  return RANK[c];
}

const CONTEXT_WORDS: Record<KeyContext['kind'], string> = {
  optimizer: 'inside an optimizer block or call',
  scheduler: 'in a learning-rate schedule block',
  training: 'in a training block',
  root: 'at the top level',
  model: 'in a model block',
  other: 'in a block OptLens does not know',
  decoy: '',
};

function confidence(
  word: RoleWord,
  ctx: KeyContext,
  entry: ConfigEntry,
  value: unknown,
): Provenance['confidence'] | null {
  if (ctx.kind === 'decoy') return null;
  if (word.role === 'optimizer' && !word.specific) {
    // `name:`, `type:`, `_target_:` name the optimizer only directly inside its block; `opt: sgd` at the top
    // level only when the value is an optimizer OptLens knows.
    if (ctx.kind === 'optimizer' && ctx.group !== null && ctx.group.length === entry.path.length - 1) return 'high';
    if (ctx.kind !== 'root' && ctx.kind !== 'training') return null;
    return typeof value === 'string' && isKnownOptimizerName(value) ? 'medium' : null;
  }
  switch (ctx.kind) {
    case 'optimizer':
      return 'high';
    case 'training':
    case 'scheduler':
    case 'root':
      return word.specific ? 'high' : 'medium';
    case 'model':
      return word.specific ? 'medium' : null;
    default:
      return word.specific ? 'medium' : 'low';
  }
}

/**
 * Roles no run has at 0: a batch of no samples, an accumulation over no batches, a run of no steps, a sequence of no
 * tokens. A 0 written under such a name is a placeholder the program fills in (`batch_size: int = 0` with "computed in
 * runtime", `num_iterations: int = 0`), not the value: read by name, it would stand in for one.
 */
const NEVER_ZERO: ReadonlySet<Role> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'steps', 'seqLen']);

/** Whether a value can be what the role holds: numbers for numeric roles, words for the schedule and the name. */
function fits(role: Role, value: unknown, unit?: ValueUnit): boolean {
  if (WORD_ROLES.has(role)) return typeof value === 'string' && value.trim() !== '' && !/^[\d.eE+-]+$/.test(value);
  if (typeof value === 'boolean' || value === null) return false;
  if (value === 0 && NEVER_ZERO.has(role)) return false;
  // A count is whole: `warmup: 0.01` is a fraction of the run (gpt-neox), not a number of steps.
  // A word that names a share of the run (`warmup_ratio`) holds exactly such a number.
  if (COUNT_ROLES.has(role) && typeof value === 'number' && !Number.isInteger(value) && unit !== 'fraction') {
    return false;
  }
  if (
    typeof value === 'string' &&
    unit !== 'duration' &&
    COUNT_ROLES.has(role) &&
    /^\s*[\d_.]+(?:e\d+)?\s*(?:ep|tok|sp|dur|t|b)\s*$/i.test(value)
  )
    return false;
  return true;
}

/** Whether the list this element belongs to has more than one element (then `lr: [a, b]` is not one lr). */
function hasSecondElement(index: EntryIndex, path: readonly string[]): boolean {
  return entriesAt(index, [...path.slice(0, -1), '1']).length > 0;
}

function candidate(
  role: Role,
  entry: ConfigEntry,
  element: number | null,
  word: RoleWord,
  ctx: KeyContext,
  written: string,
  value: unknown,
): RoleCandidate | null {
  const named = confidence(word, ctx, entry, value);
  if (named === null) return null;
  // A default of the file's own optimizer class that the call leaves is written, but less sure than a passed value.
  const c = entry.classDefault ? (named === 'high' ? 'medium' : 'low') : named;
  const where = CONTEXT_WORDS[ctx.kind];
  const reason = `\`${written}\` ${word.specific ? 'names' : 'usually names'} ${ROLE_LABELS[role]} ${where}` +
    throughPhrase(entry) + (entry.classDefault ? CLASS_DEFAULT_PHRASE : '');
  const out: RoleCandidate = {
    role,
    entry,
    element,
    context: ctx,
    via: { rule: 'role', keyPath: renderPath(entry.origin ?? entry.path), confidence: c, reason },
  };
  if (word.unit !== undefined) out.unit = word.unit;
  return out;
}

/** `matrix_lr`, `lr_mp`, `actor_learning_rate`: a learning rate for one part, which forms its own optimizer. */
function groupLr(index: EntryIndex, name: string, entry: ConfigEntry, ctx: KeyContext, value: unknown):
  RoleCandidate | null {
  const group = groupLrPart(name, partInFile(index, name));
  if (!group || !holdsGroupLr(name, value)) return null;
  const c = candidate('lr', entry, null, { role: 'lr', specific: true }, ctx, name, value);
  if (!c) return null;
  c.part = group.part;
  c.context = groupContext(ctx, entry, group.part);
  return c;
}

const OWNED = new RegExp(`^(${[...TRAINED_PREFIXES, ...FROZEN_PREFIXES].join('|')})_(.+)$`);
const FROZEN: ReadonlySet<string> = new Set(FROZEN_PREFIXES);
/** The optimizer settings a model's prefix claims (its learning rate is a part's, `groupLr`). */
const OWNED_ROLES: ReadonlySet<Role> = new Set(['beta1', 'beta2', 'eps', 'weightDecay', 'momentum']);

/**
 * `critic_weight_decay`: a role word after the prefix of one model of a multi-model run is that model's optimizer's,
 * in the group its `critic_learning_rate` forms; after a frozen model's prefix (`ref_`) it is no optimizer's. Null
 * when the name is not such a word.
 */
function ownedRole(name: string, entry: ConfigEntry, ctx: KeyContext, value: unknown): RoleCandidate[] | null {
  const m = OWNED.exec(name);
  const byPart = m ? null : partSetting(name);
  const owner = m?.[1] ?? byPart?.part ?? '';
  const word = byPart?.word ?? ROLE_WORDS.get(m?.[2] ?? '');
  if (!word) return null;
  if (FROZEN.has(owner)) return [];
  if (!OWNED_ROLES.has(word.role)) return null;
  const c = fits(word.role, value, word.unit) ? candidate(word.role, entry, null, word, ctx, name, value) : null;
  if (!c) return [];
  c.context = { ...ctx, group: ctx.group ?? [...entry.path.slice(0, -1), `(${owner})`] };
  return [c];
}

/** Per index: the literal spans (`start:end`) that a gin binding reads through a macro (`X.max_len = %max_len`). */
const boundSpans = new WeakMap<EntryIndex, Set<string>>();

/**
 * Whether a gin macro (`max_len = 2048`) is bound to a configurable's parameter elsewhere in the file
 * (`Transformer.max_len = %max_len`): then what it is comes from where it is bound (a model's positional capacity),
 * not from its name at the top level, and the bindings are read in its place, at its literal.
 */
function boundElsewhere(index: EntryIndex, entry: ConfigEntry): boolean {
  let spans = boundSpans.get(index);
  if (!spans) {
    spans = new Set();
    for (const e of index.entries) {
      if (e.path.length > 1 && e.origin !== undefined) spans.add(`${e.span.start}:${e.span.end}`);
    }
    boundSpans.set(index, spans);
  }
  return spans.has(`${entry.span.start}:${entry.span.end}`);
}

/** A generic word read by the block around it or a sibling beside it (roles/block-words.ts); null when it is not. */
function fromBlockWord(
  index: EntryIndex,
  format: ConfigFormat,
  name: string,
  entry: ConfigEntry,
  ctx: KeyContext,
  value: unknown,
): RoleCandidate[] | null {
  const w = blockWord(name, entry.path, ctx.kind, value, siblingValueOf(index, format, entry), entry.callee);
  if (!w || !fits(w.role, value, w.unit)) return null;
  const word: RoleWord = w.unit === undefined ? { role: w.role, specific: true } :
    { role: w.role, specific: true, unit: w.unit };
  const c = candidate(w.role, entry, null, word, ctx, name, value);
  if (c) c.via.reason = w.reason + throughPhrase(entry);
  return c ? [c] : [];
}

/** Whether a list key is read where it sits (vocabulary.ts `ListWord.where`). */
function listReadHere(word: ListWord, ctx: KeyContext, entry: ConfigEntry): boolean {
  if (ctx.kind === 'optimizer' || word.where === 'anywhere') return true;
  // A training config call (`TrainConfig(betas=...)`) configures; any other call's keyword is its own business.
  return word.where === 'config' && (ctx.kind === 'training' || (ctx.kind === 'root' && entry.callee === undefined));
}

function fromEntry(index: EntryIndex, format: ConfigFormat, name: string, entry: ConfigEntry,
  convention: boolean): RoleCandidate[] {
  const path = entry.path;
  const indexSegments = path.length > 0 && INDEX.test(path[path.length - 1] ?? '');
  const ctx = asSettingsBlock(index, format, entry,
    asPartBlock(index, entry, asRunBlock(index, format, entry, keyContext(entry))));
  const value = frameworkValue(entry, format);
  if (unusedBeside(name, siblingValueOf(index, format, entry), value)) return [];
  if (format === 'gin' && path.length === 1 && boundElsewhere(index, entry)) return [];
  const listWord = LIST_WORDS.get(name) ?? positionalParams(index, format, name, entry);
  if (listWord) {
    if (!listReadHere(listWord, ctx, entry)) return [];
    const list = listWord.roles;
    const specific: RoleWord = { role: 'beta1', specific: true };
    if (indexSegments) {
      const role = list[Number(path[path.length - 1])];
      const c = role
        ? candidate(role, entry, Number(path[path.length - 1]), { ...specific, role }, ctx, name, value)
        : null;
      return c && fits(c.role, value) ? [c] : [];
    }
    if (typeof value !== 'string') return [];
    return list.flatMap((role, i) => {
      const c = candidate(role, entry, i, { ...specific, role }, ctx, name, value);
      return c ? [c] : [];
    });
  }
  const bySibling = SIBLING_WORDS.get(name);
  if (bySibling) {
    const sibling = bySibling.siblings.map((word) => entriesAt(index, [...path.slice(0, -1), word])[0])
      .find((e) => e !== undefined);
    const s = sibling ? frameworkValue(sibling, format) : null;
    const holds = (bySibling.is === undefined ? typeof s === 'number' && s < bySibling.below : s === bySibling.is) &&
      (bySibling.with ?? []).every((word) => entriesAt(index, [...path.slice(0, -1), word]).length > 0);
    if (holds && typeof value === 'number') {
      const unit = bySibling.unit ? { unit: bySibling.unit } : {};
      const word: RoleWord = { role: bySibling.role, specific: true, ...unit };
      const c = candidate(bySibling.role, entry, null, word, ctx, name, value);
      if (c) c.via.reason = bySibling.reason;
      return c ? [c] : [];
    }
    // Else a word the vocabulary knows (`train_batch_size`) reads as it says where settings-blocks.ts says so.
    if (!readByWord(index, format, name, entry)) return [];
  }
  const found = ROLE_WORDS.get(NUMBERED_OPTIMIZER.test(name) ? 'optimizer' : name);
  // A one-element list (`lr: [0.0005]`, `update_freq: [16]`) is its element; a longer list is not one value.
  if (indexSegments && (path[path.length - 1] !== '0' || hasSecondElement(index, path))) return [];
  // A generic word the block around it explains (`tokenizer.max_length`) reads as that block says.
  const byBlock = fromBlockWord(index, format, name, entry, ctx, value);
  if (byBlock) return byBlock;
  if (!found) {
    const owned = ownedRole(name, entry, ctx, value);
    if (owned) return owned;
    const c = groupLr(index, name, entry, ctx, value);
    return c && fits('lr', value) ? [c] : [];
  }
  // `name`/`type` directly inside a schedule block names the schedule, not the optimizer.
  const inSchedule = found.role === 'optimizer' && !found.specific && ctx.kind === 'scheduler' && path.length >= 2;
  // An option's help saying the batch is the total over the devices makes `--batch-size` the global batch.
  const generic = found.role === 'microBatchSize' && !found.specific;
  // A convention says what a batch usually counts; the setting's own comment saying per device says what this one does.
  const byConvention = generic && convention && CONVENTION_BATCH_WORDS.has(name) && !saysPerDevice(entry);
  const divided = generic && entry.dividedOverDevices === true;
  const total = generic && (GLOBAL_BATCH_HELP.test(entry.help ?? '') || byConvention || divided);
  if (inSchedule && isWarmupSegment(index, format, path)) return [];
  // A plain `eps` beside a β2 is that optimizer's ε (block-words.ts besideBeta2).
  const adamEps = found.role === 'eps' && !found.specific && besideBeta2(siblingValueOf(index, format, entry));
  const word: RoleWord = inSchedule ? { role: 'schedule', specific: true } :
    total ? { role: 'globalBatchSize', specific: true } : adamEps ? { role: 'eps', specific: true } : found;
  // A Python call (`batch_size = target.size(0)`) computes a number at run time: its callee is no value of the role.
  const call = isCallEntry(entry);
  if (!fits(word.role, value, word.unit) || (call && !WORD_ROLES.has(word.role))) return [];
  if (call && word.role === 'optimizer' && OPTIMIZER_SETTINGS_CLASS.test(entry.callee ?? '')) return [];
  if (isObjectiveClip(index, word.role, entry, ctx)) return [];
  // A warmup counted in percent, or written for a constant schedule, is no warmup in steps (unused-warmup.ts).
  if (word.role === 'warmupSteps' && word.unit === undefined && unusedWarmup(index, entry, value)) return [];
  const c = candidate(word.role, entry, null, word, ctx, name, value);
  if (c && total) {
    c.via.reason = divided ? 'the code divides it by the number of processes, so it counts every device' :
      byConvention ? `\`${name}\` in an ml_collections config or a JAX program on a device mesh is the global batch, ` +
      'which the input pipeline splits over the devices' : 'its help text says it is the total batch over the devices';
  }
  return c ? [c] : [];
}

/**
 * Keeps a candidate unless one for the same literal reads it with more confidence. An entry seen twice (a shell flag
 * and its dotted twin share one literal; a Python option's default passed on as `train_kwargs = {'batch_size':
 * args.batch_size}`) counts once, with the surer reading, then the one with the more informative path.
 */
function keep(bySpan: Map<string, RoleCandidate[]>, c: RoleCandidate): void {
  const entry = c.entry;
  // A value passed on in code (`weight_decay=weight_decay` inside a helper or a library class) read by its
  // name with doubt says nothing of the run's setting: only a sure reading stands for it.
  if (entry.runtime?.kind === 'expression' && c.via.confidence !== 'high') return;
  const key = `${entry.span.start}:${entry.span.end}:${c.element ?? ''}`;
  const seen = bySpan.get(key);
  const first = seen?.[0];
  const surer = first ? confidenceRank(c.via.confidence) - confidenceRank(first.via.confidence) : -1;
  const deeper = surer === 0 && entry.path.length > (first?.entry.path.length ?? 0);
  if (!seen || !first || surer < 0 || deeper) bySpan.set(key, [c]);
  else if (surer === 0 && entry.path.length === first.entry.path.length && first.entry === entry) seen.push(c);
}

/**
 * Every role reading of the file's entries, best first within each role: higher confidence, then document
 * order. An entry seen twice (a shell flag and its dotted twin share one literal; a Python option's default passed
 * on as `train_kwargs = {'batch_size': args.batch_size}`) counts once, with the surer reading, then the one with the
 * more informative path.
 */
export function roleCandidates(index: EntryIndex, format: ConfigFormat): RoleCandidate[] {
  const bySpan = new Map<string, RoleCandidate[]>();
  const convention = format === 'python' && globalBatchConvention(index);
  for (const [lower, entries] of index.byName) {
    const name = normaliseWord(lower);
    if (SCHEDULE_SWITCH_KEY.test(name)) {
      for (const entry of entries) for (const c of scheduleSwitchCandidates(entry)) keep(bySpan, c);
    }
    // `batch_size: {train: 64, val: 8}`: the training split's value reads as its block's word (settings-blocks.ts).
    const split = TRAIN_SPLIT_KEYS.has(name);
    if (!split && !ROLE_WORDS.has(name) && !LIST_WORDS.has(name) && !SIBLING_WORDS.has(name) && !GROUP_LR.test(name) &&
      !GROUP_LR_AFTER.test(name) &&
      !OWNED.test(name) && !NUMBERED_OPTIMIZER.test(name) && !BLOCK_WORDS.has(name) && !partSetting(name) &&
      !POSITIONAL_PARAMS.test(name)) continue;
    const word = (entry: ConfigEntry): string => (split ? trainSplitWord(entry) ?? name : name);
    for (const e of entries) for (const c of fromEntry(index, format, word(e), e, convention)) keep(bySpan, c);
  }
  for (const entry of index.entries) {
    if (entry.trainingLoop === true) for (const c of loopBoundCandidates(entry)) keep(bySpan, c);
    if (entry.help !== undefined) for (const c of describedCandidates(format, entry)) keep(bySpan, c);
    if (entry.callee !== undefined) for (const c of scheduleCallCandidates(entry)) keep(bySpan, c);
    if (entry.classKey === true) for (const c of classKeyCandidates(index, format, entry)) keep(bySpan, c);
  }
  // A no-decay group's 0 is never the optimizer's λ, whatever path reaches the literal (no-decay-group.ts).
  const noDecay = noDecayGroupSpans(index);
  const found = [...[...bySpan.values()].flat(), ...dividendCandidates(index)];
  const onlyContainer = namesOnlyItsContainer(found);
  const all = found.filter((c) => (c.role !== 'weightDecay' || !noDecay.has(c.entry.span.start)) &&
    !onlyContainer(c));
  return all.sort(
    (a, b) =>
      confidenceRank(a.via.confidence) - confidenceRank(b.via.confidence) || a.entry.span.start - b.entry.span.start,
  );
}
