/** The Python reader, construct by construct: values by Python's rules, exact spans, and what is not configuration. */
import { describe, expect, test } from 'vitest';
import { renderPath } from '../../../server/extract/keypath';
import { readPython } from '../../../server/extract/python';
import { at, entries, keys, literal } from './python-read';

describe('module-level assignments', () => {
  test('literals keep Python types and exact spans', () => {
    const text = "beta1 = 0.9\nlearning_rate = 6e-4 # max\nwd=1e-1\nname = 'owt'\ncompile = True\nx = None\nn = 1_000\nh = 0x10\n";
    expect(at(text, 'beta1')).toMatchObject({ value: 0.9, raw: '0.9', quoted: false });
    const lr = at(text, 'learning_rate');
    expect(lr.value).toBe(6e-4);
    expect(literal(text, lr)).toBe('6e-4');
    expect(text.slice(lr.keySpan?.start, lr.keySpan?.end)).toBe('learning_rate');
    expect(at(text, 'wd').value).toBe(0.1);
    expect(at(text, 'name')).toMatchObject({ value: 'owt', raw: "'owt'", quoted: true });
    expect(at(text, 'compile').value).toBe(true);
    expect(at(text, 'x').value).toBeNull();
    expect(at(text, 'n').value).toBe(1000);
    expect(at(text, 'h').value).toBe(16);
  });

  test('arithmetic is evaluated and the whole expression is the literal', () => {
    const text = 'a = 5 * 8\nb = 1024 * 1024 // 2\nc = 1e-3 / 10\nd = -3e-4\ne = 2 ** 10\nf = 7 % -3\ng = (1 + 2) * 3\n';
    expect(at(text, 'a')).toMatchObject({ value: 40, raw: '5 * 8' });
    expect(at(text, 'b').value).toBe(524288);
    expect(at(text, 'c').value).toBeCloseTo(1e-4, 15);
    expect(at(text, 'd')).toMatchObject({ value: -3e-4, raw: '-3e-4' });
    expect(at(text, 'e').value).toBe(1024);
    // Python's % takes the sign of the divisor: 7 % -3 == -2.
    expect(at(text, 'f').value).toBe(-2);
    expect(at(text, 'g').value).toBe(9);
  });

  test('a name bound earlier resolves to the literal where it is written', () => {
    const text = 'base = 3e-4\nlr = base\nscaled = base * 2\n';
    const lr = at(text, 'lr');
    expect(lr.value).toBe(3e-4);
    expect(literal(text, lr)).toBe('3e-4');
    expect(lr.span.start).toBe(text.indexOf('3e-4'));
    expect(lr.origin).toEqual(['base']);
    expect(at(text, 'scaled')).toMatchObject({ value: 6e-4, raw: 'base * 2' });
  });

  test('a later assignment replaces an earlier one, as Python keeps the last', () => {
    const text = 'batch_size = 12\nbatch_size = 24\n';
    expect(at(text, 'batch_size').value).toBe(24);
  });

  test('attribute and item assignments write key paths (LazyConfig and Config overrides)', () => {
    const text = "train = dict(max_iter=90000, amp=dict(enabled=False))\ntrain['max_iter'] = 1000\noptimizer.lr = 0.01\n";
    expect(at(text, 'train.max_iter').value).toBe(1000);
    expect(at(text, 'train.amp.enabled').value).toBe(false);
    expect(at(text, 'optimizer.lr').value).toBe(0.01);
  });

  test('a call of a class wrapper is named by the class, where the class is written (detectron2 LazyCall)', () => {
    const text = 'import torch\nfrom detectron2.config import LazyCall as L\nSGD = L(torch.optim.SGD)(params=None, lr=0.02, momentum=0.9)\n';
    expect(at(text, 'SGD')).toMatchObject({ value: 'torch.optim.SGD', raw: 'torch.optim.SGD' });
    expect(at(text, 'SGD.lr').callee).toBe('torch.optim.SGD');
  });

  test('unknown names, calls of builtins on unknowns and division by zero are not values', () => {
    expect(keys('a = undefined_name\nb = 1 / 0\nc = len(x)\nd = f"{a}"\n')).toEqual([]);
  });

  test('tuple targets take the matching elements', () => {
    const text = 'B, T = 64, 1024\n';
    expect(at(text, 'B').value).toBe(64);
    expect(at(text, 'T').value).toBe(1024);
  });

  test('strings: escapes, raw strings, implicit concatenation', () => {
    const text = "a = 'x\\ty'\nb = r'x\\ty'\nc = 'ab' 'cd'\n";
    expect(at(text, 'a').value).toBe('x\ty');
    expect(at(text, 'b').value).toBe('x\\ty');
    expect(at(text, 'c').value).toBe('abcd');
  });
});

