/**
 * Command-line flags declared in code other than argparse: absl's `flags.DEFINE_*` (read through `FLAGS.x`, a
 * FlagHolder's `.value`, or `flags.FLAGS.x`) and click's `@click.option` (filling the function's parameter). Each is
 * an option entry holding its default, at the literal, and the value wherever the code uses the flag.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readPython } from '../../../server/extract/python';
import { value } from './helpers';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** The literal `name`'s value is read from, as written. */
function written(text: string, name: Parameters<typeof value>[1]): string | undefined {
  const v = value(extract(text, 'train.py'), name);
  return v?.span ? text.slice(v.span.start, v.span.end) : undefined;
}

describe('absl flags', () => {
  const absl = lines(
    'from absl import app, flags',
    'import optax',
    'FLAGS = flags.FLAGS',
    'flags.DEFINE_float("learning_rate", 1e-3, "Learning rate.")',
    'flags.DEFINE_float("weight_decay", default=1e-4, help="Weight decay.")',
    'flags.DEFINE_enum("schedule", "cosine", ["cosine", "linear"], "LR schedule.")',
    'WARMUP = flags.DEFINE_integer("warmup_steps", 500, "Warmup steps.")',
    'def main(argv):',
    '    tx = optax.adamw(learning_rate=FLAGS.learning_rate, weight_decay=flags.FLAGS.weight_decay)',
    '    warmup = WARMUP.value',
    'if __name__ == "__main__":',
    '    app.run(main)',
  );

  test('each flag is an option entry holding its default, with its help text; the call is not an entry', () => {
    const entries = readPython(absl).entries.filter((e) => e.path[0]?.startsWith('--'));
    expect(entries.map((e) => [e.path.join('.'), e.raw, e.help])).toEqual([
      ['--learning_rate', '1e-3', 'Learning rate.'],
      ['--weight_decay', '1e-4', 'Weight decay.'],
      ['--schedule', '"cosine"', 'LR schedule.'],
      ['--warmup_steps', '500', 'Warmup steps.'],
    ]);
    // `WARMUP = flags.DEFINE_integer(...)` is no setting named WARMUP holding a call.
    expect(readPython(absl).entries.some((e) => e.path[0] === 'WARMUP')).toBe(false);
  });

  test('FLAGS.x and flags.FLAGS.x read the default where it is written', () => {
    expect(written(absl, 'lr')).toBe('1e-3');
    expect(written(absl, 'weightDecay')).toBe('1e-4');
    expect(value(extract(absl, 'train.py'), 'lr')?.key).toBe('--learning_rate');
  });

  test("a FlagHolder's .value is the default", () => {
    const text = lines(
      'from absl import flags',
      'import torch',
      'LR = flags.DEFINE_float("lr", 3e-4, "lr")',
      'def main(argv):',
      '    torch.optim.AdamW(params, lr=LR.value)',
    );
    expect(written(text, 'lr')).toBe('3e-4');
  });

  test('TensorFlow 1 flags (tf.compat.v1.flags) are absl flags', () => {
    const text = lines(
      'import tensorflow as tf',
      'flags = tf.compat.v1.flags',
      'FLAGS = flags.FLAGS',
      'flags.DEFINE_float("learning_rate", 5e-5, "The initial learning rate for Adam.")',
      'def main(_):',
      '    tf.keras.optimizers.Adam(learning_rate=FLAGS.learning_rate)',
    );
    expect(written(text, 'lr')).toBe('5e-5');
  });

  test('a flag this file does not define is set at run time, never a default', () => {
    const text = lines('from absl import flags', 'import torch', 'FLAGS = flags.FLAGS',
      'def main(argv):', '    torch.optim.AdamW(params, lr=FLAGS.lr)');
    expect(value(extract(text, 'train.py'), 'lr')?.runtime).toEqual({ kind: 'expression', expression: 'FLAGS.lr' });
  });
});

describe('click options', () => {
  test("an option's default fills the parameter it names, and is an option entry", () => {
    const text = lines(
      'import click',
      'import torch',
      '@click.command()',
      '@click.option("--lr", default=1e-4, type=float, help="learning rate")',
      '@click.option("-b", "--batch-size", type=int, default=32)',
      '@click.option("--wd", "weight_decay", default=0.01)',
      'def main(lr, batch_size, weight_decay=0.5):',
      '    torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)',
      '    loader = DataLoader(ds, batch_size=batch_size)',
      'if __name__ == "__main__":',
      '    main()',
    );
    expect(written(text, 'lr')).toBe('1e-4');
    // A bare name among the declarations is the parameter; click's default wins over the function's own.
    expect(written(text, 'weightDecay')).toBe('0.01');
    const options = readPython(text).entries.filter((e) => e.path[0]?.startsWith('-'));
    expect(options.map((e) => [e.path[0], e.raw])).toEqual([['--lr', '1e-4'], ['--batch-size', '32'], ['--wd', '0.01']]);
    expect(options[0]?.help).toBe('learning rate');
  });

  test('a decorator of another library fills nothing', () => {
    const text = lines('import torch', '@app.option("--lr", default=1.0)', 'def main(lr=1e-3):',
      '    torch.optim.AdamW(params, lr=lr)');
    expect(written(text, 'lr')).toBe('1e-3');
  });
});

describe('argparse set_defaults', () => {
  test("a parser-level default replaces the argument's own, at its literal", () => {
    const text = lines(
      'import argparse',
      'import torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--lr", type=float, default=5e-4, help="learning rate")',
      'parser.add_argument("--wd", default=0.05, type=float)',
      'parser.set_defaults(lr=1e-3, warmup_steps=100)',
      'args = parser.parse_args()',
      'torch.optim.AdamW(params, lr=args.lr, weight_decay=args.wd)',
    );
    expect(written(text, 'lr')).toBe('1e-3');
    expect(written(text, 'weightDecay')).toBe('0.05');
    // The option's entry holds the new default, so no name-based reading finds the replaced 5e-4.
    const options = readPython(text).entries.filter((e) => e.path[0] === '--lr');
    expect(options.map((e) => e.raw)).toEqual(['1e-3']);
    expect(readPython(text).entries.find((e) => e.path[0] === 'warmup_steps')?.raw).toBe('100');
  });
});
