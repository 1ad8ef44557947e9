/**
 * Shell by logical commands: a command with its `\` continuations and quoted newlines is kept whole when one
 * of its flags, overrides or words is in the vocabulary (`--lr`, `optim.lr=1e-4`, `LR=3e-4`), with its here-
 * document if it has one, and with the assignments of the variables it uses (`--lr $BASE`), so the reader
 * expands them as it would in the whole script. A here-document's body is never read as commands.
 */
import type { SourceLine } from './kept';
import { isWeak, type LineSelector, MAX_UNIT_LINES, SETTINGS_COMMENT, type SelectorState, tooLong } from './selector';
import { wordsIn } from './words';

const MAX_BINDINGS = 20_000;
/** An assignment remembered for later use is at most this long (a launcher's argument array). */
const MAX_BINDING_LINES = 64;
const ASSIGNMENT = /^(?:export\s+|declare\s+(?:-\w+\s+)*|local\s+|readonly\s+)?([A-Za-z_]\w*)=/;
const VARIABLE = /\$\{?([A-Za-z_]\w*)/g;
/** `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"` (not the here-string `<<<`). */
const HEREDOC = /(?<!<)<<(-?)[ \t]*(['"]?)([A-Za-z_][\w.-]*)\2/;

/**
 * The quote (0 for none) and the parenthesis depth left open at the end of `text`, given those open before it:
 * an array (`ARGS=(` … `)`) or a `$(` … `)` spans lines as one command.
 */
function openAtEnd(text: string, open: { quote: number; depth: number }): { quote: number; depth: number } {
  let { quote, depth } = open;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 39) {
      if (c === 39) quote = 0;
    } else if (c === 92) i++;
    else if (quote === 34) {
      if (c === 34) quote = 0;
    } else if (c === 39 || c === 34) quote = c;
    else if (c === 40) depth++;
    // A `case` pattern's lone `)` closes nothing.
    else if (c === 41) depth = Math.max(0, depth - 1);
    else if (c === 35 && (i === 0 || /\s/.test(text[i - 1] ?? ''))) break;
  }
  return { quote, depth };
}

/** Whether a line ends in an unescaped backslash (the command goes on on the next line). */
function continues(text: string): boolean {
  let end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  let slashes = 0;
  while (end - slashes - 1 >= 0 && text.charCodeAt(end - slashes - 1) === 92) slashes++;
  return slashes % 2 === 1;
}

export function shellSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  const bindings = new Map<string, SourceLine[]>();
  let lines: SourceLine[] = [];
  let open = { quote: 0, depth: 0 };
  let heredoc: { end: string; tabs: boolean } | null = null;
  let oversize = false;

  const keepBindings = (text: string, before: number, weak: boolean, depth: number) => {
    if (depth > 4) return;
    for (const match of text.matchAll(VARIABLE)) {
      const bound = bindings.get(match[1] ?? '');
      const first = bound?.[0];
      if (!bound || !first || first.line >= before || kept.has(first.line)) continue;
      if (kept.keep(bound, weak)) keepBindings(bound.map((l) => l.text).join('\n'), first.line, weak, depth + 1);
    }
  };

  const command = () => {
    const unit = lines;
    lines = [];
    const first = unit[0];
    if (!first || oversize) {
      oversize = false;
      return;
    }
    const text = unit.map((l) => l.text).join('\n');
    const trimmed = first.text.trim();
    const word = wordsIn(text);
    if (word && kept.keep(unit, isWeak(word, false))) keepBindings(text, first.line, isWeak(word, false), 0);
    const name = ASSIGNMENT.exec(trimmed)?.[1];
    if (name && unit.length <= MAX_BINDING_LINES && (bindings.has(name) || bindings.size < MAX_BINDINGS)) {
      bindings.set(name, unit);
    }
  };

  const add = (line: SourceLine) => {
    if (tooLong(line) || lines.length >= MAX_UNIT_LINES) oversize = true;
    else lines.push(line);
  };

  return {
    push(line) {
      if (tooLong(line)) state.longLines++;
      if (heredoc) {
        add(line);
        const body = heredoc.tabs ? line.text.replace(/^\t+/, '') : line.text;
        if (body.replace(/\r$/, '') === heredoc.end) {
          heredoc = null;
          command();
        }
        return;
      }
      const trimmed = line.text.trim();
      if (open.quote === 0 && lines.length === 0) {
        if (trimmed === '') return;
        if (trimmed.startsWith('#')) {
          if (SETTINGS_COMMENT.test(trimmed) && !tooLong(line)) kept.keep([line], false);
          return;
        }
      }
      add(line);
      if (tooLong(line)) return;
      open = openAtEnd(line.text, open);
      // A quote or parenthesis never closed would make the rest of the file one command: past the longest
      // command kept, the reading starts afresh.
      if (oversize) open = { quote: 0, depth: 0 };
      if (open.quote !== 0 || open.depth > 0 || continues(line.text)) return;
      const opened = HEREDOC.exec(line.text);
      if (opened) {
        heredoc = { end: opened[3] ?? '', tabs: opened[1] === '-' };
        return;
      }
      command();
    },
    end() {
      heredoc = null;
      open = { quote: 0, depth: 0 };
      command();
    },
  };
}
