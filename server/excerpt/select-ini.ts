/**
 * INI by sections, as configparser reads them (server/extract/ini.ts): a key line and the lines indented deeper
 * that continue its value are one unit, kept with the `[section]` header it sits under; a header that names an
 * optimizer or schedule section (`[optimizer]`, `[lr_scheduler]`) brings its keys, up to BLOCK_LINES. Comment lines
 * (`#`, `;`) inside a value are skipped without ending it, as configparser skips them.
 */
import type { SourceLine } from './kept';
import {
  leadingSpaces, type LineSelector, MAX_UNIT_LINES, sectionKeeper, SETTINGS_COMMENT, type SelectorState, tooLong,
} from './selector';
import { iniLineKind } from '../extract/ini';

const isComment = (trimmed: string): boolean => trimmed.startsWith('#') || trimmed.startsWith(';');

export function iniSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  // A unit that grew past MAX_UNIT_LINES keeps only its count: it is data, never kept, and memory stays bounded.
  let pending: { lines: SourceLine[]; indent: number; count: number } | null = null;
  const { header, unit } = sectionKeeper(kept);
  const finish = () => {
    if (pending && pending.count <= MAX_UNIT_LINES) unit(pending.lines);
    pending = null;
  };

  return {
    push(line) {
      const long = tooLong(line);
      if (long) {
        state.longLines++;
        // A long line ends the unit unread (it is never kept, and the unit would grow without end).
        pending = null;
        return;
      }
      const trimmed = line.text.trim();
      if (trimmed === '') return;
      const indent = leadingSpaces(line.text);
      if (isComment(trimmed)) {
        if (SETTINGS_COMMENT.test(trimmed)) kept.keep([line], false);
        // Inside a value continued over lines, kept with it: the value's span holds it.
        else if (pending && pending.count <= MAX_UNIT_LINES) pending.lines.push(line);
        return;
      }
      if (pending && indent > pending.indent) {
        pending.count++;
        if (pending.count <= MAX_UNIT_LINES) pending.lines.push(line);
        else pending.lines = [];
        return;
      }
      // A line configparser refuses (no `=` or `:`, not a header) is reported and skipped: the value before it goes on
      // past it, continued by lines indented deeper than the refused one (ini.ts reads so), so it stays in that
      // value's unit, whose span holds it.
      if (pending && iniLineKind(line.text) === 'refused') {
        pending.indent = indent;
        pending.count++;
        if (pending.count <= MAX_UNIT_LINES) pending.lines.push(line);
        else pending.lines = [];
        return;
      }
      finish();
      if (iniLineKind(line.text) === 'header') {
        header(line, trimmed);
        return;
      }
      pending = { lines: [line], indent, count: 1 };
    },
    end() {
      finish();
    },
  };
}
