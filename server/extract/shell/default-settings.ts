/**
 * `DEFAULT_<NAME>=<number>` in a launcher: the default of the setting NAME that the script it sources reads, unless
 * the environment sets NAME (NVlabs/VILA@36f6adc scripts/setups/train.sh: `GLOBAL_TRAIN_BATCH_SIZE=
 * ${GLOBAL_TRAIN_BATCH_SIZE:-$DEFAULT_GLOBAL_TRAIN_BATCH_SIZE}`, from which it computes the per-device batch it passes
 * on), so a value the launcher itself passes nowhere still sets the run: an entry `[NAME]` at the literal, read by
 * the name's role (a global batch here). The same default passed on through `$NAME` (shell/expand.ts) is the same
 * literal.
 */
import type { ConfigEntry } from '../entries';
import type { Chunk } from './expand';
import type { Assignment } from './syntax';

const DEFAULT = /^DEFAULT_([A-Z][A-Z0-9_]*)$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The entry of a `DEFAULT_<NAME>=<number>` assignment (`chunks` its stored value), or null. */
export function defaultSetting(text: string, assignment: Assignment, chunks: readonly Chunk[]): ConfigEntry | null {
  const name = DEFAULT.exec(assignment.name)?.[1];
  const [only] = chunks;
  if (name === undefined || chunks.length !== 1 || !only || only.unknown) return null;
  const literal = only.text.trim();
  if (!NUMBER.test(literal)) return null;
  const raw = text.slice(only.span.start, only.span.end);
  return { path: [name], value: Number(literal), raw, span: { ...only.span }, keySpan: { ...assignment.nameSpan },
    quoted: only.quoted };
}
