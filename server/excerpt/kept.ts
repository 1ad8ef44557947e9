/**
 * The lines of a huge file that are kept for reading, under a budget. Lines arrive as groups (a line with
 * the lines it needs to be read in context: its ancestors, its continuation); a group is kept whole or not
 * at all, so the excerpt never holds half a statement. Weak groups (only context-dependent words such as
 * `lr` or `name`, with nothing around them saying "optimizer") have a smaller share of the budget, so a file
 * of a million `name:` lines cannot crowd out the optimizer block written after them.
 */

/** One line of the real file: its 1-based number, the offset of its first character, its text (no `\n`). */
export interface SourceLine {
  line: number;
  offset: number;
  text: string;
  /**
   * Lone carriage returns (old Mac line ends, which editors and the readers count as line breaks) in the lines
   * before this one, and in this one: lines are split at `\n` only, so these say how far the editor's line numbers
   * run ahead of `line` (excerpt.ts writes the skipped ones back into the excerpt).
   */
  crBefore: number;
  crIn: number;
}

/** Lines kept at most, and characters; past either, further groups are counted, not kept. */
export const EXCERPT_LIMITS = { lines: 20_000, chars: 2 << 20, weakLines: 4_000 } as const;
/** A line longer than this is never kept (generated data, a minified blob): it is counted and skipped. */
export const MAX_LINE_CHARS = 16_384;

export class KeptLines {
  private readonly byLine = new Map<number, SourceLine>();
  private chars = 0;
  private weak = 0;
  /** Groups that matched but did not fit the budget, and the first line of the first of them. */
  dropped = 0;
  firstDroppedLine: number | null = null;

  has(line: number): boolean {
    return this.byLine.has(line);
  }

  /** Keeps every line of `group` not yet kept, if they fit the budget; false (and counted) when they do not. */
  keep(group: readonly SourceLine[], weak: boolean): boolean {
    // A line past MAX_LINE_CHARS reaches the selectors cut: it is never kept, nor what needs it.
    if (group.some((l) => l.text.length > MAX_LINE_CHARS)) return false;
    const fresh = group.filter((l) => !this.byLine.has(l.line));
    const chars = fresh.reduce((n, l) => n + l.text.length + 1, 0);
    const fits = this.byLine.size + fresh.length <= EXCERPT_LIMITS.lines && this.chars + chars <= EXCERPT_LIMITS.chars
      && (!weak || this.weak + fresh.length <= EXCERPT_LIMITS.weakLines);
    if (!fits) {
      this.dropped++;
      const last = group[group.length - 1];
      this.firstDroppedLine ??= last ? last.line + last.crBefore : null;
      return false;
    }
    for (const l of fresh) this.byLine.set(l.line, l);
    this.chars += chars;
    if (weak) this.weak += fresh.length;
    return true;
  }

  /** Keeps lines that must come with lines already kept (a closing bracket), outside the budget. */
  keepAlways(line: SourceLine): void {
    if (this.byLine.has(line.line) || line.text.length > MAX_LINE_CHARS) return;
    this.byLine.set(line.line, line);
    this.chars += line.text.length + 1;
  }

  /** The kept lines in file order. */
  sorted(): SourceLine[] {
    return [...this.byLine.values()].sort((a, b) => a.line - b.line);
  }
}
