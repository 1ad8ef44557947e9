/**
 * Keys that name the class their block builds (server/extract/class-keys.ts, roles/class-key-readings.ts): flat
 * `Class.argument` keys (argbind-style YAML, JSON, `--Class.arg` flags, gin), a block keyed by its class, and a list of
 * schedule phases keyed by class. Each on made-up files, with the keys that name no optimizer or schedule.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('flat Class.argument keys', () => {
  const text = [
    'Encoder.channels: 32',
    'Encoder.rates: [2, 4]',
    '',
    'Adam.betas: [0.5, 0.9]',
    'Adam.lr: 0.0002',
    'StepLR.gamma: 0.5',
    'StepLR.step_size: 10',
    'val/Adam.lr: 0.5',
    'train/Loader.workers: 4',
    '',
  ].join('\n');

  test("argbind-style YAML: the optimizer's name, settings and schedule, each where it is written", () => {
    const x = extract(text, 'conf.yml');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'Adam', line: 4 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 5 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.5, line: 4 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.9, line: 4 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'StepLR', line: 6 });
  });

  test('a flat JSON config and a launch flag alike', () => {
    const json = extract('{\n  "AdamW.lr": 0.001,\n  "AdamW.weight_decay": 0.05\n}\n', 'run.json');
    expect(json.optimizers[0]).toMatchObject({ name: 'AdamW', line: 2 });
    expect(value(json, 'weightDecay')).toMatchObject({ value: 0.05, line: 3 });
    const shell = extract('python train.py --args.load conf.yml --AdamW.lr 3e-4\n', 'train.sh');
    expect(shell.optimizers[0]).toMatchObject({ name: 'AdamW', line: 1 });
    expect(value(shell, 'lr')).toMatchObject({ value: 3e-4 });
  });

  test('classes that build no optimizer or schedule name nothing', () => {
    const x = extract('Encoder.lr_mult: 2\nDecoder.rates: [8, 4]\nlr: 0.001\n', 'conf.yml');
    expect(x.optimizers[0]?.name).not.toBe('Encoder');
    expect(value(x, 'schedule')?.source).not.toBe('written');
  });
});

describe('a block keyed by its class', () => {
  test("`optim: {SGD: {...}}` is SGD, named at its key, with the block's settings", () => {
    const text = 'trainer:\n  optim:\n    SGD:\n      lr: 0.1\n      momentum: 0.9\n  max_steps: 5000\n';
    const x = extract(text, 'job.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'SGD', line: 3 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 5 });
  });

  test('of schedule phases keyed by class, the one after a rising warmup phase is the schedule', () => {
    const text = [
      'optimizer:',
      '  AdamW:',
      '    lr: 0.001',
      'schedulers:',
      '- SequentialLR:',
      '    schedulers:',
      '    - LinearLR:',
      '        start_factor: 0.01',
      '        total_iters: 100',
      '    - CosineAnnealingLR:',
      '        T_max: 900',
      '',
    ].join('\n');
    const x = extract(text, 'job.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', line: 2 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineAnnealingLR', line: 10 });
  });

  test('a model block keyed by a layer class is no optimizer', () => {
    const x = extract('model:\n  Linear:\n    in_features: 8\noptimizer:\n  lr: 0.01\n', 'job.yaml');
    expect(x.optimizers[0]?.name).not.toBe('Linear');
    expect(value(x, 'schedule')?.source).not.toBe('written');
  });
});

describe('gin selectors', () => {
  test("an optimizer's bindings no reference names are named by their selector", () => {
    const x = extract('AdamW.learning_rate = 0.001\nAdamW.b2 = 0.98\ntrain.steps = 1000\n', 'run.gin');
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', line: 1 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 2 });
  });

  test('a reference names it where it is written, qualified', () => {
    const x = extract('Momentum.mass = 0.9\ntrain.optimizer = @opt.Momentum\n', 'run.gin');
    expect(x.optimizers[0]).toMatchObject({ name: 'opt.Momentum', line: 2 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 1 });
  });
});

describe('Python classes of settings named for their optimizer or schedule', () => {
  const text = [
    'import dataclasses',
    'import optax',
    '',
    '@dataclasses.dataclass(frozen=True)',
    'class WarmupDecaySchedule:',
    '    """Cosine decay after a warmup."""',
    '    warmup_steps: int = 500',
    '    peak_lr: float = 3e-4',
    '    decay_steps: int = 20_000',
    '',
    '    def create(self):',
    '        return optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=self.peak_lr,',
    '            warmup_steps=self.warmup_steps, decay_steps=self.decay_steps)',
    '',
    '@dataclasses.dataclass(frozen=True)',
    'class Adam:',
    '    """Adam, no decay."""',
    '    b1: float = 0.9',
    '    b2: float = 0.99',
    '',
    '    def create(self, lr):',
    '        return optax.adam(lr, b1=self.b1, b2=self.b2)',
    '',
  ].join('\n');

  test("the class is the optimizer's and the schedule's name, at its class statement; the call is what runs", () => {
    const x = extract(text, 'optimizer.py');
    const adam = x.optimizers.find((o) => o.name === 'Adam');
    expect(adam).toMatchObject({ line: 16, implementation: 'optax.adam' });
    expect(adam?.hyperparameters.beta2).toMatchObject({ value: 0.99, line: 19 });
    expect(adam?.hyperparameters.schedule).toMatchObject({ value: 'WarmupDecaySchedule', line: 5 });
  });

  test('a variable or a docstring named like a class is no class statement', () => {
    const x = extract('Adam = dict(lr=1e-3, b1=0.8)\n"""Adam above."""\nopt = optax.adam(Adam["lr"])\n', 'train.py');
    expect(x.optimizers.some((o) => o.name === 'Adam' && o.line === 2)).toBe(false);
  });
});
