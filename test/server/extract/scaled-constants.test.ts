/**
 * A written constant the run scales by factors known only when it starts (server/extract/scaled-constants.ts): the
 * literal the expression equals at a scale of one is read, at its own span, as the written base of the run's value.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { unitScaleBase } from '../../../server/extract/scaled-constants';
import { lines } from './python-read';

describe('unitScaleBase', () => {
  test.each([
    ['2e-8 / math.sqrt(n_gpu)', '2e-8'],
    ['1 - k * (1 - 0.95)', '0.95'],
    ['1 - (1 - 0.98) * world', '0.98'],
    ['0.99 ** accum', '0.99'],
    ['6e-4 * dist.get_world_size()', '6e-4'],
    ['np.sqrt(cfg.bsz) * 1.5e-3', '1.5e-3'],
  ])('%s is the written %s', (expression, raw) => {
    const base = unitScaleBase(expression);
    expect(base?.raw).toBe(raw);
    expect(expression.slice(base?.start, base?.end)).toBe(raw);
  });

  test.each([
    ['0.1 * 256', 'every factor written: the product, not a base'],
    ['args.lr * 0.1', 'a written factor of a run value'],
    ['base_lr * 0.5', 'a schedule factor of a named rate'],
    ['4e-4 * bsz / 256', 'the linear scaling rule at a reference batch: no literal at a scale of one'],
    ['2 * world_size', 'a whole number is no rate'],
    ['cfg.values[0] * 1e-3', 'anything but arithmetic'],
    ['min(0.999, 1 - 1 / step)', 'a call it does not know'],
  ])('%s has none (%s)', (expression) => {
    expect(unitScaleBase(expression)).toBeNull();
  });
});

describe('in a script', () => {
  const script = lines(
    'import math',
    'import torch',
    'def build(params, bsz, world):',
    '    scale = bsz * world',
    '    return torch.optim.Adam(params, lr=6e-4 * math.sqrt(scale), eps=2e-8 / math.sqrt(scale),',
    '                            betas=(1 - scale * (1 - 0.85), 1 - scale * (1 - 0.995)))',
  );

  test('the constants are read at their literals, said to be the bases of the run-time values', () => {
    const hp = extract(script, 'train.py').optimizers[0]?.hyperparameters;
    expect(hp?.lr).toMatchObject({ value: 6e-4, raw: '6e-4', line: 5, source: 'written' });
    expect(hp?.eps).toMatchObject({ value: 2e-8, raw: '2e-8', line: 5 });
    expect(hp?.beta1).toMatchObject({ value: 0.85, raw: '0.85', line: 6 });
    expect(hp?.beta2).toMatchObject({ value: 0.995, raw: '0.995', line: 6 });
    expect(hp?.eps?.via?.scaled).toEqual({ expression: '2e-8 / math.sqrt(scale)', runTime: true });
    const span = hp?.beta1?.span;
    expect(span && script.slice(span.start, span.end)).toBe('0.85');
  });

  test('a factor of a run value stays the run\'s', () => {
    const sgd = lines('import torch', 'def build(params, args):',
      '    return torch.optim.SGD(params, lr=args.lr * 0.1, momentum=0.9)');
    const hp = extract(sgd, 'train.py').optimizers[0]?.hyperparameters;
    expect(hp?.lr?.value).not.toBe(0.1);
  });
});
