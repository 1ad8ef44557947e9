/**
 * The Python reader follows a value to where it is written: a function parameter's default, the argument a
 * helper is called with one call deep, a dataclass field's default read through `HfArgumentParser`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readPython } from '../../../server/extract/python';
import { value } from './helpers';

/** The written text at the span of `name`'s value, or undefined when it is not found. */
function written(text: string, name: Parameters<typeof value>[1], optimizer = 0): string | undefined {
  const v = value(extract(text, 'train.py'), name, optimizer);
  return v?.span ? text.slice(v.span.start, v.span.end) : undefined;
}

describe('function parameter defaults', () => {
  test('an optimizer call inside the function reads the defaults', () => {
    const text = [
      'import torch',
      'def train(model, lr=3e-4, wd: float = 0.1, *, eps=1e-6):',
      '    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd, eps=eps)',
      '',
    ].join('\n');
    expect(written(text, 'lr')).toBe('3e-4');
    expect(written(text, 'weightDecay')).toBe('0.1');
    expect(written(text, 'eps')).toBe('1e-6');
  });

  test("a NeMo 2 recipe: the trainer factory's max_steps default is the run length", () => {
    const text = readFileSync(join(__dirname, '../../fixtures/configs/dev/nemo2/mistral_7b.py'), 'utf8');
    const steps = value(extract(text, 'mistral_7b.py'), 'steps');
    expect(steps?.value).toBe(100);
    expect(steps?.span && text.slice(0, steps.span.start).split('\n').at(-1)).toBe('    max_steps: int = ');
  });

  test("an in-file optimizer class's signature gives what the call leaves out, never what it passes", () => {
    const text = [
      'import torch',
      'class Muon(torch.optim.Optimizer):',
      '    def __init__(self, params, lr=0.02, momentum=0.95):',
      '        super().__init__(params, dict(lr=lr, momentum=momentum))',
      'opt = Muon(model.parameters(), lr=0.05)',
      '',
    ].join('\n');
    // The file writes momentum=0.95 as its own optimizer's default (python-instances.test.ts has the rule); the
    // passed lr=0.05 replaces the signature's 0.02, which is never read.
    const read = readPython(text).entries.filter((e) => e.raw === '0.95' || e.raw === '0.02');
    expect(read.map((e) => e.raw)).toEqual(['0.95']);
  });
});

describe('an optimizer built inside a helper one call deep', () => {
  const helper = [
    'from torch.optim import AdamW',
    'def make_opt(model, lr, wd=0.1):',
    '    return AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=wd)',
    '',
  ];

  test('the arguments of the call read are the values, at the call site', () => {
    const text = [...helper, 'opt = make_opt(model, 1e-3)', ''].join('\n');
    expect(written(text, 'lr')).toBe('1e-3');
    expect(written(text, 'beta2')).toBe('0.95');
    expect(written(text, 'weightDecay')).toBe('0.1');
  });

  test('by keyword, from another function read after the module', () => {
    const text = [...helper, 'def main():', '    opt = make_opt(model, wd=0.05, lr=2e-4)', ''].join('\n');
    expect(written(text, 'lr')).toBe('2e-4');
    expect(written(text, 'weightDecay')).toBe('0.05');
  });

  test('an unknown *args leaves the parameters unknown, never a default', () => {
    const text = [...helper, 'opt = make_opt(*sys.argv)', ''].join('\n');
    // The keyword is the run's value, set by the caller: shown as such, never the library default or 0.1.
    const wd = value(extract(text, 'train.py'), 'weightDecay');
    expect(wd).toMatchObject({ source: 'written', runtime: { kind: 'expression', expression: 'wd' } });
  });
});

