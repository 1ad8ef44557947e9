/**
 * Reading a file past the read limit (read-limit.ts): one pass over its lines, from a string or streamed from
 * disk, keeps the lines that set the optimizer and the run (words.ts) with the structure needed to read them
 * in context (select-*.ts), under a budget (kept.ts). The result is an `Excerpt` the extractor reads like the
 * file itself, at the file's own line numbers.
 */
import type { FileHandle } from 'node:fs/promises';
import type { ConfigFormat } from '../../core/analysis';
import { detectFormat } from '../extract/format';
import { buildExcerpt, type Excerpt } from './excerpt';
import { MAX_LINE_CHARS, type SourceLine } from './kept';
import { iniSelector } from './select-ini';
import { jsonSelector } from './select-json';
import { pythonSelector } from './select-python';
import { shellSelector } from './select-shell';
import { tomlSelector } from './select-toml';
import { yamlSelector } from './select-yaml';
import { type LineSelector, newState, type SelectorState } from './selector';

export type { Excerpt } from './excerpt';

/** The editor language that makes the extractor read an excerpt in the format it was selected in. */
export const LANGUAGE_OF_FORMAT: Record<ConfigFormat, string> = {
  yaml: 'yaml', json: 'json', toml: 'toml', python: 'python', shell: 'shellscript', gin: 'gin', ini: 'ini',
};

function selectorFor(format: ConfigFormat, state: SelectorState): LineSelector {
  switch (format) {
    case 'yaml': return yamlSelector(state);
    case 'json': return jsonSelector(state);
    case 'toml': return tomlSelector(state);
    case 'ini': return iniSelector(state);
    case 'shell': return shellSelector(state);
    case 'python':
    case 'gin': return pythonSelector(state);
  }
}

/** Feeds lines to a format's selector; a line longer than MAX_LINE_CHARS is passed cut (it is never kept). */
class LineFeed {
  readonly state = newState();
  private readonly selector: LineSelector;
  private line = 1;
  private offset = 0;
  private crs = 0;

  constructor(readonly format: ConfigFormat) {
    this.selector = selectorFor(format, this.state);
  }

  /** One line of `length` characters (without its `\n`), holding `crIn` lone `\r`, whose text starts with `text`. */
  push(text: string, length: number, crIn: number): void {
    const line: SourceLine = { line: this.line, offset: this.offset, text, crBefore: this.crs, crIn };
    this.selector.push(line);
    this.line++;
    this.offset += length + 1;
    this.crs += crIn;
  }

  finish(totalChars: number): Excerpt {
    this.selector.end();
    const { kept, longLines } = this.state;
    return buildExcerpt(kept.sorted(), this.format, {
      totalChars, totalLines: this.line - 1, dropped: kept.dropped, firstDroppedLine: kept.firstDroppedLine, longLines,
    });
  }
}

const cut = (text: string) => (text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS + 1) : text);

/** The excerpt of `text` (a document already in memory) in `format`. */
export function excerptOfText(text: string, format: ConfigFormat): Excerpt {
  const feed = new LineFeed(format);
  let start = 0;
  let cr = text.indexOf('\r');
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const length = end - start;
    // A `\r` right before the `\n` ends the line with it (CRLF); any other is a line break of its own.
    let crIn = 0;
    for (; cr >= 0 && cr < end; cr = text.indexOf('\r', cr + 1)) if (cr !== end - 1 || newline < 0) crIn++;
    feed.push(cut(text.slice(start, Math.min(end, start + MAX_LINE_CHARS + 1))), length, crIn);
    if (newline < 0) break;
    start = newline + 1;
  }
  return feed.finish(text.length);
}

/** The `\r` in `text` from `start` to `end`. */
function carriageReturns(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\r', start); i >= 0 && i < end; i = text.indexOf('\r', i + 1)) n++;
  return n;
}

/**
 * The excerpt of a file streamed as text chunks (a file handle's UTF-8 read stream): only the current line (at
 * most MAX_LINE_CHARS of it) and the kept lines are held, never the whole text. The format comes from the
 * name, the language, or the first chunk.
 */
export async function excerptOfStream(
  stream: AsyncIterable<string>, fileName: string, languageId?: string,
): Promise<Excerpt> {
  let feed: LineFeed | null = null;
  let pending = '';
  let pendingLength = 0;
  // Lone `\r` in the pending line so far, counting its last character if that is one (a CRLF is known at the `\n`).
  let pendingCRs = 0;
  let endsWithCR = false;
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    feed ??= new LineFeed(detectFormat(chunk.slice(0, 4096), fileName, languageId));
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const end = newline < 0 ? chunk.length : newline;
      if (pending.length <= MAX_LINE_CHARS) pending += chunk.slice(start, Math.min(end, start + MAX_LINE_CHARS + 1));
      pendingLength += end - start;
      pendingCRs += carriageReturns(chunk, start, end);
      if (end > start) endsWithCR = chunk.charCodeAt(end - 1) === 13;
      if (newline < 0) break;
      feed.push(cut(pending), pendingLength, endsWithCR ? pendingCRs - 1 : pendingCRs);
      pending = '';
      pendingLength = 0;
      pendingCRs = 0;
      endsWithCR = false;
      start = newline + 1;
    }
  }
  feed ??= new LineFeed(detectFormat('', fileName, languageId));
  feed.push(cut(pending), pendingLength, pendingCRs);
  return feed.finish(total);
}

/**
 * The excerpt of an open file, streamed from its handle as UTF-8 (never by path again, which could be swapped
 * meanwhile); the caller closes the handle. `optlens analyze` and the server's reads from disk both come here.
 */
export function excerptOfFile(handle: FileHandle, fileName: string, languageId?: string): Promise<Excerpt> {
  return excerptOfStream(handle.createReadStream({ encoding: 'utf8', start: 0, autoClose: false }), fileName, languageId);
}

/** The first `size` bytes of an open file as UTF-8 text. */
async function textOf(handle: FileHandle, size: number): Promise<string> {
  const bytes = Buffer.alloc(size);
  const { bytesRead } = await handle.read(bytes, 0, size, 0);
  return bytes.subarray(0, bytesRead).toString('utf8');
}

/**
 * An open file of `size` bytes: its text if it has at most `limit` characters (read-limit.ts), else its excerpt,
 * streamed so that the text is never held whole. A file has at least as many bytes as characters, so one within
 * the limit in bytes is read at once; one past it in bytes but not in characters is read again, whole.
 */
export async function readOpenFile(
  handle: FileHandle, size: number, fileName: string, limit: number,
): Promise<{ text: string } | { excerpt: Excerpt }> {
  if (size <= limit) return { text: await textOf(handle, size) };
  const excerpt = await excerptOfFile(handle, fileName);
  return excerpt.totalChars > limit ? { excerpt } : { text: await textOf(handle, size) };
}
