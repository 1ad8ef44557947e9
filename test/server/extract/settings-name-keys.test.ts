/**
 * An optimizer named by the lowercase key of its settings block under an optimizer block
 * (server/extract/settings-name-keys.ts): YAML, JSON and TOML, made-up files, and the blocks where the key names
 * nothing (schedules, a model's sub-key, a child without settings, two optimizer-named children, a block naming
 * its own optimizer).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { isKnownOptimizerName } from '../../../server/extract/roles/known-names';
import { value } from './helpers';

const names = (text: string, file: string): (string | null)[] => extract(text, file).optimizers.map((o) => o.name);

describe('a lowercase optimizer name keying its settings', () => {
  test('YAML: `optimizer: {adamw: {...}}` names AdamW at the key', () => {
    const text = 'model:\n  width: 256\noptimizer:\n  adamw:\n    lr: 3.0e-4\n    betas: [0.9, 0.95]\n';
    const x = extract(text, 'run.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', line: 4 });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 6 });
  });

  test('YAML: `optim: {sgd: {momentum: 0.9}}` and `optimizers: {lamb: ...}`', () => {
    const sgd = extract('optim:\n  sgd:\n    lr: 0.1\n    momentum: 0.9\n', 'train.yaml');
    expect(sgd.optimizers[0]).toMatchObject({ name: 'sgd', line: 2 });
    expect(value(sgd, 'momentum')).toMatchObject({ value: 0.9, line: 4 });
    expect(names('optimizers:\n  lamb:\n    lr: 0.002\n', 'a.yaml')).toEqual(['lamb']);
  });

  test('JSON and TOML alike', () => {
    const json = extract('{\n  "optimizer": {\n    "adam": {\n      "lr": 0.001,\n      "eps": 1e-8\n    }\n  }\n}\n',
      'cfg.json');
    expect(json.optimizers[0]).toMatchObject({ name: 'adam', line: 3 });
    expect(value(json, 'eps')).toMatchObject({ value: 1e-8, line: 5 });
    const toml = extract('[training]\nsteps = 100\n\n[optimizer.adamw]\nlr = 6e-4\nweight_decay = 0.1\n', 'cfg.toml');
    expect(toml.optimizers[0]).toMatchObject({ name: 'adamw', line: 4 });
    expect(value(toml, 'weightDecay')).toMatchObject({ value: 0.1, line: 6 });
  });
});

describe('keys that name no optimizer', () => {
  const unnamed = (text: string, file: string): void => {
    for (const name of names(text, file)) expect(name === null || !isKnownOptimizerName(name), String(name)).toBe(true);
  };

  test('a schedule block and a model block with an `adam` sub-key', () => {
    unnamed('schedulers:\n  cosine:\n    warmup: 100\noptimizer:\n  lr: 0.001\n', 'a.yaml');
    unnamed('model:\n  adam:\n    lr: 0.01\n', 'b.yaml');
  });

  test('a child holding no settings, and a setting that is also an optimizer name', () => {
    unnamed('optimizer:\n  adamw: true\n  lr: 0.001\n', 'c.yaml');
    unnamed('optimizer:\n  momentum:\n    value: 0.9\n  lr: 0.1\n', 'd.yaml');
  });

  test('two optimizer-named children: the file does not say which one runs', () => {
    unnamed('optimizer:\n  adamw:\n    lr: 0.001\n  sgd:\n    lr: 0.1\n', 'e.yaml');
  });

  test('a block that names its own optimizer keeps that name', () => {
    expect(names('optimizer:\n  type: lion\n  adamw:\n    lr: 0.001\n', 'f.yaml')).not.toContain('adamw');
  });
});
