/**
 * What every format's line selector shares: it is fed the real file one line at a time (never the whole
 * text), keeps what it needs in `KeptLines`, and holds at most one pending multi-line unit and its stack of
 * enclosing lines, so its memory is bounded by the budget, not by the file.
 */
import { KeptLines, MAX_LINE_CHARS, type SourceLine } from './kept';
import type { SelectionWord } from './words';

/** Lines read whole after a key or header that names an optimizer or schedule block (`optimizer:`, `[optimizer]`). */
export const BLOCK_LINES = 400;
/** A statement (or flow collection, heredoc) longer than this is never kept: it is data, not a setting. */
export const MAX_UNIT_LINES = 2_000;
/** Enclosing lines tracked at most; deeper nesting is read as if it were flat. */
export const MAX_DEPTH = 1_000;

export interface LineSelector {
  push(line: SourceLine): void;
  /** The file ended: a pending unit is decided. */
  end(): void;
}

export interface SelectorState {
  kept: KeptLines;
  /** Lines skipped for being longer than MAX_LINE_CHARS. */
  longLines: number;
}

export function newState(): SelectorState {
  return { kept: new KeptLines(), longLines: 0 };
}

export const tooLong = (line: SourceLine) => line.text.length > MAX_LINE_CHARS;

/** The weaker reading of a group: weak unless a strong word, or an optimizer context around it, vouches for it. */
export function isWeak(word: SelectionWord | null, inContext: boolean): boolean {
  return !inContext && word?.strength !== 'strong';
}

/** A comment that carries OptLens settings (`# optlens: noise-scale=2e5`): always read. */
export const SETTINGS_COMMENT = /optlens:/i;

export const leadingSpaces = (text: string): number => {
  let n = 0;
  while (text.charCodeAt(n) === 32 || text.charCodeAt(n) === 9) n++;
  return n;
};
