/**
 * How many optimizer blocks of one file are analysed. Each optimizer costs hundreds of key look-ups (its own
 * spellings, the run's, role inference over its block): a generated file of 200,000 optimizer blocks took minutes,
 * and the language server re-extracts on every edit. Real configs have few (the most among the fixtures is 64; the
 * bench's NeMo sweep, 477 copies of one config, is the largest realistic case). A file whose optimizer scopes find more
 * blocks than MAX_OPTIMIZER_BLOCKS is read with the entries of its first MAX_OPTIMIZER_BLOCKS blocks and every entry
 * outside the others; an information finding at the first block left out says how many were not analysed. A file
 * with no more blocks than that is read exactly as before (its entries are returned untouched).
 */
import type { Finding } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import type { EcosystemTable } from './ecosystems/types';
import type { LineIndex } from './lines';
import { indexEntries, scopePrefixes, type EntryIndex } from './match';

export const MAX_OPTIMIZER_BLOCKS = 1000;

export const OPTIMIZERS_NOT_ANALYSED = 'optimizers-not-analysed';

export interface CappedEntries {
  entries: readonly ConfigEntry[];
  /** The index of `entries` when they are the file's own (no block left out), built here to find the blocks. */
  index: EntryIndex | null;
  /** The blocks left out: how many, of how many found, and the first entry read in one; null when all are read. */
  skipped: { count: number; total: number; first: ConfigEntry } | null;
}

/** A block's key: each segment after a NUL, so `[]` and `['']` differ and a path's keys grow one segment at a time. */
const SEP = '\u0000';

/** The entries the analysis reads: all of them, or those outside the blocks past the cap (see the module comment). */
export function withinOptimizerCap(entries: readonly ConfigEntry[], table: EcosystemTable): CappedEntries {
  const index = indexEntries(entries, table.caseInsensitiveKeys ?? false);
  // Every block any scope finds, in the order resolve.ts builds them: the first MAX_OPTIMIZER_BLOCKS are read.
  const read = new Map<string, boolean>();
  for (const scope of table.optimizers) {
    for (const prefix of scopePrefixes(index, scope)) {
      const key = prefix.map((s) => SEP + s).join('');
      if (!read.has(key)) read.set(key, read.size < MAX_OPTIMIZER_BLOCKS);
    }
  }
  if (read.size <= MAX_OPTIMIZER_BLOCKS) return { entries, index, skipped: null };
  const kept: ConfigEntry[] = [];
  let first: ConfigEntry | null = null;
  // The innermost block holding the entry decides (a block read may sit inside one left out, and the reverse). Entries
  // of one block come together: the answer for the path above the last segment is kept from the entry before.
  let above: readonly string[] = [];
  let aboveKey = '';
  let aboveRead = read.get('');
  for (const entry of entries) {
    const path = entry.path;
    if (path.length - 1 !== above.length || above.some((s, i) => s !== path[i])) {
      above = path.slice(0, -1);
      aboveKey = '';
      aboveRead = read.get('');
      for (const segment of above) {
        aboveKey += SEP + segment;
        aboveRead = read.get(aboveKey) ?? aboveRead;
      }
    }
    const own = path.length === 0 ? undefined : read.get(aboveKey + SEP + (path[path.length - 1] ?? ''));
    const inRead = own ?? aboveRead;
    if (inRead === false) first ??= entry;
    else kept.push(entry);
  }
  const count = read.size - MAX_OPTIMIZER_BLOCKS;
  return { entries: kept, index: null, skipped: first ? { count, total: read.size, first } : null };
}

/** The note that blocks were left out, at the first one, for the user: information, in plain words. */
export function notAnalysedFindings(capped: CappedEntries, lines: LineIndex): Finding[] {
  const skipped = capped.skipped;
  if (!skipped) return [];
  const n = (x: number): string => x.toLocaleString('en-US');
  return [{
    code: OPTIMIZERS_NOT_ANALYSED,
    severity: 'information',
    message: `Not analysed: ${n(skipped.count)} of ${n(skipped.total)} optimizer blocks, from this one on. OptLens `
      + `reads the first ${n(MAX_OPTIMIZER_BLOCKS)} optimizer blocks of a file, so that each edit's analysis stays `
      + 'fast; the blocks after them get no readings, hints or findings.',
    line: lines.lineAt(skipped.first.span.start),
    span: { ...skipped.first.span },
  }];
}
