/** The Python reader: learning-rate schedule functions and mmengine-style dict configs. */
import { describe, expect, test } from 'vitest';
import { at, keys } from './python-read';

describe('schedule functions', () => {
  test('warmup, constant, linear warmdown is trapezoidal, decided at the stable phase', () => {
    const text = [
      'def get_lr(it):',
      '    if it < args.warmup_iters:',
      '        return (it+1) / args.warmup_iters',
      '    elif it < args.num_iterations - args.warmdown_iters:',
      '        return 1.0',
      '    else:',
      '        decay_ratio = (args.num_iterations - it) / args.warmdown_iters',
      '        return decay_ratio',
      '',
    ].join('\n');
    const e = at(text, 'get_lr');
    expect(e).toMatchObject({ value: 'trapezoidal', raw: 'it < args.num_iterations - args.warmdown_iters' });
  });

  test('a step-derived local and a cooldown fraction (later modded-nanogpt)', () => {
    const text = [
      'def get_lr(step: int):',
      '    x = step / args.num_iterations',
      '    if x < 1 - args.cooldown_frac:',
      '        return 1.0',
      '    else:',
      '        w = (1 - x) / args.cooldown_frac',
      '        return w * 1.0 + (1 - w) * 0.1',
      '',
    ].join('\n');
    expect(at(text, 'get_lr').value).toBe('trapezoidal');
  });

  test('warmup then cosine (nanoGPT)', () => {
    const text = [
      'def get_lr(it):',
      '    if it < warmup_iters:',
      '        return learning_rate * (it + 1) / (warmup_iters + 1)',
      '    if it > lr_decay_iters:',
      '        return min_lr',
      '    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)',
      '    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))',
      '    return min_lr + coeff * (learning_rate - min_lr)',
      '',
    ].join('\n');
    expect(at(text, 'get_lr')).toMatchObject({ value: 'cosine', raw: 'min_lr + coeff * (learning_rate - min_lr)' });
  });

  test('warmup then linear decay', () => {
    const text = 'def lr_lambda(step):\n    if step < 100:\n        return step / 100\n    return max(0.0, (1000 - step) / 900)\n';
    expect(at(text, 'lr_lambda').value).toBe('linear');
  });

  test('a function whose branches do not split on its argument is not a schedule', () => {
    expect(keys('def pick(kind):\n    if verbose:\n        return 1\n    return kind * 2\n')).toEqual([]);
    expect(keys('def f(x):\n    return x * 2\n')).toEqual([]);
  });
});

describe('dicts (mmengine configs)', () => {
  test('dict(...) and {...} nest into key paths', () => {
    const text = [
      'optim_wrapper = dict(',
      "    optimizer=dict(type='AdamW', lr=5e-4 * 1024 / 512, betas=(0.9, 0.999)),",
      '    paramwise_cfg=dict(norm_decay_mult=0.0))',
      "param_scheduler = [dict(type='LinearLR', end=20), {'type': 'CosineAnnealingLR', 'eta_min': 1e-5}]",
      '',
    ].join('\n');
    expect(at(text, 'optim_wrapper.optimizer.type')).toMatchObject({ value: 'AdamW', quoted: true, callee: 'dict' });
    expect(at(text, 'optim_wrapper.optimizer.lr')).toMatchObject({ value: 0.001, raw: '5e-4 * 1024 / 512' });
    expect(at(text, 'optim_wrapper.optimizer.betas[1]').value).toBe(0.999);
    expect(at(text, 'param_scheduler[0].end').value).toBe(20);
    expect(at(text, 'param_scheduler[1].type').value).toBe('CosineAnnealingLR');
    // No entry for the dict calls themselves: a dict is data, not a call.
    expect(keys(text)).not.toContain('optim_wrapper');
  });

  test('a dict bound to a name nests where it is used', () => {
    const text = "optimizer = dict(type='SGD', lr=0.02)\noptim_wrapper = dict(optimizer=optimizer, clip_grad=None)\n";
    expect(at(text, 'optim_wrapper.optimizer.lr').value).toBe(0.02);
    expect(at(text, 'optimizer.lr').value).toBe(0.02);
  });

  test('dict.update on a (star-imported) base config sets its keys', () => {
    const text = 'from .._base_.default_runtime import *\ntrain_dataloader.update(batch_size=128)\nopt = dict(lr=1)\nopt.update({"lr": 2})\n';
    expect(at(text, 'train_dataloader.batch_size').value).toBe(128);
    expect(at(text, 'opt.lr').value).toBe(2);
  });

  test('a class given as type is its qualified name', () => {
    const text = 'from torch.optim import AdamW\noptim_wrapper = dict(optimizer=dict(type=AdamW, lr=1e-3))\n';
    expect(at(text, 'optim_wrapper.optimizer.type')).toMatchObject({ value: 'torch.optim.AdamW', raw: 'AdamW', quoted: false });
  });

  test('subscripts and ** spreads read known dicts', () => {
    const text = "base = {'lr': 1e-3, 'betas': (0.9, 0.99)}\nopt = Lion(p, **base)\nb2 = base['betas'][-1]\n";
    expect(at(text, 'opt.lr').value).toBe(1e-3);
    expect(at(text, 'b2').value).toBe(0.99);
  });
});
