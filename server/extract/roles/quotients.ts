/**
 * What a division says of its dividend. Launch scripts compute the accumulation from the batch they want:
 * `GRADIENT_ACC=$((BATCH_SIZE / PER_DEVICE_BATCH_SIZE / GPUS))` (InternVL), `grad_acc=$((batch_size/(gpu_count *
 * nnodes)))` (s1). Accumulation = global batch ÷ (micro batch × devices), so the variable divided to give the
 * accumulation is the global batch, whatever its name (`BATCH_SIZE` alone would read as a micro batch). The shell
 * reader gives each such dividend an entry `[...key, 'dividend']` whose origin is the variable (shell.ts).
 *
 * Two more quotients say what their dividend is when its name agrees:
 * - the batch per device, `PER_DEVICE_BATCH=$(( TARGET_GLOBAL_BATCH / (NUM_DEVICES * GRAD_ACCUM) ))`: micro batch =
 *   global batch ÷ (devices × accumulation), so a dividend named a global or total batch is the global batch (a plain
 *   `BATCH / GPUS` may leave the accumulation out, so its name must say global);
 * - a warmup fraction, `WARMUP_FRAC=$(python3 -c "print(${WARMUP_STEPS}/${SCHEDULE_STEPS})")`: fraction = warmup
 *   steps ÷ the schedule's length, so a dividend named a warmup in steps is the warmup the run gets.
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import { renderPath } from '../keypath';
import type { RoleCandidate } from './candidates';
import { keyContext, normaliseWord } from './context';
import { ROLE_WORDS } from './vocabulary';

/** A dividend counted in tokens (`TOKENS_PER_STEP / (SEQ * MICRO)`) is a batch in another unit: not read. */
const TOKENS = /token/i;
/** A name that says the batch is the global one (`TARGET_GLOBAL_BATCH`, `TOTAL_BATCH_SIZE`, `GBS`). */
const GLOBAL_BATCH_NAME = /(^|_)(global|total)(_[a-z]+)?_batch|(^|_)gbs($|_)/i;

type Reading = Pick<RoleCandidate, 'role' | 'via'>;

/** What the dividend of a quotient given to `key` is, from the key's role and the dividend's name; null: nothing. */
function readingOf(key: string, name: string, value: number, keyPath: string): Reading | null {
  const word = ROLE_WORDS.get(normaliseWord(key));
  if (!word || !Number.isInteger(value) || value <= 0) return null;
  if (word.role === 'gradAccum' && !TOKENS.test(name)) {
    return { role: 'globalBatchSize', via: { rule: 'role', keyPath, confidence: 'medium',
      reason: `\`${name}\` is divided to give the accumulation \`${key}\` (accumulation = global batch ÷ ` +
        '(micro batch × devices)), so it is the global batch' } };
  }
  if (word.role === 'microBatchSize' && word.unit === undefined && GLOBAL_BATCH_NAME.test(name) && !TOKENS.test(name)) {
    return { role: 'globalBatchSize', via: { rule: 'role', keyPath, confidence: 'medium',
      reason: `\`${name}\` is divided to give the batch per device \`${key}\` (batch per device = global batch ÷ ` +
        '(devices × accumulation)) and is named a global batch' } };
  }
  const named = ROLE_WORDS.get(normaliseWord(name));
  if (word.role === 'warmupSteps' && word.unit === 'fraction' && named?.role === 'warmupSteps' &&
    named.unit === undefined) {
    return { role: 'warmupSteps', via: { rule: 'role', keyPath, confidence: 'medium',
      reason: `\`${name}\` is divided to give the warmup fraction \`${key}\` (fraction = warmup steps ÷ the ` +
        'schedule\'s length), so it is the warmup in steps' } };
  }
  return null;
}

/** The readings of the dividends of quotients the file computes for a role. */
export function dividendCandidates(index: EntryIndex): RoleCandidate[] {
  const out: RoleCandidate[] = [];
  for (const entry of index.byName.get('dividend') ?? []) {
    const key = entry.path[entry.path.length - 2] ?? '';
    const name = entry.origin?.join('.') ?? '';
    if (typeof entry.value !== 'number') continue;
    const reading = readingOf(key, name, entry.value, renderPath(entry.origin ?? entry.path));
    if (reading) out.push(candidate(entry, reading));
  }
  return out;
}

function candidate(entry: ConfigEntry, reading: Reading): RoleCandidate {
  return { ...reading, entry, element: null, context: keyContext(entry) };
}
