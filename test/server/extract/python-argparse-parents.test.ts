/**
 * `argparse.ArgumentParser(parents=[...])` copies each parent's arguments (python/argparse.ts `newParser`): a script
 * that declares its options in `get_args_parser()` and parses them through a parser built on it reads their defaults,
 * and an `if` chain on an option the file decides runs one arm (DINO's `--optimizer` default `adamw`).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('a parser built from parents', () => {
  const script = lines(
    'import argparse',
    'import torch',
    'def get_args_parser():',
    '    parser = argparse.ArgumentParser("X", add_help=False)',
    '    parser.add_argument("--lr", default=0.0005, type=float)',
    '    parser.add_argument("--optimizer", default="adamw", type=str)',
    '    return parser',
    'def train(args):',
    '    if args.optimizer == "adamw":',
    '        optimizer = torch.optim.AdamW(params, lr=args.lr)',
    '    elif args.optimizer == "sgd":',
    '        optimizer = torch.optim.SGD(params, lr=0, momentum=0.9)',
    'if __name__ == "__main__":',
    '    parser = argparse.ArgumentParser("X", parents=[get_args_parser()])',
    '    args = parser.parse_args()',
    '    train(args)',
  );

  test('has its parents\' options, so the arm the default selects is the one read', () => {
    const optimizers = extract(script, 'train.py').optimizers;
    expect(optimizers.map((o) => [o.name, o.line])).toEqual([['torch.optim.AdamW', 10]]);
    expect(optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 0.0005, line: 5, source: 'written' });
    expect(optimizers[0]?.hyperparameters.momentum?.source).not.toBe('written');
  });

  test('without parents, a parser starts empty', () => {
    const alone = script.replace('parents=[get_args_parser()]', 'add_help=True');
    expect(extract(alone, 'train.py').optimizers.map((o) => o.name)).toContain('torch.optim.SGD');
  });
});

describe('several parsers in one module', () => {
  const module = (preprocess: string): string => lines(
    'import argparse',
    'def build_train_parser():',
    '    parser = argparse.ArgumentParser()',
    '    parser.add_argument("--optimizer", default="adamw")',
    '    parser.add_argument("--batch_size", type=int, default=24)',
    '    parser.add_argument("--lr", type=float, default=0.003)',
    '    return parser',
    'def build_stats_parser():',
    '    parser = argparse.ArgumentParser()',
    `    parser.add_argument("--batch_size", type=int, default=128)${preprocess}`,
    '    return parser',
  );

  test("a parser with no learning rate or optimizer option is another program's: its batch is not the run's", () => {
    const hp = extract(module(''), 'arg_parser.py').optimizers[0]?.hyperparameters;
    expect(hp?.microBatchSize).toMatchObject({ value: 24, line: 5, source: 'written' });
    expect(hp?.lr).toMatchObject({ value: 0.003, line: 6 });
  });

  test('two parsers that each configure an optimizer stay as they were read', () => {
    const both = module('\n    parser.add_argument("--lr", type=float, default=0.1)');
    const hp = extract(both, 'arg_parser.py').optimizers[0]?.hyperparameters;
    expect(hp?.microBatchSize).toMatchObject({ value: 128, line: 10 });
  });
});
