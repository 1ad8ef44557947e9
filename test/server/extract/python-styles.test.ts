/**
 * Python styles of real training code: lazy configs, recipe functions, scheduler objects, module constants that
 * define a run, argparse defaults. Each test is a class of code, written small, that extraction must read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

describe('a list keyword is betas only where an optimizer is configured', () => {
  test('a list argument of any other call is not betas', () => {
    const x = extract(lines('x = foo(1, "a", b=[1, 2, 3])', 'y = plot(betas=[0.5, 0.6])'), 'train.py');
    expect(value(x, 'beta1')).toBeUndefined();
    expect(value(x, 'beta2')).toBeUndefined();
    expect(findings(x, 'beta-out-of-range')).toEqual([]);
  });
  test("an optimizer's betas (call or config block) still are", () => {
    const call = extract(lines('import torch', 'opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.95))'), 'a.py');
    expect(value(call, 'beta2')).toMatchObject({ value: 0.95, line: 2 });
    const block = extract(lines('optimizer:', '  lr: 1e-3', '  betas: [0.9, 0.98]'), 'a.yaml');
    expect(value(block, 'beta2')).toMatchObject({ value: 0.98, line: 3 });
    const flat = extract(lines('lr = 1e-3', 'betas = (0.9, 0.97)'), 'config.py');
    expect(value(flat, 'beta2')).toMatchObject({ value: 0.97, line: 2 });
  });
});
