/**
 * INI training configs end to end: extract() on a configparser file with no ecosystem table (roles read by name,
 * sections as context like YAML blocks), edits that change only the intended literal (through an interpolation, to
 * the literal it names), an inserted key configparser reads back, and the excerpt of a huge INI file.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { applyReplacements, hyperparameterEdit } from '../../../server/edits';
import { excerptOfText } from '../../../server/excerpt/index';
import { extract } from '../../../server/extract';
import { value } from './helpers';

/** A made-up training config, as a script reading it with ConfigParser(interpolation=ExtendedInterpolation()) has. */
const RUN = [
  '; GPT-2 medium on OpenWebText, 8 x A100',
  '# read by train.py: cfg = ConfigParser(interpolation=ExtendedInterpolation())',
  '',
  '[DEFAULT]',
  'seed = 1337',
  'out_dir = /scratch/gpt2-medium',
  '',
  '[data]',
  'dataset = openwebtext',
  'block_size = 1024',
  '',
  '[train]',
  'batch_size = 12',
  'gradient_accumulation_steps = 40',
  'max_iters = 600000',
  'warmup_iters = 2000',
  'learning_rate = 6e-4',
  'min_lr = ${learning_rate}',
  'decay_lr = yes',
  'lr_scheduler: cosine',
  '',
  '[optimizer]',
  'name = adamw',
  'betas = (0.9, 0.95)',
  'eps = 1e-8  ; fused AdamW',
  'weight_decay = 1e-1',
  '',
  '[eval]',
  'batch_size = 64',
  'eval_iters = 200',
  '',
].join('\n');

describe('extract() on an INI training config', () => {
  const x = extract(RUN, 'configs/gpt2-medium.ini');

  test('every written hyperparameter at its literal\'s line, read with no ecosystem table', () => {
    expect(x).toMatchObject({ format: 'ini', ecosystem: 'generic' });
    expect(x.readErrors).toEqual([]);
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]?.name).toBe('adamw');
    expect(value(x, 'lr')).toMatchObject({ value: 6e-4, line: 17 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 24 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 24 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, line: 25 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 26 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 12, line: 13 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 40, line: 14 });
    expect(value(x, 'steps')).toMatchObject({ value: 600000, line: 15 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 16 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 1024, line: 10 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', line: 20 });
  });

  test('sections are context, as YAML blocks are: [eval]\'s batch is not the training batch', () => {
    expect(value(x, 'microBatchSize')?.value).not.toBe(64);
  });

  test('[optimizer] and [adam] sections read β1, β2, ε by name, as a YAML block of the same name does', () => {
    for (const section of ['optimizer', 'adam']) {
      const text = `[train]\nlr = 3e-4\n\n[${section}]\nbeta1 = 0.9\nbeta2 = 0.98\nepsilon = 1e-6\n`;
      const got = extract(text, 'hparams.ini');
      expect(value(got, 'beta1')).toMatchObject({ value: 0.9, line: 5 });
      expect(value(got, 'beta2')).toMatchObject({ value: 0.98, line: 6 });
      expect(value(got, 'eps')).toMatchObject({ value: 1e-6, line: 7 });
      const yaml = extract(`train:\n  lr: 3.0e-4\n${section}:\n  beta1: 0.9\n  beta2: 0.98\n  epsilon: 1.0e-6\n`, 'h.yaml');
      expect(value(yaml, 'beta2')?.value).toBe(value(got, 'beta2')?.value);
    }
  });

  test('`betas = 0.9, 0.98` is a pair, not a string trap: configparser gives the code strings to parse', () => {
    const got = extract('[optimizer]\nname = AdamW\nlr = 1e-3\nbetas = 0.9, 0.98\n', 'o.ini');
    expect(value(got, 'beta1')).toMatchObject({ value: 0.9, line: 4 });
    expect(value(got, 'beta2')).toMatchObject({ value: 0.98, line: 4 });
    expect(got.findings.map((f) => f.code)).not.toContain('betas-string');
  });

  test('a hyperparameter written in [DEFAULT] is found there, once', () => {
    const got = extract('[DEFAULT]\nlearning_rate = 0.01\n\n[train]\nmax_steps = 100\n\n[eval]\nsteps = 5\n', 'run.cfg');
    expect(value(got, 'lr')).toMatchObject({ value: 0.01, line: 2 });
    expect(value(got, 'steps')).toMatchObject({ value: 100, line: 5 });
  });
});

