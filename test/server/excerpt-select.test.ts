/**
 * The excerpt of a huge file, line by line: which lines each format's selector keeps (the lines that set the
 * optimizer and the run, with the structure needed to read them in context), at their own line numbers, and
 * the budget that bounds it. Small texts here: the selection does not depend on the file's size.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigFormat, FileAnalysis } from '../../core/analysis';
import { analyzeExcerpt, analyzeText } from '../../server/analyze';
import { excerptOfStream, excerptOfText } from '../../server/excerpt/index';
import { EXCERPT_LIMITS } from '../../server/excerpt/kept';
import { detectFormat } from '../../server/extract/format';
import { extract } from '../../server/extract/index';

/** The kept lines, as `number: text`. */
function kept(text: string, format: ConfigFormat): string[] {
  const excerpt = excerptOfText(text, format);
  expect(excerpt.text.split('\n')).toHaveLength(text.split('\n').length);
  return excerpt.text.split('\n').flatMap((l, i) => (l === '' ? [] : [`${i + 1}: ${l}`]));
}

describe('YAML', () => {
  it('keeps a value with its ancestors, a kept block\'s first line, a flow collection whole, an optimizer block whole', () => {
    const text = [
      'data:', '  path: /x', '  records:', '    - {id: 1, text: a}', 'model:', '  colour: 4', '  train:',
      '    learning_rate: 3.0e-4', 'optimizer:', '  kind: adamw', '  betas: [0.9,', '    0.95]', 'other: 1',
    ].join('\n');
    expect(kept(text, 'yaml')).toEqual([
      '5: model:', '6:   colour: 4', '7:   train:', '8:     learning_rate: 3.0e-4', '9: optimizer:', '10:   kind: adamw',
      '11:   betas: [0.9,', '12:     0.95]',
    ]);
  });

  it('keeps a document marker only at the line start: an indented `---` is a scalar\'s text (found by the fuzzer)', () => {
    expect(kept('adam_eps: 1e-6\n>-\n  ---\n', 'yaml')).toEqual(['1: adam_eps: 1e-6']);
    expect(kept('seed: 1\n---\noptimizer:\n  lr: 0.1\n', 'yaml')).toEqual(['2: ---', '3: optimizer:', '4:   lr: 0.1']);
  });

  it('keeps the item a value belongs to, and a compact sequence under its key', () => {
    const text = ['groups:', '- name: decay', '  other: x', '  weight_decay: 0.1', 'betas:', '- 0.9', '- 0.95', 'seed: 1']
      .join('\n');
    expect(kept(text, 'yaml')).toEqual([
      '1: groups:', '2: - name: decay', '4:   weight_decay: 0.1', '5: betas:', '6: - 0.9', '7: - 0.95',
    ]);
  });

  it('keeps the lines that continue a kept key\'s plain scalar, which YAML reads as one value', () => {
    const text = ['adam_eps: 1e-6', '    0.95]', 'seed: 1'].join('\n');
    expect(kept(text, 'yaml')).toEqual(['1: adam_eps: 1e-6', '2:     0.95]']);
  });

  it('keeps the line that sets an anchor a kept alias uses, with its ancestors', () => {
    const text = ['shared:', '  seed: 1', '  rate: &peak 3.0e-4', 'optimizer:', '  lr: *peak'].join('\n');
    expect(kept(text, 'yaml')).toEqual(['1: shared:', '3:   rate: &peak 3.0e-4', '4: optimizer:', '5:   lr: *peak']);
  });

  it('never reads a block scalar as keys, and keeps the settings comment', () => {
    const text = ['# optlens: noise-scale=2e5', 'script: |', '  lr: 5', '  echo', 'lr_scheduler_type: cosine'].join('\n');
    expect(kept(text, 'yaml')).toEqual(['1: # optlens: noise-scale=2e5', '5: lr_scheduler_type: cosine']);
  });
});

