/**
 * The streaming YAML reader against the full one: wherever the fast reader answers, its entries
 * (paths, values, raws, spans, key spans) and comments are exactly the full reader's. Checked on every
 * YAML file of the corpus and on random config-shaped YAML.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readYamlDocuments } from '../../../server/extract/yaml';
import { readYamlFast } from '../../../server/extract/yaml-fast';

const CORPUS = join(__dirname, '../../../../shared/corpus');
const yamlFiles = readdirSync(CORPUS)
  .filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${d}/${f}`));

function agree(text: string): boolean {
  const fast = readYamlFast(text);
  if (fast === null) return false;
  const full = readYamlDocuments(text);
  expect(fast.entries).toEqual(full.entries);
  expect(fast.comments).toEqual(full.comments);
  expect(full.errors).toEqual([]);
  return true;
}

describe('readYamlFast', () => {
  test.each(yamlFiles)('%s: same entries as the full reader', (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    expect(agree(text), 'the fast reader reads the real config').toBe(true);
  });

  test('gives up on what it does not cover', () => {
    expect(readYamlFast('a: &x 1\nb: *x\n')).toBeNull();
    expect(readYamlFast('a: |\n  text\n')).toBeNull();
    expect(readYamlFast('a: "esc\\"aped"\n')).toBeNull();
    expect(readYamlFast('a: b: c\n')).toBeNull();
    expect(readYamlFast('a: [1, 2\n')).toBeNull();
    // Found by mutating corpus files: a scalar under a key but not indented past it is an error.
    expect(readYamlFast('a:\nb\n')).toBeNull();
    expect(readYamlFast('a: 1\u0000\n')).toBeNull();
  });

  test('random config-shaped YAML: same entries whenever it answers', () => {
    const key = fc.constantFrom('lr', 'betas', 'optimizer', 'eps', 'x', '"q"', "'s'", '1e-3', 'true', '~');
    const scalar = fc.constantFrom('1e-8', '0.9', '-3', '0x1F', '0o17', '.inf', 'null', '~', 'True', 'cosine', '"auto"', "'it''s'", '1_000', '', '.5', '1.');
    const shape = fc.constantFrom<[string, string]>([': ', ''], [': ', ' # c'], [':', ''], [': [', ']'], [': [', ', 2]'], [': {a: ', '}'], [': [', '}'], [': ', ']']);
    const line = fc.tuple(fc.constantFrom(0, 0, 0, 1, 2), fc.constantFrom('', '', '- '), key, shape, scalar).map(([i, d, k, [sep, tail], v]) => [i, d, k, sep, v, tail] as const);
    let answered = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.map(([indent, dash, k, sep, v, tail]) => `${'  '.repeat(indent)}${dash}${k}${sep}${v}${tail}`).join(eol) + eol;
        if (agree(text)) answered++;
      }),
      { numRuns: 600, seed: 11 },
    );
    // The property must exercise the fast path, not only its refusals.
    expect(answered).toBeGreaterThan(50);
  });
});
