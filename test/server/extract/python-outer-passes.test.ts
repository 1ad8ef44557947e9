/**
 * The loop that steps the optimizer is the run only when nothing repeats it (python/outer-passes.ts): inside an epoch
 * loop, or in a function the file calls once per epoch, its bound counts one pass's steps; a loop over seeds or
 * configurations starts whole runs, and a loop alone is the run.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function steps(text: string): [unknown, number | null] | null {
  const v = extract(text, 'train.py').optimizers[0]?.hyperparameters.steps;
  return v?.source === 'written' ? [v.value, v.line] : null;
}

describe('a loop repeated by an outer pass', () => {
  test('a helper called once per epoch: its loop counts one pass, not the run', () => {
    expect(steps(lines(
      'import torch',
      'opt = torch.optim.SGD(net.parameters(), lr=0.01)',
      'def improve():',
      '    for k in range(25):',
      '        opt.step()',
      'for epoch in range(300):',
      '    collect()',
      '    improve()',
    ))).toBeNull();
  });

  test('a loop nested in an epoch loop counts one epoch', () => {
    expect(steps(lines(
      'import torch',
      'opt = torch.optim.AdamW(net.parameters(), lr=1e-3)',
      'for ep in range(12):',
      '    for i in range(700):',
      '        opt.step()',
    ))).toBeNull();
  });

  test('a loop alone, or in a function a loop over seeds calls, is the run', () => {
    expect(steps(lines(
      'import torch',
      'opt = torch.optim.AdamW(net.parameters(), lr=1e-3)',
      'def train():',
      '    for step in range(1500):',
      '        opt.step()',
      'for seed in [0, 1, 2]:',
      '    train()',
    ))).toEqual([1500, 4]);
    expect(steps(lines(
      'import torch',
      'opt = torch.optim.AdamW(net.parameters(), lr=1e-3)',
      'for it in range(900):',
      '    opt.step()',
    ))).toEqual([900, 3]);
  });
});
