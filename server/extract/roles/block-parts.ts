/**
 * Learning rates of parts written inside one optimizer block beside the block's own: `optimizer_params: {lr: 1e-4,
 * bert_lr: 1e-5, ft_lr: 1e-5}` (StyleTTS 2: yl4579/StyleTTS2 train_second.py builds each module's optimizer with
 * `lr=optimizer_params.lr`, then sets the PL-BERT's parameter groups to `bert_lr` and the decoder's and style
 * encoder's to `ft_lr`), `optimizer: {lr: 1e-4, lr_backbone: 1e-5}` (a DETR-style backbone group). The block's `lr`
 * is its optimizer's; each part's is a parameter group of that optimizer with a learning rate of its own, as a table
 * optimizer's `<part>_lr` keywords are (roles/infer.ts `callParts`), never a second reading of the same role that
 * the first one hides.
 */
import type { ResolvedOptimizer } from '../resolve';
import type { RoleCandidate } from './candidates';

/** A part's own values, for the optimizer whose block holds them (roles/infer.ts `callParts`). */
export interface PartOf {
  whole: ResolvedOptimizer;
  part: string;
  items: RoleCandidate[];
}

/**
 * The part learning rates of a block that writes its own learning rate too, taken out of `items` (which keeps the
 * rest); none when the block writes no learning rate of its own (then a part's learning rate is the block's).
 */
export function takeBlockParts(items: RoleCandidate[]): RoleCandidate[] {
  if (!items.some((c) => c.role === 'lr' && c.part === undefined)) return [];
  const parts = items.filter((c) => c.role === 'lr' && c.part !== undefined);
  if (parts.length === 0) return [];
  const kept = items.filter((c) => !parts.includes(c));
  items.splice(0, items.length, ...kept);
  return parts;
}

/**
 * The part learning rates of the blocks among the file's loose values (a top-level `optimizer_params` block, whose
 * values go to the optimizer the top level names), taken out of `loose` the way `takeBlockParts` takes them.
 */
export function takeLooseBlockParts(loose: RoleCandidate[]): RoleCandidate[] {
  const byBlock = new Map<string, RoleCandidate[]>();
  for (const c of loose) {
    if (c.context.group === null) continue;
    const id = JSON.stringify(c.context.group);
    const list = byBlock.get(id);
    if (list) list.push(c);
    else byBlock.set(id, [c]);
  }
  const taken = [...byBlock.values()].flatMap((items) => takeBlockParts(items));
  if (taken.length > 0) loose.splice(0, loose.length, ...loose.filter((c) => !taken.includes(c)));
  return taken;
}

/** Gives each part learning rate taken out of a block to the block's optimizer, or back to the loose values. */
export function placeBlockParts(parts: Map<string, PartOf>, whole: ResolvedOptimizer | undefined,
  taken: readonly RoleCandidate[], loose: RoleCandidate[]): void {
  for (const c of taken) {
    if (whole === undefined || c.part === undefined) {
      loose.push(c);
      continue;
    }
    const id = `${JSON.stringify(whole.prefix)}|${c.part}`;
    const p = parts.get(id) ?? { whole, part: c.part, items: [] };
    p.items.push(c);
    parts.set(id, p);
  }
}
