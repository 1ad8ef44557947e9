/**
 * A setting's trailing comment says what it is where its name does not: `B = 64 # micro batch size`,
 * `L=512,  # max context/sequence length` (google-deepmind/nanodo@10aefde nanodo/configs/default.py),
 * `cfg.batch_size = 256  # Global batch size.`, and in YAML, TOML and INI files `batch_size: 64 # Total training
 * batch size` (NVIDIA/physicsnemo stormcast config/training/default.yaml). The comment on the line of a key and its
 * value becomes the entry's help text, as a Python option's `help=` is (python/idioms.ts), for role inference to read
 * (roles/candidates.ts). Numbers in comments are still never values.
 *
 * A comment alone on the line just above a setting says the same where the line has none (a dataclass field's
 * comment, `# total training steps` over `update_steps: int = 100_000`, corl-team/CORL@eeeeef2
 * algorithms/offline/dt.py:60-61); a blank line between them, or another setting, breaks the link.
 */
import type { ConfigEntry, ReadResult } from './entries';
import { lineIndex } from './lines';

/** Longest comment kept as help. */
const MAX_HELP = 300;

/** Whether a UTF-16 code is one of JavaScript's `\s` (ECMA-262 WhiteSpace and LineTerminator), without a regex. */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Gives each entry with no help whose key and value share a line with a trailing comment that comment's text. */
export function withTrailingComments(text: string, comments: ReadResult['comments'], entries: ConfigEntry[]):
  ConfigEntry[] {
  if (comments.length === 0) return entries;
  const lines = lineIndex(text);
  // Whether only spaces stand between the start of `line` and `offset` (a character loop: slicing a 10 MB text per
  // entry costs more than the whole read).
  const blankBefore = (line: number, offset: number): boolean => {
    for (let i = lines.lineStart(line); i < offset; i++) if (!isSpace(text.charCodeAt(i))) return false;
    return true;
  };
  const byLine = new Map<number, { text: string; start: number }>();
  const alone = new Map<number, string>();
  for (const c of comments) {
    const line = lines.lineAt(c.span.start);
    byLine.set(line, { text: c.text, start: c.span.start });
    if (blankBefore(line, c.span.start)) alone.set(line, c.text);
  }
  for (const e of entries) {
    if (e.help !== undefined || e.keySpan === null) continue;
    const line = lines.lineAt(e.keySpan.start);
    const comment = byLine.get(line);
    // Above: only where the line has no comment, and for the first key written on its line (not `b=2` of `a=1, b=2`).
    const help = comment !== undefined
      ? (comment.start >= e.span.end && lines.lineAt(e.span.start) === line ? comment.text : undefined)
      : alone.has(line - 1) && blankBefore(line, e.keySpan.start) ? alone.get(line - 1) : undefined;
    if (help !== undefined) e.help = help.replace(/^[#;]+\s*/, '').slice(0, MAX_HELP);
  }
  return entries;
}