describe('calls', () => {
  const torch = [
    'import torch',
    'optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)',
    '',
  ].join('\n');

  test('each call is an entry valued by its callee, each keyword an entry below it', () => {
    const call = at(torch, 'optimizer');
    expect(call).toMatchObject({ value: 'torch.optim.AdamW', callee: 'torch.optim.AdamW', raw: 'torch.optim.AdamW' });
    expect(at(torch, 'optimizer.lr')).toMatchObject({ value: 6e-4, callee: 'torch.optim.AdamW' });
    expect(at(torch, 'optimizer.eps').value).toBe(1e-8);
    expect(at(torch, 'optimizer.weight_decay').value).toBe(0.1);
  });

  test('tuple elements are separate entries with their own spans', () => {
    const b1 = at(torch, 'optimizer.betas[0]');
    const b2 = at(torch, 'optimizer.betas[1]');
    expect([b1.value, b2.value]).toEqual([0.9, 0.95]);
    expect(literal(torch, b1)).toBe('0.9');
    expect(literal(torch, b2)).toBe('0.95');
    expect(torch.slice(b1.keySpan?.start, b1.keySpan?.end)).toBe('betas');
  });

  test('callees are qualified through imports', () => {
    const text = 'from torch.optim import AdamW as AW\nimport torch.optim as optim\na = AW(p, lr=1e-3)\nb = optim.SGD(p, 0.1, momentum=0.9)\n';
    expect(at(text, 'a').value).toBe('torch.optim.AdamW');
    expect(at(text, 'b').value).toBe('torch.optim.SGD');
    // A positional argument is an entry by index.
    expect(at(text, 'b[1]').value).toBe(0.1);
    expect(entries(text).filter((e) => e.path[0] === 'import').map((e) => e.value)).toEqual(['torch.optim.AdamW', 'torch.optim']);
  });

  test('a call with no target is named by its callee', () => {
    const text = 'import optax\noptax.adamw(3e-4, b1=0.9)\n';
    expect(at(text, 'optax.adamw').callee).toBe('optax.adamw');
    expect(at(text, 'optax.adamw[0]').value).toBe(3e-4);
  });

  test('several optimizers in one file are separate calls (modded-nanogpt: AdamW + Muon)', () => {
    const text = [
      'from dataclasses import dataclass',
      '@dataclass',
      'class Hyperparameters:',
      '    learning_rate : float = 0.0036',
      '    weight_decay : float = 0',
      'args = Hyperparameters()',
      'optimizer1 = torch.optim.AdamW(raw_model.lm_head.parameters(), lr=args.learning_rate, betas=(0.9, 0.95),',
      '                               weight_decay=args.weight_decay, fused=True)',
      'optimizer2 = Muon(raw_model.transformer.h.parameters(), lr=0.1*args.learning_rate, momentum=0.95)',
      'optimizers = [optimizer1, optimizer2]',
      '',
    ].join('\n');
    expect(at(text, 'Hyperparameters.learning_rate').value).toBe(0.0036);
    const lr1 = at(text, 'optimizer1.lr');
    expect(lr1.value).toBe(0.0036);
    expect(lr1.span.start).toBe(text.indexOf('0.0036'));
    expect(lr1.origin).toEqual(['Hyperparameters', 'learning_rate']);
    const lr2 = at(text, 'optimizer2.lr');
    expect(lr2.value).toBeCloseTo(0.00036, 15);
    expect(lr2.raw).toBe('0.1*args.learning_rate');
    expect(at(text, 'optimizer2.momentum').value).toBe(0.95);
    // A list of references does not make the optimizers a second time.
    expect(keys(text).filter((k) => k.startsWith('optimizers'))).toEqual([]);
  });

  test('the same target written by calls in two branches keeps both, apart', () => {
    const text = 'if sgd:\n    opt = torch.optim.SGD(p, lr=0.1)\nelse:\n    opt = torch.optim.AdamW(p, lr=1e-3)\n';
    expect(at(text, 'opt').value).toBe('torch.optim.SGD');
    expect(at(text, 'opt#2').value).toBe('torch.optim.AdamW');
    expect(at(text, 'opt#2.lr').value).toBe(1e-3);
  });

  test('function bodies: locals resolve, but only call arguments are entries', () => {
    const text = [
      'def configure(params, weight_decay):',
      '    lr = 3e-4',
      '    steps = 100',
      '    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)',
      '',
    ].join('\n');
    // `weight_decay=weight_decay` passes on the caller's value: an entry the run sets, not a literal.
    expect(keys(text)).toEqual(['torch.optim.AdamW', 'torch.optim.AdamW.lr', 'torch.optim.AdamW.weight_decay']);
    expect(at(text, 'torch.optim.AdamW.lr').value).toBe(3e-4);
    expect(at(text, 'torch.optim.AdamW.weight_decay').runtime).toEqual({ kind: 'expression', expression: 'weight_decay' });
  });

  test('a call inside a returned dict is read under its key (Lightning configure_optimizers)', () => {
    const text = [
      'class Model(LightningModule):',
      '    def configure_optimizers(self):',
      '        return {"optimizer": torch.optim.AdamW(self.parameters(), lr=2e-4), "monitor": "val_loss"}',
      '',
    ].join('\n');
    expect(keys(text)).toEqual(['optimizer', 'optimizer[0]', 'optimizer.lr']);
    expect(at(text, 'optimizer').value).toBe('torch.optim.AdamW');
  });

  test('a dict built in a function is configuration; spread into a call, its keys are the call\'s too', () => {
    const text = 'def f():\n    cfg = dict(lr=1e-3)\n    opt = AdamW(p, **cfg)\n';
    expect(keys(text)).toEqual(['f().cfg.lr', 'opt', 'opt.lr']);
    // In a condition it is one branch of the run, not configuration.
    expect(keys('def f(big):\n    if big:\n        cfg = dict(lr=1e-3)\n    opt = AdamW(p, lr=1e-4)\n')).toEqual(['opt', 'opt.lr']);
  });

  test('configuration written on an object in a config function (`get_config()`) is read; `self.x = x` is not', () => {
    const text = 'def get_config():\n    config = ml_collections.ConfigDict()\n    config.learning_rate = 0.0016\n    config.optim.b2 = 0.95\n    return config\nclass M:\n    def __init__(self, lr):\n        self.lr = 0.5\n';
    // Keyed under the function: several recipe functions in one file are several configurations.
    expect(keys(text)).toEqual(['config', 'get_config().config.learning_rate', 'get_config().config.optim.b2']);
  });

  test('functions see module names assigned after them, as when they run', () => {
    const text = 'def main():\n    opt = AdamW(p, lr=learning_rate)\nlearning_rate = 2e-5\nmain()\n';
    expect(at(text, 'opt.lr').value).toBe(2e-5);
  });

  test('a parameter shadows a module name', () => {
    const text = 'lr = 1.0\ndef f(lr):\n    return SGD(p, lr=lr)\n';
    // The caller's lr, never the module's 1.0.
    expect(keys(text)).toEqual(['lr', 'SGD', 'SGD.lr']);
    expect(at(text, 'SGD.lr')).toMatchObject({ raw: 'lr', runtime: { kind: 'expression' } });
  });

  test('builtins are not calls; numeric ones evaluate', () => {
    const text = 'steps = 1000\nwarmup = max(100, int(0.01 * steps))\nprint(AdamW(p, lr=1e-3))\n';
    expect(at(text, 'warmup').value).toBe(100);
    expect(at(text, 'AdamW.lr').value).toBe(1e-3);
    expect(keys(text).some((k) => k.startsWith('print'))).toBe(false);
  });
});

