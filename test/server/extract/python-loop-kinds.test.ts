/**
 * Loops a training script writes, read as what they count (python/training-loop.ts): a loop inside the training loop
 * that runs the backward pass and steps nothing accumulates gradients; a `while` loop counting up to a bound and
 * stepping the optimizer is the run.
 */
import { describe, expect, test } from 'vitest';
import { lines, written } from './python-read';

describe('an accumulation loop', () => {
  const trainer = lines(
    'import torch',
    'class Runner:',
    '    def __init__(self, net, *, batch = 32, accumulate = 4, total_iters = 25000, base_lr = 2e-4):',
    '        self.net = net',
    '        self.total_iters = total_iters',
    '        self.accumulate = accumulate',
    '        self.optim = torch.optim.AdamW(net.parameters(), lr = base_lr)',
    '    def fit(self, batches):',
    '        for it in range(self.total_iters):',
    '            for _ in range(self.accumulate):',
    '                loss = self.net(next(batches))',
    '                loss.backward()',
    '            self.optim.step()',
    '            self.optim.zero_grad()',
  );

  test('the inner backward loop bounds the accumulation, the outer loop the run', () => {
    expect(written(trainer, 'steps')).toEqual(['3: 25000']);
    expect(written(trainer, 'gradAccum')).toEqual(['3: 4']);
  });

  test('a backward loop outside any training loop counts nothing', () => {
    const alone = lines('import torch', 'opt = torch.optim.SGD(params, lr=0.1)', 'for _ in range(6):',
      '    loss(model).backward()', 'opt.step()');
    expect(written(alone, 'gradAccum')).toEqual([]);
  });

  test('a loop inside the step that steps the optimizer itself is no accumulation', () => {
    const text = lines('import torch', 'opt = torch.optim.SGD(params, lr=0.1)', 'for epoch in range(3):',
      '    for _ in range(5):', '        loss(model).backward()', '        opt.step()', '    opt.step()');
    expect(written(text, 'gradAccum')).toEqual([]);
  });
});

describe('a while loop up to a bound', () => {
  const trainer = lines(
    'import torch',
    'class Runner:',
    '    def __init__(self, net, *, accumulate = 4, total_iters = 25000, base_lr = 2e-4):',
    '        self.net = net',
    '        self.total_iters = total_iters',
    '        self.accumulate = accumulate',
    '        self.iteration = 0',
    '        self.optim = torch.optim.AdamW(net.parameters(), lr = base_lr)',
    '    def fit(self, batches):',
    '        while self.iteration < self.total_iters:',
    '            for _ in range(self.accumulate):',
    '                self.net(next(batches)).backward()',
    '            self.optim.step()',
    '            self.iteration += 1',
  );

  test('its bound is the run length, the backward loop inside it the accumulation', () => {
    expect(written(trainer, 'steps')).toEqual(['3: 25000']);
    expect(written(trainer, 'gradAccum')).toEqual(['3: 4']);
  });

  test('a bound on the left of `>`, a module constant', () => {
    const text = lines('import torch', 'MAX_STEPS = 800', 'opt = torch.optim.SGD(params, lr=0.1)', 'step = 0',
      'while MAX_STEPS > step:', '    opt.zero_grad()', '    loss(model).backward()', '    opt.step()', '    step += 1');
    expect(written(text, 'steps')).toEqual(['2: 800']);
  });

  test('a while loop that steps no optimizer counts nothing', () => {
    const noStep = lines('import torch', 'opt = torch.optim.SGD(params, lr=0.1)', 'n = 0', 'while n < 300:',
      '    evaluate(model)', '    n += 1');
    expect(written(noStep, 'steps')).toEqual([]);
  });
});
