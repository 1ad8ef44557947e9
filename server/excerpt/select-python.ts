/**
 * Python (and gin) by statements: a logical statement (brackets, strings and `\` continuations joined) is
 * kept whole with the `def`/`class`/`if`/`with` headers it sits in, a header that names an optimizer
 * (`def build_optimizer(...):`) brings its body up to BLOCK_LINES, and a module-level name the kept code
 * uses (`lr=base_lr`) brings the assignment that binds it, so values are followed as the reader follows them.
 */
import type { SourceLine } from './kept';
import {
  BLOCK_LINES, isWeak, leadingSpaces, type LineSelector, MAX_DEPTH, MAX_UNIT_LINES, SETTINGS_COMMENT,
  type SelectorState, tooLong,
} from './selector';
import { wordsIn } from './words';

/** Module-level assignments remembered for the names kept code uses; past this many, new names are not. */
const MAX_BINDINGS = 20_000;
const HEADER = /^(?:async\s+)?(?:def|class|if|elif|else|for|while|with|try|except|finally|match|case)\b/;
/** A statement remembered for the names it binds is at most this long. */
const MAX_BINDING_LINES = 16;
const IMPORT = /^import\s/;
const FROM_IMPORT = /^from\s+\S+\s+import\s/;

/** The names a statement binds: `x = ...`, `x: int = ...`, `import a.b as c`, `from m import (x as y, z)`. */
function boundNames(statement: string): string[] {
  if (IMPORT.test(statement) || FROM_IMPORT.test(statement)) {
    const list = statement.slice(statement.indexOf('import') + 6).replace(/[()\\]/g, ' ');
    return list.split(',').flatMap((part) => {
      const words = part.trim().split(/\s+/);
      const name = words.length >= 3 && words[1] === 'as' ? words[2] : words[0]?.split('.')[0];
      return name ? [name] : [];
    });
  }
  const name = BINDING.exec(statement)?.[1];
  return name ? [name] : [];
}

const DEFINITION = /^(?:async\s+)?(?:def|class)\b/;
const BINDING = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;
const NAME = /[A-Za-z_]\w*/g;

/** Tracks where a logical line ends: open brackets, an open string, a trailing backslash. */
class StatementScanner {
  depth = 0;
  triple: string | null = null;
  continued = false;

  /** Scans one physical line; returns its code with a trailing comment removed. */
  scan(text: string): string {
    this.continued = false;
    for (let i = 0; i < text.length; i++) {
      if (this.triple) {
        const close = text.indexOf(this.triple, i);
        if (close < 0) return text;
        i = close + 2;
        this.triple = null;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 35) return text.slice(0, i);
      if (c === 34 || c === 39) {
        const triple = (c === 34 ? '"' : "'").repeat(3);
        if (text.startsWith(triple, i)) {
          this.triple = triple;
          i += 2;
        } else {
          i = this.endOfString(text, i + 1, c);
        }
      } else if (c === 40 || c === 91 || c === 123) this.depth++;
      else if ((c === 41 || c === 93 || c === 125) && this.depth > 0) this.depth--;
    }
    this.continued = this.triple === null && text.trimEnd().endsWith('\\');
    return text;
  }

  private endOfString(text: string, at: number, quote: number): number {
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) i++;
      else if (c === quote) return i;
    }
    return text.length;
  }

  reset(): void {
    this.depth = 0;
    this.triple = null;
    this.continued = false;
  }

  get open(): boolean {
    return this.depth > 0 || this.triple !== null || this.continued;
  }
}

interface Header {
  lines: SourceLine[];
  indent: number;
  context: boolean;
  block: number;
}

export function pythonSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  const scanner = new StatementScanner();
  const headers: Header[] = [];
  /** For each name, the statement that last bound it (with its headers) and the line it starts on. */
  const bindings = new Map<string, { lines: SourceLine[]; at: number }>();
  let lines: SourceLine[] = [];
  let code = '';
  let oversize = false;

  const keepBindings = (text: string, before: number, weak: boolean, depth: number) => {
    if (depth > 4) return;
    for (const match of text.matchAll(NAME)) {
      const bound = bindings.get(match[0]);
      if (!bound || bound.at >= before || kept.has(bound.at)) continue;
      if (kept.keep(bound.lines, weak)) keepBindings(bound.lines.map((l) => l.text).join('\n'), bound.at, weak, depth + 1);
    }
  };

  const statement = () => {
    const unit = lines;
    const text = code;
    lines = [];
    code = '';
    const first = unit[0];
    if (!first || oversize) {
      oversize = false;
      return;
    }
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('@')) return;
    const indent = leadingSpaces(first.text);
    while ((headers[headers.length - 1]?.indent ?? -1) >= indent) headers.pop();
    const word = wordsIn(text);
    const parent = headers[headers.length - 1];
    const context = parent?.context ?? false;
    const blocked = parent !== undefined && parent.block > 0;
    if (word || blocked) {
      const weak = isWeak(word, context || blocked);
      const ancestors = headers.flatMap((h) => h.lines).filter((l) => !kept.has(l.line));
      if (kept.keep([...ancestors, ...unit], weak)) keepBindings(text, first.line, weak, 0);
      if (parent && blocked) parent.block -= unit.length;
    }
    if (unit.length <= MAX_BINDING_LINES) {
      const bound = { lines: [...headers.flatMap((h) => h.lines), ...unit], at: first.line };
      for (const name of boundNames(trimmed)) {
        if (bindings.has(name) || bindings.size < MAX_BINDINGS) bindings.set(name, bound);
      }
    }
    if (HEADER.test(trimmed) && trimmed.endsWith(':') && headers.length < MAX_DEPTH) {
      // An optimizer block, or a function or class named for a setting (`def get_lr(it):`, `def train():`): its
      // body is what it computes, read whole up to BLOCK_LINES.
      const named = word !== null && (word.opensContext || DEFINITION.test(trimmed));
      const opens = named && kept.has(first.line);
      const block = opens && !blocked ? BLOCK_LINES : blocked ? (parent?.block ?? 0) : 0;
      headers.push({ lines: unit, indent, context: context || opens, block });
    }
  };

  return {
    push(line) {
      const long = tooLong(line);
      if (long) state.longLines++;
      if (!scanner.open && line.text.trim() === '') return;
      if (!scanner.open && !long && SETTINGS_COMMENT.test(line.text) && line.text.trim().startsWith('#')) {
        kept.keep([line], false);
        return;
      }
      if (long || lines.length >= MAX_UNIT_LINES) oversize = true;
      else lines.push(line);
      const scanned = scanner.scan(long ? '' : line.text);
      if (!oversize) code += `${scanned}\n`;
      // A bracket or string never closed would make the rest of the file one statement: past the longest
      // statement kept, the reading starts afresh.
      if (oversize) scanner.reset();
      if (!scanner.open) statement();
    },
    end() {
      statement();
    },
  };
}
