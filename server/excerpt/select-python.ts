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
  const bindings = new Map<string, SourceLine[]>();
  let lines: SourceLine[] = [];
  let code = '';
  let oversize = false;

  const keepBindings = (text: string, before: number, weak: boolean, depth: number) => {
    if (depth > 4) return;
    for (const match of text.matchAll(NAME)) {
      const bound = bindings.get(match[0]);
      const first = bound?.[0];
      if (!bound || !first || first.line >= before || kept.has(first.line)) continue;
      if (kept.keep(bound, weak)) keepBindings(bound.map((l) => l.text).join('\n'), first.line, weak, depth + 1);
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
    if (indent === 0 && unit.length <= 4) {
      const name = BINDING.exec(trimmed)?.[1];
      if (name && (bindings.has(name) || bindings.size < MAX_BINDINGS)) bindings.set(name, unit);
    }
    if (HEADER.test(trimmed) && trimmed.endsWith(':') && headers.length < MAX_DEPTH) {
      const opens = word !== null && word.opensContext && kept.has(first.line);
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
      if (!scanner.open) statement();
    },
    end() {
      statement();
    },
  };
}
