/**
 * What a division says of its dividend. Launch scripts compute the accumulation from the batch they want:
 * `GRADIENT_ACC=$((BATCH_SIZE / PER_DEVICE_BATCH_SIZE / GPUS))` (InternVL), `grad_acc=$((batch_size/(gpu_count *
 * nnodes)))` (s1). Accumulation = global batch ÷ (micro batch × devices), so the variable divided to give the
 * accumulation is the global batch, whatever its name (`BATCH_SIZE` alone would read as a micro batch). The shell
 * reader gives each such dividend an entry `[...key, 'dividend']` whose origin is the variable (shell.ts).
 */
import type { ConfigEntry } from '../entries';
import type { EntryIndex } from '../match';
import { renderPath } from '../keypath';
import type { RoleCandidate } from './candidates';
import { keyContext, normaliseWord } from './context';
import { ROLE_WORDS } from './vocabulary';

/** A dividend counted in tokens (`TOKENS_PER_STEP / (SEQ * MICRO)`) is a batch in another unit: not read. */
const TOKENS = /token/i;

/** The global-batch readings of the dividends of accumulation quotients. */
export function dividendCandidates(index: EntryIndex): RoleCandidate[] {
  const out: RoleCandidate[] = [];
  for (const entry of index.byName.get('dividend') ?? []) {
    const key = entry.path[entry.path.length - 2] ?? '';
    const name = entry.origin?.join('.') ?? '';
    if (ROLE_WORDS.get(normaliseWord(key))?.role !== 'gradAccum' || TOKENS.test(name)) continue;
    if (typeof entry.value !== 'number' || !Number.isInteger(entry.value) || entry.value <= 0) continue;
    out.push(candidate(entry, key, name));
  }
  return out;
}

function candidate(entry: ConfigEntry, key: string, name: string): RoleCandidate {
  return {
    role: 'globalBatchSize',
    entry,
    element: null,
    context: keyContext(entry),
    via: {
      rule: 'role',
      keyPath: renderPath(entry.origin ?? entry.path),
      confidence: 'medium',
      reason: `\`${name}\` is divided to give the accumulation \`${key}\` (accumulation = global batch ÷ ` +
        '(micro batch × devices)), so it is the global batch',
    },
  };
}
