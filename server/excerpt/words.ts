/**
 * The words that make a line of a huge file worth reading: every name the extractor itself looks for, taken
 * from the shared role vocabulary (roles/vocabulary.ts) and from the ecosystem tables' key patterns, callees
 * and optimizer names, so that this list can never drift from what extraction reads. A line is selected when
 * one of its words is here (select.ts); the vocabulary's context-dependent words (`lr`, `name`, `type`) are
 * weak: they count against a smaller budget unless a strong word around them says "optimizer".
 */
import { ECOSYSTEMS, GENERIC } from '../extract/ecosystems';
import { HF_OPTIM_NAMES } from '../extract/ecosystems/hf-trainer';
import { KNOWN_OPTIMIZER_NAMES, TORCH_NAMES } from '../extract/ecosystems/optimizer-names';
import type { EcosystemTable, KeySpelling, Spellings } from '../extract/ecosystems/types';
import { parsePattern } from '../extract/keypath';
import { BLOCK_WORDS } from '../extract/roles/block-words';
import { groupLrPart } from '../extract/roles/group-lr';
import { GROUP_LR, GROUP_LR_AFTER, LIST_WORDS, ROLE_WORDS, SIBLING_WORDS } from '../extract/roles/vocabulary';

export type WordStrength = 'strong' | 'weak';

/** What a selected word says: how strongly, and whether lines below it are read as optimizer context. */
export interface SelectionWord {
  strength: WordStrength;
  /** An optimizer or schedule block (`optimizer:`, `optim_config`, `adamw`): the words under it are strong. */
  opensContext: boolean;
}

/** A word as the vocabulary matches it: lower case, leading dashes dropped, `-` read as `_`. */
export function normaliseWord(word: string): string {
  let start = 0;
  while (word.charCodeAt(start) === 45) start++;
  return word.slice(start).toLowerCase().replace(/-/g, '_');
}

/** The segments of a table's key pattern that name something (not `*`, `**` or a list index). */
function namedSegments(pattern: string): string[] {
  return parsePattern(pattern).filter((s) => s !== '' && s !== '*' && s !== '**' && !/^\d+$/.test(s));
}

function spellingKeys(spellings: Spellings): string[] {
  const keys: string[] = [];
  for (const list of Object.values(spellings) as (KeySpelling[] | undefined)[]) {
    for (const spelling of list ?? []) {
      keys.push(typeof spelling === 'string' ? spelling : spelling.key);
      if (typeof spelling !== 'string' && 'unitWhen' in spelling && spelling.unitWhen) keys.push(spelling.unitWhen.sibling);
      if (typeof spelling !== 'string' && 'when' in spelling) keys.push(...spelling.when.map((c) => c.sibling));
    }
  }
  return keys;
}

/** Every key pattern a table reads; the last named segment of each is a word a selected line may hold. */
function tablePatterns(table: EcosystemTable): { signals: string[]; leaves: string[]; blocks: string[] } {
  const signals = [...table.detect.keys.map((k) => k.pattern), ...(table.detect.values ?? []).map((v) => v.pattern)];
  const leaves = [
    ...spellingKeys(table.run),
    ...Object.values(table.defaults).flatMap((d) => d?.unlessKeys ?? []),
    ...(table.ignoredKeys ?? []).flatMap((k) => [k.key, k.realKey]),
    ...(table.notRoles ?? []).flatMap((k) => [k.key, ...(k.whenWritten ?? []), ...(k.unless ? [k.unless.key] : [])]),
    ...(table.batch.dataParallelKeys ?? []),
    ...(table.fp16Keys ?? []),
    ...(table.warmupFractionOf ?? []),
  ];
  const blocks: string[] = [];
  for (const scope of table.optimizers) {
    blocks.push(scope.at);
    leaves.push(...scope.nameKeys, ...spellingKeys(scope.hyperparameters));
    for (const info of Object.values(scope.names)) if (info.modeSwitch) leaves.push(info.modeSwitch.key);
  }
  return { signals, leaves, blocks };
}

/**
 * Leaves every file writes, whatever it configures: a key that ends in one (SAM 2's `scheduler.value`, prime-rl's
 * `env.taskset.id`, Megatron-Bridge's detection key `rng.seed`) is known by the segment before it.
 */
const STRUCTURAL_LEAVES = new Set(['value', 'values', 'id', 'key', 'path', 'args', 'kwargs', 'params', 'config', 'seed']);

/**
 * The word a key pattern gives a selected line: its last named segment, or the one before it when the last is
 * structural or one or two letters (llm.c's `-x` means something only under its program, whose name is the word).
 */
function leafWord(pattern: string): string {
  const segments = namedSegments(pattern);
  const leaf = normaliseWord(segments.pop() ?? '');
  const before = segments.pop();
  return before !== undefined && (leaf.length <= 2 || STRUCTURAL_LEAVES.has(leaf)) ? normaliseWord(before) : leaf;
}

/** The last dotted part of a callee or class name (`torch.optim.AdamW` → `adamw`). */
const lastPart = (name: string) => normaliseWord(name.split('.').pop() ?? name);

