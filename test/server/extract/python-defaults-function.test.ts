/**
 * A function named for the run's defaults (`get_default_params(model_name)`) returns a dict of settings per branch,
 * which the script copies onto the options it leaves unset: each returned dict is a configuration of its own.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const script = (name: string): string => lines(
  'import argparse',
  `def ${name}(family):`,
  '    if "big" in family:',
  '        return {"lr": 2.0e-4, "beta1": 0.9, "beta2": 0.95}',
  '    else:',
  '        return {"lr": 6.0e-4, "beta1": 0.9, "beta2": 0.999}',
  'parser = argparse.ArgumentParser()',
  'parser.add_argument("--opt", default="adamw")',
  'parser.add_argument("--lr", type=float, default=None)',
  'parser.add_argument("--wd", type=float, default=0.1)',
  'args = parser.parse_args()',
  `for key, val in ${name}(args.model).items():`,
  '    if getattr(args, key) is None:',
  '        setattr(args, key, val)',
);

/** Every written value of a role over the file's runs, as `value@line`. */
function readings(text: string, role: 'lr' | 'beta2' | 'weightDecay'): string[] {
  return extract(text, 'train.py').optimizers.map((o) => o.hyperparameters[role])
    .filter((v) => v?.source === 'written').map((v) => `${String(v?.value)}@${String(v?.line)}`);
}

describe('a function that gives the run\'s defaults', () => {
  test('each branch\'s returned dict is a configuration, read at its own line', () => {
    const text = script('get_default_params');
    expect(readings(text, 'lr')).toEqual(expect.arrayContaining(['0.0002@4', '0.0006@6']));
    expect(readings(text, 'beta2')).toEqual(expect.arrayContaining(['0.95@4', '0.999@6']));
    // The rest of the file stays one configuration beside them: its weight decay in every run, once per line.
    expect(new Set(readings(text, 'weightDecay'))).toEqual(new Set(['0.1@10']));
  });

  test('a function whose name does not say so returns no settings', () => {
    expect(readings(script('param_groups_for'), 'lr')).toEqual([]);
  });
});
