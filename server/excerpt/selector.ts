/**
 * What every format's line selector shares: it is fed the real file one line at a time (never the whole
 * text), keeps what it needs in `KeptLines`, and holds at most one pending multi-line unit and its stack of
 * enclosing lines, so its memory is bounded by the budget, not by the file.
 */
import { KeptLines, MAX_LINE_CHARS, type SourceLine } from './kept';
import { type SelectionWord, wordsIn } from './words';

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

/**
 * The `[section]` headers of INI and TOML: a unit (a key line, or the lines of one value) is kept with the header
 * it sits under, and a header that names an optimizer or schedule block brings its units, up to BLOCK_LINES.
 */
export interface SectionKeeper {
  /** A header line was read (its text trimmed): it becomes the enclosing section. */
  header: (line: SourceLine, trimmed: string) => void;
  /** A whole unit was read: kept, with its header, when a word or the enclosing block vouches for it. */
  unit: (lines: SourceLine[]) => void;
}

export function sectionKeeper(kept: KeptLines): SectionKeeper {
  let header: { line: SourceLine; word: SelectionWord | null; left: number } | null = null;
  return {
    header: (line, trimmed) => {
      const word = wordsIn(trimmed);
      header = { line, word, left: BLOCK_LINES };
      if (word) kept.keep([line], isWeak(word, false));
    },
    unit: (lines) => {
      if (lines.length > MAX_UNIT_LINES) return;
      const word = wordsIn(lines.length === 1 ? (lines[0]?.text ?? '') : lines.map((l) => l.text).join('\n'));
      const blocked = header !== null && header.word?.opensContext === true && header.left > 0;
      if (!word && !blocked) return;
      const context = header?.word?.opensContext ?? false;
      const group = header && !kept.has(header.line.line) ? [header.line, ...lines] : lines;
      kept.keep(group, isWeak(word, context || blocked));
      if (header && blocked) header.left -= lines.length;
    },
  };
}
