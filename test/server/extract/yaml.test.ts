/** The YAML reader: spans from the CST, anchors, aliases, merge keys, documents, recovery from errors. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readYaml, readYamlDocuments } from '../../../server/extract/yaml';
import { scanYamlOrRefuse } from '../../../server/extract/yaml-scan';

const at = (text: string, path: string) => readYaml(text).entries.find((e) => e.path.join('.') === path);

describe('readYaml', () => {
  test('block values: span is the literal on the value line, key span the key', () => {
    const text = 'optimizer:\n  lr:\n    3e-4\n  name: "adamw"  # quoted\n';
    const lr = at(text, 'optimizer.lr');
    expect(lr).toMatchObject({ value: 3e-4, raw: '3e-4', quoted: false });
    expect(text.slice(lr?.span.start, lr?.span.end)).toBe('3e-4');
    expect(text.slice(lr?.keySpan?.start, lr?.keySpan?.end)).toBe('lr');
    expect(at(text, 'optimizer.name')).toMatchObject({ value: 'adamw', raw: '"adamw"', quoted: true });
  });

  test('a block scalar is its text, not the line breaks and blank lines after it', () => {
    const text = 'optimizer:\n  name: >-\n    adamw\n\n  lr: 3.0e-4\n';
    expect(at(text, 'optimizer.name')).toMatchObject({ value: 'adamw', raw: '>-\n    adamw' });
    // Found by npm run fuzz (seed 1365000123): an empty block scalar ends at its header whatever line follows.
    expect(at('  lr: >-\n  use_amp = yes\n', 'lr')?.raw).toBe('>-');
    expect(at('  lr: >-\n\n', 'lr')?.raw).toBe('>-');
  });

  test('flow sequences over several lines keep each element where it is', () => {
    const text = 'betas: [0.9,\n  0.95]\n';
    expect(at(text, 'betas.1')).toMatchObject({ value: 0.95, raw: '0.95' });
    expect(text.slice(at(text, 'betas.1')?.span.start)).toBe('0.95]\n');
  });

  test('an alias points at the anchored literal (the one an edit must change)', () => {
    const text = 'base_lr: &lr 0.001\noptimizer:\n  lr: *lr\n';
    const lr = at(text, 'optimizer.lr');
    expect(lr?.value).toBe(0.001);
    expect(lr?.span.start).toBe(text.indexOf('0.001'));
  });

  test('an alias reads the last anchor of its name before it, also inside collections', () => {
    const text = 'a: &x 1\nb: *x\nc: &x [2, 3]\nd: *x\ne:\n  f: &y {g: 4}\n  h: *y\n';
    const e = readYaml(text).entries;
    expect(e.map((x) => [x.path.join('.'), x.value])).toEqual([
      ['a', 1], ['b', 1], ['c.0', 2], ['c.1', 3], ['d.0', 2], ['d.1', 3], ['e.f.g', 4], ['e.h.g', 4],
    ]);
    expect(readYaml('a: *nothing\nb: 1\n').entries.map((x) => x.path.join('.'))).toEqual(['b']);
  });

  test("merge keys: the map's own keys win, merged keys fill in", () => {
    const text = 'defaults: &d\n  lr: 0.1\n  eps: 1.0e-8\nopt:\n  <<: *d\n  lr: 0.2\n';
    expect(at(text, 'opt.lr')?.value).toBe(0.2);
    expect(at(text, 'opt.eps')?.value).toBe(1e-8);
    expect(readYaml(text).entries.filter((e) => e.path.join('.') === 'opt.lr')).toHaveLength(1);
  });

  test('several merge sources: the first one wins', () => {
    const text = 'a: &a {lr: 1}\nb: &b {lr: 2, eps: 3}\nc:\n  <<: [*a, *b]\n';
    expect(at(text, 'c.lr')?.value).toBe(1);
    expect(at(text, 'c.eps')?.value).toBe(3);
  });

  test('multi-document streams are read in order', () => {
    const text = 'lr: 0.1\n---\nmomentum: 0.9\n';
    const e = readYaml(text).entries;
    expect(e.map((x) => x.path.join('.'))).toEqual(['lr', 'momentum']);
  });

  test('comments are collected with their spans, and never read as values', () => {
    const text = '# lr: 0.5\nlr: 0.1 # default: 0.001\n';
    const r = readYaml(text);
    expect(r.comments.map((c) => c.text)).toEqual(['# lr: 0.5', '# default: 0.001']);
    expect(r.entries).toHaveLength(1);
  });

  test('JSON-like YAML with Python True and trailing commas (gpt-neox)', () => {
    const text = '{\n  "optimizer": {"params": {"eps": 1.0e-8,}},\n  # comment\n  "flag": True,\n}\n';
    expect(at(text, 'optimizer.params.eps')?.value).toBe(1e-8);
    expect(at(text, 'flag')?.value).toBe(true);
  });

  test('syntax errors are reported with positions and the rest is still read', () => {
    const r = readYaml('lr: 0.1\nbad: [1, 2\nmomentum: 0.9\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.entries.find((e) => e.path[0] === 'lr')?.value).toBe(0.1);
  });

  test('alias bombs stay bounded', () => {
    let text = 'a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n';
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(readYaml(text).entries.length).toBeLessThanOrEqual(100_010);
  });

  describe('above 256 KB, the fast readers answer as the full reader does', () => {
    const olmo = readFileSync(join(__dirname, '../../fixtures/corpus/olmo/OLMo-7B-0724.yaml'), 'utf8');
    // The OLMo config with its data-path list grown past the fast-path size, as large configs are.
    const grown = (extra: string): string => {
      const paths = Array.from({ length: 5000 }, (_, i) => `  - https://olmo-data.org/preprocessed/part-${i}-00000.npy`).join('\n');
      return olmo.replace(/^(data:\n(?:.*\n)*?  paths:\n)/m, `$1${paths}\n`) + extra;
    };

    test.each([
      // [case, text added at the end, read by the line scanner]
      ['plain block YAML', '', true],
      ['a flow list over two lines', 'extra_betas: [0.9,\n  0.95]\n', true],
      ['a flow value on the line after its key', 'extra: {lr:\n  0.1}\n', false],
      ['a scalar anchor and an alias', 'base: &b 0.1\ncopy: *b\n', true],
      ['a merge key (composed documents only)', 'base: &b {lr: 0.1}\ncopy:\n  <<: *b\n', false],
    ])('%s', (_, extra, scans) => {
      const text = grown(extra);
      expect(text.length).toBeGreaterThan(256 * 1024);
      const scanned = scanYamlOrRefuse(text);
      expect('entries' in scanned).toBe(scans);
      const full = readYamlDocuments(text);
      const read = readYaml(text);
      expect(read.entries).toEqual(full.entries);
      expect(read.comments).toEqual(full.comments);
      expect(read.entries.filter((e) => e.path[1] === 'paths')).toHaveLength(5000 + olmo.split('\n').filter((l) => /^ {2}- https:/.test(l)).length);
    });
  });
});
