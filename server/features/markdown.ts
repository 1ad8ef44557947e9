/**
 * Markdown that is safe to show in a hover: config text (keys, literals, optimizer names, finding messages
 * that quote them) is escaped so that it can never become a link, an image, HTML or a command, and the only
 * links are the `command:` links OptLens builds itself. Also the size estimate a hover is kept within.
 */
import type { Phrase } from '../../core/provenance-words';

/** Every ASCII punctuation character CommonMark lets a backslash escape, plus line breaks folded to spaces. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"':=$%^@?,;/]/g;

/** `text` as literal Markdown text: no emphasis, link, image, HTML or entity can come out of it. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(MARKDOWN_SPECIAL, '\\$&');
}

/**
 * `text` in a code span: Markdown is not interpreted inside one, so only the fence needs care. The fence is one
 * backtick longer than the longest run inside, padded with spaces so a leading or trailing backtick stays text.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A phrase of OptLens's words and config text (core/provenance-words.ts): the words escaped, the config quoted. */
export function markdownPhrase(phrase: Phrase): string {
  return phrase.map((p) => ('code' in p ? codeSpan(p.code) : escapeMarkdown(p.text))).join('');
}

/** A `command:` link with its JSON arguments, as VS Code runs it from trusted Markdown. */
export function commandMarkdownLink(label: string, command: string, args: readonly unknown[]): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

/**
 * VS Code's default hover (code-server 4.139, vs/editor/contrib/hover ContentHoverWidget): at most
 * max(editor height/4, 250) px high and max(editor width·0.66, 750) px wide, line height 1.5em of the 13 px hover
 * font, 4 px padding and 8 px between paragraphs. A hover that fits 250 px high and 500 px wide fits every editor.
 */
export const HOVER_BOX = { widthPx: 500, heightPx: 250, lineHeightPx: 19.5, paragraphGapPx: 8, paddingPx: 8 } as const;
/** Average advance of the hover's proportional font and of its monospace font at 13 px, in px per character. */
const TEXT_CHAR_PX = 6.6;
const CODE_CHAR_PX = 7.8;

/** What the Markdown shows, with link targets, escapes and code fences removed (for measuring and for tests). */
export function visibleText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(command:[^)]*\)/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\*\*/g, '');
}

/** Estimated height in px of `markdown` in the default hover, wrapping each line at the box's width. */
export function estimatedHoverHeight(markdown: string): number {
  const paragraphs = markdown.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  let lines = 0;
  for (const paragraph of paragraphs) {
    for (const line of paragraph.split('\n')) {
      const code = Array.from(line.matchAll(/`+ ?([^`]*?) ?`+/g), (m) => m[1].length).reduce((a, b) => a + b, 0);
      const text = visibleText(line.replace(/`+ ?[^`]*? ?`+/g, '')).length;
      const px = text * TEXT_CHAR_PX + code * CODE_CHAR_PX;
      lines += Math.max(1, Math.ceil(px / (HOVER_BOX.widthPx - 16)));
    }
  }
  return HOVER_BOX.paddingPx + lines * HOVER_BOX.lineHeightPx + Math.max(
    0, paragraphs.length - 1) * HOVER_BOX.paragraphGapPx;
}