describe('JSON', () => {
  it('keeps the openers and closers around a value, and a kept comma before a closer becomes a space', () => {
    const text = [
      '{', '  "data": [', '    {"id": 1},', '    {"id": 2}', '  ],', '  "optimizer": {', '    "type": "AdamW",',
      '    "params": {"lr": 0.001, "x": 2},', '    "tail": 3', '  },', '  "seed": 1', '}',
    ].join('\n');
    const excerpt = excerptOfText(text, 'json');
    expect(kept(text, 'json')).toEqual([
      '1: {', '6:   "optimizer": {', '7:     "type": "AdamW",', '8:     "params": {"lr": 0.001, "x": 2},',
      '9:     "tail": 3', '10:   } ', '12: }',
    ]);
    const extraction = extract(excerpt.text, 'ds.json', { languageId: 'json' });
    expect(extraction.readErrors).toEqual([]);
    expect(extraction.optimizers[0]?.hyperparameters.lr?.line).toBe(8);
  });
});

describe('TOML', () => {
  it('keeps a key with its table header, and an optimizer table whole', () => {
    const text = ['[data]', 'path = "x"', '[training]', 'steps = 10', 'note = "y"', '[optimizer]', 'name = "AdamW"',
      'params = [', '  1,', ']'].join('\n');
    expect(kept(text, 'toml')).toEqual([
      '3: [training]', '4: steps = 10', '6: [optimizer]', '7: name = "AdamW"', '8: params = [', '9:   1,', '10: ]',
    ]);
  });
});

describe('shell', () => {
  it('keeps a whole command with its continuations and the variables it uses; a heredoc only with its command', () => {
    const text = [
      'BASE=3e-4', 'echo hello', 'cat > notes.txt <<EOF', '--lr 9', 'EOF', 'torchrun train.py \\',
      '  --optimizer adamw \\', '  --lr $BASE', 'echo done',
    ].join('\n');
    expect(kept(text, 'shell')).toEqual([
      '1: BASE=3e-4', '3: cat > notes.txt <<EOF', '4: --lr 9', '5: EOF', '6: torchrun train.py \\',
      '7:   --optimizer adamw \\', '8:   --lr $BASE',
    ]);
  });

  it('keeps a heredoc that holds a config whole, body and terminator', () => {
    const text = ['cat > ds.json <<-EOF', '\t{"optimizer": {"type": "AdamW"}}', '\tEOF', 'echo x'].join('\n');
    expect(kept(text, 'shell')).toEqual(['1: cat > ds.json <<-EOF', '2: \t{"optimizer": {"type": "AdamW"}}', '3: \tEOF']);
  });
});

describe('INI', () => {
  it('keeps a line configparser refuses inside a continued value with that value, as the reader spans it', () => {
    const text = ['[train]', 'note = x', 'lr=3e-4', '{ refused', '   0.9', 'other = 1'].join('\n');
    expect(kept(text, 'ini')).toEqual(['1: [train]', '3: lr=3e-4', '4: { refused', '5:    0.9']);
  });
});

describe('Python', () => {
  it('keeps a whole statement with its enclosing headers and the statements binding the names it uses', () => {
    const text = [
      'import torch', 'base = 3e-4', 'DATA = [1, 2]', 'def main():', '    net = build()', '    opt = torch.optim.AdamW(',
      '        net.parameters(),', '        lr=base,', '    )', '    print(DATA)',
    ].join('\n');
    expect(kept(text, 'python')).toEqual([
      '1: import torch', '2: base = 3e-4', '4: def main():', '5:     net = build()', '6:     opt = torch.optim.AdamW(', '7:         net.parameters(),',
      '8:         lr=base,', '9:     )',
    ]);
  });
});

describe('names that write a setting', () => {
  it('a call to a helper named for a setting is kept (weak): the reader follows it into the helper', () => {
    const text = ['x = 1', 'cfg = _with_global_batch_size(base(), 1024)', 'y = 2'].join('\n');
    expect(kept(text, 'python')).toEqual(['2: cfg = _with_global_batch_size(base(), 1024)']);
  });
});

