/**
 * Role inference: after the ecosystem table has read what it knows, every value the file writes under a role
 * name (roles/candidates.ts) that no table spelling claimed is given to the optimizer it belongs to. A table's
 * reading always wins, and a written value always wins over a default (defaults are applied after this). Values
 * inside one optimizer block (`--actor.adam.lr`, `optim_config.wd`) go to that optimizer; values outside any
 * optimizer block (batch, steps, a top-level `lr`) apply to every optimizer that lacks them, as a table's run
 * spellings do. An optimizer name found this way replaces an implied one: a LLaMA-Factory `optim_config:
 * {name: muon}` is Muon, never the framework's implied AdamW.
 */
import { HYPERPARAMETER_NAMES } from '../../../core/hyperparams';
import type { ConfigFormat } from '../../../core/analysis';
import { unmodelled } from '../ecosystems/optimizer-names';
import type { OptimizerScope } from '../ecosystems/types';
import { matchesWhole, parsePattern } from '../keypath';
import { isCallEntry } from '../entries';
import { findSpelling, normaliseSpelling } from '../match';
import { unlessHolds } from '../not-roles';
import { splitParamGroups } from '../param-groups';
import { criticNotTrained, frozenPart, inUntrainedCritic, switchedOffPart } from '../frozen-parts';
import { impliedOptimizer, type ResolveContext, type ResolvedOptimizer } from '../resolve';
import { confidenceRank, roleCandidates, type RoleCandidate } from './candidates';
import { withScheduleNames } from './schedule-name-keys';
import { countOfAnotherPart } from './code-readings';
import { isRolloutLength } from './objective';
import { unreadBranchValues, withBranchAlternatives } from './branches';
import { bestPerRole, bestPerRoleNear, lastAtEachPath, mergeNested } from './candidate-order';
import { adoptedBlock, fill, startsWith } from './fill';
import { TRAINED_PREFIXES } from './places';
import { placeBlockParts, takeBlockParts, takeLooseBlockParts } from './block-parts';
import { blocksReadBy } from './read-blocks';
import { namesSettingsBlock } from './settings-block-name';
import { splitTwinBlocks } from './twin-blocks';
import { OPTIMIZER_FACTORY } from './vocabulary';
import { loaderBatchesPerDevice } from './loader-batch';

const OPTIMIZER_ROLES: ReadonlySet<string> = new Set([
  'lr',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
  'momentum',
  'optimizer',
]);
/** Enough for a file of recipe functions and their branches (Megatron-Bridge's qwen3: 22 recipes with `if`s). */
const MAX_GROUPS = 64;

/**
 * A launch script's Hydra-style override of a block of the trainer's config (`loader.batch_size=16`, `data.seq_len=
 * 1024`): the script runs a training program with these run settings even where it writes no optimizer value (a
 * `python -m main loader.batch_size=16 model.length=1024` launcher), unlike a lone flat flag (`--batch_size 8` of a
 * sampling script).
 */
const overridesTrainerBlock = (c: RoleCandidate): boolean =>
  c.entry.path.length > 1 && !c.entry.path[0]?.startsWith('-');
/** A scope for optimizers found by role inference: no table spellings, no defaults of its own. */
const INFERRED_SCOPE: OptimizerScope = { at: '', nameKeys: [], hyperparameters: {}, names: {} };

function spanKey(e: { span: { start: number; end: number } }): string {
  return `${e.span.start}:${e.span.end}`;
}

/** The literals the table already read (values and names): role inference never reads one twice. */
function claimedSpans(resolved: readonly ResolvedOptimizer[]): Set<string> {
  const out = new Set<string>();
  for (const r of resolved) {
    if (r.nameEntry) out.add(spanKey(r.nameEntry));
    for (const v of Object.values(r.optimizer.hyperparameters)) if (v?.span) out.add(spanKey({ span: v.span }));
  }
  return out;
}

