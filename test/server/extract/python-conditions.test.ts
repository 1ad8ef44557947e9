/**
 * An `if`/`elif`/`else` chain the file itself decides runs one arm: the optimizer chosen by an option's default
 * (`if args.optim == "adamw":`), by a helper's argument, or by a constant. A test the run decides reads every arm.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const names = (text: string): (string | null)[][] =>
  extract(text, 'train.py').optimizers.map((o) => [o.name, o.line === null ? null : String(o.line)]);

const chosen = (test: string): string => lines(
  'import argparse',
  'import torch',
  'parser = argparse.ArgumentParser()',
  'parser.add_argument("--optim", default="adamw", choices=["sgd", "adamw"])',
  'args = parser.parse_args()',
  `if ${test}:`,
  '    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)',
  'elif args.optim in ("adam", "adamw"):',
  '    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)',
  'else:',
  '    raise ValueError(args.optim)',
);

describe('the arm the file selects', () => {
  test("an option's default selects the optimizer: the other arms are not the run", () => {
    expect(names(chosen('args.optim == "sgd"'))).toEqual([['torch.optim.AdamW', '9']]);
    expect(names(chosen('args.optim != "adamw" and not False'))).toEqual([['torch.optim.AdamW', '9']]);
    expect(names(chosen('args.optim is not None'))).toEqual([['torch.optim.SGD', '7']]);
  });

  test('a test the run decides reads every arm, as before', () => {
    expect(names(chosen('torch.cuda.is_available()')).map((n) => n[0])).toEqual(['torch.optim.SGD', 'torch.optim.AdamW']);
  });

  test("a helper's argument selects the arm inside it", () => {
    const text = lines(
      'import torch',
      'def build(model, name="adamw", lr=1e-3):',
      '    if name == "sgd":',
      '        return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)',
      '    elif name == "adamw":',
      '        return torch.optim.AdamW(model.parameters(), lr=lr)',
      '    raise ValueError(name)',
      'optimizer = build(model, "sgd", lr=0.05)',
    );
    const x = extract(text, 'train.py');
    expect(x.optimizers.map((o) => o.name)).toEqual(['torch.optim.SGD']);
    expect(x.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 0.05, line: 8 });
  });

  test('a class chosen into a name is named where the class is written', () => {
    const text = lines(
      'import torch',
      'use_8bit_adam = False',
      'if use_8bit_adam:',
      '    import bitsandbytes as bnb',
      '    optimizer_cls = bnb.optim.AdamW8bit',
      'else:',
      '    optimizer_cls = torch.optim.AdamW',
      'optimizer = optimizer_cls(params, lr=1e-4)',
    );
    expect(names(text)).toEqual([['torch.optim.AdamW', '7']]);
  });

  test('a switch that turns training on is left to the run, whatever its default: a training run passes it', () => {
    const script = (test: string): string => lines(
      'import argparse',
      'import mlx.optimizers as optim',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--train", action="store_true")',
      'parser.add_argument("--do_train", action="store_true")',
      'parser.add_argument("--fast", action="store_true")',
      'args = parser.parse_args()',
      `if ${test}:`,
      '    opt = optim.Adam(learning_rate=2e-5)',
    );
    expect(names(script('args.train'))).toEqual([['mlx.optimizers.Adam', '9']]);
    expect(names(script('args.do_train'))).toEqual([['mlx.optimizers.Adam', '9']]);
    // Any other switch off by default still decides its arm.
    expect(names(script('args.fast')).map((n) => n[1])).not.toContain('9');
  });
});

describe('a try statement runs its body; an except handler is the fallback', () => {
  const parserIn = (handler: string): string => lines(
    'import argparse',
    'def build_parser():',
    '    try:',
    '        import configargparse',
    '        parser = configargparse.ArgumentParser(config_file_parser_class=configargparse.YAMLConfigFileParser)',
    `    except ImportError${handler}:`,
    '        parser = argparse.ArgumentParser()',
    '    parser.add_argument("--learning_rate", type=float, default=0.02)',
    '    parser.add_argument("--momentum", type=float, default=0.8)',
    '    return parser',
  );

  test('a parser made in the body and again in the handler is still a parser: its options are read', () => {
    for (const handler of ['', ' as error']) {
      const hp = extract(parserIn(handler), 'options.py').optimizers[0]?.hyperparameters;
      expect(hp?.lr).toMatchObject({ value: 0.02, line: 8, source: 'written' });
      expect(hp?.momentum).toMatchObject({ value: 0.8, line: 9, source: 'written' });
    }
  });

  test("a name only the handler assigns keeps the handler's value, as a conditional assignment does", () => {
    const text = lines(
      'import torch',
      'try:',
      '    import apex',
      'except ImportError:',
      '    opt_class = torch.optim.AdamW',
      'optimizer = opt_class(params, lr=5e-4)',
    );
    expect(names(text)).toEqual([['torch.optim.AdamW', '5']]);
  });
});

describe('a function the file defines, rebound in a branch only the run decides', () => {
  test('stays the one its calls read: its body takes the call\'s argument, not its default', () => {
    const text = lines(
      'import os',
      'import torch',
      'from torch.utils.data import DataLoader',
      'def get_loader(batch_size=16):',
      '    return DataLoader(dataset, shuffle=True, batch_size=batch_size)',
      'if os.environ.get("TESTING_MOCKED", None) == "1":',
      '    from testing import mocked_loader',
      '    get_loader = mocked_loader',
      'def train(config):',
      '    loader = get_loader(config["batch_size"])',
      '    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])',
      'def main():',
      '    config = {"lr": 2e-5, "batch_size": 32}',
      '    train(config)',
      'if __name__ == "__main__":',
      '    main()',
    );
    const [first] = extract(text, 'train.py').optimizers;
    expect(first?.hyperparameters.microBatchSize).toMatchObject({ value: 32, line: 13 });
  });
});