describe('the budget', () => {
  it('a flood of weak words cannot crowd out the optimizer written after it, and the excerpt says what it dropped', () => {
    const lines = Array.from({ length: EXCERPT_LIMITS.weakLines + 500 }, (_, i) => `n${i}:\n  name: x${i}`);
    const text = [...lines, 'optimizer:', '  lr: 0.001'].join('\n');
    const excerpt = excerptOfText(text, 'yaml');
    expect(excerpt.dropped).toBeGreaterThan(0);
    expect(excerpt.firstDroppedLine).toBeGreaterThan(0);
    expect(excerpt.text.split('\n').slice(-2)).toEqual(['optimizer:', '  lr: 0.001']);
    expect(excerpt.keptLines).toBeLessThanOrEqual(EXCERPT_LIMITS.weakLines + 2);
  });

  it('a line longer than the limit is counted, never kept', () => {
    const text = `lr: 1\nblob: ${'x'.repeat(20_000)} lr\n`;
    const excerpt = excerptOfText(text, 'yaml');
    expect(excerpt.longLines).toBe(1);
    expect(excerpt.text).toBe('lr: 1\n\n');
  });
});

describe('hostile shapes', () => {
  const long = 'x'.repeat(20_000);
  const inputs: [ConfigFormat, string][] = [
    ['yaml', `lr: [\n  ${long},\n  1]\nweight_decay: 0.1\n`],
    ['toml', `lr = [\n  "${long}",\n]\nweight_decay = 0.1\n`],
    ['json', `{\n  "lr": [\n    "${long}"\n  ],\n  "weight_decay": 0.1\n}\n`],
    ['python', `lr = (\n    "${long}"\n)\nweight_decay = 0.1\n`],
    ['shell', `LR=(\n  ${long}\n)\nWEIGHT_DECAY=0.1\n`],
    ['json', `{\n${'['.repeat(1).concat('\n').repeat(1500)}${']\n'.repeat(1500)}, "weight_decay": 0.1\n}\n`],
  ];
  it.each(inputs)('%s: every kept line is the file\'s own line, never a cut long line; what follows is still read', (format, text) => {
    const excerpt = excerptOfText(text, format);
    const real = text.split('\n');
    excerpt.text.split('\n').forEach((l, i) => {
      if (l !== '') expect(l.replace(/ $/, ',')).toBe(real[i]?.replace(/ $/, ','));
    });
    expect(excerpt.text).toMatch(/weight_decay|WEIGHT_DECAY/);
  });
});

describe('streamed and in memory', () => {
  it('a text cut into chunks anywhere (inside a line, inside a long line) gives the same excerpt', async () => {
    const text = `${'a: 1\n'.repeat(50)}b: ${'y'.repeat(20_000)}\noptimizer:\n  lr: 0.001\r\n  betas: [0.9, 0.95]\n`;
    const chunks = async function* () {
      for (let i = 0; i < text.length; i += 777) yield text.slice(i, i + 777);
    };
    const streamed = await excerptOfStream(chunks(), 'big.yaml');
    const inMemory = excerptOfText(text, 'yaml');
    expect(streamed.text).toBe(inMemory.text);
    expect(streamed.totalChars).toBe(text.length);
    expect(streamed.toOriginal(streamed.text.indexOf('0.001'))).toBe(text.indexOf('0.001'));
  });
});

/** Every config file under `dir`, recursively. */
function configsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return configsUnder(path);
    return /\.(ya?ml|json|toml|py|sh|gin)$/.test(name) ? [path] : [];
  });
}

/** The written values of an analysis: name, value, line and span. */
const written = (a: FileAnalysis) => a.optimizers.flatMap((o) => Object.entries(o.hyperparameters)
  .filter(([, v]) => v?.source === 'written')
  .map(([name, v]) => `${name}=${String(v?.value)} @${v?.line} [${v?.span?.start},${v?.span?.end})`));

describe('real configs read through the excerpt', () => {
  const fixtures = join(__dirname, '../fixtures');
  const files = [...configsUnder(join(fixtures, 'corpus')), ...configsUnder(join(fixtures, 'heldout-like'))];

  it('give the same values, at the same lines and offsets, and the same ecosystem as read whole', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const whole = analyzeText(text, file, {});
      const read = analyzeExcerpt(excerptOfText(text, detectFormat(text, file)), file, {});
      expect({ file, ecosystem: read.ecosystem, values: written(read) })
        .toEqual({ file, ecosystem: whole.ecosystem, values: written(whole) });
    }
  });
});
