/**
 * How much of a file OptLens reads whole. Real configs are a few kilobytes (the largest fixture is ~40 KB);
 * a file far past that is data, generated code or an accident, and reading it whole could take the analysis
 * past its time budget or its worker's memory (an unterminated heredoc in a 16 MB script once took 4 GB).
 * Past the limit, one pass over the lines keeps those that set the optimizer and the run, with what is
 * needed to read them in context (server/excerpt/), wherever they are in the file, and a finding says so.
 * YAML and JSON have fast readers and get more room.
 */
import type { Finding } from '../core/hyperparams';
import type { Excerpt } from './excerpt/excerpt';
import { EXCERPT_LIMITS, MAX_LINE_CHARS } from './excerpt/kept';

const MB = 1 << 20;
/** Characters read whole per file, by format (the file name's extension or the editor's language). */
export const READ_LIMITS = { fast: 16 * MB, other: 2 * MB } as const;
const FAST = /\.(?:ya?ml|jsonc?)$/i;
const FAST_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'dockercompose']);

export const FILE_TRUNCATED = 'file-truncated';

export function readLimitFor(fileName: string, languageId?: string): number {
  const fast = FAST.test(fileName) || (languageId !== undefined && FAST_LANGUAGES.has(languageId));
  return fast ? READ_LIMITS.fast : READ_LIMITS.other;
}

const megabytes = (chars: number) => `${(chars / MB).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** The finding that says what was read of a file read as an excerpt: at line 1, information, in plain words. */
export function partialReadFinding(excerpt: Excerpt): Finding {
  const parts = [
    `This file is ${megabytes(excerpt.totalChars)} (${plural(excerpt.totalLines, 'line', 'lines')}), too large to read whole: `
    + `OptLens read ${count(excerpt.keptLines)} of its lines, those that set the optimizer and run settings `
    + 'and the lines that give them context, and skipped the rest.',
  ];
  if (excerpt.dropped > 0) {
    parts.push(`${plural(excerpt.dropped, 'further place', 'further places')} that may set them, from line `
      + `${count(excerpt.firstDroppedLine ?? 1)} on, went past what OptLens reads of one file `
      + `(${count(EXCERPT_LIMITS.lines)} lines) and were not read.`);
  }
  if (excerpt.longLines > 0) {
    parts.push(`${plural(excerpt.longLines, 'line', 'lines')} longer than ${count(MAX_LINE_CHARS)} characters `
      + `${excerpt.longLines === 1 ? 'was' : 'were'} not read.`);
  }
  parts.push('Edits OptLens offers here only rewrite values it read; it does not add keys to this file.');
  return { code: FILE_TRUNCATED, severity: 'information', message: parts.join(' '), line: 1, span: { start: 0, end: 0 } };
}
