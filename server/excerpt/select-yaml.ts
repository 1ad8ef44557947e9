/**
 * YAML by indentation: a line is kept with its ancestors (the nearest less-indented line above it, and so
 * on up), a flow collection (`betas: [0.9,` … `0.95]`) is one unit, a block scalar's lines follow its key,
 * and a key that names an optimizer or schedule block (`optimizer:`) brings its block with it, up to BLOCK_LINES.
 */
import type { SourceLine } from './kept';
import {
  BLOCK_LINES, isWeak, leadingSpaces, type LineSelector, MAX_DEPTH, MAX_UNIT_LINES, SETTINGS_COMMENT,
  type SelectorState, tooLong,
} from './selector';
import { wordsIn } from './words';

const ANCHOR = /(?:^|[\s[{,:-])&([^\s,[\]{}]+)/g;
const ALIAS = /(?:^|[\s[{,:-])\*([^\s,[\]{}]+)/g;
/** Anchors remembered at most (a file of a million anchors keeps the first ones). */
const MAX_ANCHORS = 10_000;

interface Entry {
  line: SourceLine;
  indent: number;
  dash: boolean;
  /** A key with nothing after its colon: the lines below it are its block. */
  opensBlock: boolean;
  context: boolean;
}

/** The net count of opened `[`/`{` in `text` outside quotes and before a comment. */
export function bracketDepth(text: string): number {
  // Most lines of a huge file open nothing: two native searches instead of a character loop.
  if (text.indexOf('[') < 0 && text.indexOf('{') < 0 && text.indexOf(']') < 0 && text.indexOf('}') < 0) return 0;
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 92 && quote === 34) i++;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32)) break;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) depth--;
  }
  return depth;
}

/** What follows the key's colon (`''` for a block opener), or null when the line is no `key:` line. */
function valueAfterKey(content: string): string | null {
  let quote = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 35 && i > 0 && content.charCodeAt(i - 1) === 32) return null;
    else if (c === 58 && (i + 1 === content.length || content.charCodeAt(i + 1) === 32)) {
      const rest = content.slice(i + 1);
      const hash = rest.indexOf(' #');
      return (hash >= 0 ? rest.slice(0, hash) : rest).trim();
    }
  }
  return null;
}

