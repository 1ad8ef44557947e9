/** The ecosystem tables as data: every table registered, ids unique, every default sourced, every pattern well-formed.
 * */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HYPERPARAMETER_NAMES } from '../../../core/hyperparams';
import { ECOSYSTEMS, GENERIC, ecosystemTable } from '../../../server/extract/ecosystems';
import type { EcosystemTable } from '../../../server/extract/ecosystems/types';
import { parsePattern } from '../../../server/extract/keypath';

const DIR = join(__dirname, '../../../server/extract/ecosystems');
const ALL = [...ECOSYSTEMS, GENERIC];

function isTable(x: unknown): x is EcosystemTable {
  return typeof x === 'object' && x !== null && 'id' in x && 'detect' in x && 'optimizers' in x;
}

test('every table module is registered', async () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(join(DIR, file))) as { default?: unknown };
    if (isTable(mod.default)) expect(ALL, `${file} is in ECOSYSTEMS`).toContain(mod.default);
  }
});

test('ids are unique and found by ecosystemTable', () => {
  const ids = ALL.map((t) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const t of ALL) expect(ecosystemTable(t.id)).toBe(t);
});

describe.each(ALL.map((t) => [t.id, t] as const))('%s', (_, table) => {
  test('defaults name their source', () => {
    const all = [table.defaults, ...table.optimizers.flatMap(
      (s) => Object.values(s.names).map((n) => n.defaults ?? {}))];
    for (const defaults of all) {
      for (const [name, d] of Object.entries(defaults)) {
        expect(HYPERPARAMETER_NAMES).toContain(name);
        expect(d?.from.length, `${name} default source`).toBeGreaterThan(5);
      }
    }
  });

  test('patterns parse and spellings name known hyperparameters', () => {
    const spellings = [table.run, ...table.optimizers.map((s) => s.hyperparameters)];
    for (const s of spellings) {
      for (const [name, list] of Object.entries(s)) {
        expect(HYPERPARAMETER_NAMES).toContain(name);
        for (const spelling of list ?? []) expect(parsePattern(typeof spelling === 'string' ? spelling : spelling.key).length).toBeGreaterThan(0);
      }
    }
    for (const scope of table.optimizers) expect(Object.keys(scope.names).length).toBeGreaterThan(0);
    expect(table.formats.length).toBeGreaterThan(0);
  });

  test('a recognisable table has content signals, not just a file name', () => {
    if (table === GENERIC) return;
    const weight = [...table.detect.keys, ...(table.detect.values ?? []), ...(table.detect.callees ?? [])].reduce(
      (sum, s) => sum + s.weight, 0);
    expect(weight).toBeGreaterThanOrEqual(3);
  });
});