function buildWords(): { exact: Map<string, WordStrength>; glob: RegExp | null; contexts: Set<string> } {
  const exact = new Map<string, WordStrength>();
  const contexts = new Set<string>();
  const globs: string[] = [];
  const add = (word: string, strength: WordStrength) => {
    if (word === '' || word === '*') return;
    if (word.includes('*')) {
      const body = word.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[a-z0-9_]*');
      globs.push(body);
      return;
    }
    // A word the vocabulary calls weak stays weak, whoever else names it.
    if (exact.get(word) !== 'weak') exact.set(word, strength);
  };
  for (const [word, role] of ROLE_WORDS) {
    add(word, role.specific ? 'strong' : 'weak');
    if (role.specific && (role.role === 'optimizer' || role.role === 'schedule')) contexts.add(word);
  }
  for (const word of LIST_WORDS.keys()) add(word, 'strong');
  for (const [word, rule] of SIBLING_WORDS) {
    add(word, 'strong');
    for (const sibling of rule.siblings) add(normaliseWord(sibling), 'strong');
  }
  for (const table of [...ECOSYSTEMS, GENERIC]) {
    const { signals, leaves, blocks } = tablePatterns(table);
    for (const pattern of [...leaves, ...signals]) add(leafWord(pattern), 'strong');
    for (const pattern of blocks) for (const segment of namedSegments(pattern)) add(normaliseWord(segment), 'strong');
    for (const callee of table.detect.callees ?? []) add(lastPart(callee.name), 'strong');
    for (const scope of table.optimizers) {
      for (const callee of scope.callees ?? []) add(lastPart(callee), 'strong');
      for (const name of Object.keys(scope.names)) add(lastPart(name), 'strong');
    }
  }
  // A word whose role its block gives (`initial` of `learning_rate: {initial: 1e-4}`) is weak alone, as `lr` is;
  // added after the others, so a word another reading makes strong stays strong.
  for (const word of BLOCK_WORDS.keys()) if (!exact.has(normaliseWord(word))) add(normaliseWord(word), 'weak');
  for (const names of [HF_OPTIM_NAMES, TORCH_NAMES, KNOWN_OPTIMIZER_NAMES]) {
    for (const name of Object.keys(names)) {
      add(lastPart(name), 'strong');
      contexts.add(lastPart(name));
    }
  }
  // One alternation, tested once per new name, rather than one expression per glob.
  return { exact, glob: globs.length > 0 ? new RegExp(`^(?:${globs.join('|')})$`) : null, contexts };
}

let words: ReturnType<typeof buildWords> | null = null;

const STRONG: SelectionWord = { strength: 'strong', opensContext: false };
const WEAK: SelectionWord = { strength: 'weak', opensContext: false };
const CONTEXT: SelectionWord = { strength: 'strong', opensContext: true };

/** How `word` (already normalised) says "optimizer or run setting", or null when it does not. */
export function selectionWord(word: string): SelectionWord | null {
  words ??= buildWords();
  const known = words.exact.get(word);
  if (known) return known === 'weak' ? WEAK : words.contexts.has(word) || word.includes('optim') ? CONTEXT : STRONG;
  if (word.length > 64) return null;
  // `<part>_lr` / `<part>_learning_rate`: a parameter group's learning rate (roles/vocabulary.ts).
  if ((word.endsWith('lr') || word.endsWith('learning_rate')) && GROUP_LR.test(word)) return STRONG;
  // `lr_<part>` (nanoVLM's `lr_mp`), unless its part is a schedule's word (roles/group-lr.ts).
  if (word.startsWith('lr_') || word.startsWith('learning_rate_')) {
    if (GROUP_LR_AFTER.test(word) && groupLrPart(word) !== null) return STRONG;
  }
  if (word.includes('optim')) return CONTEXT;
  return words.glob?.test(word) ? STRONG : null;
}

/** Letters and `_` start a name (a key, flag, keyword, attribute or dotted path); digits, `.` and `-` go on. */
const starts = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const continues = (c: number) => starts(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;

/**
 * A name that ends with a specific setting's name (`_with_global_batch_size`, `set_learning_rate`): a helper that
 * writes it, weak (the name alone does not say it is read as that setting).
 */
function settingInName(word: string): SelectionWord | null {
  for (let at = word.indexOf('_', 1); at > 0 && at < word.length - 1; at = word.indexOf('_', at + 1)) {
    const tail = selectionWord(word.slice(at + 1));
    if (tail?.strength === 'strong' && word.length - at > 6) return WEAK;
  }
  return null;
}

/**
 * Names already looked up: a huge file repeats the same few names on most of its lines. Names with digits
 * (`key_1234`, `sample_87`) are mostly one-offs and are not remembered, so the memo stays small.
 */
const seen = new Map<string, SelectionWord | null>();
const MAX_SEEN = 10_000;
const DIGIT = /\d/;

function tokenWord(token: string): SelectionWord | null {
  const known = seen.get(token);
  if (known !== undefined) return known;
  const memo = token.length <= 40 && !DIGIT.test(token);
  const dot = token.lastIndexOf('.');
  const normalised = normaliseWord(dot >= 0 ? token.slice(dot + 1) : token);
  let word = selectionWord(normalised) ?? settingInName(normalised);
  // One or two letters (`b`, `bs`, `lr`) are as likely a loop variable or an echo's word as a setting.
  if (word && normalised.length <= 2 && !word.opensContext) word = WEAK;
  if (memo) {
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.set(token, word);
  }
  return word;
}

/**
 * The strongest selection word among the names in `text` (`--adam-beta1`, `optim.lr`, `AdamW`; each dotted name is
 * read by its last part). A character loop, not a regular expression: it runs over every line of a huge file.
 */
export function wordsIn(text: string): SelectionWord | null {
  let best: SelectionWord | null = null;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    if (!starts(text.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < length && continues(text.charCodeAt(end))) end++;
    const word = tokenWord(text.slice(i, end));
    i = end;
    if (!word) continue;
    if (word.opensContext) return word;
    if (!best || (best.strength === 'weak' && word.strength === 'strong')) best = word;
  }
  return best;
}
