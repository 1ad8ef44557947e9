/**
 * JSON (and JSONC) by brackets: a line is kept with the lines that opened the objects and arrays around it,
 * and each kept opener brings the line that closes it, so the excerpt nests exactly as the file does. A key
 * that opens an optimizer or schedule object (`"optimizer": {`) brings the object with it, up to BLOCK_LINES.
 */
import type { SourceLine } from './kept';
import {
  BLOCK_LINES, isWeak, type LineSelector, MAX_DEPTH, SETTINGS_COMMENT, type SelectorState, tooLong,
} from './selector';
import { wordsIn } from './words';

interface Opener {
  line: SourceLine;
  kept: boolean;
  context: boolean;
}

/** The brackets of one line in order (`+1` opens, `-1` closes), outside strings and comments. */
function brackets(text: string, comment: { open: boolean }): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (comment.open) {
      if (c === 42 && text.charCodeAt(i + 1) === 47) {
        comment.open = false;
        i++;
      }
    } else if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) break;
    else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      comment.open = true;
      i++;
    } else if (c === 123 || c === 91) out.push(1);
    else if (c === 125 || c === 93) out.push(-1);
  }
  return out;
}

export function jsonSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  const stack: Opener[] = [];
  /** Brackets open past MAX_DEPTH: counted, not tracked (nothing that deep is kept). */
  let deeper = 0;
  const comment = { open: false };
  let block: { depth: number; left: number } | null = null;

  return {
    push(line) {
      const long = tooLong(line);
      if (long) state.longLines++;
      const inComment = comment.open;
      const events = brackets(line.text, comment);
      const trimmed = line.text.trim();
      const blocked = block !== null && stack.length >= block.depth && block.left > 0;
      if (block && stack.length < block.depth) block = null;
      const word = long || inComment || trimmed === '' ? null : wordsIn(line.text);
      const settings = !long && SETTINGS_COMMENT.test(trimmed) && /^(\/\/|\/\*)/.test(trimmed);
      const context = stack[stack.length - 1]?.context ?? false;
      let keptNow = false;
      if ((word || blocked || settings) && !long) {
        const ancestors = stack.filter((o) => !o.kept).map((o) => o.line);
        keptNow = kept.keep([...ancestors, line], isWeak(word, context || blocked));
        if (keptNow) for (const o of stack) o.kept = true;
        if (block && blocked) block.left--;
      }
      const depthBefore = stack.length;
      const opened: Opener[] = [];
      for (const e of events) {
        if (e > 0 && stack.length >= MAX_DEPTH) deeper++;
        else if (e < 0 && deeper > 0) deeper--;
        else if (e > 0) {
          const o: Opener = { line, kept: false, context: context || (word?.opensContext ?? false) };
          stack.push(o);
          opened.push(o);
        } else {
          const o = stack.pop();
          // The line closing a kept opener is kept with it, or the excerpt would not nest as the file does.
          if (o?.kept && !keptNow && !long) {
            kept.keepAlways(line);
            keptNow = true;
          }
        }
      }
      if (keptNow) for (const o of opened) o.kept = true;
      if (keptNow && word?.opensContext && !blocked && stack.length > depthBefore) {
        block = { depth: stack.length, left: BLOCK_LINES };
      }
    },
    end() {
      // Unclosed brackets at the end are the file's own syntax error; the reader reports it.
    },
  };
}
