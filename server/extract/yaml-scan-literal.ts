/**
 * Literal block scalars for the line scanner (yaml-scan.ts): `key: |` or `key: |-` and the lines under it
 * (prompts, chat templates, notes in training configs). The value is the lines without their common
 * indentation, joined by line breaks, with one final break for `|` (clip) and none for `|-` (strip); the
 * literal runs from the `|` to the end of the text of the last line that has content, as in the full reader. Anything
 * else (folded `>`, `|+`, indentation indicators, an empty scalar, blank lines indented past the content,
 * tabs, `\r\n`, a line indented between the parent and the content) throws `Unsupported`.
 */
import { comment, nextLine, refused, skipSpaces, startLine, Unsupported, type Anchored, type Cursor } from './yaml-scan-chars';

/**
 * The literal block scalar whose `|` is at `at`, under a collection indented `parentIndent`; the cursor
 * is left on its last content line.
 */
export function scanLiteral(cur: Cursor, at: number, parentIndent: number): Anchored {
  const { text } = cur;
  let i = at + 1;
  const strip = text.charCodeAt(i) === 0x2d;
  if (strip) i++;
  const h = skipSpaces(text, i, cur.end);
  if (h < cur.end) {
    if (text.charCodeAt(h) !== 0x23 || h === i) throw new Unsupported('block scalar header');
    comment(cur, h);
  }
  if (cur.end !== cur.lineEnd) throw new Unsupported('block scalar with \\r\\n');
  const lines: string[] = [];
  let indent = -1;
  let lastContent = -1;
  let contentEnd = cur.lineEnd;
  let contentLine = cur.lineStart;
  // Lines before the first content line are blank; `indent` is set by that first content line.
  const blanks: number[] = [];
  while (nextLine(cur)) {
    if (cur.end !== cur.lineEnd) throw new Unsupported('block scalar with \\r\\n');
    const s = skipSpaces(text, cur.lineStart, cur.end);
    const width = cur.end - cur.lineStart;
    if (s === cur.end && (indent === -1 || width <= indent)) {
      if (indent === -1) blanks.push(width);
      lines.push('');
      continue;
    }
    const col = s - cur.lineStart;
    if (indent === -1) {
      if (col <= parentIndent) break;
      indent = col;
      if (blanks.some((w) => w > indent)) throw new Unsupported('blank line indented past the content');
    } else if (col < indent && s < cur.end) {
      if (col > parentIndent) throw new Unsupported('block scalar line indented between parent and content');
      break;
    }
    for (let k = cur.lineStart; k < cur.end; k++) if (refused(text.charCodeAt(k))) throw new Unsupported('character the scanner does not read');
    lines.push(text.slice(cur.lineStart + indent, cur.end));
    lastContent = lines.length;
    contentLine = cur.lineStart;
    // The literal ends with its text, as in the full reader (yaml.ts): no trailing spaces, no line break.
    let end = cur.end;
    while (end > cur.lineStart && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
    contentEnd = end;
  }
  if (lastContent === -1) throw new Unsupported('empty block scalar');
  // Leave the cursor on the last content line: the scanner goes on from the line after it.
  startLine(cur, contentLine);
  const value = lines.slice(0, lastContent).join('\n') + (strip ? '' : '\n');
  const raw = text.slice(at, contentEnd);
  return { raw, value, start: at, end: contentEnd, quoted: false };
}
