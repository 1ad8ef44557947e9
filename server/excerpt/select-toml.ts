/**
 * TOML by tables: a key line is kept with the `[table]` header it sits under, a multi-line array or string is
 * one unit, and a header that names an optimizer or schedule table (`[optimizer]`, `[lr_scheduler]`) brings its keys,
 * up to BLOCK_LINES.
 */
import type { SourceLine } from './kept';
import { bracketDepth } from './select-yaml';
import {
  type LineSelector, MAX_UNIT_LINES, sectionKeeper, SETTINGS_COMMENT, type SelectorState, tooLong,
} from './selector';

/** Whether a multi-line string (`"""` or `'''`) is still open after `text`, given it was open before. */
function tripleOpen(text: string, open: string | null): string | null {
  let at = 0;
  let current = open;
  for (;;) {
    if (current) {
      const close = text.indexOf(current, at);
      if (close < 0) return current;
      at = close + 3;
      current = null;
    } else {
      const d = text.indexOf('"""', at);
      const s = text.indexOf("'''", at);
      if (d < 0 && s < 0) return null;
      const next = d >= 0 && (s < 0 || d < s) ? d : s;
      current = text.slice(next, next + 3);
      at = next + 3;
    }
  }
}

export function tomlSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  let pending: { lines: SourceLine[]; depth: number; triple: string | null } | null = null;
  const { header, unit } = sectionKeeper(kept);

  return {
    push(line) {
      const long = tooLong(line);
      if (long) state.longLines++;
      if (pending) {
        pending.lines.push(line);
        pending.triple = long ? null : tripleOpen(line.text, pending.triple);
        if (!pending.triple) pending.depth += long ? -pending.depth : bracketDepth(line.text);
        // A long line ends the unit unread (it is never kept, and the unit would grow without end).
        if ((pending.depth <= 0 && !pending.triple) || pending.lines.length > MAX_UNIT_LINES || long) {
          const done = pending.lines;
          pending = null;
          unit(done);
        }
        return;
      }
      if (long) return;
      const trimmed = line.text.trim();
      if (trimmed === '') return;
      if (trimmed.startsWith('#')) {
        if (SETTINGS_COMMENT.test(trimmed)) kept.keep([line], false);
        return;
      }
      if (trimmed.startsWith('[')) {
        header(line, trimmed);
        return;
      }
      const triple = tripleOpen(line.text, null);
      const depth = triple ? 0 : bracketDepth(line.text);
      if (triple || depth > 0) pending = { lines: [line], depth, triple };
      else unit([line]);
    },
    end() {
      if (pending) unit(pending.lines);
      pending = null;
    },
  };
}
