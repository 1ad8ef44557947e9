/**
 * Run lengths and batches under keys no framework table spells (roles/vocabulary.ts, roles/candidates.ts): iteration
 * counts of a training block, each on made-up files, with the places the same words must not be read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('run lengths in iterations', () => {
  test('`total_iter` of a training block is the run length; a schedule milestone beside it is not', () => {
    const text = [
      'train:',
      '  optim_g:',
      '    type: AdamW',
      '    lr: 2.0e-4',
      '  scheduler:',
      '    type: MultiStepLR',
      '    milestones: [50000, 80000]',
      '  total_iter: 90000',
      '  warmup_iter: -1',
      '',
    ].join('\n');
    const x = extract(text, 'restore.yml');
    expect(value(x, 'steps')).toMatchObject({ value: 90000, line: 8, source: 'written' });
  });

  test('`num_iters` at the top level is the run length, and in an evaluation block it is not', () => {
    const x = extract('optimizer: adam\nlr: 1.0e-4\nnum_iters: 12000\n', 'codec.yml');
    expect(value(x, 'steps')).toMatchObject({ value: 12000, line: 3, source: 'written' });
    const y = extract('optimizer: adam\nlr: 1.0e-4\nvalidation:\n  num_iters: 50\n', 'codec.yml');
    expect(value(y, 'steps')?.source).not.toBe('written');
  });

  test("a LinearLR's `total_iters` is still its ramp, not the run length", () => {
    const text = 'scheduler = dict(type="LinearLR", start_factor=0.01, total_iters=700)\noptim = dict(lr=3e-4)\n';
    const x = extract(text, 'cfg.py');
    expect(value(x, 'steps')?.source).not.toBe('written');
  });
});
