/**
 * Blocks of a name OptLens does not know that hold the run's settings, and role words whose block splits them by
 * dataset split: what a block's keys and a role block's keys say where the names around them do not.
 *
 * - A block of an unknown name (`params`, `basic`, `hparams_run`) that writes the learning rate or the weight decay
 *   under a name that says so is where the run's settings are: its generic words (`batch_size`, `steps`) are the
 *   run's, as in a training block (benchmarking-gnns' configs/*.json `params: {batch_size, init_lr, weight_decay,
 *   epochs}`, graphdeeplearning/benchmarking-gnns main_molecules_graph_regression.py: the DataLoader takes
 *   params['batch_size'], Adam params['init_lr'] and params['weight_decay']).
 * - A role word whose value is a block of splits (`batch_size: {train: 64, val: 8, test: 8}`) holds the role's
 *   value for training under `train` (MatterGen's data_module.batch_size.train, microsoft/mattergen
 *   mattergen/common/data/datamodule.py: the train DataLoader takes batch_size.train); the other splits are
 *   evaluation's.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { ConfigEntry } from '../entries';
import { entriesBeside, type EntryIndex } from '../match';
import { normaliseWord, type KeyContext } from './context';
import { saysPerDevice } from './code-readings';
import { accumulatedOptionBatch } from './option-batch';
import { ROLE_WORDS } from './vocabulary';
import { ROLLOUT_BATCH_MARKERS } from './vocabulary-spellings';

/** Files of keys and values only: a block in code (a dict, an object's attributes) is no settings block by its keys. */
export const DECLARATIVE_FORMATS: ReadonlySet<ConfigFormat> = new Set(['yaml', 'json', 'toml', 'ini']);

/** Names of the learning rate and the weight decay that say so wherever they sit. */
const SETTINGS_WITNESSES: readonly string[] = ['learning_rate', 'init_lr', 'initial_lr', 'base_lr', 'weight_decay'];

function numeric(entry: ConfigEntry | undefined): boolean {
  const v = entry?.value;
  return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
}

/**
 * `ctx` as a training block's where the entry's block is of no known kind and writes a learning rate or a weight
 * decay beside it, in a declarative file; else `ctx` as it was. The top level and known blocks keep their own kind.
 */
export function asSettingsBlock(index: EntryIndex, format: ConfigFormat, entry: ConfigEntry, ctx: KeyContext):
  KeyContext {
  if (!DECLARATIVE_FORMATS.has(format) || ctx.kind !== 'other' || entry.path.length < 2) return ctx;
  const holds = SETTINGS_WITNESSES.some((k) => numeric(entriesBeside(index, entry, k)[0]));
  return holds ? { ...ctx, kind: 'training' } : ctx;
}

/** The keys of a role block that hold the training split's value. */
export const TRAIN_SPLIT_KEYS: ReadonlySet<string> = new Set(['train', 'training']);

/**
 * The role word a `train` key stands for: its block's name when that is a numeric role's word (`batch_size.train`
 * is a batch size), else null.
 */
export function trainSplitWord(entry: ConfigEntry): string | null {
  const block = normaliseWord(entry.path[entry.path.length - 2] ?? '');
  const word = ROLE_WORDS.get(block);
  return word && word.role !== 'optimizer' && word.role !== 'schedule' ? block : null;
}

/**
 * Whether a word that is also read beside a sibling (`train_batch_size`, global beside a per-device micro-batch) reads
 * as the vocabulary says where that sibling is absent: in a settings file, unless the file is an RL trainer's, whose
 * `train_batch_size` counts prompts per rollout. A script's option is read so only where its help says per device
 * (diffusers' "Batch size (per device) for the training dataloader.") or beside an accumulation option and no
 * micro-batch option (option-batch.ts); else what its code does with it decides (loader-batch.ts).
 */
export function readByWord(index: EntryIndex, format: ConfigFormat, name: string, entry: ConfigEntry): boolean {
  return ROLE_WORDS.has(name) &&
    (DECLARATIVE_FORMATS.has(format) || saysPerDevice(entry) || accumulatedOptionBatch(index, entry)) &&
    !ROLLOUT_BATCH_MARKERS.some((m) => index.byName.has(m));
}
