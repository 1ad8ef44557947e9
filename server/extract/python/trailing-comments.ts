/**
 * A setting's trailing comment says what it is where its name does not: `B = 64 # micro batch size`,
 * `L=512,  # max context/sequence length` (google-deepmind/nanodo@10aefde nanodo/configs/default.py),
 * `cfg.batch_size = 256  # Global batch size.` The comment on the line of a key and its value becomes the entry's
 * help text, as an option's `help=` is (idioms.ts), for role inference to read (roles/candidates.ts). Numbers in
 * comments are still never values.
 */
import type { ConfigEntry, ReadResult } from '../entries';

/** Longest comment kept as help. */
const MAX_HELP = 300;

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Gives each entry with no help whose key and value share a line with a trailing comment that comment's text. */
export function withTrailingComments(text: string, comments: ReadResult['comments'], entries: ConfigEntry[]):
  ConfigEntry[] {
  if (comments.length === 0) return entries;
  const starts = lineStarts(text);
  const byLine = new Map<number, { text: string; start: number }>();
  for (const c of comments) byLine.set(lineOf(starts, c.span.start), { text: c.text, start: c.span.start });
  for (const e of entries) {
    if (e.help !== undefined || e.keySpan === null) continue;
    const line = lineOf(starts, e.keySpan.start);
    const comment = byLine.get(line);
    if (!comment || comment.start < e.span.end || lineOf(starts, e.span.start) !== line) continue;
    e.help = comment.text.replace(/^#+\s*/, '').slice(0, MAX_HELP);
  }
  return entries;
}