export function yamlSelector(state: SelectorState): LineSelector {
  const { kept } = state;
  const stack: Entry[] = [];
  let flow: { lines: SourceLine[]; depth: number; indent: number; dash: boolean } | null = null;
  let scalar: { indent: number; keep: boolean; left: number } | null = null;
  let block: { owner: Entry; depth: number; left: number } | null = null;
  /** A kept key whose block has no kept line yet: its first line is kept, so the block is not read as empty. */
  let opened: Entry | null = null;
  /** Where each anchor (`&lr`) was set, with its ancestors: an alias (`*lr`) in a kept line needs it. */
  const anchors = new Map<string, SourceLine[]>();

  const keepAnchors = (lines: readonly SourceLine[], weak: boolean) => {
    for (const l of lines) {
      for (const match of l.text.matchAll(ALIAS)) {
        const set = anchors.get(match[1] ?? '');
        if (set) kept.keep(set, weak);
      }
    }
  };

  const inBlock = () => block !== null && stack[block.depth] === block.owner && block.left > 0;

  const unit = (lines: SourceLine[], indent: number, dash: boolean) => {
    const first = lines[0];
    if (!first) return;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top || top.indent < indent || (top.indent === indent && dash && top.opensBlock && !top.dash)) break;
      stack.pop();
    }
    const content = first.text.trimStart().replace(/^(?:- +)+/, '');
    const value = valueAfterKey(content);
    const word = lines.length > MAX_UNIT_LINES ? null
      : wordsIn(lines.length === 1 ? first.text : lines.map((l) => l.text).join('\n'));
    const parent = stack[stack.length - 1];
    const parentContext = parent?.context ?? false;
    const blocked = inBlock();
    // A kept key's plain values below it (`betas:` then `- 0.9`, or `lr:` then `  0.001`): what the key sets.
    const item = value === null && parent !== undefined && parent.opensBlock && kept.has(parent.line.line);
    // `hydra:` kept for its name (a framework's signature) says nothing if its block reads as empty.
    const firstChild = opened !== null && parent === opened;
    opened = null;
    const entry: Entry = {
      line: first, indent, dash,
      opensBlock: value === '' || (value !== null && /^[&!][^\s]*$/.test(value)),
      context: parentContext || (word?.opensContext ?? false),
    };
    let keptNow = false;
    if ((word || blocked || item || firstChild) && lines.length <= MAX_UNIT_LINES) {
      const ancestors = stack.filter((e) => !kept.has(e.line.line)).map((e) => e.line);
      const weak = isWeak(word, parentContext || blocked || item || firstChild);
      keptNow = kept.keep([...ancestors, ...lines], weak);
      if (keptNow) keepAnchors(lines, weak);
      if (block && blocked) block.left -= lines.length;
    }
    if (lines.length === 1 && first.text.includes('&')) {
      for (const match of first.text.matchAll(ANCHOR)) {
        const name = match[1] ?? '';
        if (anchors.has(name) || anchors.size < MAX_ANCHORS) anchors.set(name, [...stack.map((e) => e.line), first]);
      }
    }
    // A block scalar's lines follow its key, and so do the lines deeper than the key (its column, after any `- `)
    // that continue its plain or quoted value (`lr: 1e-6` then `    0.95]` is one scalar to YAML).
    if (value !== null && /^[|>]/.test(value)) scalar = { indent, keep: keptNow, left: BLOCK_LINES };
    else if (value !== null && value !== '' && !/^[[{&!*#]/.test(value)) {
      const column = first.text.length - first.text.trimStart().replace(/^(?:- +)+/, '').length;
      scalar = { indent: column, keep: keptNow, left: BLOCK_LINES };
    }
    if (stack.length < MAX_DEPTH) {
      stack.push(entry);
      if (keptNow && entry.opensBlock) opened = entry;
      if (keptNow && entry.opensBlock && word?.opensContext && !blocked) {
        block = { owner: entry, depth: stack.length - 1, left: BLOCK_LINES };
      }
    }
  };

  return {
    push(line) {
      const long = tooLong(line);
      if (long) state.longLines++;
      if (flow) {
        flow.lines.push(line);
        // A long line in a flow collection ends it unread (it is never kept, and the unit would grow without end).
        flow.depth = long ? 0 : flow.depth + bracketDepth(line.text);
        if (flow.depth <= 0 || flow.lines.length > MAX_UNIT_LINES) {
          const done = flow;
          flow = null;
          unit(done.lines, done.indent, done.dash);
        }
        return;
      }
      if (long) return;
      const trimmed = line.text.trim();
      if (trimmed === '') return;
      const indent = leadingSpaces(line.text);
      if (scalar) {
        if (indent > scalar.indent) {
          if (scalar.keep && scalar.left-- > 0) kept.keepAlways(line);
          return;
        }
        scalar = null;
      }
      if (trimmed.startsWith('#')) {
        if (SETTINGS_COMMENT.test(trimmed)) kept.keep([line], false);
        return;
      }
      // A document marker stands at the line's start; an indented `---` is a plain scalar's text, kept only with it.
      const marker = indent === 0 ? trimmed : '';
      if (marker === '---' || marker.startsWith('--- ') || marker === '...') {
        stack.length = 0;
        block = null;
        kept.keep([line], true);
        return;
      }
      const dash = trimmed === '-' || trimmed.startsWith('- ');
      const depth = bracketDepth(trimmed);
      if (depth > 0) flow = { lines: [line], depth, indent, dash };
      else unit([line], indent, dash);
    },
    end() {
      if (flow) unit(flow.lines, flow.indent, flow.dash);
      flow = null;
    },
  };
}