/** section.key of `text` as configparser's getfloat reads it (NaN when reading fails); null without python3. */
function configparserFloat(text: string, section: string, key: string): number | null {
  const script = 'import configparser, sys\n' +
    'p = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation(), inline_comment_prefixes=(";",))\n' +
    `p.read_string(sys.stdin.read())\nprint(p.getfloat(${JSON.stringify(section)}, ${JSON.stringify(key)}))\n`;
  const run = spawnSync('python3', ['-c', script], { input: text, encoding: 'utf8' });
  if (run.error) return null;
  return run.status === 0 ? Number(run.stdout.trim()) : NaN;
}

describe('edits to an INI file', () => {
  const analysis = analyzeText(RUN, '/w/configs/gpt2-medium.ini', {});

  test('a new value replaces only its literal; configparser reads it back', () => {
    const outcome = hyperparameterEdit(analysis, RUN, 0, 'eps', 1e-6);
    expect(outcome).toHaveProperty('replacements');
    if (!('replacements' in outcome)) return;
    expect(outcome.replacements).toHaveLength(1);
    const [r] = outcome.replacements;
    expect(RUN.slice(r?.span.start, r?.span.end)).toBe('1e-8');
    const after = applyReplacements(RUN, outcome.replacements);
    expect(after.replace(r?.newText ?? '', '1e-8')).toBe(RUN);
    const read = configparserFloat(after, 'optimizer', 'eps');
    if (read !== null) expect(read).toBe(1e-6);
  });

  test('a value read through an interpolation is edited at the literal it names', () => {
    const text = '[DEFAULT]\nbase_lr = 3e-4\n[optimizer]\nlr = %(base_lr)s\nbetas = (0.9, 0.95)\n';
    const a = analyzeText(text, '/w/x.ini', {});
    expect(a.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 2 });
    const outcome = hyperparameterEdit(a, text, 0, 'lr', 1e-3);
    if (!('replacements' in outcome)) throw new Error(outcome.message);
    expect(outcome.replacements.map((r) => text.slice(r.span.start, r.span.end))).toEqual(['3e-4']);
    expect(applyReplacements(text, outcome.replacements)).toBe(text.replace('3e-4', '1e-3'));
  });

  test('a missing key is written beside its section\'s keys, never into [DEFAULT], and configparser reads it', () => {
    const text = '[DEFAULT]\nseed = 1\n\n[optimizer]\nname = adamw\nlr = 3e-4\nbetas = (0.9, 0.95)\n\n[eval]\nx = 1\n';
    const a = analyzeText(text, '/w/x.ini', {});
    const outcome = hyperparameterEdit(a, text, 0, 'weightDecay', 0.1);
    if (!('replacements' in outcome)) throw new Error(outcome.message);
    const after = applyReplacements(text, outcome.replacements);
    expect(after.split('\n').slice(3, 8)).toContain('weight_decay = 0.1');
    const read = configparserFloat(after, 'optimizer', 'weight_decay');
    if (read !== null) expect(read).toBe(0.1);
  });
});

test('a huge INI file: the excerpt keeps the sections and values that set the run, at their own lines', () => {
  const filler = Array.from({ length: 50_000 }, (_, i) => `[shard_${i}]\npath = /data/${i}.bin\n`).join('');
  const text = `${filler}[optimizer]\nname = adamw\nbetas = [0.9,\n    # as in the paper\n    0.95]\n`;
  const excerpt = excerptOfText(text, 'ini');
  const lines = excerpt.text.split('\n');
  const at = 100_001;
  // The comment line inside the value is kept with it: the value's span holds it.
  expect(lines.slice(at - 1, at + 4)).toEqual(
    ['[optimizer]', 'name = adamw', 'betas = [0.9,', '    # as in the paper', '    0.95]']);
  const got = extract(excerpt.text, 'huge.ini', { languageId: 'ini' });
  expect(value(got, 'beta2')).toMatchObject({ value: 0.95, line: at + 4 });
});
