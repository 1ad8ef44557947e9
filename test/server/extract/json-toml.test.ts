/** The JSON(C) and TOML readers: exact spans, comments, recovery. */
import { describe, expect, test } from 'vitest';
import { readJson } from '../../../server/extract/json';
import { readToml } from '../../../server/extract/toml';

describe('readJson', () => {
  test('JSONC: comments and trailing commas; spans of values and keys', () => {
    const text = '{\n  // DeepSpeed\n  "optimizer": {"params": {"betas": [0.9, 0.95,], "eps": 1e-8}},\n}\n';
    const r = readJson(text);
    const beta2 = r.entries.find((e) => e.path.join('.') === 'optimizer.params.betas.1');
    expect(beta2).toMatchObject({ value: 0.95, raw: '0.95', quoted: false });
    const eps = r.entries.find((e) => e.path.at(-1) === 'eps');
    expect(text.slice(eps?.keySpan?.start, eps?.keySpan?.end)).toBe('"eps"');
    expect(r.comments.map((c) => c.text)).toEqual(['// DeepSpeed']);
    expect(r.errors).toEqual([]);
  });

  test('strings keep their quotes in raw', () => {
    const e = readJson('{"lr": "auto"}').entries[0];
    expect(e).toMatchObject({ value: 'auto', raw: '"auto"', quoted: true });
  });

  test('broken JSON: errors with offsets, and what came before is read', () => {
    const r = readJson('{"lr": 0.1, "eps": }');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.entries.find((e) => e.path[0] === 'lr')?.value).toBe(0.1);
  });
});

describe('readToml', () => {
  test('tables, dotted keys, inline tables and arrays of tables', () => {
    const text = '[optimizer]\nname = "AdamW"\nlr = 3e-4\n\n[training]\nsched.warmup = 10\nopt = { eps = 1e-8 }\n\n[[runs]]\nsteps = 5\n';
    const r = readToml(text);
    const paths = r.entries.map((e) => e.path.join('.'));
    expect(paths).toEqual(['optimizer.name', 'optimizer.lr', 'training.sched.warmup', 'training.opt.eps', 'runs.0.steps']);
    const lr = r.entries[1];
    expect(text.slice(lr?.span.start, lr?.span.end)).toBe('3e-4');
    expect(r.entries[0]).toMatchObject({ raw: '"AdamW"', quoted: true });
  });

  test('a syntax error does not lose the rest of the file', () => {
    const text = '[optimizer]\nlr = 3e-4\nbroken = = 1\n[training]\nsteps = 1000\n';
    const r = readToml(text);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.entries.map((e) => e.path.join('.'))).toEqual(['optimizer.lr', 'training.steps']);
    expect(text.slice(r.entries[1]?.span.start, r.entries[1]?.span.end)).toBe('1000');
  });

  test('comments are collected', () => {
    expect(readToml('# hi\nlr = 1 # there\n').comments.map((c) => c.text)).toEqual(['# hi', '# there']);
  });
});