describe('dataclass field defaults through HfArgumentParser', () => {
  const dataclasses = [
    'from dataclasses import dataclass, field',
    'from transformers import HfArgumentParser, TrainingArguments',
    '@dataclass',
    'class ModelArguments:',
    '    model_name: str = field(default="gpt2")',
    '@dataclass',
    'class ScriptArguments:',
    '    learning_rate: float = field(default=5e-5, metadata={"help": "peak lr"})',
    '    weight_decay: float = 0.01',
    '    warmup: int = field(default_factory=warmup_steps_for_cluster)',
    '    total: int = field(default_factory=lambda: 1000)',
    'parser = HfArgumentParser((ModelArguments, ScriptArguments))',
    'model_args, script_args = parser.parse_args_into_dataclasses()',
  ];

  test('into TrainingArguments, at the field default', () => {
    const text = [...dataclasses, 'TrainingArguments(output_dir="out", learning_rate=script_args.learning_rate,',
      '    weight_decay=script_args.weight_decay)', ''].join('\n');
    expect(written(text, 'lr')).toBe('5e-5');
    expect(written(text, 'weightDecay')).toBe('0.01');
  });

  test('into an optimizer call, with a single dataclass', () => {
    const text = [...dataclasses.slice(0, 10), 'import torch',
      '(args,) = HfArgumentParser(ScriptArguments).parse_args_into_dataclasses()',
      'opt = torch.optim.SGD(model.parameters(), args.learning_rate, momentum=0.9)', ''].join('\n');
    expect(written(text, 'lr')).toBe('5e-5');
  });

  test('a default_factory function is not a value; a lambda without parameters is what it returns', () => {
    const text = [...dataclasses, 'TrainingArguments(output_dir="out", warmup_steps=script_args.warmup,',
      '    max_steps=script_args.total)', ''].join('\n');
    // Made when the script runs: no number of the file's stands in for it.
    expect(value(extract(text, 'train.py'), 'warmupSteps')?.runtime?.kind).toBe('expression');
    // dataclasses calls the factory for the field's value: `lambda: 1000` gives 1000, written at its line.
    expect(value(extract(text, 'train.py'), 'steps')).toMatchObject({ value: 1000, line: 11, source: 'written' });
  });

  test('a default_factory lambda building a config object is that object, its keywords below the field', () => {
    const text = [
      'from dataclasses import dataclass, field',
      'from lib.config import OptimSection, AdamConfig',
      '@dataclass(kw_only=True)',
      'class RecipeConfig:',
      '    optim: OptimSection = field(',
      '        default_factory=lambda: OptimSection(',
      '            kind="adamw", settings=AdamConfig(lr=2e-4, weight_decay=0.05)',
      '        )',
      '    )',
      '    other: OptimSection = field(default_factory=lambda x=1: OptimSection(lr=x))',
      '',
    ].join('\n');
    const keys = readPython(text).entries.filter((e) => e.path[0] === 'RecipeConfig').map((e) => e.path.join('.'));
    expect(keys).toEqual(['RecipeConfig.optim', 'RecipeConfig.optim.kind', 'RecipeConfig.optim.settings',
      'RecipeConfig.optim.settings.lr', 'RecipeConfig.optim.settings.weight_decay']);
  });
});

test("a Muon-type class's `mu` keyword is its momentum, read at the module constant it is passed", () => {
  const text = [
    'import torch',
    'MU = 0.9',
    'LR = 0.04',
    'class Muon(torch.optim.Optimizer):',
    '    def __init__(self, params, lr=0.02, mu=0.95):',
    '        super().__init__(params, dict(lr=lr, mu=mu))',
    'adam = torch.optim.AdamW(head.parameters(), lr=0.008)',
    'opt = Muon(blocks.parameters(), lr=LR, mu=MU)',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  const muon = x.optimizers.findIndex((o) => o.name === 'Muon');
  expect(value(x, 'momentum', muon)).toMatchObject({ value: 0.9, line: 2, source: 'written' });
  expect(value(x, 'lr', muon)).toMatchObject({ value: 0.04, line: 3 });
});
