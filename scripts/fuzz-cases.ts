/**
 * What the extraction fuzzers feed OptLens and what they check, shared by the suite
 * (test/server/extract/fuzz.test.ts, a few hundred cases) and `npm run fuzz` (scripts/fuzz.mjs, ≥ 100,000).
 * Inputs: random bytes decoded as UTF-8 and Latin-1, random config-like token soup, corpus files with
 * random edits (deletions, insertions, duplicated and swapped slices, truncation) under every file name, and
 * adversarial repetition: one line or fragment repeated hundreds of times, the shape of every hang found so
 * far (alias and merge bombs, `A=$A$A`, `a = [a, a]`, `f().g().g()…`, runs of `#`, blanks or digits).
 * Checks: nothing throws, every span lies inside the text and holds exactly its `raw`, lines are 1-based
 * and match the spans, every fix replaces text inside the document.
 */
import fc from 'fast-check';
import { excerptOfText, LANGUAGE_OF_FORMAT } from '../server/excerpt/index';
import { extract } from '../server/extract';
import { detectFormat } from '../server/extract/format';
import { readJson } from '../server/extract/json';
import { lineIndex } from '../server/extract/lines';
import { readPython } from '../server/extract/python';
import { readToml } from '../server/extract/toml';
import { readYaml } from '../server/extract/yaml';

export interface FuzzCase {
  text: string;
  fileName: string;
}

const WINDOW = 4000;

const NAMES = ['c.yaml', 'ds_config.json', 'job.toml', 'train.py', 'run.sh', 'config', 'a.jsonc', 'train.ini', 'setup.cfg'];

/** Fragments that steer random text into the readers' interesting paths. */
const TOKENS = [
  'optimizer:', '  lr: ', '1e-8', '2.0e-5', '&a ', '*a', '<<: *a', '---\n', '[', ']', '{', '}', ',', ': ', '- ', '"', "'", '#',
  '\n', '  ', '\t', 'betas: (0.9, 0.999)', '"betas": "0.9,0.95"', '${a.b}', '${', '[optimizer]\n', 'lr = 3e-4\n', '[[x]]\n',
  'torch.optim.AdamW(', 'lr=', ')', 'dict(type="AdamW", ', '--lr 1e-4 \\\n', 'adam_eps: 1e-6\n', '"type": "Adam"', 'adam_w_mode: false',
  'fp16: true\n', '\u0000', '\uFEFF', '\r\n', '|\n  ', '>-\n  ', '!!float ', '? ', '%YAML 1.1\n', '...\n', 'null', '~', '.inf',
  '[DEFAULT]\n', '[train]\n', 'lr: 3e-4\n', '; c\n', '%(lr)s', '${train:lr}', '    0.95]\n', 'use_amp = yes\n',
];

/**
 * Units repeated by the adversarial generator: `{i}`/`{j}` become the repetition's index and the previous one,
 * so each line can refer to the one before (`m3: &m3 [*m2, *m2]`). Each comes with the file name it targets.
 */
const REPEATED: [string, string][] = [
  ['m{i}: &m{i}\n  <<: [*m{j}, *m{j}, *m{j}, *m{j}]\n', 'c.yaml'],
  ['e{i}: &e{i} [*e{j}, *e{j}, *e{j}, *e{j}]\n', 'c.yaml'],
  ['- &a{i} [*a{j}, *a{j}]\n', 'c.yaml'],
  ['A=$A$A\n', 'run.sh'],
  ['A=(${A[@]} ${A[@]})\n', 'run.sh'],
  ['B+=$B\n', 'run.sh'],
  ['cat <<EOF{i}\n', 'run.sh'],
  ['a = [a, a]\n', 'train.py'],
  ['a = dict(x=a, y=a)\n', 'train.py'],
  // An instance holding itself twice emitted 2^depth values before 0d30209.
  ['class K{i}:\n    def __init__(self):\n        self.a = [self]\n        self.b = {"x": self, "y": K{j}()}\n', 'train.py'],
  ['class S{i}:\n    def __init__(self):\n        self.s{i} = [self, self]\n        self.t = (self,)\n', 'train.py'],
  ['.g()', 'train.py'],
  ['(', 'train.py'],
  ['[', 'ds_config.json'],
  ['{"a": ', 'ds_config.json'],
  ['[', 'job.toml'],
  ['#', 'c.yaml'],
  [' ', 'c.yaml'],
  ['1', 'c.yaml'],
  ['1_', 'train.py'],
  ['"', 'c.yaml'],
  ['\\\n', 'run.sh'],
  ['[DEFAULT]\nd{i} = %(d{j})s\n[s{i}]\nk = %(d{i})s\n', 'train.ini'],
  ['k{i} = [%(k{j})s, %(k{j})s]\n', 'train.ini'],
  ['  x\n', 'train.ini'],
  ['[', 'setup.cfg'],
];
const OPTIMIZER_TAIL: Record<string, string> = {
  'c.yaml': '\noptimizer:\n  type: AdamW\n  lr: 3.0e-4\n',
  'run.sh': '\npython train.py --optimizer adamw --lr 1e-4\n',
  'train.py': '\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4)\n',
  'ds_config.json': '\n{"optimizer": {"type": "AdamW", "params": {"lr": 3e-4}}}\n',
  'job.toml': '\n[optimizer]\nname = "AdamW"\nlr = 3e-4\n',
  'train.ini': '\n[optimizer]\nname = adamw\nlr = 3e-4\n',
};

