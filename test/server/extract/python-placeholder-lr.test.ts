/**
 * A constructor's learning rate of 0 that the script overwrites in the optimizer's parameter groups while it runs is a
 * placeholder (python/placeholder-lr.ts); the rates the script names per group are read instead.
 */
import { describe, expect, test } from 'vitest';
import { lines, written } from './python-read';

describe('a placeholder learning rate', () => {
  const script = (adjust: string[]): string => lines(
    'import argparse',
    'import torch',
    'parser = argparse.ArgumentParser()',
    "parser.add_argument('--lr-weights', default=0.3, type=float)",
    "parser.add_argument('--lr-biases', default=0.01, type=float)",
    'args = parser.parse_args()',
    'opt = torch.optim.SGD(groups, lr=0, momentum=0.9)',
    'def adjust(opt, step):',
    ...adjust,
    'for step in range(1000):',
    '    adjust(opt, step)',
    '    opt.step()',
  );

  test('param_groups[i]["lr"] written at run time: the 0 is no learning rate', () => {
    const text = script(["    opt.param_groups[0]['lr'] = schedule(step) * args.lr_weights",
      "    opt.param_groups[1]['lr'] = schedule(step) * args.lr_biases"]);
    expect(written(text, 'lr')).toEqual(['4: 0.3', '5: 0.01']);
  });

  test('a loop over the groups setting each lr does the same', () => {
    const text = script(['    for g in opt.param_groups:', "        g['lr'] = schedule(step) * args.lr_weights"]);
    expect(written(text, 'lr')).not.toContain('7: 0');
  });

  test('without a run-time write, a written 0 stays what the file says', () => {
    const text = script(['    pass']);
    expect(written(text, 'lr')).toContain('7: 0');
  });
});
