/**
 * A `train_batch_size` the generic table reads by name as the global batch, which the script passes as is to a data
 * loader's `batch_size`, is each device's batch (roles/loader-batch.ts); divided first, kept for evaluation only, or
 * never given to a loader, it stays what its name says.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';
type Role = 'microBatchSize' | 'globalBatchSize';

function written(text: string, role: Role): [unknown, number | null] | null {
  const v = extract(text, 'train_retriever.py').optimizers[0]?.hyperparameters[role];
  return v?.source === 'written' ? [v.value, v.line] : null;
}

const head = [
  'import argparse',
  'from torch.utils.data import DataLoader',
  'parser = argparse.ArgumentParser()',
  'parser.add_argument("--train_batch_size", default=32, type=int)',
  'parser.add_argument("--lr", default=3e-5, type=float)',
  'args = parser.parse_args()',
];

describe('a generic train_batch_size a data loader takes as its batch', () => {
  test('passed through a variable to DataLoader(batch_size=) it is the per-device batch', () => {
    const text = lines(...head, 'bs = args.train_batch_size', 'pairs = load_pairs()',
      'train_dataloader = DataLoader(pairs, shuffle=True, batch_size=bs)');
    expect(written(text, 'microBatchSize')).toEqual([32, 4]);
    expect(written(text, 'globalBatchSize')).toBeNull();
  });

  test("a framework's own loader builder (build_train_loader) counts as well", () => {
    const text = lines(...head, 'loader = data.build_train_loader(corpus, batch_size=args.train_batch_size)');
    expect(written(text, 'microBatchSize')).toEqual([32, 4]);
  });

  test('never given to a loader, or divided first, it is not read as the per-device batch', () => {
    expect(written(lines(...head, 'run(args)'), 'microBatchSize')).toBeNull();
    const divided = lines(...head, 'parser.add_argument("--gradient_accumulation_steps", default=4, type=int)',
      'per_step = args.train_batch_size // args.gradient_accumulation_steps',
      'train_loader = DataLoader(pairs, batch_size=per_step)');
    expect(written(divided, 'microBatchSize')).not.toEqual([32, 4]);
  });

  test('given only to an evaluation loader it is not the per-device training batch', () => {
    const text = lines(...head, 'test_loader = DataLoader(dev_pairs, batch_size=args.train_batch_size)');
    expect(written(text, 'microBatchSize')).toBeNull();
  });

  test('a YAML file is not a script: the generic reading stands', () => {
    const v = extract(lines('train_batch_size: 32', 'lr: 3e-5'), 'run.yaml').optimizers[0]?.hyperparameters;
    expect(v?.globalBatchSize?.value).toBe(32);
  });
});

describe('a launcher whose only run settings are Hydra overrides of trainer blocks', () => {
  const shell = (...l: string[]): ReturnType<typeof extract> => extract(lines('#!/bin/bash', ...l), 'launch_run.sh');
  test('a block override of the batch is read with no optimizer value written', () => {
    const r = shell('torchrun -m trainer.run \\', '  dataloader.batch_size=24 \\', '  wandb.project=demo');
    expect(r.optimizers[0]?.hyperparameters.microBatchSize?.value).toBe(24);
  });
  test("an override of the evaluation's batch alone is no training run", () => {
    const r = shell('python -m main mode=eval eval.batch_size=8 sampling.steps=100');
    expect(r.optimizers[0]?.hyperparameters.microBatchSize).toBeUndefined();
  });
});
