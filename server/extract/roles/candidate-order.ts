/**
 * The order and grouping of role candidates before role inference (roles/infer.ts) gives them to optimizers: the
 * last write at each path, the few best per role, nested blocks merged into one optimizer's values.
 */
import { otherLaunch } from '../match';
import { confidenceRank, type RoleCandidate } from './candidates';

/** Candidates kept per role for the file-wide values: the first that reads wins, the next ones cover interpolations. */
const PER_ROLE = 4;

/** A group of role candidates: the block they are written in and the candidates. */
interface CandidateGroup {
  path: string[];
  items: RoleCandidate[];
}

/** A path as a key: each segment after a NUL, so a path's keys grow one segment at a time. */
const SEP = '\u0000';

/** The earliest literal of a group, by a loop: a group may hold more items than a call may pass as arguments. */
function firstStart(g: CandidateGroup): number {
  let first = Infinity;
  for (const c of g.items) first = Math.min(first, c.entry.span.start);
  return first;
}

/**
 * Groups inside one another are one optimizer: `actor_rollout_ref.actor` (its batch sizes) and
 * `actor_rollout_ref.actor.optim` (its learning rate) describe the actor's optimizer. The outer path is kept. A group's
 * outer group is looked up at each prefix of its path, not searched among all kept groups: at most one kept group is a
 * prefix of a path (of two, the longer would have merged into the shorter), and a file may hold thousands of blocks.
 */
export function mergeNested(groups: CandidateGroup[]): CandidateGroup[] {
  const sorted = [...groups].sort((a, b) => a.path.length - b.path.length);
  const kept: CandidateGroup[] = [];
  const keptAt = new Map<string, CandidateGroup>();
  for (const g of sorted) {
    let key = '';
    let outer = keptAt.get(key);
    for (let i = 0; !outer && i < g.path.length; i++) {
      key += SEP + (g.path[i] ?? '');
      outer = keptAt.get(key);
    }
    if (outer) {
      for (const c of g.items) outer.items.push(c);
    } else {
      const own = { path: g.path, items: [...g.items] };
      kept.push(own);
      keptAt.set(key, own);
    }
  }
  for (const k of kept)
    k.items.sort(
      (a, b) =>
        confidenceRank(a.via.confidence) - confidenceRank(b.via.confidence) || a.entry.span.start - b.entry.span.start,
    );
  // Document order of each group's first value: the first group takes the file's implied optimizer.
  const first = new Map(kept.map((k) => [k, firstStart(k)]));
  return kept.sort((a, b) => (first.get(a) ?? Infinity) - (first.get(b) ?? Infinity));
}

/**
 * Document order, or, given where an optimizer is written (`at`), the values written before it nearest first, then the
 * rest in document order: of a file's recipe functions, each optimizer takes the run settings of its own function
 * (NeMo 2's `pretrain_recipe(max_steps=100)` and `finetune_recipe(max_steps=100)`, each passing its own to trainer()).
 */
function nearestBefore(a: RoleCandidate, b: RoleCandidate, at: number | undefined): number {
  const x = a.entry.span.start;
  const y = b.entry.span.start;
  if (at === undefined || (x > at && y > at)) return x - y;
  if (x <= at && y <= at) return y - x;
  return x <= at ? -1 : 1;
}

/** How many leading segments `path`'s block shares with `block`. */
function shared(path: readonly string[], block: readonly string[]): number {
  let n = 0;
  while (n < block.length && n < path.length - 1 && path[n] === block[n]) n++;
  return n;
}

/**
 * The few best candidates of each role (in order): all `fill` can use, however many the file has. Given the block of
 * the optimizer they are for, of equally sure candidates the nearest to it comes first: a model's schedule written
 * beside its optimizer (`value.scheduler` beside `value.optimizer`) is its own, not the first model's.
 */
