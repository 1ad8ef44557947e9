/**
 * A schedule named by its key rather than by a value: Marian's `lr-decay-inv-sqrt: [16000]` switches the
 * inverse-square-root decay on, starting at update 16000 (marian-nmt/marian-dev@0084a3a src/common/config_parser.cpp
 * `--lr-decay-inv-sqrt`, "Decrease learning rate at arg / sqrt(no. batches) starting at arg"; default 0, off), as
 * `cosine_decay: true`, `use_cosine_schedule: true` or `linear_decay: 1` do elsewhere. The key is the schedule's name
 * and is read at the key; its value only says the schedule is on (a positive number, `true`, a list that starts with
 * one), so the number is never read as a warmup or a run length. A key needs a learning-rate or schedule word beside
 * its shape (`lr`, `decay`, `schedule`, `annealing`), so that a model's `linear: true` or a loss's `cosine: 1` is not a
 * schedule.
 */
import type { ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import type { RoleCandidate } from './candidates';
import { keyContext } from './context';

const SHAPE = '(inv_sqrt|inverse_sqrt|rsqrt|cosine|cos|linear|exponential|exp|polynomial|poly|step|multistep|noam|' +
  'one_cycle|onecycle)';
/** `lr_decay_inv_sqrt`, `cosine_decay`, `use_cosine_schedule`, `cosine_lr`, `lr_cosine`: words already normalised. */
export const SCHEDULE_SWITCH_KEY = new RegExp(
  `^(use_)?((lr|learning_rate)_(decay_)?${SHAPE}(_(decay|schedule|annealing))?|` +
  `${SHAPE}_(lr|learning_rate|decay|schedule|scheduler|annealing|anneal|lr_decay|lr_schedule))$`);

const INDEX = /^\d+$/;
const PLACES: ReadonlySet<string> = new Set(['root', 'training', 'scheduler', 'optimizer']);

/** Whether the value switches the schedule on: `true`, a positive number (or its text), a list's positive first. */
function on(value: ConfigEntry['value']): boolean {
  if (typeof value === 'boolean') return value;
  const n = typeof value === 'string' ? Number(value.replace(/[a-zA-Z]+$/, '')) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

/** The schedule a key names, read at the key, for the entry written under it (a list's first element). */
export function scheduleSwitchCandidates(entry: ConfigEntry): RoleCandidate[] {
  const path = entry.path;
  const last = path[path.length - 1] ?? '';
  const element = INDEX.test(last);
  if ((element && last !== '0') || entry.keySpan === null || !on(entry.value)) return [];
  const keyPath = element ? path.slice(0, -1) : path;
  // As written: a shell flag's dest twin (`lr_decay_inv_sqrt`) keeps the flag it came from as its origin.
  const origin = entry.origin ?? keyPath;
  const written = (origin[origin.length - 1] ?? '').replace(/^-+/, '');
  const context = keyContext(entry);
  if (!PLACES.has(context.kind)) return [];
  const named: ConfigEntry = {
    path: keyPath, value: written, raw: written, span: { ...entry.keySpan }, keySpan: { ...entry.keySpan },
    quoted: false,
  };
  const reason = `\`${written}\` turns a learning-rate schedule of that shape on`;
  return [{ role: 'schedule', entry: named, element: null, context,
    via: { rule: 'role', keyPath: renderPath(keyPath), confidence: 'medium', reason } }];
}
