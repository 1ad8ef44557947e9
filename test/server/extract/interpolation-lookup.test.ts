/**
 * Interpolations (server/extract/interpolation.ts) join the keys of only the entries a reference can name (by the
 * last key of each reference): a list element, a resolver's argument, a reference to a reference, a key of an
 * enclosing block and each reference syntax still find their literal (made-up config).
 */
import { expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { withInterpolationsResolved } from '../../../server/extract/interpolation';
import { readYaml } from '../../../server/extract/yaml';

const CONFIG = [
  'sizes: [16, 32, 64]',
  'base: 0.5',
  'micro: ${sizes[1]}',
  'factor: 4',
  'scaled: ${mul:${base},${factor}}',
  'first: ${second}',
  'second: ${base}',
  'bundle: "@base"',
  'angle: <base>',
  'run:',
  '  params:',
  '    warm: 10',
  '    steps: ${warm}',
  'note: costs $5 <each>',
  'missing: ${nowhere}',
].join('\n') + '\n';

function valueAt(entries: readonly ConfigEntry[], path: string): ConfigEntry['value'] | undefined {
  return entries.find((e) => e.path.join('.') === path)?.value;
}

test('every reference syntax finds its literal, and strings that only look like one are left as written', () => {
  const entries = withInterpolationsResolved(readYaml(CONFIG).entries, 'yaml');
  expect(valueAt(entries, 'micro')).toBe(32);
  expect(valueAt(entries, 'scaled')).toBe(2);
  expect(valueAt(entries, 'first')).toBe(0.5);
  expect(valueAt(entries, 'bundle')).toBe(0.5);
  expect(valueAt(entries, 'angle')).toBe(0.5);
  expect(valueAt(entries, 'run.params.steps')).toBe(10);
  expect(valueAt(entries, 'note')).toBe('costs $5 <each>');
  expect(valueAt(entries, 'missing')).toBe('${nowhere}');
  expect(entries.find((e) => e.path.join('.') === 'micro')?.through?.expression).toBe('${sizes[1]}');
});

test('a file without references gives its entries back as they are', () => {
  const read = readYaml('a: 1\nb: [x, y]\n').entries;
  const entries = withInterpolationsResolved(read, 'yaml');
  expect(entries).toEqual(read);
  expect(entries).not.toBe(read);
});
