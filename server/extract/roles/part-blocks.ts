/**
 * An optimizer block whose children are one block per trained part, each with its own settings: robomimic's
 * `optim_params: {critic: {learning_rate: {initial: ...}, regularization: {L2: ...}}, vf: {...}, actor: {...}}`
 * (ARISE-Initiative/robomimic robomimic/utils/torch_utils.py optimizer_from_optim_params builds one optimizer per
 * network from its own block), the way a GAN's `optim: {generator: {lr}, discriminator: {lr}}` is written. Each part
 * is an optimizer of its own, so a key below a part belongs to that part's group (roles/infer.ts gives every group its
 * optimizer), as sibling optimizer blocks elsewhere do. A part is a child block of an optimizer block, at least two
 * of which write a learning rate below them; a child named for the optimizer's settings (`params`, `config`, `kwargs`)
 * or its schedule is no part.
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import { normaliseWord, type KeyContext } from './context';
import { OPTIMIZER_CONTEXT, SCHEDULER_CONTEXT } from './places';
import { oncePerSegment } from './segment-cache';
import { ROLE_WORDS } from './vocabulary';

const NUL = '\u0000';
const INDEX = /^\d+$/;
/** Children of an optimizer block that hold its own settings or its schedule's, never a part's. */
const SETTINGS_BAG = /^(params|parameters|config|cfg|conf|kwargs|args|options|settings|defaults|hparams|hyperparameters|groups?|param_groups|base|common|default)$/;

const isLrWord = (segment: string): boolean => ROLE_WORDS.get(normaliseWord(segment))?.role === 'lr';

/** Whether a segment names an optimizer block, by segment: a file repeats its few block names on every entry. */
const isOptimizerBlock = oncePerSegment((segment: string): boolean => OPTIMIZER_CONTEXT.test(normaliseWord(segment)));

/** Where in `path` (before its last two segments) an optimizer block sits whose next segment may be a part, or -1. */
function optimizerAt(path: readonly string[]): number {
  for (let i = path.length - 3; i >= 0; i--) {
    if (!isOptimizerBlock(path[i] ?? '')) continue;
    const part = normaliseWord(path[i + 1] ?? '');
    if (INDEX.test(part) || SETTINGS_BAG.test(part) || SCHEDULER_CONTEXT.test(part) || OPTIMIZER_CONTEXT.test(part) ||
      ROLE_WORDS.has(part)) return -1;
    return i;
  }
  return -1;
}

/** Per index: the paths (joined by NUL) of the part blocks, each under an optimizer block holding two or more. */
const partsOf = new WeakMap<EntryIndex, ReadonlySet<string>>();

function partBlocks(index: EntryIndex): ReadonlySet<string> {
  const cached = partsOf.get(index);
  if (cached) return cached;
  const children = new Map<string, Set<string>>();
  for (const e of index.entries) {
    const i = optimizerAt(e.path);
    if (i < 0 || !e.path.slice(i + 2).some(isLrWord)) continue;
    const parent = e.path.slice(0, i + 1).join(NUL);
    const set = children.get(parent) ?? new Set<string>();
    set.add(e.path[i + 1] ?? '');
    children.set(parent, set);
  }
  const out = new Set<string>();
  for (const [parent, parts] of children) if (parts.size >= 2) for (const p of parts) out.add(`${parent}${NUL}${p}`);
  partsOf.set(index, out);
  return out;
}

/** The context of a key inside a part block: that part is its group (an optimizer of its own); else `ctx`. */
export function asPartBlock(index: EntryIndex, entry: ConfigEntry, ctx: KeyContext): KeyContext {
  if (ctx.kind === 'decoy' || ctx.kind === 'model') return ctx;
  const i = optimizerAt(entry.path);
  if (i < 0) return ctx;
  const group = entry.path.slice(0, i + 2);
  if (!partBlocks(index).has(group.join(NUL))) return ctx;
  return { ...ctx, group };
}
