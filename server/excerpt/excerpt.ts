/**
 * An excerpt of a huge file: the kept lines, each at its own line number, with every other line left empty,
 * so the readers parse it as they would the file and report the real line numbers. Offsets are mapped back
 * to the real file's, so every span (diagnostics, hovers, quick fixes) points into the real text.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { LineIndex } from '../extract/lines';
import type { SourceLine } from './kept';

export interface Excerpt {
  /** What the extractor reads: the kept lines at their line numbers, the other lines empty. */
  text: string;
  format: ConfigFormat;
  /** The real file's size in characters, and its line count. */
  totalChars: number;
  totalLines: number;
  keptLines: number;
  /** Groups of lines that matched but were over the budget, and where the first of them was. */
  dropped: number;
  firstDroppedLine: number | null;
  /** Lines too long to keep (minified data): nothing on them is read. */
  longLines: number;
  /** The real file's offset of an offset into `text`. */
  toOriginal(offset: number): number;
  /** Lines of the real file's offsets, for the kept lines (where every span of its analysis lies). */
  originalLines: LineIndex;
}

/** The largest index whose value is at most `at` in an ascending array (-1 when none). */
function floorIndex(values: readonly number[], at: number): number {
  let lo = -1;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * JSON whose members were left out can end a kept member with a comma right before a kept closing bracket;
 * the comma becomes a space (same length, so offsets stay put) and the excerpt parses as the file would.
 */
function withoutDanglingCommas(lines: SourceLine[]): SourceLine[] {
  return lines.map((l, i) => {
    const next = lines[i + 1]?.text.trimStart() ?? '';
    if (!next.startsWith('}') && !next.startsWith(']')) return l;
    const end = l.text.trimEnd();
    if (!end.endsWith(',')) return l;
    return { ...l, text: `${end.slice(0, -1)} ${l.text.slice(end.length)}` };
  });
}

/**
 * The lines left out before a kept one: `newlines` empty lines, with the `crs` lone carriage returns the left-out
 * lines held, so the excerpt's lines are numbered as the file's are (editors count a lone `\r` as a line end). Each
 * is written as `\r ` so that it is never read as the first half of a CRLF; at the file's start (`first`) they lead.
 */
function gapBefore(newlines: number, crs: number, first: boolean): string {
  const breaks = '\r '.repeat(Math.max(0, crs));
  if (breaks === '') return '\n'.repeat(newlines);
  return first ? breaks + '\n'.repeat(newlines) : `\n${breaks}${'\n'.repeat(Math.max(0, newlines - 1))}`;
}

export interface ExcerptCounts {
  totalChars: number;
  totalLines: number;
  dropped: number;
  firstDroppedLine: number | null;
  longLines: number;
}

export function buildExcerpt(kept: SourceLine[], format: ConfigFormat, counts: ExcerptCounts): Excerpt {
  const lines = format === 'json' ? withoutDanglingCommas(kept) : kept;
  const pieces: string[] = [];
  const excerptStarts: number[] = [];
  const originalStarts: number[] = [];
  const numbers: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  let line = 1;
  let crs = 0;
  for (const l of lines) {
    const gap = gapBefore(l.line - line, l.crBefore - crs, excerptStarts.length === 0);
    pieces.push(gap, l.text);
    excerptStarts.push(at + gap.length);
    originalStarts.push(l.offset);
    numbers.push(l.line + l.crBefore);
    lengths.push(l.text.length);
    at += gap.length + l.text.length;
    line = l.line;
    crs = l.crBefore + l.crIn;
  }
  pieces.push('\n'.repeat(Math.max(0, counts.totalLines - line)));
  const toOriginal = (offset: number): number => {
    const i = floorIndex(excerptStarts, offset);
    if (i < 0) return 0;
    const within = offset - (excerptStarts[i] ?? 0);
    // Past a kept line's end (its newline, or the empty lines after it): the start of the line after it.
    return (originalStarts[i] ?? 0) + Math.min(within, (lengths[i] ?? 0) + 1);
  };
  const originalLines: LineIndex = {
    lineAt: (offset) => numbers[floorIndex(originalStarts, offset)] ?? 1,
    lineStart: (n) => originalStarts[floorIndex(numbers, n)] ?? 0,
  };
  return { text: pieces.join(''), format, keptLines: kept.length, ...counts, toOriginal, originalLines };
}

/** Rewrites, in place, every `span` in `value` (an analysis: findings, values, fixes) into the real file's offsets. */
export function mapSpans(value: unknown, toOriginal: (offset: number) => number, seen = new WeakSet<object>()): void {
  // An object reached twice (one value shared by two findings) is mapped once.
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) mapSpans(item, toOriginal, seen);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (key === 'span' && child !== null && typeof child === 'object') {
      const span = child as { start?: unknown; end?: unknown };
      if (typeof span.start === 'number' && typeof span.end === 'number') {
        record[key] = { start: toOriginal(span.start), end: toOriginal(span.end) };
        continue;
      }
    }
    mapSpans(child, toOriginal, seen);
  }
}
