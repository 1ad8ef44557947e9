/**
 * A command that expands a variable of several words an `if`/`case` set (`torchrun train.py ... ${ENGINE_CONFIG}`
 * after `ENGINE_CONFIG="$FSDP_CONFIG"` in one arm and `"$MEGATRON_CONFIG"` in the other) passes the other arm's words
 * in that arm's run. The command is read with the read arm's words (shell/branches.ts); here it is read again with
 * each other arm's, and every setting both write is given the other arm's value as an alternative, even an equal one
 * (that arm's run reads it at its own literal), so it is predicted as a run of its own (branch-values.ts). A setting
 * only the other arm's words write is read as written, as a flag written inside an arm is.
 */
import type { ConfigEntry } from '../entries';
import type { Branches } from './branches';
import type { Environment } from './expand';
import type { Word } from './syntax';

/** Most other arms read again per command: a `case` of many configurations is not read n times per command. */
const MAX_ARMS = 4;

function pathKey(entry: ConfigEntry): string {
  return entry.path.join('\u0000');
}

/**
 * Reads the command of `words` again for each other arm of a variable it expands; `own` are the entries the command
 * gave with `env`, `scan` reads the command with another environment, `push` adds an entry the read arm lacks.
 */
export function readOtherArms(branches: Branches, words: readonly Word[], env: Environment,
  own: readonly ConfigEntry[], scan: (env: Environment) => ConfigEntry[], push: (entry: ConfigEntry) => void): void {
  const names = new Set<string>();
  for (const word of words) for (const part of word.parts) if (part.kind === 'var') names.add(part.name);
  let read = 0;
  for (const name of names) {
    const armWords = branches.armWords(env.get(name));
    if (!armWords) continue;
    const byPath = new Map<string, ConfigEntry>();
    for (const e of own) byPath.set(pathKey(e), e);
    for (const { arm, value } of armWords.others) {
      if (read++ >= MAX_ARMS) return;
      const other = new Map(env);
      other.set(name, value);
      for (const e of scan(other)) {
        const twin = byPath.get(pathKey(e));
        if (!twin) {
          push(e);
          continue;
        }
        if (twin.span.start === e.span.start && twin.span.end === e.span.end) continue;
        const same = !e.runtime && !twin.runtime && e.value === twin.value;
        twin.branch ??= armWords.branch();
        twin.branch.alternatives.push({ value: e.runtime ? null : e.value, raw: e.raw, span: e.runtime ? null : e.span,
          arm, ...(same ? { same: true as const } : {}) });
      }
    }
  }
}