function newOptimizer(ctx: ResolveContext): ResolvedOptimizer {
  const implied = impliedOptimizer(ctx);
  if (implied) return { ...implied, scope: INFERRED_SCOPE };
  const info = unmodelled('an optimizer this file does not name');
  return {
    optimizer: {
      name: 'not named in this file',
      kind: null,
      implementation: info.implementation,
      line: null,
      span: null,
      weightDecaySemantics: info.weightDecaySemantics,
      hyperparameters: {},
    },
    scope: INFERRED_SCOPE,
    info,
    prefix: [],
    nameEntry: null,
    switchEntry: null,
  };
}

/**
 * A root-level block of the optimizer's keyword arguments (`optimizer_kwargs`, `optimizer_params`, `optim_args`,
 * `optim_conf`) beside a root-level name (`optimizer_type: AdamW`): the program passes it to the class the name gives
 * (`getattr(torch.optim, optimizer_type)(params, **optimizer_kwargs)`): its values are that optimizer's, not a
 * second one's.
 */
const OPTIONS_BLOCK = /^(optim|optimizer|opt)_(kwargs|params|args|config|options)$/i;
/**
 * ESPnet's and CosyVoice's `optim_conf` beside `optim: adam` (YAML). In Python a dict named so is followed into the
 * call that reads it (optimizer-dict.ts), which may transform its values: it is not read as the options here.
 */
const DECLARATIVE_OPTIONS_BLOCK = /^(optim|optimizer|opt)_(conf|cfg)$/i;
/** A Python config function's writes (`llama3_8b_config()` → `cfg.model.seq_length`), not a branch of one. */
const isRecipe = (group: readonly string[]): boolean => group.length === 1 && /\(\)$/.test(group[0] ?? '');
const isRootOptionsBlock = (group: readonly string[], format: ConfigFormat): boolean => group.length === 1 &&
  (OPTIONS_BLOCK.test(group[0] ?? '') || (format !== 'python' && DECLARATIVE_OPTIONS_BLOCK.test(group[0] ?? '')));

/**
 * A parameter group with a learning rate of its own (`--decoupled-lr`) is the same optimizer: what the file writes
 * for the optimizer as a whole (`--weight-decay`, `--adam-beta2`) applies to the group too (Megatron-LM builds every
 * group from the same OptimizerConfig), so it is never replaced by a framework default there.
 */
function inheritWritten(group: ResolvedOptimizer, whole: ResolvedOptimizer): void {
  const own = group.optimizer.hyperparameters;
  for (const name of HYPERPARAMETER_NAMES) {
    const shared = whole.optimizer.hyperparameters[name];
    if (shared?.source === 'written' && own[name]?.source !== 'written') own[name] = shared;
  }
}

/** Whether the table read `whole`'s learning rate from another literal than the part's own `<part>_lr`. */
function ownsOtherLr(whole: ResolvedOptimizer, c: RoleCandidate): boolean {
  const lr = whole.optimizer.hyperparameters.lr;
  return lr?.source === 'written' && lr.span !== undefined && lr.span !== null && lr.span.start !== c.entry.span.start;
}

/**
 * A root optimizer the table named by a call's own entry (`opt = ScaledAdam(...)` at path `opt`, the call's keywords at
 * `opt.lr`, `opt.betas`): the block at `path` is that call's keywords. An optimizer class the tables do not know
 * (a library's or the repository's own) is otherwise named with no values and its keywords made another optimizer.
 */
function namedByCall(out: readonly ResolvedOptimizer[], path: readonly string[]): ResolvedOptimizer | undefined {
  return out.find((r) => r.prefix.length === 0 && r.nameEntry !== null && isCallEntry(r.nameEntry) &&
    r.nameEntry.path.length === path.length && r.nameEntry.path.every((s, i) => s === path[i]));
}

/** Keys the table knows a role word would misread: keys the framework ignores, and its own decoys. */
function tableExclusions(ctx: ResolveContext): string[][] {
  const applies = (when: readonly string[] | undefined): boolean =>
    when === undefined || when.some((key) => findSpelling(ctx.index, [], normaliseSpelling(key)) !== null);
  const notRoles = (ctx.table.notRoles ?? [])
    .filter((k) => applies(k.whenWritten) && !unlessHolds(k, ctx.index, ctx.format)).map((k) => k.key);
  return [...(ctx.table.ignoredKeys ?? []).map((k) => k.key), ...notRoles].map(parsePattern);
}

