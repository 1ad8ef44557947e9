/**
 * The INI reader (server/extract/ini.ts): configparser's sections, options, comments, continuation lines,
 * [DEFAULT] inheritance and interpolations, each value at the exact span of its literal; a bad line is an error and
 * the rest is still read; hostile input stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extract, readEntries } from '../../../server/extract';
import type { ConfigEntry } from '../../../server/extract/entries';
import { detectFormat } from '../../../server/extract/format';
import { readIni } from '../../../server/extract/ini';
import { checkRead, fuzzTexts } from './reader-fuzz';

const at = (entries: readonly ConfigEntry[], path: string): ConfigEntry | undefined =>
  entries.find((e) => e.path.join('.') === path);
const lineOf = (text: string, offset: number | undefined): number => text.slice(0, offset).split('\n').length;

describe('INI reader', () => {
  test('sections and keys, `=` and `:`, numbers as getfloat reads them, flags as getboolean does', () => {
    const text = '[train]\nLearning_Rate = 3e-4\nmax_steps: 10_000\nuse_amp = Yes\nname = adamw\nquoted = "1e-8"\n';
    const { entries, errors } = readIni(text);
    expect(errors).toEqual([]);
    // configparser lower-cases option names (optionxform); the key as written stays in `origin`.
    expect(at(entries, 'train.learning_rate')).toMatchObject({ value: 3e-4, raw: '3e-4', origin: ['train', 'Learning_Rate'] });
    expect(at(entries, 'train.max_steps')).toMatchObject({ value: 10000, raw: '10_000', quoted: false });
    expect(at(entries, 'train.use_amp')).toMatchObject({ value: true, raw: 'Yes' });
    expect(at(entries, 'train.name')).toMatchObject({ value: 'adamw', quoted: false });
    // getfloat('"1e-8"') fails: a quoted number is a string.
    expect(at(entries, 'train.quoted')).toMatchObject({ value: '1e-8', raw: '"1e-8"', quoted: true });
    for (const e of entries) expect(text.slice(e.span.start, e.span.end)).toBe(e.raw);
    const lr = at(entries, 'train.learning_rate');
    expect(text.slice(lr?.keySpan?.start, lr?.keySpan?.end)).toBe('Learning_Rate');
  });

  test('`#` and `;` comment lines and inline comments are comments, not values', () => {
    const text = '# run 7\n; tuned\n[optim]\neps = 1e-8 ; fp32\nlr = 0.001  # peak\nurl = http://x/#frag\n';
    const { entries, comments } = readIni(text);
    expect(comments.map((c) => c.text)).toEqual(['# run 7', '; tuned', '; fp32', '# peak']);
    for (const c of comments) expect(text.slice(c.span.start, c.span.end)).toBe(c.text);
    expect(at(entries, 'optim.eps')).toMatchObject({ value: 1e-8, raw: '1e-8' });
    expect(at(entries, 'optim.lr')).toMatchObject({ value: 0.001, raw: '0.001' });
    // A `#` not after whitespace is part of the value, as configparser's inline_comment_prefixes read it.
    expect(at(entries, 'optim.url')?.value).toBe('http://x/#frag');
  });

  test('Python and JSON lists are read element by element, on one line or continued on deeper-indented lines', () => {
    const text = [
      '[adam]',
      'betas = (0.9, 0.95)',
      'milestones = [',
      '    1000,',
      '    # a comment line inside the value is skipped',
      '',
      '    2000]',
      'flags = [true, null, "x"]',
      'note = first line',
      '  # skipped, as configparser skips it',
      '  second line',
      'after = 1',
      '',
    ].join('\n');
    const { entries } = readIni(text);
    expect(at(entries, 'adam.betas.0')).toMatchObject({ value: 0.9, raw: '0.9' });
    expect(at(entries, 'adam.betas.1')).toMatchObject({ value: 0.95, raw: '0.95' });
    const second = at(entries, 'adam.milestones.1');
    expect(second).toMatchObject({ value: 2000, raw: '2000' });
    expect(lineOf(text, second?.span.start)).toBe(7);
    for (const e of entries) expect(text.slice(e.span.start, e.span.end)).toBe(e.raw);
    expect(at(entries, 'adam.flags.0')?.value).toBe(true);
    expect(at(entries, 'adam.flags.1')?.value).toBeNull();
    expect(at(entries, 'adam.flags.2')).toMatchObject({ value: 'x', quoted: true });
    expect(at(entries, 'adam.note')).toMatchObject({
      value: 'first line\nsecond line', raw: 'first line\n  # skipped, as configparser skips it\n  second line' });
    expect(at(entries, 'adam.after')?.value).toBe(1);
  });

  test('every section inherits [DEFAULT]\'s keys, at the DEFAULT literal, unless it writes its own', () => {
    const text = '[DEFAULT]\nlr = 0.1\nseed = 1\n\n[train]\nlr = 0.2\n\n[finetune]\nsteps = 100\n';
    const { entries } = readIni(text);
    expect(at(entries, 'DEFAULT.lr')).toMatchObject({ value: 0.1 });
    expect(at(entries, 'train.lr')).toMatchObject({ value: 0.2, raw: '0.2' });
    const inherited = at(entries, 'finetune.lr');
    expect(inherited).toMatchObject({ value: 0.1, origin: ['DEFAULT', 'lr'] });
    expect(lineOf(text, inherited?.span.start)).toBe(2);
    expect(entries.filter((e) => e.path.join('.') === 'train.lr')).toHaveLength(1);
    expect(at(entries, 'train.seed')).toMatchObject({ value: 1, origin: ['DEFAULT', 'seed'] });
  });

  test('an interpolation reads through to the literal it names: %(name)s, ${name}, ${section:name}, chained', () => {
    const text = [
      '[DEFAULT]',
      'base_lr = 3e-4',
      '[optimizer]',
      'lr = %(base_lr)s',
      'beta1 = 0.9',
      'betas = [%(beta1)s, 0.999]',
      'peak = ${lr}',
      '[schedule]',
      'max_lr = ${optimizer:peak}',
      'path = %(base_lr)s/ckpt',
      'loop = %(loop)s',
      '',
    ].join('\n');
    const { entries } = readIni(text);
    const lr = at(entries, 'optimizer.lr');
    expect(lr).toMatchObject({ value: 3e-4, raw: '3e-4', origin: ['DEFAULT', 'base_lr'] });
    expect(lr?.through?.expression).toBe('%(base_lr)s');
    expect(lineOf(text, lr?.span.start)).toBe(2);
    expect(text.slice(lr?.through?.span.start, lr?.through?.span.end)).toBe('%(base_lr)s');
    expect(at(entries, 'optimizer.betas.0')).toMatchObject({ value: 0.9, origin: ['optimizer', 'beta1'] });
    expect(at(entries, 'optimizer.betas.1')).toMatchObject({ value: 0.999, raw: '0.999' });
    // Two hops: schedule.max_lr → optimizer.peak → optimizer.lr → DEFAULT.base_lr; the reference kept is the one used.
    const max = at(entries, 'schedule.max_lr');
    expect(max).toMatchObject({ value: 3e-4, origin: ['DEFAULT', 'base_lr'] });
    expect(max?.through?.expression).toBe('${optimizer:peak}');
    // Inside a longer string, and a reference to itself: left as written.
    expect(at(entries, 'schedule.path')?.value).toBe('%(base_lr)s/ckpt');
    expect(at(entries, 'schedule.loop')).toMatchObject({ value: '%(loop)s', raw: '%(loop)s' });
  });

  test('a cycle of references ends as written, and a DEFAULT reference resolves in the section that reads it', () => {
    const text = '[DEFAULT]\nlr = %(scale)s\n[a]\nscale = 0.5\nx = %(y)s\ny = %(x)s\n[b]\nscale = 2\n';
    const { entries } = readIni(text);
    expect(at(entries, 'a.lr')).toMatchObject({ value: 0.5, origin: ['a', 'scale'] });
    expect(at(entries, 'b.lr')).toMatchObject({ value: 2, origin: ['b', 'scale'] });
    expect(typeof at(entries, 'a.x')?.value).toBe('string');
    expect(typeof at(entries, 'a.y')?.value).toBe('string');
  });

  test('a key written twice is an error and the last one counts, as strict=False reads it', () => {
    const text = '[train]\nlr = 0.1\nlr = 0.2\n';
    const { entries, errors } = readIni(text);
    expect(entries.filter((e) => e.path.join('.') === 'train.lr').map((e) => e.value)).toEqual([0.2]);
    expect(errors.map((e) => text.slice(e.span.start, e.span.end))).toEqual(['lr']);
    expect(errors[0]?.message).toMatch(/DuplicateOptionError/);
  });

  test('a section written again is a block of its own, without errors (darknet writes one per layer)', () => {
    const text = '[net]\nbatch=64\n[convolutional]\nfilters=32\n[convolutional]\nfilters=64\n[net]\nlr = %(batch)s\n';
    const { entries, errors } = readIni(text);
    expect(errors).toEqual([]);
    expect(at(entries, 'convolutional.filters')?.value).toBe(32);
    expect(at(entries, 'convolutional.1.filters')).toMatchObject({ value: 64, raw: '64' });
    // Looked up as configparser's strict=False merges the section's writings.
    expect(at(entries, 'net.1.lr')).toMatchObject({ value: 64, origin: ['net', 'batch'] });
  });

  test('a malformed line is a syntax error at its line and the rest is still read', () => {
    const text = 'lr = 1\n[train]\nthis line has no delimiter\nsteps = 100\n[broken\nwarmup = 10\n';
    const { entries, errors } = readIni(text);
    expect(errors.map((e) => lineOf(text, e.span.start))).toEqual([1, 3, 5]);
    expect(errors[0]?.message).toMatch(/MissingSectionHeaderError/);
    expect(at(entries, 'lr')?.value).toBe(1);
    expect(at(entries, 'train.steps')?.value).toBe(100);
    expect(at(entries, 'train.warmup')?.value).toBe(10);
    const x = extract(text, 'train.ini');
    expect(x.readErrors.map((e) => e.line)).toEqual([1, 3, 5]);
  });

  test('CRLF line endings: spans still hold the literal', () => {
    const text = '[train]\r\nlr = 3e-4\r\nbetas = (0.9,\r\n  0.95)\r\n';
    const { entries } = readIni(text);
    expect(entries.map((e) => e.raw)).toEqual(['3e-4', '0.9', '0.95']);
    for (const e of entries) expect(text.slice(e.span.start, e.span.end)).toBe(e.raw);
  });
});

describe('INI detection', () => {
  test('.ini and .cfg by extension; an extension-less file by what TOML cannot be', () => {
    expect(detectFormat('[a]\nx = 1\n', 'train.ini')).toBe('ini');
    expect(detectFormat('[a]\nx = 1\n', 'setup.cfg')).toBe('ini');
    expect(detectFormat('[optimizer]\nname: adamw\n', 'hparams')).toBe('ini');
    expect(detectFormat('[optimizer]\nname = adamw\n', 'hparams')).toBe('ini');
    expect(detectFormat('; run\n[optimizer]\nlr = 0.1\n', 'hparams')).toBe('ini');
    expect(detectFormat('[optimizer]\nname = "adamw"\nlr = 0.1\n', 'hparams')).toBe('toml');
    expect(readEntries('[t]\nlr = 0.1\n', 'x.cfg').format).toBe('ini');
  });
});

describe('hostile INI input', () => {
  test('sections × DEFAULT keys (quadratic copies) stay within the entry budget', () => {
    const keys = Array.from({ length: 1_000 }, (_, i) => `k${i} = ${i}`).join('\n');
    const sections = Array.from({ length: 1_000 }, (_, i) => `[s${i}]`).join('\n');
    const { entries } = readIni(`[DEFAULT]\n${keys}\n${sections}\n`);
    expect(entries.length).toBeLessThanOrEqual(200_000);
    expect(entries.length).toBeGreaterThan(1_000);
  });

  test('a long value inherited everywhere, long reference chains and unclosed brackets are read once each', () => {
    const long = `[DEFAULT]\nv = ${'x'.repeat(1_000_000)}\n${Array.from({ length: 2_000 }, (_, i) => `[s${i}]`).join('\n')}\n`;
    expect(readIni(long).entries.length).toBe(2_001);
    const chain = `[a]\nk0 = 1\n${Array.from({ length: 20_000 }, (_, i) => `k${i + 1} = %(k${i})s`).join('\n')}\n`;
    const read = readIni(chain).entries;
    // configparser's MAX_INTERPOLATION_DEPTH: ten references one after another at most.
    expect(at(read, 'a.k10')?.value).toBe(1);
    expect(at(read, 'a.k11')?.value).toBe('%(k10)s');
    expect(at(read, 'a.k20000')?.value).toBe('%(k19999)s');
    const brackets = `[a]\nk = ${'['.repeat(200_000)}\n  ${'(,'.repeat(100_000)}\n`;
    expect(readIni(brackets).entries).toHaveLength(1);
    // The same chain written backwards (each key names the next) is cut at the same depth, without deep recursion.
    const backwards = `[a]\n${Array.from({ length: 20_000 }, (_, i) => `k${i} = %(k${i + 1})s`).join('\n')}\nk20000 = 1\n`;
    const back = readIni(backwards).entries;
    expect(at(back, 'a.k19990')?.value).toBe(1);
    expect(at(back, 'a.k19989')?.value).toBe('%(k19990)s');
  });

  test('random, token-soup and mutated INI files never break the reader or extraction', () => {
    const tokens = ['[DEFAULT]\n', '[train]\n', '[', ']', 'lr = ', 'lr: ', '3e-4', 'yes', '%(lr)s', '${train:lr}', '${lr}',
      '(0.9, 0.95)', '[0.9,\n', '    0.95]', '# c\n', '; c\n', ' ;', '"', "'", '=', ':', '\n', '  ', '\t', '\r\n', '\u0000'];
    const corpus = ['[DEFAULT]\nbase = 1e-3\n[optimizer]\nlr = %(base)s\nbetas = (0.9, 0.95)\n',
      '[train]\nsteps: 1000\nmilestones = [\n  100,\n  200]\n; end\n'];
    fc.assert(fc.property(fuzzTexts(tokens, corpus), (text) => {
      checkRead(text, readIni);
      extract(text, 'train.ini');
    }), { numRuns: 400, seed: 23 });
  });
});