describe('argparse and functions', () => {
  const script = [
    'import argparse',
    'def get_args():',
    '    parser = argparse.ArgumentParser()',
    "    parser.add_argument('--lr', type=float, default=3e-4)",
    "    parser.add_argument('--weight-decay', type=float, default=0.1)",
    "    group = parser.add_argument_group('optim')",
    "    group.add_argument('--beta2', type=float, default=0.95)",
    "    parser.add_argument('--fp16', action='store_true')",
    '    return parser.parse_args()',
    'def main():',
    '    args = get_args()',
    '    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, args.beta2), weight_decay=args.weight_decay)',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');

  test('each argument is an entry under its option, holding its default', () => {
    expect(at(script, '--lr')).toMatchObject({ value: 3e-4, raw: '3e-4' });
    expect(at(script, '--weight-decay').value).toBe(0.1);
    expect(at(script, '--beta2').value).toBe(0.95);
    expect(at(script, '--fp16')).toMatchObject({ value: false, raw: "'store_true'" });
    expect(literal(script, at(script, '--lr'))).toBe('3e-4');
  });

  test('args.<dest> reads the default through a function that returns parse_args()', () => {
    const lr = at(script, 'opt.lr');
    expect(lr).toMatchObject({ value: 3e-4, origin: ['--lr'] });
    expect(lr.span.start).toBe(script.indexOf('3e-4'));
    expect(at(script, 'opt.weight_decay').value).toBe(0.1);
    expect(at(script, 'opt.betas[1]').value).toBe(0.95);
  });

  test('a function is read once even when called twice', () => {
    const text = 'def build():\n    return torch.optim.SGD(p, lr=0.1)\na = build()\nb = build()\n';
    expect(keys(text)).toEqual(['torch.optim.SGD', 'torch.optim.SGD.lr']);
  });
});

describe('what is not configuration', () => {
  test('numbers in comments and strings are not values', () => {
    const text = '# lr = 5e-4 * 128 * 8 / 512 = 0.001\nname = "lr=0.1"\n';
    expect(entries(text).map((e) => e.value)).toEqual(['lr=0.1']);
    expect(readPython(text).comments.map((c) => c.text)).toEqual(['# lr = 5e-4 * 128 * 8 / 512 = 0.001']);
  });

  test('function parameter defaults and loop variables are not entries', () => {
    const text = 'def newton_schulz(G, steps=10, eps=1e-7):\n    for i in range(steps):\n        x = i * eps\n    return x\n';
    expect(keys(text)).toEqual([]);
  });

  test("the body of `if __name__ == '__main__':` is read as module code", () => {
    const text = "if __name__ == '__main__':\n    lr = 3e-4\n    opt = AdamW(p, lr=lr)\n";
    expect(keys(text)).toEqual(['lr', 'opt', 'opt.lr']);
  });

  test('a name assigned in both branches of an if is unknown afterwards', () => {
    const text = 'if big:\n    lr = 1e-4\nelse:\n    lr = 3e-4\nopt = AdamW(p, lr=lr)\n';
    // Neither literal: the lr is the run's, shown as set at run time.
    expect(keys(text)).toEqual(['opt', 'opt.lr']);
    expect(at(text, 'opt.lr')).toMatchObject({ raw: 'lr', runtime: { kind: 'expression' } });
  });
});

describe('broken input', () => {
  test('a syntax error is reported and the rest is still read', () => {
    const result = readPython('lr = 3e-4\nbetas = (0.9, 0.95\nwd = 0.1\n');
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.entries.map((e) => renderPath(e.path))).toContain('lr');
  });

  test('pathological nesting and doubling are bounded', () => {
    const deep = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`;
    expect(() => readPython(deep)).not.toThrow();
    const doubling = ['s = "ab"', ...Array.from({ length: 60 }, () => 's = s + s'), ''].join('\n');
    const result = readPython(doubling);
    expect(result.entries.every((e) => typeof e.value !== 'string' || e.value.length <= 10_000)).toBe(true);
  });
});
