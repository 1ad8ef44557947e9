/**
 * Python floats with nothing after the dot (`0.`, `1.`) or an exponent right after it (`1.e-5`) are valid Python:
 * they are read as the numbers they are, at their own text, and a file full of them has no syntax error.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readPython } from '../../../server/extract/python';
import { parseableNumbers } from '../../../server/extract/python/literals';

describe('Python float literals with a trailing dot', () => {
  test('`lr=1.`, `weight_decay=0.` and `eps=1.e-8` are read with their raw text; no syntax error', () => {
    const text = [
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1., weight_decay=0., eps=1.e-8)',
      'warmup_steps = 100.',
      '',
    ].join('\n');
    const read = readPython(text);
    expect(read.errors).toEqual([]);
    const x = extract(text, 'train.py');
    const hp = x.optimizers[0]?.hyperparameters;
    expect(hp?.lr).toMatchObject({ value: 1, raw: '1.', line: 2, source: 'written' });
    expect(hp?.weightDecay).toMatchObject({ value: 0, raw: '0.', line: 2, source: 'written' });
    expect(hp?.eps).toMatchObject({ value: 1e-8, raw: '1.e-8', line: 2, source: 'written' });
    const lr = hp?.lr?.span;
    expect(lr && text.slice(lr.start, lr.end)).toBe('1.');
    expect(x.readErrors).toEqual([]);
  });

  test('the text parsed keeps its length, strings, names and other numbers', () => {
    const text = 'a = [0., 10., 1.E5, 2.5, .5, x.y, 1.j, "v1. ok"]  # 3.\n';
    const parsed = parseableNumbers(text);
    expect(parsed).toHaveLength(text.length);
    expect(parsed).toBe('a = [00, 010, 1E05, 2.5, .5, x.y, 1.j, "v1. ok"]  # 03\n');
  });

  test('mmengine configs with `bias=0.` in their init settings read without a syntax error', () => {
    const text = [
      'model = dict(',
      "    init_cfg=[dict(type='Constant', layer='LayerNorm', val=1., bias=0.)])",
      "optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05))",
      '',
    ].join('\n');
    const x = extract(text, 'configs/vit/vit-b.py');
    expect(x.readErrors).toEqual([]);
    expect(x.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 1e-3, line: 3 });
  });
});
