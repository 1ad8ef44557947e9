/**
 * A second optimizer written as marked twins of the first one's keys, in the same block: a GAN's generator and
 * discriminator (`optim: adam`, `optim_conf: {lr}`, `scheduler: constantlr` beside `optim_d: adam`, `optim_conf_d:
 * {lr}`, `scheduler_d: constantlr`: FunAudioLLM/CosyVoice@027e1cc cosyvoice/utils/train_utils.py
 * init_optimizer_and_scheduler builds `optimizer_d` from `train_conf['optim_d']` and `scheduler_d` from
 * `train_conf['scheduler_d']`), or a numbered second one (ESPnet2's `optim2`, `optim2_conf`, `scheduler2`,
 * espnet/espnet espnet2/tasks/abs_task.py: `optim{i}`, `optim{i}_conf`, `scheduler{i}` for each optimizer after the
 * first). The twin settings block is an optimizer of its own, never merged into the block around it, and the twins
 * of the name and schedule keys are its name and schedule.
 */
import type { EntryIndex } from '../match';
import { entriesAt } from '../match';
import { renderPath } from '../keypath';
import type { RoleCandidate } from './candidates';
import type { Role } from './vocabulary';

interface Group {
  path: string[];
  items: RoleCandidate[];
}

/** An optimizer's settings block: `<stem>_<settings word>`, the stem an optimizer's name key. */
const SETTINGS = /^((?:\w+_)?(?:opt|optim|optimi[sz]er))_(conf|config|cfg|args|params|kwargs|settings|options|opts)$/i;
const RUN_ROLES: ReadonlySet<Role> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen', 'steps',
  'warmupSteps']);

/** The usual names of the schedule key beside an optimizer's name. */
const SCHEDULE_KEYS: readonly string[] = ['scheduler', 'lr_scheduler', 'schedule', 'sched'];

interface Twin {
  /** The parent block, the base settings block's key and the twin's. */
  parent: string[];
  base: string;
  twin: string;
  stem: string;
  mark: string;
  /** Whether the mark follows the whole key (`optim_conf_d`) or the stem (`optim2_conf`). */
  after: boolean;
}

/** The marks of a twin: a number (`optim2_conf`, `optim_conf_2`) or a model's letter or word (`_d`, `_g`, `_disc`). */
const MARK_TEXT = '_?\\d+|_(?:d|g|disc|gen|generator|discriminator)';
const TRAILING = new RegExp(`(?:${MARK_TEXT})$`, 'i');
const MIDDLE = new RegExp(`^((?:\\w+_)?(?:opt|optim|optimi[sz]er))(${MARK_TEXT})_(conf|config|cfg|args|params|kwargs|` +
  'settings|options|opts)$', 'i');

/** `key` as a marked copy of an optimizer's settings block (`optim_conf_d`, `optim2_conf`), or null. */
function twinOf(parent: string[], key: string): Twin | null {
  const trailing = TRAILING.exec(key);
  const base = trailing && trailing.index > 0 ? key.slice(0, trailing.index) : undefined;
  const stem = base === undefined ? undefined : SETTINGS.exec(base)?.[1];
  if (base !== undefined && stem !== undefined)
    return { parent, base, twin: key, stem, mark: trailing?.[0] ?? '', after: true };
  const middle = MIDDLE.exec(key);
  if (!middle?.[1] || !middle[2] || !middle[3]) return null;
  return { parent, base: `${middle[1]}_${middle[3]}`, twin: key, stem: middle[1], mark: middle[2], after: false };
}

/** The twins among the keys of one block whose base settings block is there too (`has`). */
function twinsIn(parent: string[], keys: ReadonlySet<string>, has: (t: Twin) => boolean): Twin[] {
  return [...keys].flatMap((key) => {
    const t = twinOf(parent, key);
    return t && has(t) ? [t] : [];
  });
}

