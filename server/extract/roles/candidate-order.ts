/**
 * The order and grouping of role candidates before role inference (roles/infer.ts) gives them to optimizers: the
 * last write at each path, the few best per role, nested blocks merged into one optimizer's values.
 */
import { confidenceRank, type RoleCandidate } from './candidates';

/** Candidates kept per role for the file-wide values: the first that reads wins, the next ones cover interpolations. */
const PER_ROLE = 4;

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => s === path[i]);
}

/**
 * Groups inside one another are one optimizer: `actor_rollout_ref.actor` (its batch sizes) and
 * `actor_rollout_ref.actor.optim` (its learning rate) describe the actor's optimizer. The outer path is kept.
 */
export function mergeNested(
  groups: { path: string[]; items: RoleCandidate[] }[],
): { path: string[]; items: RoleCandidate[] }[] {
  const sorted = [...groups].sort((a, b) => a.path.length - b.path.length);
  const kept: { path: string[]; items: RoleCandidate[] }[] = [];
  for (const g of sorted) {
    const outer = kept.find((k) => startsWith(g.path, k.path));
    if (outer) outer.items.push(...g.items);
    else kept.push({ path: g.path, items: [...g.items] });
  }
  for (const k of kept)
    k.items.sort(
      (a, b) =>
        confidenceRank(a.via.confidence) - confidenceRank(b.via.confidence) || a.entry.span.start - b.entry.span.start,
    );
  // Document order of each group's first value: the first group takes the file's implied optimizer.
  return kept.sort(
    (a, b) => Math.min(...a.items.map((c) => c.entry.span.start)) - Math.min(...b.items.map((c) => c.entry.span.start)),
  );
}

/** The few best candidates of each role (in order): all `fill` can use, however many the file has. */
export function bestPerRole(candidates: readonly RoleCandidate[]): RoleCandidate[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      confidenceRank(a.via.confidence) - confidenceRank(b.via.confidence) || a.entry.span.start - b.entry.span.start,
  );
  const count = new Map<string, number>();
  return sorted.filter((c) => {
    const id = `${c.role}|${c.element ?? ''}`;
    const n = count.get(id) ?? 0;
    count.set(id, n + 1);
    return n < PER_ROLE;
  });
}

/** The last entry written at each path counts (argparse's last flag, Python's last assignment, YAML's last key). */
export function lastAtEachPath(candidates: readonly RoleCandidate[]): RoleCandidate[] {
  const last = new Map<string, RoleCandidate>();
  for (const c of candidates) {
    const id = `${c.role}|${c.element ?? ''}|${JSON.stringify(c.entry.path)}`;
    const seen = last.get(id);
    if (!seen || c.entry.span.start > seen.entry.span.start) last.set(id, c);
  }
  return candidates.filter((c) => last.get(`${c.role}|${c.element ?? ''}|${JSON.stringify(c.entry.path)}`) === c);
}