/**
 * Whether a name outside any block names this block's optimizer: a gin reference `train.optimizer =
 * @trax.optimizers.Adafactor` names the optimizer the `Adafactor.*` bindings configure (google/trax@7c189c2
 * trax/supervised/configs/*.gin), whose block has no name of its own.
 */
function namesBlock(best: readonly RoleCandidate[], r: ResolvedOptimizer): boolean {
  // `optim: adam` beside `optim_conf: {lr: ...}` names what the settings block configures (settings-block-name.ts).
  if (namesSettingsBlock(best, r)) return true;
  const block = r.nameEntry === null ? r.prefix[r.prefix.length - 1]?.split('.').pop()?.toLowerCase() : undefined;
  if (block === undefined || block === '') return false;
  return best.some((c) => c.role === 'optimizer' && typeof c.entry.value === 'string' &&
    c.entry.value.replace(/^@/, '').split('.').pop()?.toLowerCase() === block);
}

export function inferRoles(ctx: ResolveContext, found: ResolvedOptimizer[]): ResolvedOptimizer[] {
  // A call's parameter groups with learning rates of their own are optimizers of their own before roles are read:
  // their literals are claimed, and each group gets the run's values as any optimizer does.
  const resolved = splitParamGroups(ctx, found);
  // A generic `train_batch_size` a data loader takes as its batch is each device's (loader-batch.ts).
  loaderBatchesPerDevice(ctx, resolved);
  const claimed = claimedSpans(resolved);
  const excluded = tableExclusions(ctx);
  // Schedules named under keys no vocabulary lists are read by what the key's name says (schedule-name-keys.ts).
  const read = withScheduleNames(roleCandidates(ctx.index, ctx.format), ctx.index,
    (c) => confidenceRank(c.via.confidence));
  const candidates = lastAtEachPath(read.filter((c) => !countOfAnotherPart(c) &&
    !isRolloutLength(ctx.index, c.role, c.entry)));
  const readBy = blocksReadBy(resolved, candidates);
  // A critic's own block in a run that trains no critic (GRPO, RLOO) sets nothing (frozen-parts.ts).
  const noCritic = criticNotTrained(ctx);
  const all = candidates.filter(
    (c) =>
      c.via.confidence !== 'low' &&
      !claimed.has(spanKey(c.entry)) &&
      // A frozen part's own learning rate (`lr_ssl` with `ssl_frozen: True`) trains nothing (frozen-parts.ts).
      // So does one for a part or stage the file switches off (`--swa_lr` with `--swa` off).
      (c.part === undefined ||
        (!frozenPart(ctx, c.part) && !switchedOffPart(ctx, c.part, c.entry.path.slice(0, -1)))) &&
      !inUntrainedCritic(c.entry.path, noCritic) &&
      !excluded.some((p) => matchesWhole(p, c.entry.path, ctx.index.caseInsensitive)),
  );
  if (all.length === 0) return withBranchAlternatives(ctx, resolved);
  const out = [...resolved];
  // Parameter groups with a learning rate of their own, and the optimizer whose other settings they share.
  const partsOf = new Map<ResolvedOptimizer, ResolvedOptimizer>();
  // The optimizers made for one part's own learning rate (`<part>_lr`).
  const partGroups = new Set<ResolvedOptimizer>();
  const grouped = new Map<string, { path: string[]; items: RoleCandidate[] }>();
  const loose: RoleCandidate[] = [];
  // The table's optimizers by block path, so finding a value's optimizer costs a lookup per path segment.
  const byPrefix = new Map<string, ResolvedOptimizer>();
  for (const r of [...out].reverse()) if (r.prefix.length > 0) byPrefix.set(r.prefix.join('\u0000'), r);
  const tableOptimizerOf = (path: readonly string[]): ResolvedOptimizer | undefined => {
    let key = '';
    for (let i = 0; i < path.length; i++) {
      key = i === 0 ? (path[0] ?? '') : `${key}\u0000${path[i] ?? ''}`;
      const r = byPrefix.get(key);
      if (r) return r;
    }
    return undefined;
  };
  // `<part>_lr` keywords of a call the table reads with another learning rate (nanochat's `setup_optimizer(
  // matrix_lr=..., embedding_lr=..., unembedding_lr=...)`): each is a parameter group of that optimizer.
  const callParts = new Map<string, { whole: ResolvedOptimizer; part: string; items: RoleCandidate[] }>();
  for (const c of all) {
    const inTable = tableOptimizerOf(c.entry.path);
    const partOf = inTable && c.part !== undefined && ownsOtherLr(inTable, c) ? inTable : undefined;
    if (partOf && c.part !== undefined) {
      const id = `${JSON.stringify(partOf.prefix)}|${c.part}`;
      const p = callParts.get(id) ?? { whole: partOf, part: c.part, items: [] };
      p.items.push(c);
      callParts.set(id, p);
      continue;
    }
    if (inTable) {
      // The table found the block but not its name (fairseq's `_name`): the name written there is the optimizer's.
      fill(ctx, inTable, [c], inTable.nameEntry === null || OPTIMIZER_FACTORY.test(inTable.optimizer.name));
      continue;
    }
    if (c.context.group === null || isRootOptionsBlock(c.context.group, ctx.format)) {
      loose.push(c);
      continue;
    }
    const id = JSON.stringify(c.context.group);
    const g = grouped.get(id) ?? { path: c.context.group, items: [] };
    g.items.push(c);
    grouped.set(id, g);
  }
  // A file with hundreds of optimizer blocks (a generated sweep, a 10 MB stress file) is not read as hundreds of
  // optimizers: the first MAX_GROUPS are, the rest only lend values the way a file's loose values do.
  // A second optimizer's marked twin keys (`optim_conf_d` beside `optim_conf`) are its own (twin-blocks.ts).
  const groups = splitTwinBlocks(ctx.index, mergeNested([...grouped.values()]), loose);
  for (const extra of groups.splice(MAX_GROUPS)) loose.push(...extra.items);
  const implied = out.filter((r) => r.nameEntry === null && r.prefix.length === 0);
  const recipes = groups.filter((g) => isRecipe(g.path)).length;
  for (const g of groups) {
    // A block around an optimizer the table found (mmengine's `optim_wrapper` around `optimizer`) is its
    // wrapper: its `type` names the wrapper, not the optimizer.
    const wrapped = out.find((r) => r.prefix.length > 0 && startsWith(r.prefix, g.path));
    if (wrapped) {
      fill(ctx, wrapped, g.items, false);
      continue;
    }
    // A block an optimizer's call reads through names (`lr=opt_cfg["lr"]`) is that optimizer's; the call names it.
    const reader = readBy.get(JSON.stringify(g.path));
    if (reader && !g.items.some((c) => c.part !== undefined)) {
      fill(ctx, reader, g.items, false);
      continue;
    }
    // A block of its own (an optimizer block, a model's block, a recipe function) with a value read surely is
    // its own configuration; a lone guess joins the file's values instead, except in a file of several recipe
    // functions, where a loose value would be given to another recipe (Megatron-Bridge's `cfg.model.seq_length`).
    // `<part>_lr` beside the block's own lr: a parameter group of the block's optimizer (block-parts.ts).
    const blockParts = takeBlockParts(g.items);
    const optimizerLike = g.items.some((c) => c.role === 'lr' || c.role === 'optimizer' || c.via.confidence === 'high') ||
      (recipes > 1 && isRecipe(g.path));
    // A part's own learning rate (`--decoupled-lr` beside `--lr`) is another parameter group: it never takes the
    // implied optimizer whose learning rate is already written.
    const part = g.items.some((c) => c.part !== undefined);
    const whole = part && implied[0]?.optimizer.hyperparameters.lr?.source === 'written' ? implied[0] : undefined;
    // A call the table named by the name it is assigned to (`opt = ScaledAdam(model.parameters(), lr=...)`): its
    // keywords are that optimizer's block, not another optimizer's.
    const called = part ? undefined : namedByCall(out, g.path);
    let target = whole ? undefined : called ?? implied.shift();
    if (!target && optimizerLike) {
      target = newOptimizer(ctx);
      out.push(target);
      if (whole) partsOf.set(target, whole);
    }
    if (target) {
      if (target.prefix.length === 0) {
        target.prefix = g.path;
        adoptedBlock.add(target);
      }
      fill(ctx, target, g.items, true);
      const part = g.items.find((c) => c.part !== undefined)?.part;
      if (part !== undefined) partGroups.add(target);
      // A model of a multi-model run (`critic_learning_rate`) trains apart; a parameter group shares the model.
      if (part !== undefined && target.optimizer.appliesTo === undefined)
        target.optimizer.appliesTo = TRAINED_PREFIXES.includes(part)
          ? `the ${part} (a model of its own, trained beside the others)`
          : `the ${part} parameters (a learning rate of its own)`;
    } else loose.push(...g.items);
    placeBlockParts(callParts, target, blockParts, loose);
  }
  // The same beside the learning rate of a top-level options block (`optimizer_params`), for the top level's optimizer.
  placeBlockParts(callParts, out.find((r) => r.prefix.length === 0), takeLooseBlockParts(loose), loose);
  for (const { whole, part, items } of callParts.values()) {
    const target = newOptimizer(ctx);
    target.prefix = [...whole.prefix, `(${part})`];
    // The call builds the group in code this file does not show (nanochat gives its AdamW groups their own betas and
    // weight decay): the call's other keywords are not the group's; only the run's values are shared.
    out.push(target);
    fill(ctx, target, items, false);
    target.optimizer.appliesTo = `the ${part} parameters: a parameter group of ${whole.optimizer.name} with a ` +
      'learning rate of its own';
  }
  // A file with run settings but no optimizer (a launch script, a recipe) still says what it says; the optimizer
  // is then "not named in this file", never a guess. So does one whose only optimizers are its parts' (`--head_lr`
  // beside `--lr` and `--optimizer`): the run's own learning rate or name makes the main optimizer, first.
  if (out.length === 0 && (loose.some((c) => OPTIMIZER_ROLES.has(c.role) || c.via.confidence === 'high') ||
    (ctx.format === 'shell' && loose.some(overridesTrainerBlock))))
    out.push(newOptimizer(ctx));
  else if (out.length > 0 && out.every((r) => partGroups.has(r)) &&
    loose.some((c) => c.part === undefined && (c.role === 'lr' || c.role === 'optimizer'))) out.unshift(newOptimizer(ctx));
  // A name outside any optimizer block names the file's one implied optimizer, never a block the table found.
  // A factory (`create_optimizer_v2(**optimizer_kwargs(args))`) builds what the run-level name says (`--opt sgd`).
  // Of several optimizers, each takes first the values written nearest its block (bestPerRole).
  const best = bestPerRole(loose);
  // Of alike settings, each optimizer takes first those written nearest before its name (a file of recipes).
  const at = out.map((r) => r.nameEntry?.span.start);
  const nearest = out.length > 1 ? bestPerRoleNear(loose, out.map((r) => r.prefix), at) : out.map(() => best);
  for (const [i, r] of out.entries()) {
    const near = nearest[i] ?? best;
    fill(ctx, r, near, (r.prefix.length === 0 && r.nameEntry === null) || OPTIMIZER_FACTORY.test(r.optimizer.name) ||
      namesBlock(best, r));
  }
  for (const [group, whole] of partsOf) inheritWritten(group, whole);
  // An optimizer made here whose values all failed to read (interpolations only) says nothing: drop it. A config
  // function's branches are alternatives of its main configuration.
  return withBranchAlternatives(ctx, out.filter(
    (r) =>
      r.scope !== INFERRED_SCOPE ||
      r.nameEntry !== null ||
      HYPERPARAMETER_NAMES.some((h) => r.optimizer.hyperparameters[h]),
  ), unreadBranchValues(ctx, loose));
}
