/**
 * A table's spelling that matches, where the file itself says the value is not that role: the table's reading is
 * declined and role inference reads the value as the file says (roles/candidates.ts).
 */
import type { HyperparameterName } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import { entriesBeside, type EntryIndex, type Spelling } from './match';
import { benchmarkWarmup } from './roles/block-words';
import { normaliseWord } from './roles/context';
import { saysOtherOwner } from './roles/code-readings';
import { GLOBAL_BATCH_HELP, ROLE_WORDS } from './roles/vocabulary';

/**
 * A generic batch word (`batch_size`) read as the per-device batch whose help text or trailing comment says it is the
 * total over the devices (`batch_size: 64 # Total training batch size`, NVIDIA/physicsnemo stormcast
 * config/training/default.yaml): the author says what the framework does with it, so it is no per-device batch here;
 * role inference reads it as the global batch (roles/candidates.ts).
 */
function totalByItsHelp(name: HyperparameterName, spelling: Spelling, entry: ConfigEntry): boolean {
  const word = spelling.key[spelling.key.length - 1]?.toLowerCase() ?? '';
  return name === 'microBatchSize' && ROLE_WORDS.get(word)?.specific === false &&
    GLOBAL_BATCH_HELP.test(entry.help ?? '');
}

/** The entries that pass a variable's value on (their `origin`), by the variable's path; built once per index. */
const passedOn = new WeakMap<EntryIndex, Map<string, ConfigEntry[]>>();

function passingOn(index: EntryIndex): Map<string, ConfigEntry[]> {
  let byOrigin = passedOn.get(index);
  if (byOrigin) return byOrigin;
  byOrigin = new Map();
  for (const e of index.entries) {
    if (!e.origin) continue;
    const key = e.origin.join('\u0000');
    const list = byOrigin.get(key);
    if (list) list.push(e);
    else byOrigin.set(key, [e]);
  }
  passedOn.set(index, byOrigin);
  return byOrigin;
}

/**
 * A variable whose value the file passes, as it is, to a keyword that names another role specifically
 * (`train_batch_size = 32` … `TrainingArguments(per_device_train_batch_size=train_batch_size)`): the keyword the
 * trainer receives says what the number is, not the variable's name, which only the script reads.
 */
function passedOnAsAnotherRole(index: EntryIndex, name: HyperparameterName, entry: ConfigEntry): boolean {
  if (entry.origin) return false;
  for (const e of passingOn(index).get(entry.path.join('\u0000')) ?? []) {
    if (e.span.start !== entry.span.start || e.span.end !== entry.span.end) continue;
    const word = ROLE_WORDS.get((e.path[e.path.length - 1] ?? '').toLowerCase());
    if (word?.specific === true && word.role !== name) return true;
  }
  return false;
}

/** Counts whose help text may say they are another part's (a text encoder's, an evaluation's): code-readings.ts. */
const COUNTS: ReadonlySet<HyperparameterName> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen',
  'steps', 'warmupSteps']);

/** Whether the table's reading of `entry` as `name` through `spelling` gives way to what the file says. */
export function declinedSpelling(index: EntryIndex, name: HyperparameterName, spelling: Spelling, entry: ConfigEntry):
  boolean {
  return totalByItsHelp(name, spelling, entry) || passedOnAsAnotherRole(index, name, entry) ||
    (COUNTS.has(name) && saysOtherOwner(entry)) || (name === 'warmupSteps' &&
      benchmarkWarmup(normaliseWord(entry.path[entry.path.length - 1] ?? ''),
        (key) => entriesBeside(index, entry, key).length > 0));
}
