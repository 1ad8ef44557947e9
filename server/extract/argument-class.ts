/**
 * Which of its table's argument classes a file uses (ecosystems/types.ts `ArgumentClass`), so that the defaults shown
 * are the ones the class the file builds has: unsloth's patched `SFTConfig` and transformers' own `TrainingArguments`
 * differ in optimizer, weight decay, batch and warmup. In order:
 * 1. a Python call of the class: the one holding most of the table's keywords (the run's arguments), else the first;
 * 2. a shell command that runs it (`megatron sft`), as the first words of a command line;
 * 3. the keys only that class reads, the class with most of them written.
 * Where nothing decides, the table's own defaults stand. The table returned carries the class's defaults, default
 * optimizer and names in place of its own, so resolve.ts reads it as it reads any table.
 */
import type { ConfigFormat } from '../../core/analysis';
import { isImportEntry, type ConfigEntry } from './entries';
import type { ArgumentClass, EcosystemTable, KeySpelling } from './ecosystems/types';
import { parsePattern } from './keypath';
import { findSpelling, lastName, normaliseSpelling, type EntryIndex } from './match';
import { parseScript, type Command, type Word } from './shell/syntax';

/** Commands read for their first words; a launch script has a handful, a generated one may have thousands. */
const MAX_COMMANDS = 5_000;
/** Words of a command that can name it (`python -m swift.cli.sft` aside, `megatron sft` is two). */
const COMMAND_WORDS = 3;

export interface ChosenClass {
  table: EcosystemTable;
  /** The class chosen, and what decided; null where the table's own defaults stand. */
  chosen: { argumentClass: ArgumentClass; by: 'call' | 'command' | 'keys' } | null;
}

/** A call written in the file is the class's: the same name, or the same module (first part) and class (last part). */
export function sameCall(callee: string, call: string): boolean {
  if (callee === call) return true;
  const a = callee.split('.');
  const b = call.split('.');
  return a.length > 1 && b.length > 1 && a[0] === b[0] && a[a.length - 1] === b[b.length - 1];
}

/** The last key name of each of the table's spellings (`learning_rate`, `optim`): the keywords of a run's class. */
function keywordNames(table: EcosystemTable): Set<string> {
  const names = new Set<string>();
  const add = (spelling: KeySpelling): void => {
    const key = typeof spelling === 'string' ? spelling : spelling.key;
    names.add(lastName(parsePattern(key)));
  };
  for (const list of Object.values(table.run)) list?.forEach(add);
  for (const scope of table.optimizers) {
    for (const list of Object.values(scope.hyperparameters)) list?.forEach(add);
    scope.nameKeys.forEach(add);
  }
  return names;
}

function byCall(classes: readonly ArgumentClass[], entries: readonly ConfigEntry[], keywords: Set<string>):
  ArgumentClass | null {
  let first: ArgumentClass | null = null;
  let best: ArgumentClass | null = null;
  let bestCount = 0;
  const counts = new Map<ArgumentClass, number>();
  for (const e of entries) {
    // An import names a class without building it: only calls count.
    if (e.callee === undefined || isImportEntry(e)) continue;
    const callee = e.callee;
    const cls = classes.find((c) => c.calls.some((call) => sameCall(callee, call)));
    if (!cls) continue;
    first ??= cls;
    if (!keywords.has(lastName(e.path))) continue;
    const count = (counts.get(cls) ?? 0) + 1;
    counts.set(cls, count);
    if (count > bestCount) {
      best = cls;
      bestCount = count;
    }
  }
  return best ?? first;
}

/** A word's text where it is literal (no expansion), else null. */
function literal(word: Word): string | null {
  let text = '';
  for (const part of word.parts) {
    if (part.kind !== 'text') return null;
    text += part.text;
  }
  return text;
}

/** The first words of each command line (`megatron sft`), up to its first flag, override or expansion. */
function commandHeads(text: string): string[] {
  const heads: string[] = [];
  const visit = (commands: readonly Command[]): void => {
    for (const command of commands) {
      if (heads.length >= MAX_COMMANDS) return;
      const words: string[] = [];
      for (const word of command.words.slice(0, COMMAND_WORDS)) {
        const w = literal(word);
        if (w === null || w.startsWith('-') || w.includes('=')) break;
        words.push(w);
      }
      if (words.length > 0) heads.push(words.join(' '));
      visit(command.inline);
      for (const doc of command.hereDocs) visit(doc.commands);
    }
  };
  visit(parseScript(text).commands);
  return heads;
}

function byCommand(classes: readonly ArgumentClass[], text: string): ArgumentClass | null {
  const calls = classes.flatMap((c) => c.calls.filter((call) => call.includes(' ')));
  if (calls.length === 0) return null;
  for (const head of commandHeads(text)) {
    const cls = classes.find((c) => c.calls.some((call) => head === call || head.startsWith(`${call} `)));
    if (cls) return cls;
  }
  return null;
}

function byKeys(classes: readonly ArgumentClass[], index: EntryIndex): ArgumentClass | null {
  let best: ArgumentClass | null = null;
  let bestCount = 0;
  for (const cls of classes) {
    const count = (cls.keys ?? []).filter((k) => findSpelling(index, [], normaliseSpelling(k)) !== null).length;
    if (count > bestCount) {
      best = cls;
      bestCount = count;
    }
  }
  return best;
}

/** The table as the class sees it: its defaults, and its default optimizer and names in every scope. */
function withClass(table: EcosystemTable, cls: ArgumentClass): EcosystemTable {
  return {
    ...table,
    defaults: cls.defaults,
    optimizers: table.optimizers.map((scope) => ({
      ...scope,
      ...(cls.defaultName !== undefined ? { defaultName: cls.defaultName } : {}),
      ...(cls.names !== undefined ? { names: cls.names } : {}),
    })),
  };
}

export function chooseArgumentClass(table: EcosystemTable, entries: readonly ConfigEntry[], index: EntryIndex,
  format: ConfigFormat, text: string): ChosenClass {
  const classes = table.argumentClasses ?? [];
  if (classes.length === 0) return { table, chosen: null };
  const call = byCall(classes, entries, keywordNames(table));
  const command = call === null && format === 'shell' ? byCommand(classes, text) : null;
  const keys = call === null && command === null ? byKeys(classes, index) : null;
  const cls = call ?? command ?? keys;
  if (cls === null) return { table, chosen: null };
  const by = call !== null ? 'call' : command !== null ? 'command' : 'keys';
  return { table: withClass(table, cls), chosen: { argumentClass: cls, by } };
}