function repeatedCase(unit: string, fileName: string, n: number, head: boolean): FuzzCase {
  const body = Array.from({ length: n }, (_, i) => unit.replaceAll('{i}', String(i + 1)).replaceAll('{j}', String(i))).join('');
  const seed = unit.includes('&m') ? 'm0: &m0 {lr: 1}\n' : unit.includes('&e') ? 'e0: &e0 []\n' : unit.includes('&a') ? '- &a0 [1]\n'
    : fileName === 'train.ini' ? '[s0]\nk0 = 1\nd0 = 1\n' : 'A=x\nB=y\na = [1]\n';
  const tail = OPTIMIZER_TAIL[fileName] ?? '';
  return { text: head ? `${tail}${seed}${body}` : `${seed}${body}${tail}`, fileName };
}

export function fuzzCases(corpus: readonly FuzzCase[]): fc.Arbitrary<FuzzCase> {
  const name = fc.constantFrom(...NAMES);
  const bytes = fc.uint8Array({ maxLength: 400 }).chain((b) =>
    fc.constantFrom(new TextDecoder('utf-8').decode(b), new TextDecoder('latin1').decode(b)),
  );
  const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((parts) => parts.join(''));
  const mutated = fc
    .record({
      base: fc.constantFrom(...corpus),
      window: fc.double({ min: 0, max: 1, noNaN: true }),
      edits: fc.array(
        fc.record({ kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap', 'truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.nat(60), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
        { minLength: 1, maxLength: 6 },
      ),
      rename: fc.boolean(),
      other: name,
    })
    .map(({ base, window, edits, rename, other }) => {
      // A window of up to WINDOW characters from a line start keeps a case fast and still real.
      const from = base.text.lastIndexOf('\n', Math.floor(window * Math.max(0, base.text.length - WINDOW))) + 1;
      let text = base.text.slice(from, from + WINDOW);
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.len);
        else if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
        else if (e.kind === 'duplicate') text = text.slice(0, at + e.len) + text.slice(at, at + e.len) + text.slice(at + e.len);
        else if (e.kind === 'swap') text = text.slice(at, at + e.len) + text.slice(0, at) + text.slice(at + e.len);
        else text = text.slice(0, at);
      }
      return { text, fileName: rename ? other : base.fileName };
    });
  const repeated = fc
    .record({ unit: fc.constantFrom(...REPEATED), n: fc.integer({ min: 1, max: 300 }), head: fc.boolean() })
    .map(({ unit: [unit, fileName], n, head }) => repeatedCase(unit, fileName, n, head));
  return fc.oneof(
    repeated,
    fc.record({ text: bytes, fileName: name }),
    fc.record({ text: soup, fileName: name }),
    ...(corpus.length > 0 ? [mutated] : []),
  );
}

function fail(message: string, c: FuzzCase): never {
  throw new Error(`${message} (file ${c.fileName}, text ${JSON.stringify(c.text.slice(0, 200))})`);
}

/** Short inputs also go through every reader directly, whatever their name says. */
const DIRECT_READ_LIMIT = 1000;

/** Runs the extraction (and, for short inputs, every reader) on one case; throws on a crash or a broken invariant. */
export function checkCase(c: FuzzCase): void {
  const { text } = c;
  if (text.length <= DIRECT_READ_LIMIT) {
    for (const read of [readYaml, readJson, readToml, readPython]) {
      for (const e of read(text).entries) {
        if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) fail(`${read.name}: span out of the text`, c);
      }
    }
  }
  const x = extract(text, c.fileName);
  // readers.ts turns a reader's exception into this read error so the editor survives; here it is a crash.
  const crashed = x.readErrors.find((e) => e.message.startsWith('could not read this'));
  if (crashed) fail(`reader crashed: ${crashed.message}`, c);
  const lines = lineIndex(text);
  for (const o of x.optimizers) {
    for (const v of Object.values(o.hyperparameters)) {
      if (!v || v.source !== 'written') continue;
      if (!v.span || v.span.start < 0 || v.span.end > text.length) fail('written value without a span inside the text', c);
      if (text.slice(v.span.start, v.span.end) !== v.raw) fail(`raw ${JSON.stringify(v.raw)} is not the text at its span`, c);
      if (v.line !== lines.lineAt(v.span.start)) fail('line does not match the span', c);
    }
  }
  for (const f of x.findings) {
    if (f.line !== null && f.line < 1) fail('line below 1', c);
    for (const fix of f.fixes ?? []) {
      for (const r of fix.replacements) if (r.span.start < 0 || r.span.end > text.length || r.span.start > r.span.end) fail(`fix of ${f.code} outside the text`, c);
    }
  }
  checkExcerpt(c, lines);
}

/**
 * The same text read as a huge file is (server/excerpt/): every written value found in the excerpt is the real
 * text's at its mapped span, on the line the excerpt says.
 */
function checkExcerpt(c: FuzzCase, lines: ReturnType<typeof lineIndex>): void {
  const { text } = c;
  const excerpt = excerptOfText(text, detectFormat(text, c.fileName));
  if (excerpt.text.split('\n').length !== text.split('\n').length) fail('excerpt: line count differs from the text', c);
  const x = extract(excerpt.text, c.fileName, { languageId: LANGUAGE_OF_FORMAT[excerpt.format] });
  for (const o of x.optimizers) {
    for (const v of Object.values(o.hyperparameters)) {
      if (!v?.span || v.source !== 'written') continue;
      const start = excerpt.toOriginal(v.span.start);
      const end = excerpt.toOriginal(v.span.end);
      if (text.slice(start, end) !== v.raw) fail(`excerpt: raw ${JSON.stringify(v.raw)} is not the real text at its span`, c);
      if (v.line !== lines.lineAt(start)) fail('excerpt: line does not match the real span', c);
    }
  }
}
