/**
 * A script's `--train_batch_size` option beside its `--gradient_accumulation_steps` option, with no option for a
 * micro-batch: each device's batch. The name alone says nothing (DeepSpeed's JSON and OpenRLHF's flags make it the
 * global batch, beside their micro-batch), but a script that asks for a batch and for how many of them to accumulate,
 * and for no smaller batch, feeds that batch to each process on every accumulation step: the accelerate convention
 * (huggingface/diffusers examples/text_to_image/train_text_to_image.py: `total_batch_size = args.train_batch_size *
 * accelerator.num_processes * args.gradient_accumulation_steps`; kohya-ss/sd-scripts library/train_util.py
 * add_training_arguments, the same product in train_network.py). A DeepSpeed JSON that writes `train_batch_size` with
 * an accumulation count is no command-line option and keeps its reading; a help text saying total or global wins,
 * and so does code that divides the option before using it (`per_step = args.train_batch_size // accumulation`).
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import { normaliseWord } from './context';
import { GLOBAL_BATCH_HELP, ROLE_WORDS } from './vocabulary';

/** What the command-line options of a file say about its batches, found once per file. */
interface OptionWords {
  accumulates: boolean;
  smallerBatch: boolean;
  /** Names the file's code divides (`args.train_batch_size // args.gradient_accumulation_steps` → train_batch_size). */
  divided: Set<string>;
}

/** A name divided by another in an expression the file computes: its last segment. */
const DIVIDEND = /([A-Za-z_][\w.]*)\s*\/\/?\s*[A-Za-z_(]/g;

const byIndex = new WeakMap<EntryIndex, OptionWords>();

/** A command-line option's entry: one segment, the option string (`--train_batch_size`). */
function isOption(entry: ConfigEntry): boolean {
  return entry.path.length === 1 && (entry.path[0] ?? '').startsWith('-');
}

/** A batch name that says it is smaller than the step's (`micro_train_batch_size`, `per_device_train_batch_size`). */
const SMALLER_BATCH = /(^|_)(micro|mini|per_(device|gpu|rank|core|replica))(_|$)|_per_(device|gpu|rank)$|(^|_)mbs$/;

function optionWords(index: EntryIndex): OptionWords {
  const known = byIndex.get(index);
  if (known) return known;
  const words: OptionWords = { accumulates: false, smallerBatch: false, divided: new Set() };
  for (const e of index.entries) {
    if (e.computed === true || e.runtime !== undefined) {
      for (const m of e.raw.matchAll(DIVIDEND)) words.divided.add((m[1] ?? '').split('.').pop()?.toLowerCase() ?? '');
    }
    if (!isOption(e)) continue;
    const name = normaliseWord(e.path[0] ?? '');
    if (ROLE_WORDS.get(name)?.role === 'gradAccum') words.accumulates = true;
    else if (/batch|mbs/.test(name) && SMALLER_BATCH.test(name)) words.smallerBatch = true;
  }
  byIndex.set(index, words);
  return words;
}

/** Whether `entry`, a script's batch option, is each device's batch by the accumulation option beside it. */
export function accumulatedOptionBatch(index: EntryIndex, entry: ConfigEntry): boolean {
  if (!isOption(entry) || GLOBAL_BATCH_HELP.test(entry.help ?? '')) return false;
  const words = optionWords(index);
  // Divided by the code first (into micro-batches, over the processes), it is not the batch each step feeds.
  return words.accumulates && !words.smallerBatch && !words.divided.has(normaliseWord(entry.path[0] ?? ''));
}
