/**
 * `self` in a class defined in the file: what `__init__` stores on it (`self.lr = lr`, Lightning's
 * `self.save_hyperparameters()`) is what the other methods read (`self.lr`, `self.hparams.lr`), from the arguments of
 * the class's call in the file, else `__init__`'s defaults; an optimizer class's body is a library's, never the run's.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function written(text: string, name: Parameters<typeof value>[1]): string | undefined {
  const v = value(extract(text, 'train.py'), name);
  return v?.span ? text.slice(v.span.start, v.span.end) : undefined;
}

const lit = (...main: string[]): string => lines(
  'import lightning as L',
  'import torch',
  'class LitModel(L.LightningModule):',
  '    def __init__(self, lr: float = 1e-3, weight_decay: float = 0.01, eps=1e-8):',
  '        super().__init__()',
  '        self.save_hyperparameters()',
  '        self.eps = eps',
  '    def configure_optimizers(self):',
  '        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr,',
  '            weight_decay=self.hparams["weight_decay"], eps=self.eps)',
  ...main,
);

describe('Lightning modules', () => {
  test("self.hparams and self attributes read __init__'s defaults when the file never builds the module", () => {
    const text = lit();
    expect(written(text, 'lr')).toBe('1e-3');
    expect(written(text, 'weightDecay')).toBe('0.01');
    expect(written(text, 'eps')).toBe('1e-8');
  });

  test("the module's call in the file gives __init__ its arguments; the others keep their defaults", () => {
    const text = lit('def main():', '    model = LitModel(lr=2e-4)', '    L.Trainer(max_steps=500).fit(model)', 'main()');
    expect(written(text, 'lr')).toBe('2e-4');
    expect(written(text, 'weightDecay')).toBe('0.01');
  });

  test('arguments the file cannot see (`**vars(args)`) leave them set at run time, never a default', () => {
    const text = lit('model = LitModel(**vars(args))');
    expect(value(extract(text, 'train.py'), 'lr')?.runtime).toEqual({ kind: 'expression', expression: 'self.hparams.lr' });
  });
});

describe('an optimizer class defined in the file', () => {
  test('its defaults and its body are not the run\'s values', () => {
    const text = lines(
      'import torch',
      'class Lion(torch.optim.Optimizer):',
      '    def __init__(self, params, lr=1e-4, weight_decay=0.0):',
      '        super().__init__(params, dict(lr=lr, weight_decay=weight_decay))',
      'opt = torch.optim.AdamW(model.parameters(), lr=3e-4)',
      'extra = Lion(model.parameters(), lr=3e-5, weight_decay=1.0)',
    );
    const x = extract(text, 'train.py');
    const everyValue = x.optimizers.flatMap((o) => Object.values(o.hyperparameters));
    // Nothing read from the class body: no 1e-4 or 0.0 default, no `weight_decay` passed on inside it.
    expect(everyValue.filter((v) => v?.source === 'written' && (v.line === 3 || v.line === 4))).toEqual([]);
    expect(written(text, 'lr')).toBe('3e-4');
  });

  const muon = (...main: string[]): string => lines(
    'import torch',
    'class Muon(torch.optim.Optimizer):',
    '    def __init__(self, params, lr=0.05, weight_decay=0, mu=0.9, ns_steps=5):',
    '        super().__init__(params, dict(lr=lr, weight_decay=weight_decay, mu=mu))',
    'adam = torch.optim.AdamW(embed, lr=3e-4)',
    ...main,
  );

  test('an argument its call leaves takes the default its own __init__ writes, less surely than a passed one', () => {
    const text = muon('opt = Muon([dict(params=hidden, lr=0.02, weight_decay=0.01)], ns_steps=6)');
    const own = extract(text, 'train.py').optimizers.find((o) => o.name === 'Muon')?.hyperparameters;
    expect(own?.momentum).toMatchObject({ value: 0.9, line: 3, source: 'written', via: { confidence: 'medium' } });
    expect(own?.momentum?.via?.reason).toContain("the file's own optimizer class default");
    // The group's own learning rate and decay stand over the signature's.
    expect(own?.lr).toMatchObject({ value: 0.02, line: 6 });
    expect(own?.weightDecay).toMatchObject({ value: 0.01, line: 6 });
  });

  test('an argument passed by position is the call\'s; an unknown **kwargs may pass any: no signature default', () => {
    const fromSignature = (text: string): unknown[] => extract(text, 'train.py').optimizers
      .flatMap((o) => Object.values(o.hyperparameters)).filter((v) => v?.source === 'written' && v.line === 3);
    expect(fromSignature(muon('opt = Muon(hidden, 0.02, 0.01, 0.8, 6)'))).toEqual([]);
    expect(fromSignature(muon('opt = Muon(hidden, **optim_kwargs)'))).toEqual([]);
  });

  test("a schedule class's signature defaults are not read", () => {
    const text = lines(
      'import torch',
      'class Warmup(torch.optim.lr_scheduler.LRScheduler):',
      '    def __init__(self, optimizer, warmup_steps=777):',
      '        super().__init__(optimizer)',
      'opt = torch.optim.AdamW(model.parameters(), lr=3e-4)',
      'sched = Warmup(opt)',
    );
    expect(value(extract(text, 'train.py'), 'warmupSteps')?.value).not.toBe(777);
  });
});

describe("the entry point's settings", () => {
  const script = (...body: string[]): string => lines(
    'import torch',
    'def main(args):',
    '    batch_size = 256',
    '    num_steps = 0',
    ...body,
    '    for step in range(1000):',
    '        num_steps += 1',
    '    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
    'if __name__ == "__main__":',
    '    main(args)',
  );

  test('a name the function the module runs assigns once at its top is a setting, as a module constant is', () => {
    const x = extract(script('    max_steps = 5000'), 'train.py');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 256, line: 3 });
    expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 5 });
  });

  test('a counter (changed later) is not a setting, nor a helper\'s local the module never runs', () => {
    const counter = extract(script(), 'train.py');
    expect(value(counter, 'steps')?.source).not.toBe('written');
    const helper = lines('import torch', 'def evaluate(model):', '    batch_size = 1000',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)');
    expect(value(extract(helper, 'train.py'), 'microBatchSize')).toBeUndefined();
  });
});

describe('class attributes', () => {
  const policy = (...init: string[]): string => lines(
    'from dataclasses import dataclass',
    'from mylib.optim import AdamWConfig, WarmupCosineConfig',
    '@dataclass',
    'class PolicyConfig:',
    '    optimizer_lr: float = 3e-5',
    '    sched_warmup: int = 1_500',
    ...init,
    '    def optimizer_preset(self):',
    '        return AdamWConfig(lr=self.optimizer_lr)',
    '    def scheduler_preset(self):',
    '        return WarmupCosineConfig(peak_lr=self.optimizer_lr, num_warmup_steps=self.sched_warmup)',
  );

  test("self.<field> in a method reads the class body's literal, as Python looks the attribute up on the class", () => {
    const x = extract(policy(), 'policy.py');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 1500, line: 6, source: 'written' });
  });

  test('what __init__ stores on self wins over the class attribute', () => {
    const text = policy('    def __init__(self, sched_warmup=250):', '        self.sched_warmup = sched_warmup');
    expect(written(text, 'warmupSteps')).toBe('250');
  });
});

describe('a config class that fills itself in its methods', () => {
  test('self.<block>.<key> = literal in a method of a config class is a setting; in another class it is not', () => {
    const text = lines(
      'from mylib.config import BaseConfig',
      'class PPOConfig(BaseConfig):',
      '    def train_config(self):',
      '        self.train.batch_size = 64',
      '        self.train.num_steps = 10000',
      '    def algo_config(self):',
      '        self.algo.optim.lr = 3e-4',
      '        self.algo.optim.eps = 1e-5',
      '        self.algo.gamma = 0.99',
    );
    const x = extract(text, 'ppo_config.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 7, source: 'written' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-5, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 4 });
    // Each method fills the same object: one configuration, not one per method.
    expect(x.optimizers).toHaveLength(1);
    const model = extract(text.replace('class PPOConfig(BaseConfig)', 'class PPOTrainer(Trainer)'), 'ppo.py');
    expect(value(model, 'lr')?.source).not.toBe('written');
  });
});
