/**
 * Files of very many optimizer blocks (optimizer-cap.ts, resolve.ts, schedule-factories.ts): the work per optimizer
 * does not grow with the file (counted as reads of the file's entries, not timed: timings are `npm run bench`'s),
 * and past MAX_OPTIMIZER_BLOCKS the blocks after the first are left out with a note saying how many.
 */
import { describe, expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { ECOSYSTEMS } from '../../../server/extract/ecosystems';
import { extract } from '../../../server/extract';
import { lineIndex } from '../../../server/extract/lines';
import { indexEntries } from '../../../server/extract/match';
import { MAX_OPTIMIZER_BLOCKS } from '../../../server/extract/optimizer-cap';
import { readFile } from '../../../server/extract/readers';
import { resolveOptimizers } from '../../../server/extract/resolve';
import { applyScheduleFactories } from '../../../server/extract/schedule-factories';

/** A made-up module of `n` optimizer calls, each with its own model and lr. */
function pythonCalls(n: number): string {
  const calls = Array.from({ length: n }, (_, i) =>
    `opt${i} = torch.optim.AdamW(net${i}.parameters(), lr=${(i % 7) + 1}e-4, betas=(0.9, 0.95), weight_decay=0.1)`);
  return ['import torch', ...calls, ''].join('\n');
}

/** A made-up YAML list of `n` optimizer dicts. */
function yamlOptimizers(n: number): string {
  const blocks = Array.from({ length: n }, (_, i) => `  - name: AdamW\n    lr: ${(i % 7) + 1}.0e-4\n    eps: 1.0e-8\n`);
  return `optimizers:\n${blocks.join('')}`;
}

/** Finds the optimizers of a Python module and their schedules, counting every read of one of its entries. */
function entryReads(n: number): { reads: number; optimizers: number } {
  const text = pythonCalls(n);
  const entries = readFile(text, 'python').entries;
  let reads = 0;
  const counted = new Proxy(entries, {
    get(target, key, receiver): unknown {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as readonly ConfigEntry[];
  const table = ECOSYSTEMS.find((t) => t.id === 'pytorch');
  if (!table) throw new Error('no pytorch table');
  const ctx = { format: 'python' as const, table, index: indexEntries(counted, false), lines: lineIndex(text) };
  const resolved = resolveOptimizers(ctx);
  applyScheduleFactories(ctx, resolved);
  return { reads, optimizers: resolved.length };
}

describe('work per optimizer', () => {
  test('finding N call optimizers and their schedules reads the entries a number of times linear in N', () => {
    const small = entryReads(200);
    const large = entryReads(400);
    expect(small.optimizers).toBe(200);
    expect(large.optimizers).toBe(400);
    // A scan of every entry per optimizer made this 4 (quadratic); a few passes over the file make it 2.
    expect(large.reads / small.reads).toBeLessThan(2.5);
  });
});

describe('the cap on optimizer blocks', () => {
  test('a file of more blocks than the cap is analysed for the first ones, with a note at the first left out', () => {
    const n = MAX_OPTIMIZER_BLOCKS + 5;
    const text = yamlOptimizers(n);
    const extraction = extract(text, 'sweep.yaml');
    expect(extraction.optimizers).toHaveLength(MAX_OPTIMIZER_BLOCKS);
    expect(extraction.optimizers.at(-1)?.hyperparameters.lr?.key).toBe(`optimizers[${MAX_OPTIMIZER_BLOCKS - 1}].lr`);
    const notes = extraction.findings.filter((f) => f.code === 'optimizers-not-analysed');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.severity).toBe('information');
    expect(notes[0]?.message).toContain('Not analysed: 5 of 1,005 optimizer blocks');
    // The first block left out starts after the header line and the kept blocks' three lines each.
    expect(notes[0]?.line).toBe(2 + 3 * MAX_OPTIMIZER_BLOCKS);
  });

  test('a file of a few blocks is read whole, without the note', () => {
    const extraction = extract(yamlOptimizers(3), 'sweep.yaml');
    expect(extraction.optimizers).toHaveLength(3);
    expect(extraction.findings.filter((f) => f.code === 'optimizers-not-analysed')).toEqual([]);
  });
});
