/**
 * The line scanner against the full reader: wherever the scanner answers, its entries (paths, values,
 * raws, spans, key spans, quoting) and comments are exactly the full reader's. Checked on every YAML file
 * of the corpus, on hand-picked edge cases, and on random YAML-ish text built to hit its edges.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readYamlDocuments } from '../../../server/extract/yaml';
import { scanYaml } from '../../../server/extract/yaml-scan';

const CORPUS = join(__dirname, '../../fixtures/corpus');
const yamlFiles = readdirSync(CORPUS)
  .filter((d) => statSync(join(CORPUS, d)).isDirectory())
  .flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => `${d}/${f}`));

/** Whether the scanner answered; when it did, its answer must be the full reader's, without errors. */
function agree(text: string): boolean {
  const scanned = scanYaml(text);
  if (scanned === null) return false;
  const full = readYamlDocuments(text);
  expect(full.errors, JSON.stringify(text)).toEqual([]);
  expect(scanned.entries, JSON.stringify(text)).toEqual(full.entries);
  expect(scanned.comments, JSON.stringify(text)).toEqual(full.comments);
  return true;
}

describe('scanYaml', () => {
  test.each(yamlFiles)('%s: read, with the same entries as the full reader', (file) => {
    expect(agree(readFileSync(join(CORPUS, file), 'utf8')), 'the scanner reads every real config of the corpus').toBe(true);
  });

  test('reads the block YAML that large configs are made of', () => {
    const cases = [
      'a: 1\nb:\n  c: "x" # note\n  d: [1, [2, 3], {e: f}]\n',
      'paths:\n- s3://a/b.npy\n- s3://a/c.npy\nnext: 3\n',
      'paths:\n  - ${oc.env:HOME}/x\n  -   y\n  - - 1\n    - 2\n  - k: v\n    m: [ ]\n',
      'lr:\n    3e-4\nname: \'it\'\'s\'\n',
      '---\na: 1\n...\n--- # second\nb: [x, y, ]\n',
      'a:\r\n  - 1\r\n  - 2\r\n',
      '  a: 1\n  b: 2\n',
      '- a\n-\n- b: 1\n',
      'k  : v\n"q": 1\n',
      'just a scalar\n',
      'a: &x 1\nb: *x\n',
      'base_lr: &lr 0.001\noptimizer:\n  lr: *lr\n  list: [*lr, &e "eps", *e]\n  m: {a: *e}\n- x\n'.replace('- x\n', 'x: &lr 2\ny: *lr\n'),
      'a: [1, 2\n  ]\n',
      'prompt: |\n  You are\n\n    helpful.\nnext: |-\n  x\n\n\n- no\n'.replace('- no\n', 'z: 1\n'),
      'files: [\n    a.safetensors,\n    b.safetensors\n  ]\nnext: 1\n',
      '{\n  "optimizer": {"params": {"eps": 1.0e-8,}},\n  # comment\n  "flag": True,\n}\n',
    ];
    for (const text of cases) expect(agree(text), JSON.stringify(text)).toBe(true);
  });

  test('past the entry limit every reader keeps the same first entries, and still checks the rest', () => {
    const text = 'a: 1\nlist:\n  - x\n  - [y, {z: 2}]\n# note\n---\nb: 3\nc: "four"\n# tail\n';
    for (const limit of [0, 1, 3, 4, 6]) {
      const full = readYamlDocuments(text, limit);
      expect(full.entries).toHaveLength(limit);
      expect(scanYaml(text, limit)).toEqual(full);
    }
    // A refusal after the limit is still a refusal: the full reader must see the tag.
    expect(scanYaml(`${text}d: !!str 5\n`, 2)).toBeNull();
  });

  test('gives up on what it does not read exactly', () => {
    const cases = [
      'a: !!str 1\n',
      'a: >\n  folded\n',
      '{a: 1}\r',
      'a: |+\n  kept\n\n',
      'a: |\n    x\n  y\n',
      'a: "esc\\"aped"\n',
      'a: b: c\n',
      'a: plain\n  continued\n',
      'a:\n\t- 1\n',
      '? a\n: b\n',
      'a: 1\n b: 2\n',
      'base: &b {x: 1}\nc:\n  <<: *b\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: &x\n  b: 1\nc: *x\n',
      'a: *x\nb: &x 1\n',
      'a: &x 1\n---\nb: *x\n',
      'a: &x [1]\nb: *x\n',
      '&x a: 1\n',
      '{a: 1}\nb: 2\n',
      'a:\n  b: [1,\n  2]\n',
      'a: [b\n  c]\n',
      'a: [\n---\n]\n',
    ];
    for (const text of cases) expect(scanYaml(text), JSON.stringify(text)).toBeNull();
  });

  test('random YAML-ish text: same entries whenever it answers', () => {
    // Pieces chosen to sit on the scanner's decisions: indicators, quotes, colons and hashes inside
    // scalars, typed literals, flow fragments, indentation steps, document markers, CRLF.
    const indent = fc.constantFrom('', '', '', ' ', '  ', '  ', '    ', '\t');
    const dash = fc.constantFrom('', '', '', '- ', '-   ', '- - ', '-');
    const key = fc.constantFrom('lr', 'a b', 'k:v', 'x#y', '"q"', "'s''t'", '"a:b"', '1e-3', '0x1F', 'true', '~', 'null', '<<', '-k', '?k', ':k', 'é', '', '"e\\n"');
    const sep = fc.constantFrom(': ', ': ', ':', ':  ', ' : ', '');
    const scalar = fc.constantFrom('1e-8', '0.9', '-3', '-0', '+1', '0o17', '0x1F', '.inf', '-.Inf', '.nan', 'null', '~', 'True', 'FALSE', 'cosine', 'a b', 's3://b/c.npy', '${oc.env:HOME}', 'a#b', 'a: b', 'a:', '"auto"', "'it''s'", '"x" y', '"a\\tb"', '1_000', '', '.5', '1.', '12345678901234567890', '&a 1', '*a', '&b "q"', '*b', '&a', '*a # c', '&a [1]', '|-', '| # c', '|+', '|2', '|\n  text\n\n   more', '|\n\n    deep\n  shallow', '!t x', '|', '>-', '- x', '? x', '%x', '@x', '`x`', 'x\ty', '[]', '{}');
    const flow = fc.constantFrom('[1, 2]', '[a, [b, c], {d: e}]', '[a, ]', '[, a]', '[a b, "c"]', '{a: 1, b: }', '{a: 1,}', '{a}', '{"a":1}', '{a:1}', '[a: 1]', '[&a 1, *a]', '{x: &b 2, y: *b}', '[*a, *b]', '[&a]', '[1, 2', '[s3://x, y]', '[a # c]', '{ a : 1 }', '[[1], [2]]', '[a]: b',
      '[a,\n  b]', '[\n  a,\n  b\n]', '[\n  a,\n  b\n  ]', '{\n "x": 1,\n # c\n "y": [1,\n 2],\n}', '[a\n  b]', '[a, # c\n  b]', '[a,\n]', '[a,\n---\n]',
      '[a\n  , b]', '{a: 1,\nb: 2}', '[a,\n    [b,\n  c]]', '{a:\n  1}', '[a,#c\n b]', '["q",\n \'r\']');
    const tail = fc.constantFrom('', '', ' # c', '  #c', '#c', '  ', ' x');
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(indent, dash, key, sep, fc.oneof(scalar, flow), tail).map((p) => p.join('')) },
      { weight: 3, arbitrary: fc.tuple(indent, dash, fc.oneof(scalar, flow), tail).map((p) => p.join('')) },
      { weight: 1, arbitrary: fc.constantFrom('', '# comment', '   # indented comment', '---', '--- # doc', '...', '--- a', '  ', '---x') },
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (lines, eol, final) => {
        const text = lines.join(eol) + (final ? eol : '');
        if (agree(text)) answered++;
      }),
      { numRuns: 3000, seed: 23 },
    );
    // The property must exercise what the scanner reads, not only its refusals.
    expect(answered).toBeGreaterThan(300);
  });

  test('random config trees, written in varied block styles then mutated: same entries whenever it answers', () => {
    const scalar = fc.constantFrom('1e-8', '0.9', '-3', '0x1F', 'null', '~', 'True', 'cosine', 's3://b/c-1.npy', '${oc.env:HOME}', '"auto"', "'it''s'", 'a#b', '[0.9, 0.95]', '{a: 1, b: [x, y]}', '[]', '', '"x"', '&a 1e-3', '*a', '&b "auto"', '*b', '|\n    line one\n\n    line two', '|-\n      x\n        y\n', '[\n  x,\n  y\n]', '[x,\n      y] # c', '{\n      a: 1,  # c\n      b: [2]\n    }');
    const name = fc.constantFrom('lr', 'betas', 'paths', 'optimizer', 'eps', '"quoted key"', 'a b', '1e-3', 'true');
    type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
    const { tree } = fc.letrec<{ tree: Tree }>((t) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.record({ map: fc.array(fc.tuple(name, t('tree')), { minLength: 1, maxLength: 4 }) }),
        fc.record({ seq: fc.array(t('tree'), { minLength: 1, maxLength: 4 }) }),
      ),
    }));
    // Style choices, consumed in turn: child indentation step, compact sequences, value on the next line, comments.
    const write = (node: Tree, indent: number, style: number[], out: string[], lead: string): void => {
      const pick = (n: number): number => (style.push(style.shift() ?? 0), (style[0] ?? 0) % n);
      const pad = ' '.repeat(indent);
      if (typeof node === 'string') {
        out.push(`${lead}${node}${pick(4) === 0 ? ' # note' : ''}`);
        return;
      }
      const items: [string, Tree][] = 'map' in node ? node.map.map(([k, v]) => [`${k}:`, v]) : node.seq.map((v) => ['-', v]);
      items.forEach(([head, child], i) => {
        const first = i === 0 ? lead : pad;
        if (typeof child === 'string') {
          if (pick(5) === 0 && child !== '') {
            out.push(`${first}${head}`);
            write(child, indent + 2, style, out, ' '.repeat(indent + 2 + pick(3)));
          } else write(child, indent, style, out, `${first}${head} `);
          return;
        }
        if (head === '-' && pick(2) === 0) {
          write(child, indent + 2, style, out, `${first}- `);
          return;
        }
        out.push(`${first}${head}${pick(6) === 0 ? '  # comment' : ''}`);
        const step = 'seq' in child && head !== '-' && pick(3) === 0 ? 0 : 2 + 2 * pick(2);
        write(child, indent + step, style, out, ' '.repeat(indent + step));
      });
    };
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('', '  ', '# c', '  x: 1', '- y', '   continued', '---', 'k: &a 1', 'k: [1,', '"unclosed', '\tk: 1', 'z: |'), fc.constantFrom('insert', 'replace', 'none', 'none'));
    let answered = 0;
    fc.assert(
      fc.property(tree, fc.array(fc.nat(99), { minLength: 1, maxLength: 8 }), mutation, fc.constantFrom('\n', '\r\n'), (root, style, [at, piece, how], eol) => {
        const out: string[] = [];
        write(typeof root === 'string' ? { map: [['k', root]] } : root, 0, [...style], out, '');
        if (how !== 'none') out.splice(at % (out.length + 1), how === 'replace' ? 1 : 0, piece);
        if (agree(out.join(eol) + eol)) answered++;
      }),
      { numRuns: 1500, seed: 5 },
    );
    expect(answered).toBeGreaterThan(500);
  });

  test('corpus files with random characters inserted, deleted or replaced: same entries whenever it answers', () => {
    const texts = yamlFiles.map((f) => readFileSync(join(CORPUS, f), 'utf8'));
    const char = fc.oneof(
      fc.constantFrom(' ', '\n', '\r', '\t', ':', '-', '#', '[', ']', '{', '}', ',', '"', "'", '&', '*', '!', '|', '>', '?', '%', '@', '\\', '\u2028', '\ufeff'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }),
    );
    const edit = fc.tuple(fc.nat(), fc.nat(3), char);
    let answered = 0;
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = texts[which] ?? '';
        for (const [at, kind, c] of edits) {
          const i = at % (text.length + 1);
          text = kind === 0 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + c + text.slice(
            kind === 1 ? i + 1 : i);
        }
        if (agree(text)) answered++;
      }),
      { numRuns: 200, seed: 7 },
    );
    expect(answered).toBeGreaterThan(20);
  });
});