function made(role: Role, index: EntryIndex, path: string[], group: string[], what: string): RoleCandidate | null {
  const entry = entriesAt(index, path).at(-1);
  if (!entry || typeof entry.value !== 'string' || entry.value.trim() === '') return null;
  return {
    role, entry, element: null, context: { kind: 'optimizer', group },
    via: { rule: 'role', keyPath: renderPath(path), confidence: 'high',
      reason: `\`${path[path.length - 1] ?? ''}\` is the ${what} of the optimizer \`${group[group.length - 1] ?? ''}\` ` +
        'configures, a marked twin of the first optimizer\'s key' },
  };
}

/** The twin's name and schedule: the base keys' twins (`optim` → `optim_d`, `scheduler` → `scheduler_d`). */
function namesAndSchedule(index: EntryIndex, t: Twin, beside: readonly RoleCandidate[]): RoleCandidate[] {
  const group = [...t.parent, t.twin];
  const out: RoleCandidate[] = [];
  for (const key of [t.stem, `${t.stem}_name`, `${t.stem}_type`]) {
    if (entriesAt(index, [...t.parent, key]).length === 0) continue;
    const twin = t.after ? `${key}${t.mark}` : `${t.stem}${t.mark}${key.slice(t.stem.length)}`;
    const c = made('optimizer', index, [...t.parent, twin], group, 'name');
    if (c) out.push(c);
    break;
  }
  const depth = t.parent.length + 1;
  const schedule = beside.find((c) => c.role === 'schedule' && c.entry.path.length === depth);
  // A table may have read the base schedule key (ESPnet's `scheduler`): its usual names are looked up instead.
  const key = schedule?.entry.path[depth - 1] ??
    SCHEDULE_KEYS.find((k) => typeof entriesAt(index, [...t.parent, k]).at(-1)?.value === 'string');
  const c = key === undefined ? null : made('schedule', index, [...t.parent, `${key}${t.mark}`], group, 'schedule');
  if (c) out.push(c);
  return out;
}

const first = (g: Group): number => Math.min(...g.items.map((c) => c.entry.span.start));

/**
 * The groups with each twin settings block split off as a group of its own, its name and schedule with it, and the
 * run settings of the block around it shared; a twin at the top level (its own group already) gets its name and
 * schedule. Groups stay in document order of their first value.
 */
export function splitTwinBlocks(index: EntryIndex, groups: readonly Group[], loose: readonly RoleCandidate[]): Group[] {
  const out = groups.map((g) => ({ path: g.path, items: [...g.items] }));
  const added: Group[] = [];
  for (const g of out) {
    const depth = g.path.length;
    const keys = new Set(g.items.flatMap((c) => (c.entry.path.length > depth + 1 ? [c.entry.path[depth] ?? ''] : [])));
    for (const t of twinsIn(g.path, keys, (x) => keys.has(x.base))) {
      const inside = g.items.filter((c) => c.entry.path.length > depth + 1 && c.entry.path[depth] === t.twin);
      const extra = namesAndSchedule(index, t, g.items);
      const shared = g.items.filter((c) => RUN_ROLES.has(c.role) && !inside.includes(c));
      g.items = g.items.filter((c) => !inside.includes(c) && !extra.some((e) => e.entry === c.entry));
      added.push({ path: [...g.path, t.twin], items: [...inside, ...extra, ...shared] });
    }
  }
  // At the top level the twin block is a group of its own; its name and schedule are loose values.
  const top = new Set(out.filter((g) => g.path.length === 1).map((g) => g.path[0] ?? ''));
  for (const c of loose) if (c.entry.path.length > 1) top.add(c.entry.path[0] ?? '');
  // A table may have read the base block (ESPnet's `optim_conf`): its name key written at the top level is enough.
  const named = (t: Twin): boolean => top.has(t.base) || entriesAt(index, [t.stem]).length > 0;
  for (const t of twinsIn([], top, named)) {
    const g = out.find((o) => o.path.length === 1 && o.path[0] === t.twin);
    if (g) g.items.push(...namesAndSchedule(index, t, loose));
  }
  return [...out.filter((g) => g.items.length > 0), ...added].sort((a, b) => first(a) - first(b));
}
