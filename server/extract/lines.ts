/**
 * Offsets to 1-based lines. Built once per document; `lineAt` is a binary search, so mapping
 * every entry of a 10 MB file stays linear overall.
 */
export interface LineIndex {
  /** 1-based line of a UTF-16 offset (offsets past the end map to the last line). */
  lineAt(offset: number): number;
  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  // indexOf runs natively; a lone \r (old Mac endings) is rare enough for a second pass only when present.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (text.includes('\r')) {
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    starts.sort((a, b) => a - b);
  }
  // The line found last: callers mostly ask for offsets in document order, which this finds without a search.
  let found = 0;
  return {
    lineAt(offset: number): number {
      const next = starts[found + 1];
      if ((starts[found] ?? 0) <= offset && (next === undefined || offset < next)) return found + 1;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= offset) lo = mid;
        else hi = mid - 1;
      }
      found = lo;
      return lo + 1;
    },
    lineStart(line: number): number {
      return starts[Math.min(Math.max(line - 1, 0), starts.length - 1)] ?? 0;
    },
  };
}
