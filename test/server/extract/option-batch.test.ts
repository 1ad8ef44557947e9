/**
 * A script's `--train_batch_size` beside its accumulation option and no micro-batch option is each device's batch
 * (roles/option-batch.ts, read through settings-blocks.ts readByWord).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { lines } from './python-read';

const script = (...options: string[]): string => lines(
  'import argparse',
  'import torch',
  'def make_parser():',
  '    p = argparse.ArgumentParser()',
  ...options.map((o) => `    p.add_argument(${o})`),
  '    p.add_argument("--lr", type=float, default=5e-5)',
  '    return p',
  'args = make_parser().parse_args()',
  'opt = torch.optim.AdamW(params, lr=args.lr)',
);

const batches = (text: string): { micro?: unknown; global?: unknown } => {
  const hp = extract(text, 'train.py').optimizers[0]?.hyperparameters;
  return { micro: hp?.microBatchSize?.value, global: hp?.globalBatchSize?.source === 'written' ?
    hp.globalBatchSize.value : undefined };
};

describe('a batch option beside an accumulation option', () => {
  test('with no micro-batch option, it is each device\'s batch', () => {
    const text = script('"--train_batch_size", type=int, default=6, help="batch size"',
      '"--gradient_accumulation_steps", type=int, default=3');
    expect(batches(text)).toEqual({ micro: 6, global: undefined });
    expect(extract(text, 'train.py').optimizers[0]?.hyperparameters.microBatchSize?.line).toBe(5);
  });

  test('beside a micro-batch option it is not the micro-batch', () => {
    const text = script('"--train_batch_size", type=int, default=96', '"--micro_train_batch_size", type=int, default=2',
      '"--gradient_accumulation_steps", type=int, default=3');
    expect(batches(text).micro).toBe(2);
  });

  test('a help text saying total keeps it global', () => {
    const text = script('"--train_batch_size", type=int, default=96, help="total batch size over all GPUs"',
      '"--gradient_accumulation_steps", type=int, default=3');
    expect(batches(text).micro).toBeUndefined();
  });

  test('divided by the code before it is used, it is not each step\'s batch', () => {
    const text = `${script('"--train_batch_size", type=int, default=96', '"--gradient_accumulation_steps", type=int, default=3')
    }micro = args.train_batch_size // args.gradient_accumulation_steps\n`;
    expect(batches(text).micro).not.toBe(96);
  });

  test('without an accumulation option the name alone decides nothing', () => {
    expect(batches(script('"--train_batch_size", type=int, default=6')).micro).toBeUndefined();
  });

  test('a DeepSpeed JSON with an accumulation count keeps its global batch', () => {
    const json = '{"train_batch_size": 64, "gradient_accumulation_steps": 4, "optimizer": {"type": "AdamW", ' +
      '"params": {"lr": 1e-4}}}';
    const hp = extract(json, 'ds_config.json').optimizers[0]?.hyperparameters;
    expect(hp?.globalBatchSize).toMatchObject({ value: 64, source: 'written' });
    expect(hp?.microBatchSize?.source).not.toBe('written');
  });
});
