/**
 * How much of a file OptLens reads. Real configs are a few kilobytes (the largest fixture is ~40 KB);
 * a file far past that is data, generated code or an accident, and reading it whole could take the
 * analysis past its time budget or its worker's memory (an unterminated heredoc in a 16 MB script once
 * took 4 GB). Past the limit only the head of the file is read, where configs put their optimizer, cut
 * at a line end, and a finding says so. YAML and JSON have fast readers and get more room.
 */
import type { Finding } from '../core/hyperparams';

const MB = 1 << 20;
/** Characters read per file, by format (the file name's extension or the editor's language). */
export const READ_LIMITS = { fast: 16 * MB, other: 2 * MB } as const;
const FAST = /\.(?:ya?ml|jsonc?)$/i;
const FAST_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'dockercompose']);

export const FILE_TRUNCATED = 'file-truncated';

export function readLimitFor(fileName: string, languageId?: string): number {
  const fast = FAST.test(fileName) || (languageId !== undefined && FAST_LANGUAGES.has(languageId));
  return fast ? READ_LIMITS.fast : READ_LIMITS.other;
}

const megabytes = (chars: number) => `${(chars / MB).toFixed(1)} MB`;

/** The part of `text` to read, and the finding that says what was left out (null when it is all read). */
export function withinReadLimit(text: string, limit: number): { text: string; finding: Finding | null } {
  if (text.length <= limit) return { text, finding: null };
  const newline = text.lastIndexOf('\n', limit - 1);
  const cut = newline > 0 ? newline + 1 : limit;
  const head = text.slice(0, cut);
  let lines = 1;
  for (let i = head.indexOf('\n'); i >= 0 && i < cut - 1; i = head.indexOf('\n', i + 1)) lines++;
  return {
    text: head,
    finding: {
      code: FILE_TRUNCATED,
      severity: 'information',
      message: `This file is ${megabytes(text.length)}: OptLens read only its first ${megabytes(cut)} (lines 1–${lines}), `
        + 'where configs write their optimizer. Values written after that are not read.',
      line: lines,
      span: { start: Math.max(0, cut - 1), end: cut },
    },
  };
}