export function bestPerRole(
  candidates: readonly RoleCandidate[],
  near: readonly string[] = [],
  perRole = PER_ROLE,
  at?: number,
): RoleCandidate[] {
  // Of equally sure values, one in a model's block is the model's capacity, after the run's own (`T = 1024 #
  // sequence length` before `GPTConfig.block_size`).
  const model = (c: RoleCandidate): number => Number(c.context.kind === 'model');
  const sorted = [...candidates].sort(
    (a, b) =>
      confidenceRank(a.via.confidence) - confidenceRank(b.via.confidence) || model(a) - model(b) ||
      shared(b.entry.path, near) - shared(a.entry.path, near) || nearestBefore(a, b, at),
  );
  const count = new Map<string, number>();
  return sorted.filter((c) => {
    const id = `${c.role}|${c.element ?? ''}`;
    const n = count.get(id) ?? 0;
    count.set(id, n + 1);
    return n < perRole;
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * `bestPerRole(candidates, block)` for each of several blocks, in time linear in the candidates rather than in
 * their product (a generated sweep of hundreds of optimizer blocks): only a candidate inside the block's top-level
 * block can be nearer to it than the rest, and of the rest only the first PER_ROLE of each role can be chosen.
 */
export function bestPerRoleNear(
  candidates: readonly RoleCandidate[],
  blocks: readonly (readonly string[])[],
  at: readonly (number | undefined)[] = [],
): RoleCandidate[][] {
  const order = new Map(candidates.map((c, i) => [c, i]));
  const best = bestPerRole(candidates);
  const byRole = groupBy(bestPerRole(candidates, [], Infinity), (c) => `${c.role}|${c.element ?? ''}`);
  const byTop = groupBy(candidates.filter((c) => c.entry.path.length >= 2), (c) => c.entry.path[0] ?? '');
  // A top-level block holding an optimizer is that optimizer's run (CosyVoice's train_conf beside train_conf_gan, each
  // with its own optimizer, schedule and accumulation): its settings are not the other top-level blocks' optimizers'.
  // A parameter group's block (`(policy)`) is a part of a run, not one.
  const isRun = (block: readonly string[]): boolean => !block.some((s) => s.startsWith('('));
  const runs = new Set(blocks.filter(isRun).map((block) => block[0]));
  const inRun = (c: RoleCandidate): boolean => c.entry.path.length >= 2 && runs.has(c.entry.path[0]);
  // What every run may take besides its own block's values, once: the first few of each role outside all runs.
  const outsideRuns = [...byRole.values()].flatMap((list) => list.filter((c) => !inRun(c)).slice(0, PER_ROLE));
  return blocks.map((block, i) => {
    const top = block[0];
    if (top === undefined) return best;
    const pool = [...(byTop.get(top) ?? [])];
    if (isRun(block)) pool.push(...outsideRuns);
    else {
      const inside = (c: RoleCandidate): boolean => c.entry.path.length >= 2 && c.entry.path[0] === top;
      for (const list of byRole.values()) {
        let taken = 0;
        for (const c of list) {
          if (taken === PER_ROLE) break;
          if (inside(c)) continue;
          pool.push(c);
          taken++;
        }
      }
    }
    return bestPerRole(pool.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), block, PER_ROLE, at[i]);
  });
}

/**
 * Whether `c` replaces `seen` at one path: the later write does, except that a flag of a later shell command is
 * another run's (ConfigEntry.launch), so the first command's flag stays.
 */
function replaces(c: RoleCandidate, seen: RoleCandidate): boolean {
  const launch = otherLaunch(c.entry, seen.entry);
  return launch === false ? c.entry.span.start > seen.entry.span.start : launch === 'earlier';
}

/**
 * The last entry written at each path counts (argparse's last flag, Python's last assignment, YAML's last key); of
 * shell commands run one after another, the first command's flags (see `replaces`). A
 * keyword given to a config class the file defines (`cfg = TrainingConfig(batch_size=64)`) writes that class's field
 * (`TrainingConfig.batch_size: int = 32`) again, for the instance the run uses.
 */
export function lastAtEachPath(candidates: readonly RoleCandidate[]): RoleCandidate[] {
  const paths = new Set(candidates.map((c) => JSON.stringify(c.entry.path)));
  const written = (c: RoleCandidate): string => {
    const { path, callee } = c.entry;
    const field = callee !== undefined && path.length === 2 ? JSON.stringify([callee, path[1]]) : null;
    return field !== null && paths.has(field) ? field : JSON.stringify(path);
  };
  const id = (c: RoleCandidate): string => `${c.role}|${c.element ?? ''}|${written(c)}`;
  const last = new Map<string, RoleCandidate>();
  for (const c of candidates) {
    const seen = last.get(id(c));
    if (!seen || replaces(c, seen)) last.set(id(c), c);
  }
  return candidates.filter((c) => last.get(id(c)) === c);
}
